"""The transfer pairs one plain text gives through the whole parser, for the
transfer tests."""

from __future__ import annotations

from workers.parser import parse_article


def pair_confidences(text: str) -> dict[tuple[str, str], float]:
    """(supplier, recipient) -> confidence of every transfer row."""
    return {(t.supplier, t.recipient): t.confidence for t in parse_article(text, content_type="text/plain").transfers}


def pairs(text: str) -> set[tuple[str, str]]:
    """The (supplier, recipient) pairs of every transfer row."""
    return set(pair_confidences(text))
