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
