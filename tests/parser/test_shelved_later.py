"""A later main-clause sentence that calls off "the purchase" (naming no other
party than the buyer) suspends the pair reported just before; a report that
the deal was not called off changes nothing. Invented sentences."""
from __future__ import annotations

from workers.parser import parse_article


def _rows(text: str) -> dict[tuple[str, str], str]:
    return {(t.supplier, t.recipient): t.status for t in parse_article(text, content_type="text/plain").transfers}


def test_a_purchase_shelved_in_the_next_sentence_is_suspended():
    rows = _rows("Peru signed a deal to buy 12 Gripen jets from Sweden in 2021. "
                 "Money ran short, and the defence minister shelved the purchase a year later.")
    assert rows.get(("SWE", "PER")) == "suspended"


def test_word_that_the_contract_was_not_cancelled_changes_nothing():
    rows = _rows("Peru signed a deal to buy 12 Gripen jets from Sweden in 2021. "
                 "The maker said it had heard nothing from Lima suggesting that the contract was cancelled.")
    assert rows.get(("SWE", "PER")) != "suspended"
