"""Token attributes of a whole Doc as lists, read once per Doc.

Several extractors test every token of an article for a word, a part of speech
or a lemma, and most tokens fail the test; the ``Token`` object spaCy builds for
each one costs more than the test itself. These lists hold the same strings
(``texts(doc)[i] == doc[i].text``), read in one ``Doc.to_array`` call and kept in
``doc.user_data`` like ``nlp.doc_text``, so that a loop builds a ``Token`` only
for the few that pass.
"""

from __future__ import annotations

import numpy
from spacy import parts_of_speech
from spacy.tokens import Doc, Span

from .nlp import doc_text


# Hash -> string, for every column: a hash is the string's own (the same in any
# StringStore), and a dict look-up costs half of asking the StringStore. Started
# over past ``_MAX_NAMES`` entries, so a long-running worker's memory stays bounded.
_NAMES: dict[int, str] = {}
_MAX_NAMES = 200_000


def _strings(doc: Doc, attr: str) -> list[str]:
    key = f"_column_{attr}"
    column = doc.user_data.get(key)
    if column is None:
        strings, names = doc.vocab.strings, _NAMES
        if len(names) > _MAX_NAMES:
            names.clear()
        values = doc.to_array(attr).tolist()
        for v in set(values).difference(names):
            names[v] = strings[v]
        column = doc.user_data[key] = list(map(names.__getitem__, values))
    return column


def texts(doc: Doc) -> list[str]:
    """``Token.text`` of every token."""
    return _strings(doc, "ORTH")


def lowers(doc: Doc) -> list[str]:
    """``Token.lower_`` of every token."""
    return _strings(doc, "LOWER")


def tags(doc: Doc) -> list[str]:
    """``Token.tag_`` of every token."""
    return _strings(doc, "TAG")


def lemmas(doc: Doc) -> list[str]:
    """``Token.lemma_.lower()`` of every token: the extractors compare lemmas in
    lower case."""
    column = doc.user_data.get("_column_lemma_lower")
    if column is None:
        column = doc.user_data["_column_lemma_lower"] = [lemma.lower() for lemma in _strings(doc, "LEMMA")]
    return column


def pos(doc: Doc) -> list[str]:
    """``Token.pos_`` of every token."""
    column = doc.user_data.get("_column_POS")
    if column is None:
        column = doc.user_data["_column_POS"] = [parts_of_speech.NAMES[v] for v in doc.to_array("POS").tolist()]
    return column


def heads(doc: Doc) -> list[int]:
    """``Token.head.i`` of every token."""
    column = doc.user_data.get("_column_head")
    if column is None:
        relative = doc.to_array("HEAD").view(numpy.int64).tolist()
        column = doc.user_data["_column_head"] = [i + offset for i, offset in enumerate(relative)]
    return column


def starts(doc: Doc) -> list[int]:
    """``Token.idx`` of every token: where it starts in the Doc's text."""
    column = doc.user_data.get("_column_idx")
    if column is None:
        column = doc.user_data["_column_idx"] = doc.to_array("IDX").tolist()
    return column


def span_text(doc: Doc, start: int, end: int) -> str:
    """``doc[start:end].text``, cut from the Doc's text instead of joined from a
    ``Token`` per word (bounds outside ``0..len(doc)`` go to spaCy's slicing)."""
    if start < 0 or end < 0 or end > len(doc):
        return doc[start:end].text
    if start >= end:
        return ""
    last = end - 1
    return doc_text(doc)[starts(doc)[start]:starts(doc)[last] + len(texts(doc)[last])]


def text_of(span: Span) -> str:
    """``span.text``, cut from its Doc's text (see ``span_text``)."""
    return span_text(span.doc, span.start, span.end)


def deps(doc: Doc) -> list[str]:
    """``Token.dep_`` of every token."""
    return _strings(doc, "DEP")
