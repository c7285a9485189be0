"""A party a copula ranks among the buyers or suppliers of arms ("Algeria is
one of the biggest buyers of Russian weapons"): ``triggers.noun_candidate``."""

from __future__ import annotations

import pytest

from tests.parser.transfers_helper import pairs as _pairs


@pytest.mark.parametrize(
    ("sentence", "pair"),
    [
        ("Algeria is one of the biggest buyers of Russian weapons.", ("RUS", "DZA")),
        ("Vietnam has been among the largest buyers of Russian weapons for decades.", ("RUS", "VNM")),
        ("Egypt became one of the largest customers for French arms.", ("FRA", "EGY")),
    ],
)
def test_a_party_ranked_among_the_buyers_of_a_makers_arms_buys_from_it(sentence, pair):
    assert _pairs(sentence) == {pair}


def test_an_order_won_from_a_buyer_is_not_the_buyers_supply():
    pairs = _pairs("South Korea's KAI wins order for 12 more FA-50 fighters from Philippines")
    assert ("PHL", "KOR") not in pairs
