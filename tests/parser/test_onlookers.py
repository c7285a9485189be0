"""A party that only reacts to a supply (sees, judges or condemns it) is no giver,
even when it made the arms; the project's own invented sentences."""
from __future__ import annotations

import pytest

from workers.parser import parse_article


def _pairs(text: str) -> set[tuple[str, str]]:
    return {(t.supplier, t.recipient) for t in parse_article(text, content_type="text/plain").transfers}


@pytest.mark.parametrize("sentence", [
    "Officials warned that Moscow could read a transfer of MiG-29 jets to Ukraine as a hostile step.",
    "The Kremlin condemned the transfer of Soviet-built MiG-29 fighters to Ukraine as reckless.",
])
def test_a_maker_that_only_reacts_to_a_transfer_does_not_give(sentence):
    assert ("RUS", "UKR") not in _pairs(sentence)


def test_a_maker_that_approves_a_transfer_still_gives():
    # a verb that manages the supply keeps its subject as the giver
    assert ("RUS", "UKR") in _pairs("Moscow approved the transfer of MiG-29 jets to Ukraine last spring.")


def test_a_side_of_the_war_named_as_an_adjective_gives_nothing():
    # "the Russian offensive" names Russia only as the side the arms are to stop
    text = ("Germany is sending more tanks to Ukraine. Ukraine is best served by getting the weapons "
            "it needs to stop the Russian offensive, which are tanks and air defence.")
    pairs = {(s, r) for s, r in _pairs(text)}
    assert ("DEU", "UKR") in pairs
    assert ("RUS", "UKR") not in pairs
