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


def test_heads_offsets_and_deps_are_the_tokens(nlp):
    doc = nlp(TEXT)
    assert columns.heads(doc) == [t.head.i for t in doc]
    assert columns.starts(doc) == [t.idx for t in doc]
    assert columns.deps(doc) == [t.dep_ for t in doc]


def test_span_text_is_the_slice_text(nlp):
    # every slice spaCy takes, negative and out-of-range bounds included
    doc = nlp("Ukraine  received  tanks.\n\nPoland sent them. ")
    n = len(doc)
    for start in range(-n - 1, n + 2):
        for end in range(-n - 1, n + 2):
            assert columns.span_text(doc, start, end) == doc[start:end].text
    for sent in doc.sents:
        assert columns.text_of(sent) == sent.text
