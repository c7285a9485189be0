"""A given name the small model leaves out of a PERSON entity at the start of
a sentence joins the tagged rest when the article never writes it in lower
case ("Recep" before "Tayyip Erdogan"). Every sentence here is written for
these tests."""

from __future__ import annotations

import pytest

from workers.parser.people.officials import build_resolver


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Erdogan told Putin that Turkey would buy more S-400s. Recep Tayyip Erdogan later denied it.",
         "Recep Tayyip Erdogan"),
        ("The talks ended without a deal. Mehmet Kaan Yildirim later denied it.", "Mehmet Kaan Yildirim"),
    ],
)
def test_a_given_name_opening_a_sentence_joins_the_tagged_rest(nlp, text, name):
    assert name in build_resolver(nlp(text)).names
