"""Transfer statuses that the trigger's tense alone gets wrong: a hedged sale
that a state has approved, or a purchase it allows, is planned; arms that a
state's forces fly or field were delivered."""

from __future__ import annotations

import pytest

from workers.parser import parse_article


def _pairs(text: str) -> dict[tuple[str, str], str]:
    return {(t.supplier, t.recipient): t.status for t in parse_article(text, content_type="text/plain").transfers}


@pytest.mark.parametrize(
    ("sentence", "pair"),
    [
        ("The State Department has made a determination approving a possible Foreign Military Sale "
         "to the Government of Norway of Javelin missiles for an estimated cost of $90 million.", ("USA", "NOR")),
        ("Trump said he was allowing Japan to buy more F-35 jets from the United States.", ("USA", "JPN")),
    ],
)
def test_an_approved_or_allowed_sale_is_planned(sentence, pair):
    assert _pairs(sentence).get(pair) == "planned"


def test_a_possible_sale_nobody_approved_is_still_considered():
    assert _pairs("Norway is weighing a possible purchase of Patriot batteries from the United States.") \
        .get(("USA", "NOR")) == "considering"


def test_arms_that_fly_with_a_force_were_delivered():
    rows = _pairs("Turkey has sold Bayraktar TB2 drones to Ukraine. "
                  "The drone already flies with the armed forces of Ethiopia, Morocco and Qatar.")
    assert {pair: rows.get(pair) for pair in [("TUR", "ETH"), ("TUR", "MAR"), ("TUR", "QAT")]} == {
        ("TUR", "ETH"): "delivered", ("TUR", "MAR"): "delivered", ("TUR", "QAT"): "delivered"}
