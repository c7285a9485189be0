"""A state that pays for arms another party gets supplies that party (the
corpus's funder convention)."""

from __future__ import annotations

import pytest

from workers.parser import parse_article


def _pairs(text: str) -> dict[tuple[str, str], str]:
    return {(t.supplier, t.recipient): t.status for t in parse_article(text, content_type="text/plain").transfers}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Germany will pay for two Patriot systems for Ukraine.", {("DEU", "UKR"): "planned"}),
        ("Germany will finance two Patriot systems for Ukraine.", {("DEU", "UKR"): "planned"}),
        ("Germany agreed to pay for Patriot systems for Ukraine.", {("DEU", "UKR"): "contracted"}),
    ],
)
def test_the_payer_for_arms_supplies(sentence, expected):
    assert _pairs(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    ["Germany pays for fuel for Ukraine.", "Ukraine will pay for the jets."],
)
def test_paying_for_other_goods_or_for_ones_own_arms_is_no_funding(sentence):
    assert _pairs(sentence) == {}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # the purchase paid for: the payer and the seller both supply the party it is for
        ("Norway will fund the purchase of 50,000 shells for Ukraine from South Korea.",
         {("NOR", "UKR"), ("KOR", "UKR")}),
        ("Qatar financed the purchase of French rifles for the Lebanese army.", {("QAT", "LBN"), ("FRA", "LBN")}),
        ("Canada will pay for the purchase of an air defence system for Ukraine from Norway.",
         {("CAN", "UKR"), ("NOR", "UKR")}),
    ],
)
def test_a_funded_purchase_is_bought_by_the_party_it_is_for(sentence, expected):
    assert set(_pairs(sentence)) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Kongsberg will deliver air defence systems to Ukraine, paid for by Denmark.", {("NOR", "UKR"), ("DNK", "UKR")}),
        ("The howitzers, funded by Belgium, were delivered to Ukraine last week.", {("BEL", "UKR")}),
    ],
)
def test_a_passive_payer_supplies_the_recipient_of_the_clause(sentence, expected):
    assert expected <= set(_pairs(sentence))


def test_a_passive_payer_of_no_arms_supplies_nothing():
    assert _pairs("The new hospital in Kharkiv, funded by Denmark, opened on Monday.") == {}
