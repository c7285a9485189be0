"""Title phrases: a run of tokens read as an office, its organisation and its
country ("Director of the Russian Federal Service for Military-Technical
Cooperation (FSMTC)", "deputy chief of mission at the Russian embassy in New
Delhi"), and the remit an office reaches back over ("adviser on
non-proliferation"). The office lexicon and the matching of heads are
``titles.py``; finding the runs around names is ``people/``'s job.
"""

from __future__ import annotations

from typing import Sequence

from spacy.tokens import Doc, Token

from ..text.nlp import doc_text
from ..vocab import load, words
from .titles import COUNTERPART, NON_OFFICIAL, OFFICE, RANK, TitleInfo, _is_cap, _key, _low, lexicon, match_head, state_code

# Offices that take their portfolio with "of": "Minister of Defence".
_PORTFOLIO_HEADS = words()["portfolio_heads"]
# Words for how an office is held that may stand before the country:
# "Acting U.S. Defense Secretary", "Deputy Russian Foreign Minister".
_STANDING_WORDS = words()["standing_words"]
# Offices posted "to" a place or a body: "Ambassador to the United Nations".
_POSTING_HEADS = words()["posting_heads"]
_CALENDAR = frozenset(load("official_titles.json")["calendar_words"])

def _portfolio(rest: list[Token]) -> bool:
    """Capitalised words naming a field ("International Trade", "Employment and
    Integration"), not a state or a body."""
    lex = lexicon()
    # ("Political-Military Affairs": the tokenizer splits the hyphen)
    return (any(_is_cap(t) for t in rest) and all(_is_cap(t) or _low(t) in {"and", "the", "of", ",", "-"} for t in rest)
            and not any(_low(t) in lex.org_words for t in rest) and state_code(_join(rest)) is None)


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
    name_start: dict[int, int] = {}  # each taken token: where its name starts
    i = 0
    while i < len(toks):
        code, n = _country_at(toks, i)
        if code and not match_head(toks, i):
            country = country or code
            taken.update(range(i, i + n))
            name_start.update((j, i) for j in range(i, i + n))
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
    # (not "the deputy chief of the army's general staff": a rank's word after
    # the possessive names a unit, not this person's office)
    poss = [k for k, t in enumerate(toks) if t.text in {"'s", "\u2019s"}]
    if poss and any(h[0] > poss[-1] and h[2] != RANK for h in heads):
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
        if not gap and _low(toks[pos + n - 1]) not in lex.modifiers and _is_cap(toks[h[0]]) \
                and not _is_cap(toks[pos + n - 1]):
            # "Navy spokesman Commander X": an office in lower case, then a
            # capitalised one that is the name's own style, not a part of it
            break
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
        # ("20 February Defence Minister X": a date is no part of the title;
        # nor "During", "When" opening the sentence)
        if low in lex.drop or low in {"the", "a", "an", "his", "her", "its", "their", "'s", "of", "and", ",", "-"} \
                or low not in lex.modifiers and (prev.ent_type_ in {"DATE", "TIME"} or low in _CALENDAR
                                                 or prev.pos_ in {"ADP", "SCONJ", "DET", "PRON", "AUX", "CCONJ"}):
            break
        # ("Kremlin spokesman": a seat of power names the body, and stays,
        # whole: "White House spokesman")
        if left < len(toks) and left in taken and name_start.get(left - 1, -1) == name_start[left]:
            left -= 1
            continue
        if (left - 1 in taken or state_code(prev.text)) and low not in lex.modifiers and low not in lex.org_words:
            break
        # ("chief cabinet secretary", "the defence ministry spokesman": a body
        # in common nouns names the office as a capitalised one does)
        if low in lex.modifiers or low in lex.org_words or (_is_cap(prev) and prev.text not in {"(", ")"}):
            left -= 1
            continue
        # ("defence production minister", "arms procurement chief": a portfolio
        # in common nouns, compounds on the office)
        if prev.pos_ == "NOUN" and prev.dep_ == "compound" and prev.is_lower \
                and toks[left].i <= prev.head.i <= toks[pos + n - 1].i:
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
            and (_low(toks[end - 1]) in _PORTFOLIO_HEADS | {"state"} or any(_low(t) == "of" for t in toks[pos:end])) \
            and _portfolio(after[1:]):
        # "Minister for Defence", "Secretary of State for International Trade",
        # "Deputy Secretary of Defense for Acquisition": a portfolio after "for"
        # is part of the office, as after "of"
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
