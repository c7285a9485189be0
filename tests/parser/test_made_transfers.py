"""Arms one state made in the hands of another: "<maker>-made <arms>" held by
the possessor or by the subject of a verb of using them; never for arms that
only strike."""

from __future__ import annotations

import pytest

from workers.parser import parse_article


def _pairs(text: str) -> set[tuple[str, str]]:
    return {(t.supplier, t.recipient) for t in parse_article(text, content_type="text/plain").transfers}


@pytest.mark.parametrize(
    ("sentence", "pair"),
    [
        ("Armenia's arsenal is still largely made up of Russian-supplied weapons.", ("RUS", "ARM")),
        ("Indonesia, which has operated two German-built Type 209 submarines since the early 1980s, wants more.",
         ("DEU", "IDN")),
        ("Kenya operates Chinese-made Z-9 helicopters.", ("CHN", "KEN")),
    ],
)
def test_the_holder_of_arms_another_state_made_received_them(sentence, pair):
    assert _pairs(sentence) == {pair}


@pytest.mark.parametrize(
    "sentence",
    ["Ukraine shot down six Iranian-made drones overnight.", "Russian-made missiles hit Kyiv."],
)
def test_arms_that_only_strike_have_no_holder(sentence):
    assert _pairs(sentence) == set()
