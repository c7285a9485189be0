"""Officeholders the news often names without their office ("the uprising
that toppled Muammar Gaddafi", "Vladimir Zelensky thanked ..."), from
``vocab/data/known_people.json``.

Two uses, both fallbacks: ``known_spans`` finds these full names where the
small model tags them as something else or not at all ("handed over to Olaf
Scholz"), and ``known_info`` gives the office of a person the article names
with no office of its own. The article's own words always win: a title before
or after the name, a clause or a description comes first (``officials.py``).
Only full names count: a lone surname may be anyone's ("Mohamad", "Brown"),
and a section of a long article that gives only the surname must not make a
second official of someone named in full elsewhere.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from spacy.tokens import Doc

from ..catalogue.titles import TitleInfo
from ..text.nlp import doc_text
from ..text.textscan import word_start_matches
from ..vocab import load


def _key(name: str) -> str:
    """A name as compared: no accents, case or punctuation."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return " ".join(re.sub(r"[\W_]+", " ", text).split())


@lru_cache(maxsize=1)
def _people() -> dict[str, tuple[str, str | None]]:
    return {name: (row[0], row[1]) for name, row in load("known_people.json")["people"].items()}


@lru_cache(maxsize=1)
def _by_key() -> dict[str, tuple[str, str | None]]:
    return {_key(name): row for name, row in _people().items()}


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    names = sorted(_people(), key=len, reverse=True)
    # the whole-word look-behind is word_start_matches'
    return re.compile(r"(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w-])")


def known_info(name: str) -> TitleInfo | None:
    """The office of a listed person by full name; None for anyone else."""
    row = _by_key().get(_key(name))
    if row is None:
        return None
    return TitleInfo(title=row[0], country=row[1])


def known_spans(doc: Doc) -> list[tuple[int, int]]:
    """Token spans of the listed full names in ``doc``."""
    out = []
    for m in word_start_matches(_pattern(), doc_text(doc)):
        span = doc.char_span(m.start(), m.end())
        if span is not None:
            out.append((span.start, span.end))
    return out
