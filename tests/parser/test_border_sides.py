"""A party a supply sentence names only as the far side of a border is a place,
not a side of the supply (``warfare.border_only``); invented sentences."""
from __future__ import annotations

import pytest

from workers.parser.catalogue.actors import find_actors, mention_index
from workers.parser.nlp import get_nlp
from workers.parser.transfers.warfare import border_only


def _border_only(text: str, code: str) -> bool:
    doc = get_nlp()(text)
    index = mention_index(find_actors(doc))
    return border_only(next(iter(doc.sents)), code, index)


@pytest.mark.parametrize("text", [
    "The missiles Moscow will sell Minsk will help guard the long western border with Poland.",
    "The radars Finland bought from Israel will watch Russia's border from next year.",
])
def test_a_party_named_only_at_a_border_is_a_place(text):
    code = "POL" if "Poland" in text else "RUS"
    assert _border_only(text, code)


def test_a_party_that_receives_is_not_only_at_a_border():
    assert not _border_only("Germany sent tanks to Poland to guard the border with Belarus.", "POL")
