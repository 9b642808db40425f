"""A person's age that articles give differently (pipeline.stages.ages): sentences written for
these tests."""

from __future__ import annotations

from datetime import date

import pytest

from pipeline.stages.ages import ages, people, rival_ages
from pipeline.stages.differences import differing_ages
from pipeline.stages.view import describe
from pipeline.types import Sentence


def _ages(text: str) -> list[tuple[str, int]]:
    return [(a.name, a.value) for a in ages([text])[0]]


@pytest.mark.parametrize(
    "text, found",
    [
        ("Lena Varga, 52, was detained on Friday.", [("Lena Varga", 52)]),
        ("The ferry's captain, Tomas Brandt, 61, said he had warned the owners.", [("Tomas Brandt", 61)]),
        ("Brandt, 60, has sailed the route for decades.", [("Brandt", 60)]),
        ("Piet Oms, aged 35, was arrested near the dock.", [("Piet Oms", 35)]),
        ("Police detained 44-year-old Oms on Friday.", [("Oms", 44)]),
        ("The 44-year-old Piet Oms denied the charge.", [("Piet Oms", 44)]),
        ("Ruiz (47) spoke to reporters.", [("Ruiz", 47)]),
        # A title before the name is no given name.
        ("Mayor Ana Ruiz, 47, of Port Elm said the town would rebuild.", [("Ana Ruiz", 47)]),
        # The small parser hangs this age on the place; the name right before it is the person.
        ("Speaking at Sella Harbour Terminal, Oms, 44, said little about the crossing.", [("Oms", 44)]),
        ("Two brothers, Ivo Hahn, 30, and Emil Hahn, 27, ran the boat.", [("Ivo Hahn", 30), ("Emil Hahn", 27)]),
    ],
)
def test_an_age_beside_a_name_is_read(text, found):
    assert _ages(text) == found


@pytest.mark.parametrize(
    "text",
    [
        "In 2010, Varga, then 43, founded the company.",  # an age at another time
        "The then 43-year-old Varga founded the company.",
        "Varga was 52 when she was arrested.",  # not beside the name
        "The victims, 12 and 14, were cousins.",  # no name
        "The 52-year-old Dane was released on bail in May.",  # a description, not the name
        "The 44-year-old Oms denied the charge.",  # after "the", one word may be either: not read
        "Flights resumed on Route 9, 2019 saw fewer delays.",  # not an age
    ],
)
def test_what_is_not_a_persons_age_now_is_not_read(text):
    assert _ages(text) == []


def _found(*items: tuple[str, str]) -> list[tuple[int, str, object]]:
    out = []
    for k, (doc, text) in enumerate(items):
        out += [(k, doc, a) for a in ages([text])[0]]
    return out


def test_a_bare_surname_is_the_one_full_name_it_belongs_to():
    found = _found(("a", "Lena Varga, 52, was detained."), ("b", "Varga, 53, denied the charge."))
    assert {k: [a.value for _, _, a in g] for k, g in people(found).items()} == {"Lena Varga": [52, 53]}


def test_a_bare_surname_of_two_people_is_nobodys():
    found = _found(("a", "Ivo Hahn, 30, and Emil Hahn, 27, ran the boat."), ("b", "Hahn, 31, steered."))
    assert {k: [a.value for _, _, a in g] for k, g in people(found).items()} == {"Emil Hahn": [27], "Ivo Hahn": [30]}


def test_one_article_giving_two_ages_to_one_name_means_two_people():
    found = _found(("a", "Hahn, 58, and his son Hahn, 27, ran the boat."), ("b", "Hahn, 57, steered."))
    assert people(found) == {}


def test_ages_rival_only_across_articles_published_close_together():
    found = _found(("a", "Lena Varga, 52, was detained."), ("b", "Lena Varga, 53, was detained."))
    group = people(found)["Lena Varga"]
    assert rival_ages(group, {"a": date(2024, 3, 1), "b": date(2024, 3, 3)})
    assert rival_ages(group, {})  # dates unknown: taken as close
    assert not rival_ages(group, {"a": date(2023, 3, 1), "b": date(2024, 3, 3)})  # a birthday may have passed
    same = _found(("a", "Lena Varga, 52, was detained."), ("a", "Varga, 53, was born in Sella."))
    assert people(same) == {}


def _pool(*items: tuple[str, str]) -> list[Sentence]:
    return [Sentence(f"{doc}:{k}", doc, 0, len(text), text) for k, (doc, text) in enumerate(items)]


def test_the_differences_stage_shows_rival_ages_with_their_sources():
    pool = _pool(
        ("d1", "Lena Varga, 52, was detained on Friday at the port."),
        ("d2", "Prosecutors said Varga, 53, would appear in court on Monday."),
        ("d2", "The ferry left Sella at dawn."),
        ("d3", "Lena Varga, 52, denies the charge."),
    )
    paths = {"d1": "a.txt", "d2": "b.txt", "d3": "c.txt"}
    found = differing_ages(pool, paths, {"d1": "2024-03-01", "d2": "2024-03-02", "d3": None})
    assert len(found) == 1 and found[0].kind == "age"
    assert [v.number for v in found[0].versions] == [52, 53]
    assert [[s.path for s in v.sources] for v in found[0].versions] == [["a.txt", "c.txt"], ["b.txt"]]
    assert describe(found[0]) == "Lena Varga's age: sources give different ages."
    agree = _pool(("d1", "Lena Varga, 52, was detained."), ("d2", "Varga, 52, denies the charge."))
    assert differing_ages(agree, paths, {}) == []
