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
