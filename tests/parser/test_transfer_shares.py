"""A supplier's share of a buyer's imports names both sides."""

from __future__ import annotations

import pytest

from .transfers_helper import pairs


@pytest.mark.parametrize(
    ("sentence", "pair"),
    [
        ("China supplied 82 per cent of Pakistan's imports.", ("CHN", "PAK")),
        ("Russia accounted for 36 per cent of India's arms imports.", ("RUS", "IND")),
        ("Russia made up half of Indian arms imports.", ("RUS", "IND")),
        ("France supplied a third of Egypt's arms purchases in the period.", ("FRA", "EGY")),
    ],
)
def test_a_share_of_a_buyers_imports_is_supplied_by_the_subject(sentence, pair):
    assert pairs(sentence) == {pair}


@pytest.mark.parametrize(
    "sentence",
    [
        "Saudi Arabia supplied 30 per cent of China's oil imports.",
        "Oil accounted for 40 per cent of Nigeria's exports.",
    ],
)
def test_a_share_of_other_imports_is_no_transfer(sentence):
    assert pairs(sentence) == set()
