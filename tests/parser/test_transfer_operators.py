"""A state that uses another state's named arms has received them, also when
the sentence is passive ("K9 howitzers are used by Poland")."""

from __future__ import annotations

import pytest

from workers.parser import parse_article


def _pairs(text: str) -> dict[tuple[str, str], str]:
    return {(t.supplier, t.recipient): t.status for t in parse_article(text, content_type="text/plain").transfers}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("South Korea's K9 howitzers are now used by Poland and Estonia.",
         {("KOR", "POL"): "delivered", ("KOR", "EST"): "delivered"}),
        ("Egypt operates France's Rafale jets.", {("FRA", "EGY"): "delivered"}),
    ],
)
def test_users_of_a_states_named_arms_received_them(sentence, expected):
    assert _pairs(sentence) == expected


def test_arms_used_by_a_state_in_an_attack_name_no_supplier():
    assert _pairs("The tanks were used by Russia in the attack.") == {}
