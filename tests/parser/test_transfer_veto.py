"""A state that vetoes a sale or transfer refuses that supply (denied); a veto
of anything else is no transfer. A state that approves a purchase supplies it
(planned): the seller, or the state whose consent a re-export needs."""

from __future__ import annotations

import pytest

from workers.parser import parse_article


def _statuses(text: str) -> dict[tuple[str, str], str]:
    return {(t.supplier, t.recipient): t.status for t in parse_article(text, content_type="text/plain").transfers}


@pytest.mark.parametrize(
    ("sentence", "pair"),
    [
        ("Washington vetoed the sale of the trainer jets to Bolivia because they contain US parts.", ("USA", "BOL")),
        ("The United States vetoed the transfer of the F-16s to Croatia.", ("USA", "HRV")),
    ],
)
def test_a_vetoed_sale_is_denied_by_the_vetoing_state(sentence, pair):
    assert _statuses(sentence).get(pair) == "denied"


def test_a_veto_of_something_else_is_no_transfer():
    assert _statuses("Russia vetoed a UN resolution on Syria.") == {}


def test_a_veto_does_not_deny_the_vetoing_states_other_supplies():
    text = "The United States delivered tanks to Poland. Washington vetoed the sale of the jets to Bolivia."
    assert _statuses(text).get(("USA", "POL")) == "delivered"


@pytest.mark.parametrize(
    ("sentence", "pair"),
    [
        ("Washington approved Germany's purchase of the Patriot system.", ("USA", "DEU")),
        ("The United States approved the purchase of Patriot missiles by Poland.", ("USA", "POL")),
    ],
)
def test_the_state_that_approves_a_purchase_supplies_it_planned(sentence, pair):
    assert _statuses(sentence).get(pair) == "planned"
