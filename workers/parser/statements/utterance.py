"""An utterance as the statement extractor handles it, and span helpers shared by
the quote and reported-speech readers."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Sequence

from spacy.tokens import Doc, Token

from .quotes import Quote


@dataclass(frozen=True)
class Speaker:
    """A person by full name, or an institution by name; ``pronoun`` is the
    pronoun the name was read from ("he said"), when it was."""

    name: str
    is_person: bool
    pronoun: str | None = field(default=None, compare=False)

_TRAIL = " \t\n,.;:"


@dataclass
class Utterance:
    speaker: Speaker
    start: int
    end: int
    direct: bool
    context_start: int  # the sentence(s) that carry the utterance and its attribution
    context_end: int
    verb: str
    confidence: float
    group: int = -1  # pieces of one split quote share a group
    speaker_supplies: bool = False
    predicate: bool = False  # the evidence is the reporting verb and its object
    addressee: str | None = None  # the person spoken to ("X told Y that ...")
    coordinated: bool = False  # a second clause of one report ("said X and that Y")


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _TRAIL + "\"\u201c\u201d":
        start += 1
    if text[start:start + 5].lower() == "that ":
        start += 5
    while end > start and text[end - 1] in _TRAIL + "\"\u201c\u201d":
        end -= 1
    # 'called the decision "long overdue"': a quote the clause opens is closed in it too
    inner = text[start:end]
    if end < len(text) and text[end] in "\"\u201d" and (
            inner.count('"') % 2 == 1 or inner.count("\u201c") > inner.count("\u201d")):
        end += 1
    return start, end


def inside(quotes: Sequence[Quote], start: int, end: int) -> bool:
    return any(q.start <= start and end <= q.end for q in quotes)


def overlaps_quote(quotes: Sequence[Quote], start: int, end: int) -> bool:
    return any(q.content_start < end and start < q.content_end for q in quotes)


def sentence_bounds(doc: Doc, tok: Token) -> tuple[int, int]:
    sent = tok.sent
    return sent.start_char, sent.end_char


def paragraph_index(text: str, offset: int) -> int:
    """Number of the paragraph (blocks separated by line breaks) holding ``offset``."""
    return len(re.findall(r"\n+", text[:max(0, offset)]))
