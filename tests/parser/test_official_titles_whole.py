"""Offices named whole: two portfolios of one office, a post inside a body,
a department in brackets; and offices that stop where another person's name or
a preposition starts. Every sentence here is written for these tests."""

from __future__ import annotations

import pytest

from workers.parser.people.officials import extract_officials


def _titles(nlp, text: str) -> dict[str, str | None]:
    return {o.name: o.title for o in extract_officials(nlp(text))}


@pytest.mark.parametrize(
    ("text", "name", "title"),
    [
        ("Finance and Economy Minister Thabo Nkosi told reporters the sale was legal.", "Thabo Nkosi",
         "Finance and Economy Minister"),
        ("Rafael Duarte, the interior and justice minister, denied the report.", "Rafael Duarte",
         "interior and justice minister"),
        ("The visit was led by the chief of the Navy General Staff, Rear Admiral Lucas Ferreyra.", "Lucas Ferreyra",
         "chief of the Navy General Staff"),
        ("Major General Sani Bello, the Ghanaian Army's Chief of Policy and Plans, received the trucks.",
         "Sani Bello", "Chief of Policy and Plans"),
        ("Secretary (Border Management) Anil Mehra said the radars had arrived.", "Anil Mehra",
         "Secretary (Border Management)"),
        ("The shipyard's Chairman of the Board Kemal Yildiz signed for the company.", "Kemal Yildiz",
         "Chairman of the Board"),
        # a seat of power in two words names the body whole
        ("White House spokeswoman Dana Corwell said the jets would be sold.", "Dana Corwell",
         "White House spokeswoman"),
        ("Downing Street spokesman Tom Asher said the licences were under review.", "Tom Asher",
         "Downing Street spokesman"),
        # legal offices in lower case are offices, not a rank ("general")
        ("Moldova's prosecutor general Ion Rusu said the rifles were smuggled.", "Ion Rusu", "prosecutor general"),
        ("Deputy solicitor general Mara Quist told the court the licences were lawful.", "Mara Quist",
         "Deputy solicitor general"),
    ],
)
def test_offices_are_whole(nlp, text, name, title):
    assert _titles(nlp, text).get(name) == title


def test_an_acronym_in_brackets_is_no_department(nlp):
    text = "Director of the Federal Arms Agency (FAA) Pyotr Lebedev said the contracts were signed."
    assert _titles(nlp, text).get("Pyotr Lebedev") == "Director"


@pytest.mark.parametrize(
    ("text", "name", "title"),
    [
        # another person's office and name end the run before "and"
        ("A meeting between U.S. Secretary of State Mike Pompeo and Israeli Prime Minister Benjamin Netanyahu "
         "broke no deadlock.", "Benjamin Netanyahu", "Prime Minister"),
        # "under" is part of an office only as "under secretary"
        ("The sanctions hit Paul Malong Awan, a former army chief of staff under President Salva Kiir.",
         "Salva Kiir", "President"),
    ],
)
def test_offices_stop_at_another_person(nlp, text, name, title):
    assert _titles(nlp, text).get(name) == title


def test_two_offices_joined_by_and_stay_apart(nlp):
    text = ("The order was announced by Prime Minister Lars Berg, alongside Minister of Defence Nils K. Dahl and "
            "Chief of Defence General Erik Holm, who had backed the offer.")
    found = _titles(nlp, text)
    assert found.get("Nils K. Dahl") == "Minister of Defence"
    assert found.get("Erik Holm") == "Chief of Defence"
