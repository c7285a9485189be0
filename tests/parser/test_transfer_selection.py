"""A buyer that chooses arms plans to buy them from their maker; the rival
bids it passes over are no rows, and a choice of anything else is no transfer."""

from __future__ import annotations

import pytest

from workers.parser import parse_article


def _statuses(text: str) -> dict[tuple[str, str], str]:
    return {(t.supplier, t.recipient): t.status for t in parse_article(text, content_type="text/plain").transfers}


@pytest.mark.parametrize(
    ("sentence", "pair"),
    [
        ("Poland chose Hanwha's K9 howitzers over rival bids.", ("KOR", "POL")),
        ("Norway selected the South Korean K9 howitzer for its army.", ("KOR", "NOR")),
        ("Croatia opted for French Rafale jets instead of the F-16.", ("FRA", "HRV")),
        ("Switzerland selected the F-35A over the Rafale and the Eurofighter.", ("USA", "CHE")),
    ],
)
def test_chosen_arms_are_a_planned_purchase_from_their_maker(sentence, pair):
    assert _statuses(sentence) == {pair: "planned"}


@pytest.mark.parametrize("sentence", ["Voters chose a new president.", "Germany picked a site for the new factory."])
def test_choosing_something_else_is_no_transfer(sentence):
    assert _statuses(sentence) == {}


def test_the_signer_of_a_letter_of_intent_to_buy_arms_buys_them():
    assert ("ITA", "BRA") in _statuses("Brazil has signed a letter of intent to buy Italian helicopters.")
