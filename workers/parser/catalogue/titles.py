"""Titles of officials: the office lexicon and the reading of title phrases.

News copy gives a person's office in a handful of shapes: before the name
("Russian Deputy Prime Minister Dmitry Rogozin", "Director of the Russian Federal
Service for Military-Technical Cooperation (FSMTC) Alexander Fomin", "Chief of
Staff of the Iraqi Army Lieutenant General Othman al-Ghanimi") or in an apposition
after it ("Roman Babushkin, deputy chief of mission at the Russian embassy in New
Delhi,"). This module turns such a run of tokens into a title, an organisation
and a country: the lexicon and the matching of heads are here, the reading of a
whole phrase is ``title_phrases.py``. Finding the runs around names is
``people/officials.py``'s job.

The word lists live in ``vocab/data/official_titles.json``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

from spacy.tokens import Doc, Token

from ..text import columns

from . import gazetteer
from ..vocab import load

DATA_FILE = "official_titles.json"

OFFICE = "office"
RANK = "rank"
NON_OFFICIAL = "non_official"
COUNTERPART = "counterpart"


@dataclass(frozen=True)
class Lexicon:
    heads: dict[tuple[str, ...], str]  # token tuple -> kind
    modifiers: frozenset[str]
    org_words: frozenset[str]
    drop: frozenset[str]
    particles: frozenset[str]
    honorifics: frozenset[str]
    plural_heads: dict[tuple[str, ...], str]
    head_of_state: frozenset[str]
    max_len: int


@dataclass
class TitleInfo:
    """What a title phrase says about the person it belongs to."""

    title: str | None = None
    organization: str | None = None
    country: str | None = None
    kind: str = OFFICE  # OFFICE, RANK, NON_OFFICIAL or COUNTERPART
    start: int = 0  # character offsets of the phrase
    end: int = 0


def _split(phrase: str) -> tuple[str, ...]:
    # Hyphens stand apart as spaCy has them; abbreviation points are dropped
    # because spaCy splits some ("Lt" ".") and not others ("Gen.").
    return tuple(t.rstrip(".") for t in re.findall(r"[\w.']+|-", phrase.lower()) if t.rstrip("."))


@lru_cache(maxsize=1)
def abbreviations() -> frozenset[str]:
    """Words the lexicon writes with a point ("lt", "gen", "sen"): a "." after
    them ends no sentence."""
    data = load(DATA_FILE)
    phrases = [p for key in ("heads", "ranks", "plural_heads") for p in data[key]]
    return frozenset(w[:-1] for p in phrases for w in p.lower().split() if w.endswith(".")) \
        | frozenset(h.rstrip(".") for h in data["honorifics"])


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    data = load(DATA_FILE)
    heads: dict[tuple[str, ...], str] = {}
    for kind, key in ((RANK, "ranks"), (OFFICE, "heads"), (NON_OFFICIAL, "non_official"),
                      (COUNTERPART, "counterpart_heads")):
        for phrase in data[key]:
            heads[_split(phrase)] = kind
    plural = {_split(k): v for k, v in data["plural_heads"].items()}
    return Lexicon(
        heads=heads,
        modifiers=frozenset(data["modifiers"]),
        org_words=frozenset(data["org_words"]),
        drop=frozenset(data["drop"]),
        particles=frozenset(data["name_particles"]),
        honorifics=frozenset(h.rstrip(".") for h in data["honorifics"]),
        plural_heads=plural,
        head_of_state=frozenset(data["head_of_state_heads"]),
        max_len=max(len(k) for k in list(heads) + list(plural)),
    )


def _low(tok: Token) -> str:
    return tok.text.lower().replace("\u2019", "'")


def _key(tok: Token) -> str:
    """A token as the lexicon spells it: lower case, no abbreviation point."""
    return _text_key(tok.text)


def _text_key(text: str) -> str:
    low = text.lower().replace("\u2019", "'")
    return low.rstrip(".") if len(low) > 1 else low


@lru_cache(maxsize=1)
def _first_words() -> frozenset[str]:
    return frozenset(k[0] for k in lexicon().heads)


# Token text -> ``_text_key``, for ``_doc_keys``: an article repeats most of its
# words. Started over past ``_MAX_KEYS`` entries, so a worker's memory stays bounded.
_KEYS: dict[str, str] = {}
_MAX_KEYS = 200_000


def _doc_keys(doc: Doc) -> list[str]:
    """``_key`` of every token, computed once per Doc: ``match_head`` is tried
    at every token of an article."""
    keys = doc.user_data.get("_title_keys")
    if keys is None:
        cache = _KEYS
        if len(cache) > _MAX_KEYS:
            cache.clear()
        keys = []
        for text in columns.texts(doc):
            key = cache.get(text)
            if key is None:
                key = cache[text] = _text_key(text)
            keys.append(key)
        doc.user_data["_title_keys"] = keys
    return keys


def head_starts(doc: Doc) -> set[int]:
    """Positions of the tokens a lexicon head may start at: ``match_head(doc, i)``
    is None at every other position."""
    first = _first_words()
    return {i for i, key in enumerate(_doc_keys(doc)) if key in first}


def match_head(tokens: Sequence[Token], i: int) -> tuple[int, str] | None:
    """The longest lexicon head starting at ``tokens[i]``: (tokens it takes, kind).
    A point split off an abbreviation ("Lt" ".") is taken along."""
    lex = lexicon()
    # most tokens start no head: one set look-up instead of building tuples
    if i >= len(tokens):
        return None
    first = _doc_keys(tokens)[i] if isinstance(tokens, Doc) else _key(tokens[i])
    if first not in _first_words():
        return None
    abbrev = abbreviations()
    words: list[str] = []
    covered: list[int] = []
    j = i
    while j < len(tokens) and len(words) < lex.max_len:
        tok = tokens[j]
        if tok.text == "." and words and words[-1] in abbrev:
            j += 1
            covered[-1] = j - i
            continue
        words.append(_key(tok))
        j += 1
        covered.append(j - i)
    for n in range(len(words), 0, -1):
        kind = lex.heads.get(tuple(words[:n]))
        if kind:
            return covered[n - 1], kind
    return None


def is_honorific(tok: Token) -> bool:
    """"Mr", "Dr.", "Shri": a courtesy word before a name."""
    return _key(tok) in lexicon().honorifics


def skip_honorifics(doc: Doc, start: int) -> int:
    """The token before which a name's courtesy words start ("Dr" in ", Dr
    Naledi Pandor"): ``start`` when there are none."""
    k = start
    while k > 0:
        if is_honorific(doc[k - 1]) or doc[k - 1].text in {".", "(", ")"} and k > 1 and is_honorific(doc[k - 2]):
            k -= 1
        elif doc[k - 1].text == ")" and k > 2 and (is_honorific(doc[k - 2]) or doc[k - 2].text == "."):
            k -= 1  # "Maj. Gen. (Res.) Eyal Zamir"
        elif doc[k - 1].text == "(" and k < start and is_honorific(doc[k]):
            k -= 1
        else:
            break
    return k


def is_title_word(tok: Token) -> bool:
    """A word that belongs to title phrases rather than to names ("Minister", "Deputy")."""
    return is_title_text(tok.text)


@lru_cache(maxsize=1)
def _head_words() -> frozenset[str]:
    """Every word of a lexicon head, singular or plural."""
    lex = lexicon()
    return frozenset(word for heads in (lex.heads, lex.plural_heads) for key in heads for word in key)


@lru_cache(maxsize=8192)
def is_title_text(text: str) -> bool:
    """``is_title_word`` for a token's text."""
    low = _text_key(text)
    # ("Ministers", "Senators": a plural title before a list of names is no given name)
    return low in lexicon().modifiers or low in _head_words()


_POSSESSIVE_END = re.compile(r"(?:'s|')$")


@lru_cache(maxsize=8192)
def state_code(text: str) -> str | None:
    """Alpha-3 code (or slug) for a demonym, state name or capital; None otherwise."""
    cleaned = _POSSESSIVE_END.sub("", text.replace("\u2019", "'").strip())
    if not cleaned or not cleaned[0].isupper():
        return None
    actor = gazetteer.resolve_actor(cleaned)
    # A person's country is a state; "UN ambassador" names no country.
    if actor is None or actor.kind != "state":
        return None
    return actor.code


def _is_cap(tok: Token) -> bool:
    return bool(tok.text) and (tok.text[0].isupper() or tok.text.isupper())


def is_head_of_state_title(title: str | None) -> bool:
    """Presidents, prime ministers and the like: what "the leader" refers to."""
    if not title:
        return False
    low = title.lower()
    return any(re.search(rf"\b{re.escape(h)}\b", low) for h in lexicon().head_of_state)
