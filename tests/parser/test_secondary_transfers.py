"""Pairs named in passing, in a sentence the trigger rules leave: recorded with
a low confidence, and only when the syntax marks both sides."""

from __future__ import annotations

import pytest

from workers.parser import parse_article
from workers.parser.transfers.secondary import CONFIDENCE


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # relative clauses: the buyer is the subject, "from" the seller
        ("The jets will replace the Mirage fleet that the UAE bought from France in the late 1990s.",
         {("FRA", "ARE")}),
        ("The radar was mounted on an airframe that China bought from Moscow for the project.", {("RUS", "CHN")}),
        ("Morales complained that Washington was slow to approve five helicopters that Brazil has offered to"
         " donate to Bolivia.", {("BRA", "BOL")}),
    ],
)
def test_a_pair_in_passing_is_found_with_a_low_confidence(sentence, expected):
    transfers = parse_article(sentence, content_type="text/plain").transfers
    assert {(t.supplier, t.recipient) for t in transfers} == expected
    assert all(t.confidence == CONFIDENCE and t.evidence == sentence for t in transfers)


@pytest.mark.parametrize(
    "sentence",
    [
        # the subject speaks about supplies; it does not supply
        "Azerbaijan urges India to reconsider arms supplies to Armenia.",
        "China to sanction U.S. firms involved in arms sales to Taiwan.",
        # a demonym names no supplier by itself (relying on a nation's arms
        # does: test_transfer_reliance.py)
        "Bolivia has long been wary of Russian weapons, including fighter jets.",
    ],
)
def test_a_party_the_syntax_does_not_mark_gives_no_pair(sentence):
    assert parse_article(sentence, content_type="text/plain").transfers == []


def test_a_trigger_row_is_not_doubled_by_the_passing_reading():
    sentence = "Nigeria, which also buys weapons from China and Pakistan, signed the deal with Italy."
    transfers = parse_article(sentence, content_type="text/plain").transfers
    assert sorted((t.supplier, t.recipient) for t in transfers) == [("CHN", "NGA"), ("PAK", "NGA")]
    assert all(t.confidence > CONFIDENCE for t in transfers)


def test_the_accuser_is_no_party_to_the_supply_it_accuses_another_of():
    pairs = {(t.supplier, t.recipient) for t in parse_article("Moscow accused Washington of arming Kyiv.",
                                                              content_type="text/plain").transfers}
    assert pairs == {("USA", "UKR")}
