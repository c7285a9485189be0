"""Who buys and who sells in market sentences: a possessive in what the subject
is said to be is someone else's, a nation on a buyer's noun buys, and a ranked
list of the market's importers names no one seller's customers."""

from __future__ import annotations

import pytest

from .transfers_helper import pairs


@pytest.mark.parametrize(
    ("text", "pair"),
    [
        ("India kept its place as the largest arms importer. Russia was still its main supplier.", ("RUS", "IND")),
        ("Indian arms imports from Russia fell by a third in five years.", ("RUS", "IND")),
        ("The Egyptian order for Rafale jets from France was signed in 2015.", ("FRA", "EGY")),
    ],
)
def test_the_buyer_and_the_seller_keep_their_sides(text, pair):
    found = pairs(text)
    assert pair in found
    assert (pair[1], pair[0]) not in found


def test_a_ranking_of_the_markets_importers_names_no_sellers_customers():
    text = "France sold jets to Egypt and Qatar. The top ten importers were India, Saudi Arabia, Qatar and Ukraine."
    assert pairs(text) == {("FRA", "EGY"), ("FRA", "QAT")}


def test_a_sellers_own_customers_are_its_buyers():
    text = "France sold jets to Egypt. Its customers also include Qatar and India."
    assert {("FRA", "QAT"), ("FRA", "IND")} <= pairs(text)


@pytest.mark.parametrize(
    ("sentence", "pair"),
    [
        ("Vietnam has been one of Russia's most loyal arms customers.", ("RUS", "VNM")),
        ("Vietnam is Russia's biggest arms customer.", ("RUS", "VNM")),
        ("India's purchase of Rafale jets from France was completed.", ("FRA", "IND")),
    ],
)
def test_the_owner_of_a_customer_sells_and_the_owner_of_a_purchase_buys(sentence, pair):
    assert pairs(sentence) == {pair}


def test_parts_named_by_a_system_tagged_as_a_number_are_arms():
    assert pairs("The Netherlands has stopped exports of F-35 parts to Israel.") == {("NLD", "ISR")}
