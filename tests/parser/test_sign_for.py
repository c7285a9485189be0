"""Signing *for* arms buys them: the signer receives, the seller is the "from"
party, the maker the phrase names, or the maker of the system."""

from __future__ import annotations

import pytest

from workers.parser import parse_article


@pytest.mark.parametrize(
    ("sentence", "pair"),
    [
        ("Malaysia signed for 18 FA-50 jets in 2023.", ("KOR", "MYS")),
        ("Thailand meanwhile signed for 28 Chinese VT-4 tanks and is looking at more.", ("CHN", "THA")),
        ("Croatia signed for 12 second-hand Rafales from France.", ("FRA", "HRV")),
        ("Ethiopia contracted for 200 Russian T-72 tanks in 2011.", ("RUS", "ETH")),
    ],
)
def test_the_signer_for_arms_receives_them(sentence, pair):
    rows = parse_article(sentence, content_type="text/plain").transfers
    assert [(t.supplier, t.recipient, t.status) for t in rows] == [(*pair, "contracted")]
    assert rows[0].confidence < 0.8


def test_signing_for_something_else_is_no_transfer():
    assert parse_article("Poland signed for a new motorway with a Spanish builder.",
                         content_type="text/plain").transfers == []
