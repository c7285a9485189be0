"""Given names the model's labels hide: one left out of a PERSON entity at the
start of a sentence joins the tagged rest when the article never writes it in
lower case ("Recep" before "Tayyip Erdogan"); one that is also a capital's
name ("Santiago Peña") is a given name when the model runs it into one entity
with the next word. Every sentence here is written for these tests."""

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


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Santiago Peña, the president, said the jets would arrive soon.", "Santiago Peña"),
        ("Santiago Peña said the jets would arrive soon.", "Santiago Peña"),
    ],
)
def test_a_given_name_that_is_also_a_capital(nlp, text, name):
    assert name in build_resolver(nlp(text)).names


def test_a_capital_before_a_name_stays_a_place(nlp):
    names = build_resolver(nlp("In Moscow Dmitry Peskov, the Kremlin spokesman, said the jets would arrive.")).names
    assert names == ["Dmitry Peskov"]
