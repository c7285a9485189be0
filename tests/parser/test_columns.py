"""The column caches hold exactly the strings of the Doc's tokens."""

from __future__ import annotations

from workers.parser.text import columns

TEXT = "Russia's ministry said it had delivered 12 Su-30SM jets to Armenia.\n\nIran buys drones."


def test_columns_are_the_tokens_strings(nlp, monkeypatch):
    # A tiny bound: the hash -> string table starts over while the columns are read.
    monkeypatch.setattr(columns, "_MAX_NAMES", 3)
    doc = nlp(TEXT)
    assert columns.texts(doc) == [t.text for t in doc]
    assert columns.lowers(doc) == [t.lower_ for t in doc]
    assert columns.tags(doc) == [t.tag_ for t in doc]
    assert columns.lemmas(doc) == [t.lemma_.lower() for t in doc]
    assert columns.pos(doc) == [t.pos_ for t in doc]
    assert len(columns._NAMES) <= 3 + len(doc)
    # Read once per Doc: the same list again.
    assert columns.texts(doc) is columns.texts(doc)
