"""Whether a sentence tells something that took place, and what the frame does with a prospect.

A cluster written over days holds the articles written before the event: their leads tell the
plan alike and agreement picks them. The frame lets a plan give way to a lead that tells it done.
Sentences are ours; vectors are built by hand so that each case fixes its cosines."""

import numpy as np
import pytest
from test_event_choice import _axis, _unit  # hand-built vectors, as the event tests build them

from pipeline.stages.frame import build_frame
from pipeline.stages.happened import done, prospect
from pipeline.stages.parser import docs
from pipeline.types import Document, Sentence

PROSPECTS = [
    ("The ferry operators are scheduled to meet the port authority next month.", "expectation"),
    ("The harbour master said on Monday that he would resign before the summer.", "modal:would"),
    ("The rescue of the stranded hikers may depend on the weather over the pass.", "modal:may"),
    ("The new coach wants to win the cup in his first season.", "intention"),
    ("Hollis Bakery is on the verge of a merger, people close to the talks said.", "imminence"),
    ("The city council plans to close the old bridge to lorries.", "intention"),
    ("The board is expected to approve the budget on Friday.", "expectation"),
    ("The ministers will sign the water treaty in Lisbon.", "future"),
]
HAPPENED = [
    "A rockfall closed the mountain road on Sunday.",
    "The harbour master said on Monday that he had resigned.",
    "Three hikers were rescued from the pass after a night in the snow.",
    "The council has closed the old bridge to lorries.",
    "Hollis Bakery announced on Tuesday that it was merging with Rye House.",
    "The union threatened to strike over the new rota, a spokeswoman said.",
    "Gunmen tried to storm the embassy on Friday.",
    "Divers set out to search the wreck at dawn.",
]
STATES = [
    "Eight of the seats on the board are now held by women.",
    "The bridge carries about nine thousand cars a day.",
]


@pytest.mark.parametrize("text,kind", PROSPECTS)
def test_a_plan_a_schedule_a_forecast_or_a_modal_is_a_prospect(text, kind):
    why = prospect(text)
    assert why is not None and why.startswith(kind)
    assert not done(text)


@pytest.mark.parametrize("text", HAPPENED)
def test_a_past_or_perfect_clause_tells_something_done(text):
    assert prospect(text) is None
    assert done(text)


@pytest.mark.parametrize("text", STATES)
def test_a_present_state_is_neither_a_prospect_nor_done(text):
    assert prospect(text) is None
    assert not done(text)


def _frame(leads):
    """One article per (text, vector), the text its only content sentence."""
    documents, pool = [], []
    for k, (text, _) in enumerate(leads):
        doc = Document(f"d{k}", f"{k}.txt", text, "0" * 64, "utf-8")
        documents.append(doc)
        pool.append(Sentence(f"d{k}:0", doc.id, 0, len(text), text))
    vectors = np.array([v for _, v in leads])
    return build_frame(documents, pool, vectors, {d.id: d.path for d in documents}, docs)


PLAN = "Hollis Bakery is on the verge of a deal to buy Rye House, people close to the talks said."


def test_a_plan_that_the_articles_tell_alike_gives_way_to_a_later_lead_that_tells_it_done():
    # Three articles from before the deal tell the plan almost alike; the fourth, written after
    # it, tells the deal signed (cosine about 0.7 to each): agreement alone would take the plan.
    plans = [(PLAN, _unit(_axis(0) + 0.15 * _axis(1 + k))) for k in range(3)]
    deal = ("Hollis Bakery signed its agreement to buy Rye House on Tuesday.", _unit(_axis(0) + _axis(5)))
    frame = _frame(plans + [deal])
    assert frame.event is not None and frame.event.text == deal[0]


def test_a_story_that_is_all_prospect_keeps_its_plan_against_a_present_state():
    # An election preview: nothing is done yet. A state of the present told nearby ("now held")
    # does not tell the plan done, so the plan stays the event.
    preview = "Voters in Dale County will choose a new sheriff on Tuesday."
    plans = [(preview, _unit(_axis(0) + 0.15 * _axis(1 + k))) for k in range(3)]
    state = ("Dale County's sheriff post is now held by an independent.", _unit(_axis(0) + _axis(5)))
    frame = _frame(plans + [state])
    assert frame.event is not None and frame.event.text == preview


def test_a_done_lead_that_tells_another_thing_does_not_replace_the_plan():
    plans = [(PLAN, _unit(_axis(0) + 0.15 * _axis(1 + k))) for k in range(3)]
    other = ("A delivery van overturned on the ring road on Tuesday.", _axis(7))
    frame = _frame(plans + [other])
    assert frame.event is not None and frame.event.text == PLAN
