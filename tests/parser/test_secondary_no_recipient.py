"""Pairs named in passing: a party that only gets something other than arms
("give lectures to New Delhi") or that a contrast sets aside (", not India,")
is no recipient; the project's own invented sentences."""
from __future__ import annotations

import pytest

from workers.parser import parse_article


def _pairs(text: str) -> set[tuple[str, str]]:
    return {(t.supplier, t.recipient) for t in parse_article(text, content_type="text/plain").transfers}


@pytest.mark.parametrize("text", [
    "The envoy argued that it is Britain, not India, that keeps sending weapons into the war zone, "
    "and that London has no right to give lectures to New Delhi.",
    "The envoy argued that Britain keeps sending weapons into the war zone, "
    "and that London has no right to give lectures to New Delhi.",
])
def test_a_party_given_no_arms_is_no_recipient(text):
    assert ("GBR", "IND") not in _pairs(text)


def test_a_party_given_arms_in_passing_still_receives():
    assert ("GBR", "IND") in _pairs("The envoy argued that London keeps giving rifles to New Delhi, "
                                    "whatever the war zone needs.")
