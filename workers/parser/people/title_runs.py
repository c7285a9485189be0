"""The title phrase around one mention of a name: the run of words before it
("Russian Deputy Prime Minister Dmitry Rogozin", "the Minister of ..., Dr
X"), an apposition after it ("X, deputy chief of mission at the Russian
embassy,"), a rank before it, a party label in a parliamentary record
("Wera Hobhouse (Bath) (LD):") and a plural title before a list of names
("the presidents of Armenia and Azerbaijan ... A and B", "Senators A and B").
``officials.py`` chooses among them for each person."""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Doc, Token

from ..catalogue.title_phrases import read_title_phrase, remit_start
from ..catalogue.titles import (
    COUNTERPART,
    NON_OFFICIAL,
    RANK,
    TitleInfo,
    _is_cap,
    _low,
    abbreviations,
    is_title_word,
    lexicon,
    match_head,
    skip_honorifics,
    state_code,
)
from ..vocab import load
from .names import party_label, us_party_tag_end
from .persons import NameMention, hard_stop

# Words that stop a title run when walking left from a name.
_RUN_STOP = {",", ";", ":", '"', "\u201c", "\u201d", "and", "or", "with", "by", "to", "from", "said", "told"}
# Offices that take their place with "to": "ambassador to France".
_TO_HEADS = {"ambassador", "envoy", "adviser", "advisor", "representative", "attache", "emissary"}
_DETERMINERS = {"a", "an", "his", "her", "its", "their", "our", "my", "your"}


def _prefix_run(doc: Doc, start: int) -> list[Token]:
    """Tokens before a name that may hold its title, nearest last."""
    lex = lexicon()
    run: list[Token] = []
    k = start - 1
    # The small model's sentence splits are unreliable around brackets and
    # abbreviations, so the walk stops at punctuation rather than at sent.start.
    while k >= 0 and len(run) < 14:
        tok = doc[k]
        low = _low(tok)
        # "ambassador to France", "adviser to the President": "to" inside a title
        # "Ambassador to the United Nations": a posting with an organisation;
        # not "adviser to President Ilham Aliyev", where the office is the other man's
        if low == "to" and k > 0 and _low(doc[k - 1]) in _TO_HEADS and run \
                and (state_code(" ".join(t.text for t in run))
                     or all(_is_cap(t) or _low(t) in {"the", "of"} for t in run)) \
                and not any(match_head(run, j) for j in range(len(run))):
            run.insert(0, tok)
            k -= 1
            continue
        # "the Ambassador of the Russian Federation to Ecuador, Vladimir
        # Sprinchan": the posting comes after the sending state
        if low == "to" and run and _posting_of_before(doc, k) \
                and all(_is_cap(t) or _low(t) in {"the", "of"} for t in run):
            run.insert(0, tok)
            k -= 1
            continue
        # "Deputy Prime Minister and Defence Minister Richard Marles": one
        # person holding two offices, the coordination between two title words
        if low == "and" and k > 0 and run and is_title_word(doc[k - 1]) and is_title_word(run[0]) \
                and any(match_head(doc, j) for j in range(run[0].i, start)) \
                or low == "and" and k > 0 and run and _is_cap(doc[k - 1]) and _is_cap(run[0]) \
                and any(_low(t) in lex.org_words for t in run):
            # (or inside a body's name: "National Security and Defense Council")
            run.insert(0, tok)
            k -= 1
            continue
        if low == "and" and run and _is_cap(run[0]) and _portfolio_before(doc, k):
            # "Minister of Defense and Veterans Affairs Colonel Sadio Camara":
            # a portfolio of two parts
            run.insert(0, tok)
            k -= 1
            continue
        if low in _RUN_STOP or low in _DETERMINERS or hard_stop(tok):
            break
        # "LONDON (Reuters) - US Ambassador ...": a spaced hyphen is a dash
        # that ends the dateline, not part of a title
        if tok.text == "-" and tok.whitespace_ and k > 0 and doc[k - 1].whitespace_:
            break
        if low in lex.drop:
            k -= 1
            continue
        # "chief of staff under President X": "under" belongs to a title only
        # as "under secretary"
        if low == "under" and not (k + 1 < start and _low(doc[k + 1]) in {"secretary", "-"}):
            break
        if tok.text == "." and k > 0 and doc[k - 1].lower_ in abbreviations():
            run.insert(0, tok)  # "Lt" "." "Col" ".": the points of a rank
            k -= 1
            continue
        # ("defence production minister": a common noun compounded on the office)
        if low in {"(", ")", "-", "'s", "'", "of", "for", "the"} or _is_cap(tok) or low in lex.modifiers \
                or is_title_word(tok) or match_head(doc, k) \
                or run and tok.pos_ == "NOUN" and tok.dep_ == "compound" and tok.is_lower \
                and run[0].i <= tok.head.i <= run[-1].i:
            run.insert(0, tok)
            k -= 1
            continue
        # "the company's Director General": an organisation noun in the possessive
        if k + 1 < start and _low(doc[k + 1]) in {"'s", "'"} and low in lex.org_words:
            run.insert(0, tok)
            k -= 1
            continue
        break
    if not run and start > 0 and doc[start - 1].is_lower:
        # "presidential aide for military-technical cooperation Vladimir
        # Kozhin": an office with its remit in common nouns
        head = remit_start(doc, start)
        if head is not None:
            return _prefix_run(doc, head) + list(doc[head:start])
    # a run that starts with "the", "of" or "for" has lost its head: trim it
    while run and _low(run[0]) in {"the", "of", "for", "'s", "-", ")"}:
        run = run[1:]
    # "The Secretary of State for International Trade (Dr Liam Fox):" the
    # bracket opens the name
    while run and run[-1].text == "(":
        run = run[:-1]
    return run


def _posting_of_before(doc: Doc, k: int) -> bool:
    """``doc[k]`` ("to") follows "Ambassador of [the] <capitalised state>"."""
    j = k - 1
    while j >= 1 and k - j <= 8 and (_is_cap(doc[j]) or _low(doc[j]) in {"the", "of"}):
        if _low(doc[j]) == "of" and _low(doc[j - 1]) in _TO_HEADS and j + 1 < k:
            return True
        j -= 1
    return False


def _portfolio_before(doc: Doc, k: int) -> bool:
    """Capitalised words before ``doc[k]`` follow an office's "of"/"for"
    ("Minister of Defense and ...")."""
    j = k - 1
    while j >= 0 and _is_cap(doc[j]) and k - j <= 4:
        j -= 1
    # ("Secretary of State Mike Pompeo and ...": a name ends the office before "and")
    # (nor "Minister of Defence Tore O. Sandvik and Chief of Defence ...": an
    # office after "and" starts another person's title)
    return j < k - 1 and j >= 1 and _low(doc[j]) in {"of", "for"} and is_title_word(doc[j - 1]) \
        and not any(doc[i].ent_type_ == "PERSON" for i in range(j + 1, k)) and not match_head(doc, k + 1)


def _apposition_run(doc: Doc, end: int) -> list[Token]:
    """Tokens of ", deputy chief of mission at the Russian embassy," after a name."""
    if end >= len(doc) or doc[end].text != ",":
        return []
    sent_end = len(doc)
    run: list[Token] = []
    k = end + 1
    if k < sent_end and _low(doc[k]) in {"a", "an", "the"}:
        k += 1
    while k < sent_end and len(run) < 16:
        tok = doc[k]
        # ("(The Left):" has "):" as one token)
        if hard_stop(tok) or tok.text in {",", ";", ":", ".", '"', "\u201d", "\u201c", "(", ")"} \
                and not (tok.text == "(" and run) \
                or tok.is_punct and len(tok.text) > 1 and tok.text[0] in {")", ":", ";", ","}:
            break
        # a verb means a clause ("who said", "speaking to"), not an apposition;
        # a participle after a hyphen is an adjective ("state-owned")
        # ("the ranking member", "the acting minister": a participle that
        # starts an office is no verb)
        if (tok.pos_ in {"VERB", "AUX"} and not (k > 0 and doc[k - 1].text == "-" and not doc[k - 1].whitespace_)
                and not match_head(doc, k) and _low(tok) not in lexicon().modifiers) \
                or _low(tok) in {"who", "which", "that"}:
            return []
        run.append(tok)
        k += 1
    return run


@lru_cache(maxsize=1)
def _kin_words() -> frozenset[str]:
    return frozenset(load("official_titles.json")["kin_words"])


def apposition_info(doc: Doc, end: int) -> TitleInfo | None:
    # "Sen. Bob Menendez, D-N.J., the chairman of ...": past the party tag
    end = us_party_tag_end(doc, end) or end
    run = _apposition_run(doc, end)
    if not run:
        return None
    # "the wife of President X", "the eldest son of the emir": the relative's office
    kin = _kin_words()
    if any(_low(t) in kin and j + 1 < len(run) and _low(run[j + 1]) == "of" for j, t in enumerate(run[:3])):
        return None
    # the head must come early: ", who ..." was rejected; ", the country's ..." is fine
    if not any(match_head(run, j) for j in range(min(len(run), 8))):
        return None
    info = read_title_phrase(run)
    if info and info.kind == RANK:
        return None
    if info and info.organization is None and info.kind != NON_OFFICIAL:
        # "adviser to President Ilham Aliyev" names no organisation
        info.organization = None
    return info


def prefix_info(doc: Doc, start: int) -> TitleInfo | None:
    # "the Minister of ..., Dr Naledi Pandor": the office stands before the courtesy word
    start = skip_honorifics(doc, start)
    run = _prefix_run(doc, start)
    info = read_title_phrase(run) if run else None
    if info is None and start >= 2 and doc[start - 1].text == ",":
        # "The head of Russia's Federal Service ..., Dmitry Shugaev, said"
        office = read_title_phrase(_prefix_run(doc, start - 1))
        if office and office.kind != RANK:
            # "his Ukrainian counterpart, Oleksii Reznikov,": a counterpart
            # takes the office of the person before (see _assign_titles)
            return office
    if info is None:
        return None
    if info.country is None and run and run[0].i >= 1 and doc[run[0].i - 1].text == ",":
        # "his French counterpart, Armed Forces Minister Florence Parly": the
        # counterpart's own demonym is her country, not the first person's
        before = read_title_phrase(_prefix_run(doc, run[0].i - 1))
        if before and before.kind == COUNTERPART and before.country:
            info.country = before.country
    if info.kind == RANK:
        # "Bangladesh's navy chief, Admiral Mohammad Nizamuddin Ahmed": the office
        # stands before the comma and outranks the rank; so does a counterpart's
        # ("his Venezuelan counterpart, Admiral X" holds the first man's office)
        first = run[0].i
        if first - 1 >= 0 and doc[first - 1].text == ",":
            office = read_title_phrase(_prefix_run(doc, first - 1))
            if office and office.kind not in {RANK, NON_OFFICIAL}:
                return office
    return info


def rank_info(doc: Doc, start: int) -> TitleInfo | None:
    """The military rank right before a name, if that is what stands there."""
    run = _prefix_run(doc, skip_honorifics(doc, start))
    info = read_title_phrase(run) if run else None
    return info if info and info.kind == RANK else None


def party_info(doc: Doc, mention: NameMention) -> TitleInfo | None:
    """"Wera Hobhouse (Bath) (LD):", "Hassan Abdul Karim (PH-Pasir Gudang)":
    a member of a legislature, or the office given after the label
    ("Barry Gardiner (Brent North) (Lab), Shadow Secretary of State ...:")."""
    label = party_label(doc, mention.end)
    if label is None:
        return None
    k, us = label
    office = apposition_info(doc, k)
    if office and office.kind not in {NON_OFFICIAL, RANK, COUNTERPART}:
        return office
    return TitleInfo(title="member of Congress" if us else "member of parliament", start=doc[mention.end].idx,
                     end=doc[k - 1].idx + 1)


def plural_titles(doc: Doc, first: NameMention, second: NameMention) -> list[TitleInfo] | None:
    """"the presidents of Armenia and Azerbaijan" (or "his Armenian and Azerbaijani
    counterparts") in this or the previous sentence, for names given as "A and B"."""
    lex = lexicon()
    sent = doc[first.start].sent
    scope_start = sent.start
    if sent.start > 0:
        scope_start = doc[sent.start - 1].sent.start
    toks = doc[scope_start:first.start]
    for j in range(len(toks)):
        for n in (3, 2, 1):
            key = tuple(_low(t) for t in toks[j:j + n])
            if len(key) == n and key in lex.plural_heads:
                title = lex.plural_heads[key]
                codes: list[str] = []
                # "presidents of Armenia and Azerbaijan"
                k = j + n
                if k < len(toks) and _low(toks[k]) == "of":
                    for t in toks[k + 1:k + 6]:
                        c = state_code(t.text)
                        if c:
                            codes.append(c)
                # "Armenian and Azerbaijani counterparts"
                if not codes:
                    for t in toks[max(0, j - 4):j]:
                        c = state_code(t.text)
                        if c:
                            codes.append(c)
                if len(codes) >= 2:
                    return [TitleInfo(title=title, country=codes[0], kind=COUNTERPART if title == "counterpart" else "office"),
                            TitleInfo(title=title, country=codes[1], kind=COUNTERPART if title == "counterpart" else "office")]
    return None


def plural_prefix(doc: Doc, start: int) -> TitleInfo | None:
    """"Senators Bob Crane and Ann Holt", "Defence Ministers A, B and C": the
    office, in the singular, of each name in a list right after a plural title."""
    lex = lexicon()
    end = start - 1 if start > 1 and doc[start - 1].text == "." else start
    for n in (3, 2, 1):
        if end - n < 0:
            continue
        title = lex.plural_heads.get(tuple(_low(t).rstrip(".") for t in doc[end - n:end]))
        if title and title != "counterpart":
            country = state_code(doc[end - n - 1].text) if end - n >= 1 else None
            return TitleInfo(title=title, country=country, kind="office", start=doc[end - n].idx,
                             end=doc[end - 1].idx + len(doc[end - 1].text))
    return None
