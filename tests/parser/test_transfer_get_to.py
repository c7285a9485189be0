"""Getting arms *to* a party delivers them; an apposition the parser hangs
across the verb is no member of the subject's list."""

from __future__ import annotations

import pytest

from .transfers_helper import pairs


@pytest.mark.parametrize(
    ("sentence", "pair"),
    [
        ("Iran has been getting drones to Russia by ship.", ("IRN", "RUS")),
        ("Poland wants to get its MiG-29 jets to Ukraine quickly.", ("POL", "UKR")),
        ("Egypt and Sudan are reported to be getting rifles to Libya, chiefly the Libyan National Army.",
         ("EGY", "LBY")),
    ],
)
def test_getting_arms_to_a_party_supplies_it(sentence, pair):
    assert pair in pairs(sentence)


def test_getting_arms_from_a_party_is_still_buying():
    assert pairs("Ukraine got weapons from the United States.") == {("USA", "UKR")}


def test_an_apposition_across_the_verb_is_no_supplier():
    found = pairs("Egypt and Sudan are reported to be getting rifles to Libya, chiefly the Libyan National Army.")
    assert not any(s == "libyan-national-army" for s, _r in found)
