"""A purchase that names no buyer of its own ("an attempt to buy Swedish
Gripens foundered") is the story's buyer's: the maker its national word names
sells to the article's main recipient."""

from __future__ import annotations

import pytest

from tests.parser.transfers_helper import pairs


@pytest.mark.parametrize(
    ("text", "expected", "absent"),
    [
        # an attempt to buy, the national word on the first part of the name
        ("Peru signed a contract for 12 F-16 jets from the United States on Monday. An earlier attempt to buy"
         " Swedish JAS 39 Gripens in 2018 failed when money ran short.", ("SWE", "PER"), None),
        # a plan to buy, the national word on the jets, another party beside
        ("Peru signed a contract for 12 F-16 jets from the United States on Monday. A plan to buy South Korean"
         " FA-50 fighters collapsed after Britain refused to clear their seats.", ("KOR", "PER"), None),
        # a plan to buy "from" a maker of a state, blocked by people who are no party
        ("Austria will buy 30 F-35 jets from the United States. In 2016 voters blocked a plan to buy Rafale jets"
         " from France's Dassault.", ("FRA", "AUT"), None),
    ],
)
def test_untold_buyer_is_main_recipient(text: str, expected: tuple[str, str], absent: tuple[str, str] | None) -> None:
    found = pairs(text)
    assert expected in found
    assert absent not in found


def test_own_buyer_is_kept() -> None:
    # the buyer the sentence names is the buyer, not the story's
    found = pairs("Peru signed a contract for 12 F-16 jets from the United States. Chile's attempt to buy"
                  " Swedish Gripens failed.")
    assert ("SWE", "CHL") in found
    assert ("SWE", "PER") not in found
