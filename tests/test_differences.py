"""Issue 14: where sources differ. Tiny hand-written incidents pin what is and is not a
difference; the seeds pin the coordinates dispute. Real MiniLM embeddings (the thresholds are
set for it), so these are slow tests."""

from __future__ import annotations

import pytest
from conftest import SEEDS, write_incident

from pipeline.config import Config
from pipeline.runtime.run import Pipeline, prepare_pool
from pipeline.stages.differences import claims, find_differences
from pipeline.types import Sentence

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def pipeline():
    p = Pipeline.from_config(Config(summariser="extractive"))
    p.warm_up()
    return p


def differences(tmp_path, pipeline, articles: dict[str, str]):
    prep = prepare_pool(write_incident(tmp_path / "inc", articles), pipeline)
    return find_differences(prep.corpus.documents, prep.pool, prep.pool_vectors)


def _claims(text: str):
    return [(c.quantity, c.noun, c.number, c.other_event) for c in claims(Sentence("x:0", "x", 0, len(text), text))]


def test_claims_read_figures_and_their_nouns():
    assert _claims("Three Turkish soldiers were killed and 11 others wounded in the airstrike.") == [
        ("killed", "soldier", 3, False),
        ("wounded", "soldier", 11, False),
    ]
    assert _claims("The blast killed 12 people and injured at least 40 near the station.") == [
        ("killed", "person", 12, False),
        ("wounded", "person", 40, False),
    ]
    assert _claims("Five other Turkish soldiers were killed in clashes with militants.")[0][3] is True
    assert _claims("Police arrested four men on Sunday.") == [("arrested", "men", 4, False)]
    assert _claims("One of the 11 injured was wounded badly.") == [("wounded", "", 11, False)]  # not "one"
    assert _claims("The 30-year-old driver was hurt.") == []


BLAST_A = (
    "A gas explosion tore through a chemical plant in the town of Norden on Tuesday morning. "
    "The explosion killed three workers on Tuesday, the regional fire service said. "
    "Fire crews fought the blaze for six hours before it was under control.\n"
)
BLAST_B = (
    "Five workers were killed on Tuesday when a gas explosion ripped through a chemical plant in Norden, police said. "
    "The plant makes solvents for the paint industry and employs about 200 people.\n"
)


def test_a_rival_toll_for_one_event_is_flagged(tmp_path, pipeline):
    found = differences(tmp_path, pipeline, {"a.txt": BLAST_A, "b.txt": BLAST_B})
    tolls = [d for d in found if d.kind == "toll"]
    assert len(tolls) == 1 and tolls[0].topic == "killed: worker" and not tolls[0].update
    assert [v.number for v in tolls[0].versions] == [3, 5]
    assert [sp.path for v in tolls[0].versions for sp in v.sources] == ["a.txt", "b.txt"]


def test_a_toll_that_grows_with_the_dates_is_an_update(tmp_path, pipeline):
    early = (
        "Floods hit Varna\n\n12 March 2021\n\nFour people died when floodwaters swept through the town of Varna "
        "on Friday, officials said. Rescue teams searched the river banks through the night.\n"
    )
    late = (
        "Varna counts the cost of the floods\n\n14 March 2021\n\nNine people died when floodwaters swept through "
        "the town of Varna on Friday, officials said. Schools in the town will stay closed until Wednesday.\n"
    )
    found = differences(tmp_path, pipeline, {"early.txt": early, "late.txt": late})
    assert len(found) == 1 and found[0].kind == "toll" and found[0].update
    assert [(v.number, v.published) for v in found[0].versions] == [(4, "2021-03-12"), (9, "2021-03-14")]


def test_another_event_with_its_own_number_is_not_a_rival(tmp_path, pipeline):
    other = (
        "Two other workers were killed in a separate fire at a warehouse in Norden on Tuesday, police said. "
        "In 2015 an explosion at the same plant killed seven workers.\n"
    )
    found = differences(tmp_path, pipeline, {"a.txt": BLAST_A, "c.txt": other})
    assert found == []


DISPUTE_RU = (
    "Kremlin spokesman Dmitry Peskov said the strike was based on coordinates provided by the Turkish side. "
    "He said Moscow regretted the loss of life.\n"
)
DISPUTE_TR = (
    "The Turkish military had provided Russian commanders with the exact coordinates of its units a day before the "
    "bombing, according to a statement by the Turkish Armed Forces. The statement was issued on Friday.\n"
)


def test_a_fact_disputed_by_two_parties_is_flagged(tmp_path, pipeline):
    found = differences(tmp_path, pipeline, {"ru.txt": DISPUTE_RU, "tr.txt": DISPUTE_TR})
    assert len(found) == 1
    d = found[0]
    assert d.kind == "dispute" and d.topic == "coordinates"
    assert [v.speaker.split(" (")[0] for v in d.versions] == ["Russia", "Turkey"]
    assert "Kremlin" in d.versions[0].speaker and "Turkish Armed Forces" in d.versions[1].speaker


def test_accounts_that_agree_are_not_a_dispute(tmp_path, pipeline):
    ru = (
        "Kremlin spokesman Dmitry Peskov said Turkish officers had shared the coordinates of their units with "
        "Russian planners before the strike.\n"
    )
    tr = (
        "Turkish officers had shared the coordinates of their units with Russian planners before the strike, "
        "according to the Turkish Armed Forces.\n"
    )
    same_toll_ru = "Three Turkish soldiers were killed in the Russian strike, the Kremlin said.\n"
    same_toll_tr = "A Russian strike killed three Turkish soldiers, according to the Turkish army.\n"
    found = differences(tmp_path, pipeline, {"ru.txt": ru, "tr.txt": tr, "x.txt": same_toll_ru, "y.txt": same_toll_tr})
    assert found == []


def test_seeds_show_the_coordinates_dispute_and_no_rival_toll(tmp_path, pipeline):
    prep = prepare_pool(SEEDS, pipeline)
    found = find_differences(prep.corpus.documents, prep.pool, prep.pool_vectors)
    disputes = [d for d in found if d.kind == "dispute"]
    assert [d.topic for d in disputes] == ["coordinates"]
    texts = [v.text for v in disputes[0].versions]
    assert "Peskov said the strike was based on coordinates provided by the Turkish side" in texts[0]
    assert "The Turkish military had provided Russian forces with the coordinates" in texts[1]
    # "Five other Turkish soldiers were killed ... in clashes with ISIL militants" is another event.
    assert not any("ISIL" in v.text or v.number in (5, 10, 66) for d in found for v in d.versions)
    assert [d for d in found if d.kind == "toll"] == []


def test_a_version_is_dated_as_when_its_article_was_published_not_when_it_was_said():
    """A version carries its article's publication date; a bare date beside a quotation reads as
    the day it was said, which the article may not give (the seeds' Friday statement was dated
    by the Saturday article that reported it)."""
    from pipeline.stages.render import to_markdown
    from pipeline.types import Brief, Difference, SourceSpan, Version

    v = Version(
        "The depot was hit by mistake, the ministry said.", (SourceSpan("d1", "a.txt", 0, 10, 0.9),), None, "2021-03-14"
    )
    w = Version("The depot was a target, the rebels said.", (SourceSpan("d2", "b.txt", 0, 10, 0.9),))
    md = to_markdown(Brief("inc", (), (), differences=(Difference("dispute", "the depot", (v, w)),)))
    lines = [ln for ln in md.splitlines() if "depot was" in ln]
    assert len(lines) == 2 and lines[0].endswith(", published 2021-03-14") and "published" not in lines[1]
