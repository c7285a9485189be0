"""What counts as arms for a supply verb: firearms and warplanes, and a
quantity of arms written "hundreds of tanks"."""

from __future__ import annotations

import pytest

from workers.parser import parse_article


def _pairs(text: str) -> dict[tuple[str, str], str]:
    return {(t.supplier, t.recipient): t.status for t in parse_article(text, content_type="text/plain").transfers}


@pytest.mark.parametrize(
    ("sentence", "pair"),
    [
        ("Washington handed over 625 firearms to the Philippines.", ("USA", "PHL")),
        ("Poland sent Ukraine hundreds of tanks.", ("POL", "UKR")),
        ("Spain bought bullets from an Israeli company.", ("ISR", "ESP")),
        ("Croatia received two gunships from the United States.", ("USA", "HRV")),
        ("Egypt bought pistols and carbines from Germany.", ("DEU", "EGY")),
        ("Poland has been a backer of Kyiv, sending Ukraine hundreds of Soviet-era tanks.", ("POL", "UKR")),
    ],
)
def test_arms_words_and_quantities_of_arms(sentence, pair):
    assert pair in _pairs(sentence)


def test_hundreds_of_something_else_is_no_supply():
    assert _pairs("Poland sent Ukraine hundreds of doctors.") == {}
