"""The parser's entry point: article text in, an ``Extraction`` out.

Reads the input (plain text or HTML), runs the spaCy pipeline once, then each
extractor over the same ``Doc``: actors, transfers, officials, statements. The
result depends only on the text and ``PARSER_VERSION``: no clock, no network.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from spacy.tokens import Doc

from .catalogue.actors import ActorMention, find_actors
from .errors import ParseError
from .catalogue.gazetteer import actors_by_code
from .text.nlp import get_nlp
from .people.officials import extract_officials
from .text.reading import read_input
from .records import ActorRecord, ArticleMeta, Extraction, StatementRecord, TransferRecord
from .statements.extract import extract_statements
from .transfers.extract import extract_transfers

# Bump when a change alters what the parser extracts from the same text, so that
# stored extractions can be told apart and re-parsed.
PARSER_VERSION = "0.1.1"

# spaCy's pipe batch size, in pieces (below) of up to CHUNK_CHARS characters.
BATCH_SIZE = 64
# The parser reads at most this much of a submission: a news article is well under
# it; spaCy needs about 1 GB per 100,000 characters and refuses past its
# max_length, and statement attribution grows faster than linearly. Offsets
# still index the full clean text, which starts with the parsed prefix.
MAX_PARSE_CHARS = 50_000
# The pipeline reads an article in pieces of about this many characters, cut only
# at line breaks, and the pieces are joined back into one Doc. Line breaks are hard
# sentence boundaries already (see nlp.paragraph_breaks), so a piece holds whole
# sentences; what changes is that spaCy batches the pieces, which is faster than
# one long Doc (about 10 % on one article), and identical whether one article is
# parsed or many. 0.1.1: the pieces shift a few token annotations at their edges.
CHUNK_CHARS = 1000
_LINE_START = re.compile(r"(?<=\n)(?=[^\n])")


def _parse_span(clean_text: str) -> str:
    """The prefix of the text the pipeline reads, cut at a paragraph break."""
    if len(clean_text) <= MAX_PARSE_CHARS:
        return clean_text
    cut = clean_text.rfind("\n", 0, MAX_PARSE_CHARS)
    return clean_text[: cut if cut > MAX_PARSE_CHARS // 2 else MAX_PARSE_CHARS]


def _pieces(text: str) -> list[str]:
    """``text`` cut after line breaks into pieces of at most ``CHUNK_CHARS``
    characters, unless one line alone is longer. Joined, they give ``text``."""
    out: list[str] = []
    current = ""
    for line in _LINE_START.split(text):
        if current and len(current) + len(line) > CHUNK_CHARS:
            out.append(current)
            current = ""
        current += line
    if current or not out:
        out.append(current)
    return out


def _docs(texts: Iterable[str]) -> Iterator[Doc]:
    """One Doc per text, the texts' pieces run through one batched ``nlp.pipe``."""
    split = [_pieces(t) for t in texts]
    docs = get_nlp().pipe((p for pieces in split for p in pieces), batch_size=BATCH_SIZE)
    for pieces in split:
        parts = [next(docs) for _ in pieces]
        yield parts[0] if len(parts) == 1 else Doc.from_docs(parts, ensure_whitespace=False)


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


def _extract(doc: Doc, clean_text: str, meta: ArticleMeta) -> Extraction:
    if not any(not t.is_space and not t.is_punct for t in doc):
        raise ParseError("no sentence in the article text")
    mentions = find_actors(doc)
    transfers = extract_transfers(doc, mentions)
    officials = extract_officials(doc)
    statements = extract_statements(doc, mentions, officials, transfers=transfers)
    return Extraction(
        article=meta,
        clean_text=clean_text,
        actors=_used_actors(transfers, statements, mentions),
        transfers=transfers,
        officials=officials,
        statements=statements,
        parser_version=PARSER_VERSION,
    )


def parse_article(raw: str, *, content_type: str | None = None) -> Extraction:
    """Everything the parser finds in one article.

    ``content_type`` is the submission's MIME type ("text/html", "text/plain");
    None sniffs it. Raises ``ParseError`` when there is no usable text."""
    if not isinstance(raw, str):
        raise ParseError("article text must be a string")
    clean_text, meta = read_input(raw, content_type)
    return _extract(next(_docs([_parse_span(clean_text)])), clean_text, meta)


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
    good = [r for r in read if not isinstance(r, ParseError)]
    docs = _docs([_parse_span(text) for text, _meta in good])
    out: list[Extraction | ParseError] = []
    for r in read:
        if isinstance(r, ParseError):
            out.append(r)
            continue
        doc = next(docs)
        try:
            out.append(_extract(doc, r[0], r[1]))
        except ParseError as exc:
            out.append(exc)
    return out
