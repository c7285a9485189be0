"""Executives of privately owned arms makers hold no public position and are
not officials; heads of state-owned makers are. A name used as the modifier of
a common noun ("the Morozov design bureau") is no person. Every sentence here
is written for these tests."""

from __future__ import annotations

import pytest

from workers.parser.people.officials import extract_officials


def _names(nlp, text: str) -> set[str]:
    return {o.name for o in extract_officials(nlp(text))}


@pytest.mark.parametrize("text", [
    "Saab's chief executive, Micael Johansson, said the order book had never been longer.",
    "Robert Ortberg, president and chief executive of Boeing, said the tankers would be late.",
    "Baykar won the tender. Selcuk Bayraktar, the company's chairman, said the drones would ship in May.",
])
def test_an_executive_of_a_private_maker_is_no_official(nlp, text):
    assert not _names(nlp, text)


@pytest.mark.parametrize(("text", "name"), [
    ("Yury Slyusar, general director of the state-owned United Aircraft Corporation, said the jets were ready.",
     "Yury Slyusar"),
    ("Saab lost the tender. Ahmed Kamal, the chairman of the state company, said the trucks would ship in May.",
     "Ahmed Kamal"),
])
def test_a_head_of_a_state_maker_is_an_official(nlp, text, name):
    assert name in _names(nlp, text)


def test_a_name_before_a_common_noun_is_no_person(nlp):
    from workers.parser.people.persons import people_in
    text = "Pavel Orlov, general director of the Morozov design bureau, said the first hull was ready."
    names = [p.name for p in people_in(nlp(text))]
    assert "Morozov" not in names
