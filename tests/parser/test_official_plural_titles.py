"""A list of names right after a plural title ("Senators A and B", "Sens. A,
B and C", "Defence Ministers A and B", "Foreign ministers A of Germany and B of
France"): each name holds the office in the singular. Every sentence here is written for these tests."""

from __future__ import annotations

import pytest

from workers.parser.people.officials import extract_officials


def _titles(nlp, text: str) -> dict[str, str | None]:
    return {o.name: o.title for o in extract_officials(nlp(text))}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Senators Walter Crane and Ann Holbrook opposed the sale of the jets.",
         {"Walter Crane": "Senator", "Ann Holbrook": "Senator"}),
        ("Sens. Walter Crane, Ann Holbrook and Peter Lyle introduced a resolution against the sale.",
         {"Walter Crane": "Sen.", "Ann Holbrook": "Sen.", "Peter Lyle": "Sen."}),
        ("Defence Ministers Jonas Berg and Karin Lund signed the order for the tanks.",
         {"Jonas Berg": "Defence Minister", "Karin Lund": "Defence Minister"}),
        ("Foreign ministers Anke Brandt of Germany and Claire Morel of France met in Berlin.",
         {"Anke Brandt": "Foreign Minister", "Claire Morel": "Foreign Minister"}),
        ("Senators Walter Crane of Ohio and Ann Holbrook of Maine opposed the sale.",
         {"Walter Crane": "Senator", "Ann Holbrook": "Senator"}),
    ],
)
def test_each_name_after_a_plural_title_holds_it(nlp, text, expected):
    found = _titles(nlp, text)
    assert {name: found.get(name) for name in expected} == expected


def test_a_name_after_the_list_holds_no_office(nlp):
    found = _titles(nlp, "Senators Walter Crane and Ann Holbrook met the envoy. Later Peter Lyle, a student, spoke.")
    assert "Peter Lyle" not in found
