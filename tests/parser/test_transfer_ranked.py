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
        # "client" names a buyer as "customer" does
        ("Ghana is one of the biggest clients of Czech arms.", ("CZE", "GHA")),
    ],
)
def test_a_party_ranked_among_the_buyers_of_a_makers_arms_buys_from_it(sentence, pair):
    assert _pairs(sentence) == {pair}


def test_an_order_won_from_a_buyer_is_not_the_buyers_supply():
    pairs = _pairs("South Korea's KAI wins order for 12 more FA-50 fighters from Philippines")
    assert ("PHL", "KOR") not in pairs


def test_a_client_of_the_story_buys_from_its_seller():
    # a client for arms of no named maker buys from the story's one seller
    pairs = _pairs("Belarus sold 20 tanks to Serbia in 2015. Vietnam ordered 40 howitzers from Belarus in 2016."
                   " Egypt has been a steady client for radars, engines and trucks.")
    assert ("BLR", "EGY") in pairs
