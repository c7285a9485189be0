"""Embargoes and bans on arms: a suspended row from the party that imposes them
to their target, with a middling confidence; a ban on anything else is none."""

from __future__ import annotations

import pytest

from workers.parser import parse_article
from workers.parser.transfers.embargoes import CONFIDENCE


def _rows(text: str) -> dict[tuple[str, str], tuple[str, float]]:
    return {(t.supplier, t.recipient): (t.status, t.confidence)
            for t in parse_article(text, content_type="text/plain").transfers}


@pytest.mark.parametrize(
    ("text", "pairs"),
    [
        ("The European Union's arms embargo on Syria has been in force since May 2011.", {("eu", "SYR")}),
        ("The EU embargo on arms sales to Russia, adopted in July, did not reach back to older contracts.",
         {("eu", "RUS")}),
        ("The deal was blocked by the arms embargo that the United Kingdom has maintained on Argentina since 1982.",
         {("GBR", "ARG")}),
        ("The United States has maintained its own ban on arms sales to China since 1989.", {("USA", "CHN")}),
        # a verb of banning with arms as its object
        ("The European Union has banned arms exports to all of Sudan since 1994.", {("eu", "SDN")}),
        ("It places a partner in the same category as Myanmar, Sudan and Zimbabwe, which are also under EU arms"
         " embargoes.", {("eu", "MMR"), ("eu", "SDN"), ("eu", "ZWE")}),
        # "its" embargo: the passive subject of "is set to (postpone lifting)"
        ("The European Union is set to postpone lifting its arms embargo on China, diplomats said.", {("eu", "CHN")}),
    ],
)
def test_an_arms_embargo_is_a_suspended_row_from_its_imposer(text, pairs):
    rows = _rows(text)
    assert set(rows) == pairs
    assert all(rows[p] == ("suspended", CONFIDENCE) for p in pairs)


@pytest.mark.parametrize(
    "text",
    [
        "Germany lifted its ban on travel to Italy.",
        "France banned smoking in bars across the country.",
        "The United Nations arms embargo on Libya has done little to stop the fighting.",
    ],
)
def test_no_row_for_other_bans_or_for_a_body_that_supplies_nothing(text):
    assert _rows(text) == {}
