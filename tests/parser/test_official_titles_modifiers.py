"""Which words make an official's title: a body named in common nouns before
the head belongs to it ("chief cabinet secretary", "the defence ministry
spokesman"), as it does when capitalised; a counterpart set off by commas
holds the office of the person before, not the rank before the name ("his
Peruvian counterpart, Admiral X"), and keeps the rank when no one before has
an office; an office after a word of kinship ("the wife of President X") is
the relative's; a date or a sentence's opening word before the office ("On
Sunday Secretary of State X", "When Secretary X") is no part of it. Every sentence here is written for these tests."""

from __future__ import annotations

import pytest

from workers.parser.people.officials import extract_officials


def _titles(nlp, text: str) -> dict[str, str | None]:
    return {o.name: o.title for o in extract_officials(nlp(text))}


@pytest.mark.parametrize(
    ("text", "name", "title"),
    [
        ("Hiroshi Tanabe, Japan's chief cabinet secretary, told reporters the rules would change.", "Hiroshi Tanabe",
         "chief cabinet secretary"),
        ("Lars Berg, the defence ministry spokesman, said the tanks had left.", "Lars Berg",
         "defence ministry spokesman"),
        ("Chief Cabinet Secretary Hiroshi Tanabe told reporters the rules would change.", "Hiroshi Tanabe",
         "Chief Cabinet Secretary"),
    ],
)
def test_a_body_in_common_nouns_stays_in_the_title(nlp, text, name, title):
    assert _titles(nlp, text).get(name) == title


@pytest.mark.parametrize(
    ("text", "name", "title"),
    [
        ("Chilean Defence Minister Rosa Pinto and her Peruvian counterpart, Admiral Jorge Salas, signed the deal.",
         "Jorge Salas", "Defence Minister"),
        ("He later met his Peruvian counterpart, Admiral Jorge Salas, in Lima.", "Jorge Salas", "Admiral"),
    ],
)
def test_a_counterpart_with_a_rank_holds_the_office_of_the_person_before(nlp, text, name, title):
    assert _titles(nlp, text).get(name) == title


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Maria Ortiz, the wife of President Jorge Ortiz, attended the ceremony.", {"Jorge Ortiz": "President"}),
        ("Khalid Nasser, the eldest son of the emir, watched the jets land.", {}),
    ],
)
def test_a_relative_s_office_is_not_the_person_s(nlp, text, expected):
    assert _titles(nlp, text) == expected


def test_a_counterpart_of_an_officeholder_named_without_the_office(nlp):
    found = _titles(nlp, "Lloyd Austin and his Japanese counterpart Kenta Morimoto agreed to co-produce missiles.")
    assert found.get("Kenta Morimoto") == found.get("Lloyd Austin") is not None


@pytest.mark.parametrize(
    ("text", "name", "title"),
    [
        ("On 20 February Defence Minister Ruth Kane announced the order.", "Ruth Kane", "Defence Minister"),
        ("On Sunday Secretary of State Ann Blake said the sale was approved.", "Ann Blake", "Secretary of State"),
        ("In January Armed Forces Minister Ruth Kane announced the order.", "Ruth Kane", "Armed Forces Minister"),
        ("During King Faisal's visit the deal was signed.", "Faisal", "King"),
        ("When Secretary Ann Blake arrived, the talks began.", "Ann Blake", "Secretary"),
        ("First Deputy Prime Minister Pavel Serov said the jets were ready.", "Pavel Serov",
         "First Deputy Prime Minister"),
    ],
)
def test_a_date_before_the_office_is_no_part_of_it(nlp, text, name, title):
    assert _titles(nlp, text).get(name) == title
