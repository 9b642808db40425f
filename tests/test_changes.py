"""What changed between two briefs (pipeline.stages.compare), on brief.json dicts written here:
a toll that rises, a place corrected, a reworded article, a duplicate, a source removed."""

import json

import pytest

from pipeline.inference.embed import HashingEmbedder
from pipeline.stages.changes import Changes
from pipeline.stages.compare import compare, moved

HASHING = HashingEmbedder().embed


def span(path, start=0, end=10):
    return {"path": path, "start": start, "end": end}


def doc(path, sha, status="used", published=None, title=None):
    return {"path": path, "sha256": sha, "status": status, "published": published, "title": title, "site": None}


def brief(sentences, documents, facts=(), timeline=()):
    """A brief.json dict: `sentences` as (text, [paths])."""
    return {
        "schema": "brief/1",
        "incident": "flood",
        "sentences": [
            {"text": t, "method": "extracted", "sources": [span(p) for p in paths]} for t, paths in sentences
        ],
        "facts": list(facts),
        "timeline": list(timeline),
        "documents": list(documents),
    }


LEDE = "Three people died when the river flooded the town of Millbrook on Monday."
BRIDGE = "The mayor closed the old stone bridge until engineers inspect it."
POWER = "Power was cut across the town for most of the night."


def test_a_rising_toll_is_an_update_with_both_values_their_sources_and_dates():
    old = brief(
        [(LEDE, ["a.txt"]), (BRIDGE, ["a.txt"])],
        [doc("a.txt", "1", published="2025-03-03")],
        facts=[{"slot": "killed", "value": "3", "detail": "people", "sources": [span("a.txt")]}],
    )
    raised = "Five people died when the river flooded the town of Millbrook on Monday."
    new = brief(
        [(raised, ["b.txt"]), (BRIDGE, ["a.txt"])],
        [doc("a.txt", "1", published="2025-03-03"), doc("b.txt", "2", published="2025-03-04")],
        facts=[
            {
                "slot": "killed",
                "value": "5",
                "detail": "people",
                "sources": [span("a.txt"), span("b.txt")],
                "history": [
                    {"value": "3", "date": "2025-03-03", "note": None, "sources": [span("a.txt")]},
                    {"value": "5", "date": "2025-03-04", "note": None, "sources": [span("b.txt")]},
                ],
            }
        ],
    )
    changes = compare(old, new, HASHING, since="2025-03-03T10:00:00+0000")
    [u] = changes.updated
    assert (u.slot, u.old.value, u.new.value) == ("killed", "3", "5")
    assert (u.old.date, u.new.date) == ("2025-03-03", "2025-03-04")
    assert [r.path for r in u.old.sources] == ["a.txt"] and [r.path for r in u.new.sources] == ["b.txt"]
    # The lede restates the toll with the new figure: the update says it, not a second "new" line.
    assert not changes.new
    assert changes.summary() == "killed 3 -> 5, 1 source added"


def test_the_same_fact_from_a_new_article_is_not_new_and_a_new_fact_is():
    old = brief([(LEDE, ["a.txt"])], [doc("a.txt", "1")])
    new = brief([(LEDE, ["a.txt", "b.txt"]), (POWER, ["b.txt"])], [doc("a.txt", "1"), doc("b.txt", "2")])
    changes = compare(old, new, HASHING)
    assert [(f.text, f.brought_by) for f in changes.new] == [(POWER, ("b.txt",))]
    assert changes.summary() == "1 new fact, 1 source added"


def test_a_fact_that_moved_into_the_brief_from_an_article_read_before_is_not_news():
    old = brief([(LEDE, ["a.txt"])], [doc("a.txt", "1"), doc("b.txt", "2")])
    new = brief([(LEDE, ["a.txt"]), (POWER, ["b.txt"])], [doc("a.txt", "1"), doc("b.txt", "2")])
    changes = compare(old, new, HASHING)
    assert not changes.new and not changes.noticeable
    assert changes.summary() == "no change a reader would notice"


@pytest.mark.slow
def test_a_reworded_copy_of_an_article_brings_no_new_fact(minilm):
    """Meaning is the point here: the real embedder, as briefs are built with it."""
    old = brief([(LEDE, ["a.txt"]), (BRIDGE, ["a.txt"])], [doc("a.txt", "1")])
    reworded = "On Monday the river burst its banks in Millbrook, killing three people."
    bridge = "Until engineers have inspected it, the old stone bridge stays shut, the mayor said."
    new = brief([(reworded, ["b.txt"]), (bridge, ["b.txt"])], [doc("a.txt", "1"), doc("b.txt", "2")])
    changes = compare(old, new, minilm.embed)
    assert not changes.new and not changes.withdrawn and not changes.updated
    assert changes.headline is not None and changes.headline.same_meaning
    assert changes.summary() == "no change a reader would notice, 1 source added"


def test_a_person_named_now_where_the_old_brief_described_them_brings_no_new_fact():
    # The hashing embedder sees few shared words: only the parse tells one fact from two.
    intro = "Police questioned Dario Fenn, a 41-year-old baker, about the fire."
    old = brief([(LEDE, ["a.txt"]), (intro, ["a.txt"]), ("A 41-year-old baker was arrested.", ["a.txt"])],
                [doc("a.txt", "1")])  # fmt: skip
    named = "Dario Fenn was arrested over the blaze."
    later = "Dario Fenn was arrested again on Friday."
    new = brief([(LEDE, ["a.txt"]), (intro, ["a.txt"]), (named, ["b.txt"]), (later, ["b.txt"])],
                [doc("a.txt", "1"), doc("b.txt", "2")])  # fmt: skip
    changes = compare(old, new, HASHING)
    assert [f.text for f in changes.new] == [later]  # another arrest, with its day, is news


def test_a_duplicate_article_brings_nothing_and_is_listed_as_a_source():
    old = brief([(LEDE, ["a.txt"])], [doc("a.txt", "1")])
    copy = doc("copy.txt", "9", status="duplicate")
    new = brief([(LEDE, ["a.txt", "copy.txt"]), (POWER, ["a.txt", "copy.txt"])], [doc("a.txt", "1"), copy])
    changes = compare(old, new, HASHING)
    assert not changes.new
    assert [(s.path, s.change) for s in changes.sources] == [("copy.txt", "added")]


def test_a_fact_whose_only_source_was_removed_is_withdrawn_and_one_still_sourced_is_not():
    old = brief(
        [(LEDE, ["a.txt", "b.txt"]), (POWER, ["b.txt"])],
        [doc("a.txt", "1"), doc("b.txt", "2", title="Millbrook in the dark")],
    )
    new = brief([(LEDE, ["a.txt"])], [doc("a.txt", "1")])
    changes = compare(old, new, HASHING)
    assert [(w.text, [r.path for r in w.sources]) for w in changes.withdrawn] == [(POWER, ["b.txt"])]
    assert [(s.path, s.change, s.title) for s in changes.sources] == [("b.txt", "removed", "Millbrook in the dark")]
    assert changes.summary() == "1 fact withdrawn, 1 source removed"


def test_a_changed_article_that_no_longer_says_a_fact_withdraws_it():
    old = brief([(LEDE, ["a.txt"]), (POWER, ["b.txt"])], [doc("a.txt", "1"), doc("b.txt", "2")])
    new = brief([(LEDE, ["a.txt"])], [doc("a.txt", "1"), doc("b.txt", "3")])
    changes = compare(old, new, HASHING)
    assert [w.text for w in changes.withdrawn] == [POWER]
    assert [(s.path, s.change) for s in changes.sources] == [("b.txt", "changed")]


def test_a_place_corrected_is_an_update_and_a_wider_or_reworded_one_is_not():
    def where(value, detail=None):
        return {"slot": "where", "value": value, "detail": detail, "sources": []}

    assert moved("where", where("al-Bab", "Syria"), where("Tadef", "Syria"))
    assert not moved("where", where("al-Bab", "Syria"), where("Syria"))
    # One place written two ways (the frame's place key reads them as one): no update.
    assert not moved("where", where("al-Bab"), where("Al Bab", "Syria"))
    assert moved("where", where("al-Bab"), where("Al Qaim", "Iraq"))
    assert not moved("who", where("A Russian airstrike"), where("Russian warplanes"))
    assert moved("who", where("John Smith"), where("Jane Doe"))
    assert moved("killed", {"value": "3"}, {"value": "5"}) and not moved("killed", {"value": "3"}, {"value": "3"})


def test_a_participant_is_corrected_only_when_the_new_brief_no_longer_states_the_old_one():
    def who(value, path):
        return {"slot": "who", "value": value, "detail": None, "sources": [span(path)]}

    arrest = "Police arrested John Smith after the flood."
    old = brief([(LEDE, ["a.txt"]), (arrest, ["a.txt"])], [doc("a.txt", "1")], facts=[who("John Smith", "a.txt")])
    docs = [doc("a.txt", "1"), doc("b.txt", "2")]
    # The frame now names another actor of the story, and the brief still tells of John Smith.
    still = brief([(LEDE, ["a.txt"]), (arrest, ["a.txt"])], docs, facts=[who("Jane Doe", "b.txt")])
    assert not compare(old, still, HASHING).updated
    # The brief no longer names him: the new source corrected who it was.
    fixed = brief([(LEDE, ["a.txt"]), ("Police arrested Jane Doe after the flood.", ["b.txt"])], docs,
                  facts=[who("Jane Doe", "b.txt")])  # fmt: skip
    [u] = compare(old, fixed, HASHING).updated
    assert (u.slot, u.old.value, u.new.value) == ("who", "John Smith", "Jane Doe")


def test_a_suspect_named_by_a_new_article_is_a_new_fact_of_the_frame():
    old = brief([(LEDE, ["a.txt"])], [doc("a.txt", "1")])
    who = {"slot": "who", "value": "Tom Vale", "detail": None, "sources": [span("b.txt")]}
    new = brief([(LEDE, ["a.txt"])], [doc("a.txt", "1"), doc("b.txt", "2")], facts=[who])
    [f] = compare(old, new, HASHING).new
    assert (f.slot, f.text, f.brought_by) == ("who", "Who: Tom Vale", ("b.txt",))


def test_a_frame_value_the_other_brief_already_says_is_neither_new_nor_withdrawn():
    # The old brief names the place and the person in its sentences, though its frame left the
    # slots empty: a new lede that fills them brings no news. A value it never said still does.
    old = brief([(LEDE, ["a.txt"]), ("Mayor Ana Ruiz toured the town.", ["a.txt"])], [doc("a.txt", "1")])
    where = {"slot": "where", "value": "Millbrook", "detail": None, "sources": [span("b.txt")]}
    who = {"slot": "who", "value": "Mayor Ana Ruiz", "detail": None, "sources": [span("b.txt")]}
    whom = {"slot": "whom", "value": "Tom Vale", "detail": None, "sources": [span("b.txt")]}
    new = brief([(LEDE, ["a.txt"])], [doc("a.txt", "1"), doc("b.txt", "2")], facts=[where, who, whom])
    assert [f.text for f in compare(old, new, HASHING).new] == ["To whom: Tom Vale"]
    # Removing b.txt again empties the slots; the brief still says Millbrook and Mayor Ana Ruiz.
    back = brief([(LEDE, ["a.txt"]), ("Mayor Ana Ruiz toured the town.", ["a.txt"])], [doc("a.txt", "1")])
    assert [w.text for w in compare(new, back, HASHING).withdrawn] == ["To whom: Tom Vale"]
    # A count is another matter: the same number and noun may count something else.
    hurt = brief([("Three people were hurt when the river flooded Millbrook.", ["a.txt"])], [doc("a.txt", "1")])
    killed = {"slot": "killed", "value": "3", "detail": "people", "sources": [span("b.txt")]}
    toll = brief([(BRIDGE, ["a.txt"])], [doc("a.txt", "1"), doc("b.txt", "2")], facts=[killed])
    assert [f.slot for f in compare(hurt, toll, HASHING).new] == ["killed"]


def test_changes_survive_brief_json_and_say_themselves_in_one_line():
    old = brief([(LEDE, ["a.txt"]), (POWER, ["b.txt"])], [doc("a.txt", "1"), doc("b.txt", "2")])
    new = brief([(LEDE, ["a.txt"]), (BRIDGE, ["c.txt"])], [doc("a.txt", "1"), doc("c.txt", "4")])
    changes = compare(old, new, HASHING, since="2025-03-03T10:00:00+0000")
    back = Changes.from_dict(json.loads(json.dumps(changes.to_dict())))
    assert back == changes
    assert back.summary() == "1 new fact, 1 fact withdrawn, 1 source added, 1 source removed"
    assert back.lines()[0] == "since 2025-03-03T10:00:00+0000: " + back.summary()
