"""A deal named after the selling nation ("the French submarine deal"): the
signer buys from that nation, and a deal called off is suspended."""

from __future__ import annotations

import pytest

from workers.parser import parse_article


def _pairs(text: str) -> dict[tuple[str, str], str]:
    return {(t.supplier, t.recipient): t.status for t in parse_article(text, content_type="text/plain").transfers}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Canberra scrapped the French submarine deal in 2021.", {("FRA", "AUS"): "suspended"}),
        ("India froze the Russian helicopter deal.", {("RUS", "IND"): "suspended"}),
        ("Australia signed the French submarine deal in 2016.", {("FRA", "AUS"): "contracted"}),
    ],
)
def test_a_deal_named_after_the_seller(sentence, expected):
    assert _pairs(sentence) == expected


def test_a_deal_for_other_goods_is_no_transfer():
    assert _pairs("Germany scrapped the Russian gas deal.") == {}
