"""The parser's entry point: article text in, an ``Extraction`` out.

Reads the input (plain text or HTML), runs the spaCy pipeline once, then each
extractor over the same ``Doc``: actors, transfers, officials, statements. The
result depends only on the text and ``PARSER_VERSION``: no clock, no network.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import TypeVar

import numpy
from spacy.attrs import ORTH, SPACY
from spacy.tokens import Doc

from .catalogue.actors import ActorMention, find_actors
from .errors import ParseError
from .catalogue.gazetteer import actors_by_code
from .text.nlp import get_nlp, keep_doc_text
from .people.officials import extract_officials
from .text.reading import read_input
from .records import ActorRecord, ArticleMeta, Extraction, OfficialRecord, StatementRecord, TransferRecord
from .statements.extract import extract_statements
from .transfers.extract import extract_more_transfers, extract_transfers

# Bump when a change alters what the parser extracts from the same text, so that
# stored extractions can be told apart and re-parsed.
PARSER_VERSION = "0.9.0"

R = TypeVar("R", TransferRecord, OfficialRecord, StatementRecord)

# spaCy's pipe batch size, in pieces (below) of up to CHUNK_CHARS characters.
BATCH_SIZE = 64
# A long submission is read in sections of at most this many characters, cut at
# paragraph breaks, each parsed as a Doc of its own and its records put back at
# their place in the whole text. A news article fits in one section; the bound is
# there because spaCy refuses a Doc past its max_length and statement
# attribution grows faster than linearly with the Doc, not to drop the rest.
SECTION_CHARS = 50_000
# The name tests/faults uses for "the longest one Doc the parser builds".
MAX_PARSE_CHARS = SECTION_CHARS
# The pipeline reads a section in pieces of about this many characters, cut only
# at line breaks, and the pieces are joined back into one Doc. Line breaks are hard
# sentence boundaries already (see text.nlp.paragraph_breaks), so a piece holds
# whole sentences; what changes is that spaCy batches the pieces, which is faster
# than one long Doc, and identical whether one article is parsed or many.
# 0.1.1: the pieces shift a few token annotations at their edges.
CHUNK_CHARS = 1000
_LINE_START = re.compile(r"(?<=\n)(?=[^\n])")
LONG_LINE_CHARS = 5000
_SENTENCE_END = re.compile(r"[.!?][\"\u201d']?\s+(?=[\"\u201c]?[A-Z])")


def sections(clean_text: str, size: int = SECTION_CHARS) -> list[tuple[int, str]]:
    """``clean_text`` as (offset, text) sections of at most ``size`` characters,
    cut after a paragraph break (a blank line, else a line break, else a space)
    in the second half of the window; joined, they give ``clean_text``."""
    out: list[tuple[int, str]] = []
    start = 0
    while len(clean_text) - start > size:
        window_end = start + size
        cut = -1
        for mark in ("\n\n", "\n", " "):
            at = clean_text.rfind(mark, start + size // 2, window_end)
            if at != -1:
                cut = at + len(mark)
                break
        if cut == -1:
            cut = window_end
        out.append((start, clean_text[start:cut]))
        start = cut
    out.append((start, clean_text[start:]))
    return out


def _pieces(text: str) -> list[str]:
    """``text`` cut after line breaks into pieces of at most ``CHUNK_CHARS``
    characters, unless one line alone is longer; a line longer than
    ``LONG_LINE_CHARS`` (no paragraph is: a page without line breaks) is cut at
    sentence ends, else at spaces, so that spaCy never batches huge pieces.
    Joined, the pieces give ``text``."""
    out: list[str] = []
    current = ""
    for line in _LINE_START.split(text):
        for part in _line_parts(line):
            if current and len(current) + len(part) > CHUNK_CHARS:
                out.append(current)
                current = ""
            current += part
    if current or not out:
        out.append(current)
    return out


def _line_parts(line: str) -> list[str]:
    """``line`` in parts of at most ``LONG_LINE_CHARS`` (when it can be cut)."""
    parts: list[str] = []
    while len(line) > LONG_LINE_CHARS:
        window = line[:LONG_LINE_CHARS]
        ends = [m.end() for m in _SENTENCE_END.finditer(window)]
        cut = ends[-1] if ends else window.rfind(" ") + 1
        if cut <= 0:
            cut = LONG_LINE_CHARS
        parts.append(line[:cut])
        line = line[cut:]
    parts.append(line)
    return parts


# Every attribute ``Doc.from_docs`` carries over, SPACY (the trailing space) included.
_JOIN_ATTRS = list(Doc._get_array_attrs()) + ([] if SPACY in Doc._get_array_attrs() else [SPACY])


def _joined(parts: list[Doc]) -> Doc:
    """``Doc.from_docs(parts, ensure_whitespace=False)`` for Docs without user
    data or span groups (the pipeline sets neither): the words and spaces are
    read from the same arrays as the annotations, not from a ``Token`` per word."""
    if any(d.user_data or d.spans for d in parts):
        return Doc.from_docs(parts, ensure_whitespace=False)
    array = numpy.concatenate([d.to_array(_JOIN_ATTRS) for d in parts])
    strings = parts[0].vocab.strings
    words = [strings[orth] for orth in array[:, _JOIN_ATTRS.index(ORTH)].tolist()]
    spaces = [bool(space) for space in array[:, _JOIN_ATTRS.index(SPACY)].tolist()]
    doc = Doc(parts[0].vocab, words=words, spaces=spaces, user_data={})
    doc.from_array(_JOIN_ATTRS, array)
    if any(len(d) for d in parts):
        doc.tensor = numpy.vstack([d.tensor for d in parts if len(d)])
    return doc


def _docs(texts: Iterable[str]) -> Iterator[Doc]:
    """One Doc per text, the texts' pieces run through one batched ``nlp.pipe``."""
    split = [(t, _pieces(t)) for t in texts]
    docs = get_nlp().pipe((p for _t, pieces in split for p in pieces), batch_size=BATCH_SIZE)
    for text, pieces in split:
        parts = [next(docs) for _ in pieces]
        doc = parts[0] if len(parts) == 1 else _joined(parts)
        # The pieces join into ``text``, and a Doc's text is its input: spaCy
        # would build it again from every token.
        keep_doc_text(doc, text)
        yield doc


def _used_actors(
    transfers: list[TransferRecord], statements: list[StatementRecord], mentions: list[ActorMention]
) -> list[ActorRecord]:
    """Exactly the parties used as supplier or recipient, in order of first use."""
    codes: list[str] = []
    for t in transfers:
        codes += [t.supplier, t.recipient]
    for s in statements:
        codes += ([s.supplier] if s.supplier else []) + list(s.recipients)
    catalogue = actors_by_code()
    names = {m.code: m.record for m in mentions}
    out = []
    for code in dict.fromkeys(codes):
        if code in names:
            out.append(names[code])
        elif code in catalogue:
            out.append(catalogue[code].record())
    return out


def _shifted(record: R, offset: int) -> R:
    return record if offset == 0 else replace(record, start=record.start + offset, end=record.end + offset)


def _merge_officials(found: list[OfficialRecord], more: list[OfficialRecord]) -> None:
    """Add a later section's officials to ``found``: a person already there keeps
    the first mention and gains the other forms of the name."""
    by_name = {o.name: o for o in found}
    for o in more:
        first = by_name.get(o.name)
        if first is None:
            found.append(o)
            by_name[o.name] = o
            continue
        for alias in o.aliases:
            if alias not in first.aliases and alias != first.name:
                first.aliases.append(alias)
        if first.title is None and o.title is not None:
            first.title, first.organization = o.title, o.organization
        if first.country is None:
            first.country = o.country


def _extract(docs: Iterable[tuple[int, Doc]], clean_text: str, meta: ArticleMeta) -> Extraction:
    """The records of one article from its sections' Docs, offsets into ``clean_text``.

    The Docs are read one at a time, so that a long article never holds more than
    one section's Doc in memory."""
    words = False
    mentions: list[ActorMention] = []
    transfers: list[TransferRecord] = []
    officials: list[OfficialRecord] = []
    statements: list[StatementRecord] = []
    pairs: set[tuple[str, str]] = set()
    said: set[tuple[str, int, int]] = set()
    for offset, doc in docs:
        if not any(not t.is_space and not t.is_punct for t in doc):
            continue
        words = True
        found = find_actors(doc)
        section_transfers = extract_transfers(doc, found)
        section_officials = extract_officials(doc)
        # Statements read the supply context from the rows the triggers give;
        # the pairs named in passing are too loose for that.
        section_statements = extract_statements(doc, found, section_officials, transfers=section_transfers)
        section_transfers += extract_more_transfers(doc, found, section_transfers)
        mentions += found
        # A pair is one row for the whole article: the first section to report it gives it.
        for t in section_transfers:
            if (t.supplier, t.recipient) not in pairs:
                pairs.add((t.supplier, t.recipient))
                transfers.append(_shifted(t, offset))
        _merge_officials(officials, [_shifted(o, offset) for o in section_officials])
        for st in section_statements:
            st = _shifted(st, offset)
            if (st.speaker, st.start, st.end) not in said:
                said.add((st.speaker, st.start, st.end))
                statements.append(st)
    if not words:
        raise ParseError("no sentence in the article text")
    return Extraction(
        article=meta,
        clean_text=clean_text,
        actors=_used_actors(transfers, statements, mentions),
        transfers=transfers,
        officials=officials,
        statements=statements,
        parser_version=PARSER_VERSION,
    )


def _extract_all(read: list[tuple[str, ArticleMeta]]) -> Iterator[Extraction | ParseError]:
    """Each read article's extraction (or ParseError), every section of every
    article through one batched pipeline."""
    split = [sections(text) for text, _meta in read]
    docs = _docs(part for parts in split for _offset, part in parts)
    for (text, meta), parts in zip(read, split):
        section_docs = ((offset, next(docs)) for offset, _part in parts)
        try:
            yield _extract(section_docs, text, meta)
        except ParseError as exc:
            yield exc


def parse_article(raw: str, *, content_type: str | None = None) -> Extraction:
    """Everything the parser finds in one article.

    ``content_type`` is the submission's MIME type ("text/html", "text/plain");
    None sniffs it. Raises ``ParseError`` when there is no usable text."""
    if not isinstance(raw, str):
        raise ParseError("article text must be a string")
    result = next(_extract_all([read_input(raw, content_type)]))
    if isinstance(result, ParseError):
        raise result
    return result


def parse_many(
    texts: Iterable[str],
    *,
    content_type: str | None = None,
    content_types: Iterable[str | None] | None = None,
) -> list[Extraction | ParseError]:
    """``parse_article`` over many texts with one batched spaCy pass. An input
    without usable text gives its ``ParseError`` in place of an extraction.

    ``content_type`` applies to every text; ``content_types`` gives one per text."""
    texts = list(texts)
    types = list(content_types) if content_types is not None else [content_type] * len(texts)
    if len(types) != len(texts):
        raise ValueError(f"{len(texts)} texts but {len(types)} content types")
    read: list[tuple[str, ArticleMeta] | ParseError] = []
    for raw, ctype in zip(texts, types):
        try:
            if not isinstance(raw, str):
                raise ParseError("article text must be a string")
            read.append(read_input(raw, ctype))
        except ParseError as exc:
            read.append(exc)
    extracted = _extract_all([r for r in read if not isinstance(r, ParseError)])
    return [r if isinstance(r, ParseError) else next(extracted) for r in read]
