"""Which words a date dates (pipeline.stages.timeline.dated_words), read on the parse."""

from datetime import date

import pytest

from pipeline.stages import dates
from pipeline.stages.parser import docs
from pipeline.stages.timeline import dated_words

pytestmark = pytest.mark.slow  # loads the spaCy parser


def _words(text, published=date(2021, 3, 5)):
    when = [w for w in dates.resolve(text, published) if w.iso][0]
    return dated_words(text, when, docs([text])[0])


def test_a_date_of_the_main_verb_dates_the_sentence_and_one_of_a_noun_dates_the_noun_phrase():
    text = "The harbour reopened on Monday after repairs."
    assert _words(text) == text
    phrase = _words("Residents remember the storm of March 2015 that tore the roof off the market.")
    assert phrase == "the storm of March 2015 that tore the roof off the market"


def test_a_clause_read_out_of_its_sentence_drops_its_opening_word():
    found = _words("Residents were calm, as was the case when a storm flooded the quay on February 12 last year.")
    assert found is not None and found.startswith("a storm flooded the quay on February 12")


def test_a_possibility_half_a_quotation_and_a_bare_date_are_not_timeline_entries():
    assert _words("Voters could reject the harbour plan in 2019.") is None
    assert _words('The mayor told reporters in 2019 that the plan "would ruin the bay.') is None
    assert _words("The second half of 2019 was quiet.") is None


@pytest.mark.parametrize(
    "text",
    [
        "Ana Ruiz left the bank to start a software company in 1994.",
        "The crew trained for weeks to cross the strait in June 2018.",
        "Councillors met for hours, hoping to close the budget gap in March 2020.",
        "Rescuers worked through the night, pulling 12 people from the rubble on February 3, 2021.",
        "The mayor flew home, planning to reopen the bridge on February 20, 2021.",
    ],
)
def test_a_clause_without_its_subject_is_no_entry(text):
    """An infinitive or a participle read out of its sentence says neither who acted nor that it
    happened: "to start a software company in 1994"."""
    assert _words(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "Reporters asked about a meeting on June 2, 2019, at which, the board alleges, the firm offered a deal.",
        "The hearing turned to a call on May 4, 2019, in which, prosecutors claim, the driver confessed.",
        "Lawyers cited a letter of March 2019 in which, the union says, the plant admitted the leak.",
        "Witnesses described a party on July 9, 2020, after which, police believe, the pair fled.",
        "The inquiry heard of a phone call on October 1, 2020, during which, the family insists, the pilot apologised.",
    ],
)
def test_an_entry_cut_off_from_what_its_speaker_alleges_is_no_entry(text):
    assert _words(text) is None


@pytest.mark.parametrize(
    "text, entry",
    [
        ("Ana Ruiz started a software company in 1994.", "Ana Ruiz started a software company in 1994."),
        (
            "Councillors recalled the strike of March 2019 that the union denied.",
            "the strike of March 2019 that the union denied",
        ),
    ],
)
def test_a_clause_with_its_subject_and_a_denial_with_its_object_stay(text, entry):
    assert _words(text) == entry


def test_a_sentence_whose_own_words_are_no_entry_still_backs_the_entry_that_tells_the_same():
    """Article b gives the date only in a clause with no subject ("before being sunk by a storm in
    March 2019"): its words are no entry, but it tells of the same sinking, so it is cited."""
    import numpy as np

    from pipeline.stages.timeline import build_timeline
    from pipeline.types import Sentence

    texts = {
        "a": "A storm sank the cargo ship Vela off Tarn in March 2019.",
        "b": "The cargo ship Vela sailed for years before being sunk by a storm off Tarn in March 2019.",
        "c": "A ferry capsized near Tarn on Tuesday, killing 12 people.",
    }
    pool = [Sentence(f"{d}:0", d, 0, len(t), t) for d, t in texts.items()]
    vectors = np.array([[1.0, 0.0], [0.96, 0.28], [0.0, 1.0]])  # a and b tell of one sinking
    assert _words(texts["b"]) is None
    timeline = build_timeline(
        pool, vectors, {d: date(2021, 3, 5) for d in texts}, date(2021, 3, 2), pool[2], {d: d for d in texts}, docs
    )
    sinking = next(e for e in timeline if e.date == "2019-03")
    assert sinking.text == texts["a"]
    assert [s.path for s in sinking.sources] == ["a", "b"]


@pytest.mark.parametrize(
    "text, entry",
    [
        (
            "Talks turned to the Tarn Heights, which Vell captured from Osk in 1967.",
            "the Tarn Heights, which Vell captured from Osk in 1967",
        ),
        ("Police arrested a man who attacked a guard on March 1.", "a man who attacked a guard on March 1"),
        ("Divers found the Vela, which sank off Tarn in May 2019.", "the Vela, which sank off Tarn in May 2019"),
    ],
)
def test_a_relative_clause_dates_the_noun_it_describes_and_keeps_its_pronoun(text, entry):
    """Cut out of its noun, "which Vell captured from Osk in 1967" loses its opening word and reads
    "Vell captured from Osk in 1967": captured what?"""
    assert _words(text) == entry


def test_a_line_with_no_verb_at_its_top_is_no_entry():
    assert _words("2011-13: Leads Tarn in June 2012 to rebuild the port, but is blamed for the flood.") is None
    assert _words("2018-19: Governor of Tarn in June 2018 after the flood, then minister of ports.") is None
