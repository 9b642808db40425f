"""Dates a sentence gives, resolved against the article's publication date or the incident's."""

from datetime import date

from pipeline.stages.dates import as_date, resolve, shown, unresolved_weekdays


def _isos(text, published=None, incident=None):
    return [(w.text, w.iso, w.basis) for w in resolve(text, published, incident)]


def test_a_weekday_is_the_last_such_day_up_to_the_publication_date_across_a_month_end():
    # Published Tuesday 2 March 2021: "on Saturday" is 27 February.
    assert _isos("The dam gave way on Saturday, officials said.", date(2021, 3, 2)) == [
        ("Saturday", "2021-02-27", "published")
    ]


def test_a_weekday_across_a_year_end_and_the_day_of_publication_itself():
    # Published Monday 3 January 2022: "on Thursday" is 30 December 2021, "Monday" that same day.
    found = _isos("The ferry sank on Thursday and divers resumed the search on Monday.", date(2022, 1, 3))
    assert found == [("Thursday", "2021-12-30", "published"), ("Monday", "2022-01-03", "published")]


def test_yesterday_last_and_next():
    found = _isos("He was charged yesterday, questioned last Friday and will appear next Monday.", date(2020, 6, 10))
    assert [iso for _, iso, _ in found] == ["2020-06-09", "2020-06-05", "2020-06-15"]


def test_without_a_publication_date_a_weekday_stays_relative_and_is_never_guessed():
    found = _isos("The strike hit the depot on Friday.", None, incident=date(2019, 4, 3))
    assert found == [("Friday", None, "relative")]


def test_a_month_and_day_take_the_year_that_puts_them_just_before_the_reference():
    # An article of 10 January 2018 recalling "December 19" means December 2017.
    assert _isos("A guard was shot on December 19.", date(2018, 1, 10)) == [("December 19", "2017-12-19", "published")]
    # With no date of its own, the incident's date fixes the year, saying so.
    assert _isos("A guard was shot on December 19.", None, date(2018, 1, 10)) == [
        ("December 19", "2017-12-19", "incident")
    ]
    assert _isos("A guard was shot on December 19.") == [("December 19", None, "relative")]


def test_full_dates_months_and_years_need_no_reference():
    found = _isos("The plant opened on 4 May 2009, closed in March 2015 and was sold in 2016.")
    assert found == [
        ("4 May 2009", "2009-05-04", "explicit"),
        ("March 2015", "2015-03", "explicit"),
        ("2016", "2016", "explicit"),
    ]
    assert _isos("Talks began on Oct. 12, 1998 in the capital.") == [("Oct. 12, 1998", "1998-10-12", "explicit")]


def test_words_that_are_not_dates():
    assert _isos("They may march on the capital since 2011 rules allow it.") == []


def test_shown_and_as_date():
    assert shown("2017-02-09") == "Thu 9 Feb 2017"
    assert shown("2015-11") == "Nov 2015" and shown("2015") == "2015"
    assert as_date("2015-11") is None and as_date("2017-02-09") == date(2017, 2, 9)


def test_a_count_keeps_its_qualifier():
    from pipeline.stages.counts import event_counts
    from pipeline.types import Sentence

    texts = ["At least 32 activists were arrested in the capital.", "Police arrested at least 32 activists."]
    pool = [Sentence(f"d{i}:0", f"d{i}", 0, len(t), t) for i, t in enumerate(texts)]
    facts, figures = event_counts(pool, pool, {}, {"d0": "a.txt", "d1": "b.txt"})
    assert [(f.slot, f.value) for f in facts] == [("arrested", "at least 32")] and figures == {32}


def test_a_day_the_calendar_names_with_a_weekday_word_is_not_that_weekday():
    # Published Tuesday 19 November 2019: "Black Friday" is a shopping day, not Friday 15 November.
    published = date(2019, 11, 19)
    assert _isos("Retailers cut prices ahead of Black Friday, the chain said.", published) == []
    assert _isos("Stores opened early on Good Friday and again on Easter Monday.", published) == []
    assert _isos("The candidates campaigned across Virginia before Super Tuesday.", published) == []
    # The weekday beside a named day is still read, and a capitalised word before a weekday
    # is not a name unless the table says so ("the Senate Friday" is wire copy's day).
    assert _isos("Shoppers queued on Friday for Black Friday deals.", published) == [
        ("Friday", "2019-11-15", "published")
    ]
    assert _isos("The Senate Friday passed the bill.", published) == [("Friday", "2019-11-15", "published")]


def test_weekdays_an_undated_article_names_stay_as_weekdays_to_rule_days_out():
    text = "Executives said Sunday that talks began last Friday."
    assert unresolved_weekdays(text, None) == {6, 4}
    assert unresolved_weekdays(text, date(2021, 3, 5)) == set()  # resolved: they vote as days
    assert unresolved_weekdays("The bank was sold on May 3, 2019.", None) == set()
