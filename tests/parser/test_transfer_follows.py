"""A buyer that "followed with a contract/an order" after another's purchase in
the same sentence buys from the same seller; "followed" without a deal is no
purchase."""

from __future__ import annotations

import pytest

from tests.parser.transfers_helper import pairs


def test_a_follower_with_an_order_buys_from_the_same_seller() -> None:
    found = pairs("Italy sold M-346 trainers to Poland in 2014, and Greece followed in May with an order for ten jets.")
    assert ("ITA", "GRC") in found


@pytest.mark.parametrize(
    "text",
    [
        "Italy sold M-346 trainers to Poland in 2014, and Greece followed the talks closely.",
        "Italy sold M-346 trainers to Poland in 2014, and Greece followed with a statement of support.",
    ],
)
def test_following_without_a_deal_buys_nothing(text: str) -> None:
    assert ("ITA", "GRC") not in pairs(text)
