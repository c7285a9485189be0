"""Titles of officials: the office lexicon and the reading of title phrases.

News copy gives a person's office in a handful of shapes: before the name
("Russian Deputy Prime Minister Dmitry Rogozin", "Director of the Russian Federal
Service for Military-Technical Cooperation (FSMTC) Alexander Fomin", "Chief of
Staff of the Iraqi Army Lieutenant General Othman al-Ghanimi") or in an apposition
after it ("Roman Babushkin, deputy chief of mission at the Russian embassy in New
Delhi,"). This module turns such a run of tokens into a title, an organisation
and a country. Finding the runs around names is ``people/officials.py``'s job.

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
from ..text.nlp import doc_text
from ..vocab import load, words

DATA_FILE = "official_titles.json"

# Offices that take their portfolio with "of": "Minister of Defence".
_PORTFOLIO_HEADS = words()["portfolio_heads"]
# Words for how an office is held that may stand before the country:
# "Acting U.S. Defense Secretary", "Deputy Russian Foreign Minister".
_STANDING_WORDS = words()["standing_words"]
# Offices posted "to" a place or a body: "Ambassador to the United Nations".
_POSTING_HEADS = words()["posting_heads"]

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
    phrases = [p for key in ("heads", "ranks") for p in data[key]]
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


def _doc_keys(doc: Doc) -> list[str]:
    """``_key`` of every token, computed once per Doc: ``match_head`` is tried
    at every token of an article."""
    keys = doc.user_data.get("_title_keys")
    if keys is None:
        keys = doc.user_data["_title_keys"] = [_text_key(text) for text in columns.texts(doc)]
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


@lru_cache(maxsize=8192)
def is_title_text(text: str) -> bool:
    """``is_title_word`` for a token's text."""
    lex = lexicon()
    low = _text_key(text)
    return low in lex.modifiers or (low,) in lex.heads or any(low in k for k in lex.heads)


_POSSESSIVE_END = re.compile(r"(?:'s|')$")


def _portfolio(rest: list[Token]) -> bool:
    """Capitalised words naming a field ("International Trade", "Employment and
    Integration"), not a state or a body."""
    lex = lexicon()
    return (any(_is_cap(t) for t in rest) and all(_is_cap(t) or _low(t) in {"and", "the", "of", ","} for t in rest)
            and not any(_low(t) in lex.org_words for t in rest) and state_code(_join(rest)) is None)


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


def _country_at(tokens: Sequence[Token], i: int) -> tuple[str | None, int]:
    """A country named at ``tokens[i]`` (one or two words, e.g. "United States"),
    with the number of tokens it takes (possessive "'s" included)."""
    for n in (3, 2, 1):
        if i + n > len(tokens):
            continue
        words = tokens[i:i + n]
        if not all(_is_cap(t) or _low(t) in {"of", "the"} for t in words):
            continue
        code = state_code(" ".join(t.text for t in words))
        if code:
            if i + n < len(tokens) and _low(tokens[i + n]) in {"'s", "'"}:
                n += 1
            return code, n
    return None, 0


def _join(tokens: Sequence[Token]) -> str:
    """Text of a token run as written (keeps "Military-Technical" whole)."""
    if not tokens:
        return ""
    doc = tokens[0].doc
    return doc_text(doc)[tokens[0].idx:tokens[-1].idx + len(tokens[-1].text)]


def _clean_org(tokens: list[Token]) -> str | None:
    lex = lexicon()
    # An acronym in brackets after the name repeats it: "(FSMTC)".
    out = [t for t in tokens]
    while out and (_low(out[0]) in {"the", "of", "for", "at", "in"} or _low(out[0]) in lex.drop):
        out = out[1:]
    # "Russia's Federal Service ...": the possessive state is the country, not the name
    if len(out) > 3 and out[1].text in {"'s", "\u2019s"} and state_code(out[0].text):
        out = out[2:]
    if "(" in [t.text for t in out]:
        out = out[:[t.text for t in out].index("(")]
    while out and out[-1].text in {",", "'s", "-", "(", ")"}:
        out = out[:-1]
    if not out:
        return None
    # "the Russian Federal Service ..." names the body without the demonym; a
    # lowercase word after it ("Russian embassy") or a lone noun ("Iraqi Army")
    # keeps it, since the demonym is then part of how the body is called.
    if len(out) > 2 and state_code(out[0].text) and _is_cap(out[1]):
        out = out[1:]
    return _join(out) or None


_REMIT_OPENERS = ({"of"}, {"for"}, {"on"}, {"in", "charge", "of"})
# words a remit ends before: a body ("at the Kuwait Air Force"), a place, a clause
_REMIT_ENDS = {"at", "in", "who", "which", "that", "since", "until", "from", "with", "to", "a", "an", "his", "her",
               "its", "their", "as", "by", "said", "says"}


def remit_start(doc: Doc, start: int) -> int | None:
    """Where the office starts whose remit runs up to ``start`` ("adviser on
    non-proliferation" before ", Annalisa ..."; "aide for military-technical
    cooperation" before "Vladimir ..."), or None."""
    for j in range(start - 1, max(-1, start - 12), -1):
        low = _low(doc[j])
        if low in {".", ",", ";", ":"} or "\n" in doc[j].whitespace_:
            return None
        if low not in {"of", "for", "on"}:
            continue
        opener = j - 2 if j >= 2 and _low(doc[j - 2]) == "in" and _low(doc[j - 1]) == "charge" else j
        for h in range(opener - 1, max(-1, opener - 5), -1):
            hit = match_head(doc, h)
            if hit and hit[1] == OFFICE and h + hit[0] == opener and _remit(doc[opener:start]) == start - opener:
                return h
    return None


def _remit(after: Sequence[Token]) -> int:
    """How many tokens of ``after`` (what follows an office's head) name the
    office's remit in common nouns: "of procurement", "for logistics", "on
    non-proliferation", "in charge of national defence", "of the Ukrainian
    president's office". 0 when they name a body ("of the Federal Service",
    "of Rosoboronexport"), which is the organisation, not the title."""
    if not after:
        return 0
    low = [_low(t) for t in after]
    k = 3 if low[:3] == ["in", "charge", "of"] else 1 if low[0] in {"of", "for", "on"} else 0
    if not k:
        return 0
    content = 0
    j = k
    while j < len(after):
        t = after[j]
        if low[j] in _REMIT_ENDS or not (t.text[:1].isalpha() or low[j] in {"'s", "-"}):
            break
        if _is_cap(t):
            # a demonym or state inside a remit ("the Ukrainian president's
            # office") is fine; any other capital names a body
            if not state_code(t.text):
                return 0
        elif low[j] not in {"the", "of", "for", "'s", "-", "and"}:
            content += 1
        j += 1
    while j > k and low[j - 1] in {"the", "of", "for", "-", "and"}:
        j -= 1
    return j if content else 0


# Modifiers that name no field of government ("between the government and
# rebel leader X" coordinates two parties, not two portfolios).
_NOT_PORTFOLIOS = frozenset({"government", "state", "national", "deputy", "vice", "first", "acting", "senior", "chief",
                             "assistant", "associate", "executive", "general", "special", "top", "presidential",
                             "parliamentary", "political", "regional", "provincial", "opposition", "rebel", "un",
                             "u.n.", "nato", "eu", "e.u.", "ministry", "mission", "embassy", "staff", "joint"})
# Last words of a unit inside a body whose head's office is named with it:
# "Chief of the General Staff", "Chairman of the Board", "Chief of Policy and Plans".
_UNIT_WORDS = {"staff", "board", "directors", "plans", "operations"}
# Offices held "to" another office: "adviser to the President".
_AIDE_HEADS = {"aide", "adviser", "advisor", "spokesman", "spokeswoman", "spokesperson", "assistant", "counsellor",
               "counselor", "secretary"}


def _bracketed_portfolio(after: Sequence[Token]) -> int:
    """Tokens of "(Defence Production)" after an office, or 0 ("(FSMTC)", an
    acronym, repeats a body's name)."""
    close = next((j for j in range(1, min(len(after), 6)) if after[j].text == ")"), None)
    if close is None or close < 2:
        return 0
    inner = after[1:close]
    if any(t.text.isupper() and len(t.text) > 1 for t in inner) or any(state_code(t.text) for t in inner):
        return 0
    return close + 1 if all(_is_cap(t) or _low(t) in {"and", "&"} for t in inner) else 0


def _office_after_to(after: Sequence[Token]) -> int:
    """Tokens of "to [the] President" after an aide's office, or 0."""
    j = 2 if len(after) > 2 and _low(after[1]) == "the" else 1
    hit = match_head(after, j)
    return j + hit[0] if hit and hit[1] == OFFICE else 0


def read_title_phrase(tokens: Sequence[Token]) -> TitleInfo | None:
    """Read a run of tokens that should hold a title.

    Returns the office (preferred) or rank found in it with the organisation and
    country it names, or None when the run holds no title at all.
    """
    lex = lexicon()
    toks = list(tokens)
    if not toks:
        return None
    country: str | None = None
    heads: list[tuple[int, int, str]] = []
    taken: set[int] = set()  # tokens that name a state or a company, never title words
    i = 0
    while i < len(toks):
        code, n = _country_at(toks, i)
        if code and not match_head(toks, i):
            country = country or code
            taken.update(range(i, i + n))
            i += n
            continue
        hit = match_head(toks, i)
        if hit:
            heads.append((i, hit[0], hit[1]))
            i += hit[0]
            continue
        i += 1
    if not heads:
        return None
    # "President Volodymyr Zelenskiy's chief of staff": the office after the last
    # possessive is this person's; the one before belongs to the possessor
    poss = [k for k, t in enumerate(toks) if t.text in {"'s", "\u2019s"}]
    if poss and any(h[0] > poss[-1] for h in heads):
        heads = [h for h in heads if h[0] > poss[-1]]
    offices = [h for h in heads if h[2] in {OFFICE, NON_OFFICIAL, COUNTERPART}]
    # An office outranks a military rank ("Chief of Staff ... Lieutenant General").
    pos, n, kind = offices[0] if offices else heads[0]
    first_pos = pos
    coordinated = False
    # "Deputy" + "Prime Minister": adjacent heads make one title, named by the last.
    # "Deputy" + "Foreign" + "Minister" too: only modifiers stand between them.
    for h in offices[1:]:
        gap = toks[pos + n:h[0]]
        if all(_low(t) in lex.modifiers or _low(t) in lex.org_words or (_is_cap(t) and not state_code(t.text))
               for t in gap):
            pos, n, kind = h
        elif n == 1 and _low(toks[pos]) in _STANDING_WORDS and any(j in taken for j in range(pos + n, h[0])) \
                and all(j in taken or _low(toks[j]) in lex.modifiers for j in range(pos + n, h[0])):
            # "Deputy Russian Foreign Minister": the country splits the title
            pos, n, kind = h
        elif gap and _low(gap[0]) == "and" and h[2] == OFFICE and all(
                _low(t) in lex.modifiers or (_is_cap(t) and not state_code(t.text)) for t in gap[1:]):
            # "Deputy Prime Minister and Defence Minister": both offices are the title
            pos, n, kind = h
            coordinated = True
        else:
            break
    # Modifiers run leftwards from the head until a country, "the" or a drop word.
    left = first_pos if coordinated else pos
    while left > 0:
        prev = toks[left - 1]
        low = _low(prev)
        # "Trade and Industry Minister", "the interior and justice minister":
        # two portfolios of one office
        if low == "and" and left >= 2 and left < pos and _low(toks[left]) in lex.modifiers \
                and _low(toks[left - 2]) in lex.modifiers - _NOT_PORTFOLIOS and not state_code(toks[left - 2].text):
            left -= 2
            continue
        if low in lex.drop or low in {"the", "a", "an", "his", "her", "its", "their", "'s", "of", "and", ",", "-"}:
            break
        # ("Kremlin spokesman": a seat of power names the body, and stays)
        if (left - 1 in taken or state_code(prev.text)) and low not in lex.modifiers and low not in lex.org_words:
            break
        if low in lex.modifiers or (_is_cap(prev) and prev.text not in {"(", ")"}):
            left -= 1
            continue
        break
    # "Acting U.S. Defense Secretary": a standing of the office written before
    # the country still belongs to the title
    standing: list[Token] = []
    k = left - 1
    while k >= 0 and k in taken:
        k -= 1
    if k < left - 1 and k >= 0 and _low(toks[k]) in _STANDING_WORDS:
        standing = [toks[k]]
    end = pos + n
    org_tokens: list[Token] = []
    after = toks[end:]
    remit = _remit(after) if kind == OFFICE else 0
    # "Minister of Defence" keeps its portfolio; "Director of the Federal Service"
    # names a body.
    if remit:
        # "head of procurement", "minister in charge of national defence": a
        # remit in common nouns is part of the office
        end += remit
        # "director of Russia studies at CNA": the body after the remit
        rest = toks[end:]
        if len(rest) >= 2 and _low(rest[0]) in {"at", "in"} and any(_is_cap(t) for t in rest[1:]):
            org_tokens = rest[1:]
    elif len(after) >= 2 and _low(after[0]) == "of" and kind == OFFICE:
        rest = after[1:]
        # stop the organisation before a trailing rank ("... Iraqi Army Lieutenant General")
        cut = len(rest)
        for j in range(len(rest)):
            hit = match_head(rest, j)
            if hit and hit[1] == RANK and j + hit[0] == len(rest):
                cut = j
                break
        rest = rest[:cut]
        head_words = tuple(_low(t) for t in toks[pos:pos + n])
        to = next((j for j, t in enumerate(rest) if _low(t) == "to"), None)
        sender = rest[1 if rest and _low(rest[0]) == "the" else 0:to] if to else []
        if head_words[-1] in _POSTING_HEADS and sender and state_code(_join(sender)):
            # "Ambassador of the Russian Federation to Ecuador": the sending
            # state is the country; the posting names no body
            country = country or state_code(_join(sender))
            rest = []
        if not rest:
            pass
        elif rest and _low(rest[0]) != "the" and (head_words[-1] in _PORTFOLIO_HEADS
                                                   and not any(_low(t) in lex.org_words for t in rest)
                                                   or all(_low(t) in lex.modifiers and _is_cap(t) for t in rest)):
            # ("Chief of Defence", "Director of Intelligence": a field, not a body)
            end += 1 + len(rest)
        elif _low(rest[-1]) in _UNIT_WORDS and not any(state_code(t.text) for t in rest):
            # "chief of the Air Force General Staff", "Chairman of the Board",
            # "Chief of Policy and Plans": a post inside a body, named whole
            end += 1 + len(rest)
        else:
            org_tokens = rest
            for t in rest:
                code = state_code(t.text)
                if code and not country:
                    country = code
    elif len(after) >= 2 and _low(after[0]) == "to" and kind == OFFICE and _low(toks[end - 1]) in _POSTING_HEADS:
        # "Ambassador to India" is posted to a state, "Ambassador to the United
        # Nations" to a body: both belong to the title as written
        rest = after[1:]
        code = state_code(_join(rest))
        if code:
            country = country or code
            end += len(after)
        elif all(_is_cap(t) or _low(t) in {"the", "of"} for t in rest) and any(_is_cap(t) for t in rest):
            end += len(after)
            org_tokens = rest
    elif len(after) >= 2 and _low(after[0]) == "to" and kind == OFFICE and _low(toks[end - 1]) in _AIDE_HEADS \
            and _office_after_to(after):
        # "spokesperson to the President", "aide to the Prime Minister": the
        # office served is part of the title (a name after it is not)
        end += _office_after_to(after)
    elif len(after) >= 2 and _low(after[0]) == "for" and kind == OFFICE \
            and _low(toks[end - 1]) in _PORTFOLIO_HEADS | {"state"} and _portfolio(after[1:]):
        # "Minister for Defence", "Secretary of State for International Trade":
        # a portfolio after "for" is part of the office, as after "of"
        end += len(after)
    elif len(after) >= 3 and after[0].text == "(" and kind == OFFICE and _bracketed_portfolio(after):
        # "Secretary (Defence Production)": the department in brackets
        end += _bracketed_portfolio(after)
    elif len(after) >= 2 and _low(after[0]) in {"at", "for", "in"}:
        org_tokens = after[1:]
        for t in org_tokens:
            code = state_code(t.text)
            if code:
                country = country or code
                break
    title_toks = [t for t in toks[left:end] if _low(t) not in lex.drop]
    title = _join(title_toks) if title_toks else None
    if title and standing:
        title = f"{standing[0].text} {title}"
    modifiers = toks[left:pos]
    org = _clean_org(org_tokens) if org_tokens else None
    if org is None and modifiers and any(_low(t) in lex.org_words and _is_cap(t) for t in modifiers):
        # "National Security Council Strategic Communications Coordinator":
        # the body ends with its last organisation word
        last = max(k for k, t in enumerate(modifiers) if _low(t) in lex.org_words and _is_cap(t))
        # ("Chief Pentagon spokesman": a leading office word is no part of the body)
        first = next((k for k, t in enumerate(modifiers) if (_key(t),) not in lex.heads), last)
        org = _join(modifiers[min(first, last):last + 1])
    return TitleInfo(
        title=title,
        organization=org,
        country=country,
        kind=kind,
        start=toks[0].idx,
        end=toks[-1].idx + len(toks[-1].text),
    )


def is_head_of_state_title(title: str | None) -> bool:
    """Presidents, prime ministers and the like: what "the leader" refers to."""
    if not title:
        return False
    low = title.lower()
    return any(re.search(rf"\b{re.escape(h)}\b", low) for h in lexicon().head_of_state)
