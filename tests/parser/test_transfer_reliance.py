"""A state that relies or depends on another nation's arms gets them from it."""

from __future__ import annotations

import pytest

from workers.parser import parse_article


def _pairs(text: str) -> dict[tuple[str, str], str]:
    return {(t.supplier, t.recipient): t.status for t in parse_article(text, content_type="text/plain").transfers}


@pytest.mark.parametrize(
    ("sentence", "pair"),
    [
        ("Algeria has long relied on Russian weapons, including Su-30 fighter jets.", ("RUS", "DZA")),
        ("India still depends on Russian arms for most of its military.", ("RUS", "IND")),
        ("Venezuela relies heavily on Russia's Sukhoi jets.", ("RUS", "VEN")),
        ("Vietnam depends on Russia for most of its military hardware.", ("RUS", "VNM")),
        ("Algeria has long relied on Moscow for its weapons.", ("RUS", "DZA")),
    ],
)
def test_reliance_on_a_nations_arms_is_supply(sentence, pair):
    assert set(_pairs(sentence)) == {pair}


def test_reliance_on_other_help_is_no_arms_supply():
    assert _pairs("Egypt relies on the United States for economic aid.") == {}


def test_reliance_on_a_party_for_something_other_than_arms_is_no_supply():
    assert _pairs("Ukraine relies on the United States for intelligence.") == {}
