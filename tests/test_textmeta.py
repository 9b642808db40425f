"""Title, outlet and date that a plain-text article states in common forms; nothing guessed."""

import pytest

from pipeline.stages.textmeta import parse_date, text_metadata


def test_headline_outlet_in_brackets_and_no_date():
    meta = text_metadata("Crane collapse closes port\n\n(CNN)The port authority closed the terminal on Tuesday.\n")
    assert (meta.title, meta.site, meta.published, meta.url) == ("Crane collapse closes port", "CNN", None, None)


@pytest.mark.parametrize(
    "first_line, outlet",
    [
        ("HARBOUR CITY (AP) -- The port authority closed the terminal on Tuesday.", "AP"),
        ("HARBOUR CITY, Norland (Reuters) - The port authority closed the terminal.", "Reuters"),
        ("HARBOUR CITY (AP) _ The port authority closed the terminal on Tuesday.", "AP"),
    ],
)
def test_dateline_names_the_agency(first_line, outlet):
    meta = text_metadata(first_line + "\nIt reopens next week, officials said.\n")
    assert meta.site == outlet and meta.title is None  # a first line that is a sentence is not a headline


def test_source_line_and_byline():
    text = (
        "Crane collapse closes port\nBy Lena Ortiz, Harbour Times\n\nThe terminal closed on Tuesday.\n\n"
        "Source: The Harbour Gazette\n"
    )
    meta = text_metadata(text)
    assert meta.title == "Crane collapse closes port"
    assert meta.author == "Lena Ortiz"
    assert meta.site == "Harbour Times"  # the byline's outlet comes first


def test_source_line_alone_names_the_outlet():
    assert text_metadata("The terminal closed on Tuesday.\nSource: The Harbour Gazette\n").site == "The Harbour Gazette"


def test_the_articles_date_after_the_headline_beats_the_pages_date_above_it():
    text = "Thursday, 30 March 2017\nLatest news\nCrane collapse closes port\n11 February 2017\nThe terminal closed.\n"
    meta = text_metadata(text)
    assert meta.title == "Crane collapse closes port" and meta.published == "2017-02-11"


@pytest.mark.parametrize(
    "line, iso",
    [
        ("11 February 2017", "2017-02-11"),
        ("Feb. 11, 2017", "2017-02-11"),
        ("February 11th, 2017", "2017-02-11"),
        ("Saturday, 11 February 2017", "2017-02-11"),
        ("2017-02-11", "2017-02-11"),
        ("2017-02-11T08:40:00Z", "2017-02-11"),
        ("31 February 2017", None),
        ("Feb 2017", None),
        ("The terminal closed on 11 February 2017.", None),
    ],
)
def test_parse_date(line, iso):
    assert parse_date(line) == iso


def test_menus_bullets_and_sentences_are_not_titles():
    text = "You are here\n• Crane collapse\nThe terminal closed on Tuesday after a crane fell.\n"
    assert text_metadata(text).title is None


def test_the_first_line_of_wrapped_wire_copy_is_not_a_headline():
    text = (
        "\nThe port authority on Tuesday closed the northern terminal after \n"
        "a crane collapsed onto two cargo ships, injuring four workers. \n"
    )
    assert text_metadata(text).title is None
    assert text_metadata("Worried that the crane would fall,\nworkers left the quay.\n").title is None


@pytest.mark.parametrize(
    "line, iso",
    [
        ("Wednesday, March 4, 2015, 9:12 AM - Cranes at the port stopped work.", "2015-03-04"),
        ("4 March 2015 09:12 GMT - Cranes at the port stopped work.", "2015-03-04"),
        ("Mar. 4, 2015 -- Cranes at the port stopped work.", "2015-03-04"),
        ("Wednesday, the crew - all six - stopped work.", None),  # no date
        ("Marching 4, 2015 - Cranes stopped.", None),  # no month
        ("Cranes stopped on March 4, 2015 - the first time in years.", None),  # not at the start
    ],
)
def test_a_date_stamp_before_the_first_sentence_is_the_articles_date(line, iso):
    meta = text_metadata("Crane collapse closes port\nBy Lena Ortiz\n" + line + "\nThe quay reopens on Friday.\n")
    assert meta.published == iso
