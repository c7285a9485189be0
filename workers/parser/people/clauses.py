"""Offices given by a clause about a person rather than by a title phrase:
"X said at his hearing to become defense secretary", "X, who was defence
minister at the time", "X heads the Federal Service ...", "the commission,
chaired by X". ``officials.py`` falls back on these when no title phrase
stands before or after the name."""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Doc, Token

from ..catalogue.title_phrases import read_title_phrase
from ..catalogue.titles import (
    COUNTERPART,
    RANK,
    TitleInfo,
    _is_cap,
    _low,
    lexicon,
    match_head,
    skip_honorifics,
    state_code,
)
from ..text import columns
from ..text.nlp import doc_text
from ..vocab import load
from .persons import NameMention, Person, hard_stop


def become_info(doc: Doc, mention: NameMention) -> TitleInfo | None:
    """"X said at his confirmation hearing to become defense secretary"."""
    sent = doc[mention.start].sent
    lemmas = columns.lemmas(doc)
    for i in range(max(sent.start, mention.end), sent.end):
        if lemmas[i] not in {"become", "as", "appoint", "name"}:
            continue
        k = i + 1
        run: list[Token] = []
        if k < sent.end and _low(doc[k]) in {"a", "an", "the"}:
            k += 1
        while k < sent.end and len(run) < 6 and doc[k].text not in {",", ".", ";"} and doc[k].pos_ not in {"VERB", "AUX"} \
                and _low(doc[k]) not in {"that", "and"}:
            run.append(doc[k])
            k += 1
        if run and match_head(run, len(run) - 1) or any(match_head(run, j) for j in range(len(run))):
            info = read_title_phrase(run)
            if info and info.kind not in {RANK, COUNTERPART}:
                return info
    return None


# Verbs that give the person the office of heading a body: "X heads the
# agency", "X, who chairs the committee", "a panel chaired by X".
_HEAD_VERBS = {"head": "head", "chair": "chair"}
_CLAUSE_STOPS = {",", ".", ";", ":", '"', "\u201c", "\u201d", "(", ")"}


def clause_info(doc: Doc, mention: NameMention) -> TitleInfo | None:
    """An office given in a clause about the person: "X, who was defence
    minister at the time", "X, who heads Sweden's arms inspectorate", "X heads
    the Federal Service", "the commission, chaired by X"."""
    k = mention.end
    if k + 1 < len(doc) and doc[k].text == "," and _low(doc[k + 1]) == "who":
        k += 2
    elif k + 2 < len(doc) and doc[k].text == "," and _low(doc[k + 1]) in {"a", "an"}:
        # "X, a Green who is now minister of state", "X, a former minister who
        # chairs its security committee": the clause after a short description
        who = next((j for j in range(k + 2, min(len(doc), k + 7)) if _low(doc[j]) in {"who", ",", "."}
                    or doc[j].pos_ in {"VERB", "AUX"} or hard_stop(doc[j])), None)
        if who is not None and _low(doc[who]) == "who":
            k = who + 1
    if k < len(doc) and doc[k].pos_ in {"VERB", "AUX"} and doc[k].lemma_ in _HEAD_VERBS and doc[k].tag_ in {"VBZ", "VBD"}:
        return _headed_body(doc, k + 1, _HEAD_VERBS[doc[k].lemma_])
    if k < len(doc) and doc[k].lemma_ == "be" and k > mention.end:
        k += 1
        while k < len(doc) and _low(doc[k]) in {"now", "also", "then", "currently", "still", "the", "a", "an"}:
            k += 1
        run: list[Token] = []
        while k < len(doc) and len(run) < 10 and doc[k].text not in _CLAUSE_STOPS and not hard_stop(doc[k]) \
                and doc[k].pos_ not in {"VERB", "AUX"} and _low(doc[k]) not in {"who", "which", "that", "when"}:
            if _low(doc[k]) in {"at", "in", "since", "until", "from", "during"} and k + 1 < len(doc) \
                    and not _is_cap(doc[k + 2] if _low(doc[k + 1]) == "the" and k + 2 < len(doc) else doc[k + 1]):
                break
            run.append(doc[k])
            k += 1
        if run and any(match_head(run, j) for j in range(min(3, len(run)))):
            info = read_title_phrase(run)
            if info and info.kind not in {RANK, COUNTERPART}:
                return info
        return None
    start = skip_honorifics(doc, mention.start)
    if start >= 2 and _low(doc[start - 1]) == "by" and doc[start - 2].lemma_ in _HEAD_VERBS \
            and doc[start - 2].tag_ == "VBN":
        # "the commission, which is chaired by X": the body is the verb's subject
        return TitleInfo(title=_HEAD_VERBS[doc[start - 2].lemma_], start=doc[start - 2].idx,
                         end=doc[start - 1].idx + len(doc[start - 1].text))
    return None


def _headed_body(doc: Doc, k: int, title: str) -> TitleInfo | None:
    """"heads [the] Federal Service for ... (FSMTC)": the body a head verb names."""
    if k < len(doc) and _low(doc[k]) == "the":
        k += 1
    body: list[Token] = []
    while k < len(doc) and len(body) < 10 and doc[k].text not in _CLAUSE_STOPS and not hard_stop(doc[k]) \
            and (_is_cap(doc[k]) or _low(doc[k]) in {"of", "for", "and", "'s", "-"}):
        body.append(doc[k])
        k += 1
    while body and _low(body[-1]) in {"of", "for", "and", "'s", "-"}:
        body.pop()
    if not body:
        return _common_body(doc, k, title)
    # a public body: an office word in its name or a state's possessive before
    # it (a company or a think tank a person heads makes no official)
    if not body or not (any(_low(t) in lexicon().org_words for t in body)
                        or len(body) > 2 and body[1].text in {"'s", "\u2019s"} and state_code(body[0].text)):
        return None
    info = TitleInfo(title=title, organization=_join_tokens(body), start=body[0].idx,
                     end=body[-1].idx + len(body[-1].text))
    # "Sweden's Inspectorate of Strategic Products": the possessive is the country
    if len(body) > 2 and body[1].text in {"'s", "\u2019s"}:
        info.country = state_code(body[0].text)
        info.organization = _join_tokens(body[2:])
    return info


# Bodies of a legislature or a party that a member chairs, named in common
# nouns: "chairs its security research committee", "heads the party's defence panel".
_CHAIRED_BODIES = {"committee", "subcommittee", "panel", "commission", "caucus", "council"}


def _common_body(doc: Doc, k: int, title: str) -> TitleInfo | None:
    """"chairs its security research committee": a committee in common nouns
    after a possessive (the party's, its), up to its head noun."""
    j = k
    if j < len(doc) and _low(doc[j]) in {"its", "his", "her", "their"}:
        j += 1
    elif j + 1 < len(doc) and doc[j + 1].text in {"'s", "\u2019s"} and doc[j].is_lower:
        j += 2  # "the party's"
    else:
        return None
    start = j
    while j < len(doc) and j - start < 4 and doc[j].is_lower and doc[j].is_alpha:
        if _low(doc[j]) in _CHAIRED_BODIES:
            return TitleInfo(title=title, organization=_join_tokens(list(doc[start:j + 1])),
                             start=doc[k].idx, end=doc[j].idx + len(doc[j].text))
        j += 1
    return None


def _join_tokens(tokens: list[Token]) -> str:
    return doc_text(tokens[0].doc)[tokens[0].idx:tokens[-1].idx + len(tokens[-1].text)]


def member_info(doc: Doc, mention: NameMention) -> TitleInfo | None:
    """"Its other members were Judge A and Mr B", "the panel's members include
    A, B and C": a named member of a body listed after "members"."""
    sent = doc[mention.start].sent
    k = mention.start - 1
    while k > sent.start and (doc[k].text in {",", "and", "."} or doc[k].pos_ in {"PROPN", "DET"}
                              or _low(doc[k]) in lexicon().honorifics or doc[k].is_title):
        k -= 1
    verb = doc[k]
    if verb.lemma_ not in {"be", "include"} or k < 1 or _low(doc[k - 1]) != "members":
        return None
    return TitleInfo(title="member", start=doc[k - 1].idx, end=verb.idx + len(verb.text))


# Verbs of saying: "X said the Russian president ..." speaks of someone else.
_SAY_LEMMAS = {"say", "tell", "add", "write", "claim", "argue", "note", "insist", "warn", "accuse", "suggest"}


def descriptor_info(doc: Doc, mention: NameMention, others: list[tuple[int, int]], *,
                    first: bool = False) -> TitleInfo | None:
    """An office given by a definite description that takes up the name:
    "When X walked the flight line, the Malaysian defence minister was
    looking ...", "X chose his weekly programme. Russia, the Venezuelan
    president told viewers, ...". The description must name a state (a
    demonym or possessive), be the subject of its clause, and come before any
    other person's name, in the name's sentence or the next one (or, for the
    ``first`` mention, the one before); ``others`` are the token spans of
    every other person's mentions."""
    # (the model may end a sentence inside a name it did not tag: "Hugo" | "Chávez chose")
    sent = doc[mention.end - 1].sent
    limit = sent.end
    if limit < len(doc):
        limit = doc[limit].sent.end
    nxt = min((s for s, _e in others if s >= mention.end), default=len(doc))
    limit = min(limit, nxt)
    found = _description(doc, mention, range(mention.end, limit - 2))
    if found is None and first:
        # "When the Czech prime minister posted ..., it carried weight. The
        # rounds, Petr Fiala wrote, had ...": the description comes first
        begin = sent.start if sent.start == 0 else doc[sent.start - 1].sent.start
        begin = max([begin] + [e for _s, e in others if e <= mention.start])
        found = _description(doc, mention, range(begin, mention.start - 2))
    return found


def _description(doc: Doc, mention: NameMention, positions: range) -> TitleInfo | None:
    """The first "the <demonym> <office>" subject at one of ``positions``."""
    limit = min(len(doc), positions.stop + 2)
    lowers = columns.lowers(doc)
    for k in positions:
        if lowers[k] != "the":
            continue
        run: list[Token] = []
        j = k + 1
        while j < limit and len(run) < 6 and (_is_cap(doc[j]) or _low(doc[j]) in lexicon().modifiers
                                              or match_head(doc, j) or _low(doc[j]) in {"'s", "-"}):
            run.append(doc[j])
            j += 1
        if not run or not match_head(run, len(run) - 1) and not any(match_head(run, i) for i in range(len(run))):
            continue
        # "the Russian president Vladimir Putin": a title of the name that follows
        if j < len(doc) and _is_cap(doc[j]) and not state_code(doc[j].text):
            continue
        info = read_title_phrase(run)
        if info is None or info.kind not in {"office"} or not info.country:
            continue
        # the title's head must end the run ("the Russian president's office":
        # the head stands before the possessive)
        root = run[-1] if _low(run[-1]) not in {"'s", "-"} else run[-2] if len(run) > 1 else run[-1]
        if root.dep_ not in {"nsubj", "nsubjpass", "poss"}:
            continue
        # "X said the Russian president had ...": someone X speaks about
        verb = root.head
        while verb.head.i != verb.i and verb.dep_ in {"ccomp", "conj", "xcomp"}:
            verb = verb.head
            if verb.lemma_ in _SAY_LEMMAS and any(
                    c.dep_ in {"nsubj", "nsubjpass"} and mention.start <= c.i < mention.end for c in verb.children):
                info = None
                break
        if info is None:
            continue
        info.start, info.end = doc[k].idx, run[-1].idx + len(run[-1].text)
        return info
    return None


def person_description(doc: Doc, p: Person, people: list[Person]) -> TitleInfo | None:
    """The first description after one of ``p``'s mentions that no other
    person's office already answers to (then it means that person)."""
    others = sorted((m.start, m.end) for q in people if q is not p for m in q.mentions)
    for n, m in enumerate(p.mentions):
        info = descriptor_info(doc, m, others, first=n == 0)
        if info is None:
            continue
        head = (info.title or "").lower().split()[-1:]
        if any(q is not p and q.info and q.info.country == info.country
               and (q.info.title or "").lower().split()[-1:] == head for q in people):
            return None
        return info
    return None


@lru_cache(maxsize=1)
def us_states() -> frozenset[str]:
    """The fifty US states by name ("Susan Collins of Maine")."""
    return frozenset(load("official_titles.json")["us_states"])


def legislator_info(doc: Doc, mention: NameMention) -> TitleInfo | None:
    """"Seven Republicans broke with the president: Susan Collins of Maine,
    Lindsey Graham of South Carolina, ...": in an article about the Senate or
    Congress, a name followed by "of" and a US state is a member of it."""
    k = mention.end
    if k + 1 >= len(doc) or _low(doc[k]) != "of":
        return None
    place = doc[k + 1].text if k + 2 >= len(doc) or not _is_cap(doc[k + 2]) else doc[k + 1:k + 3].text
    if place not in us_states() and doc[k + 1].text not in us_states():
        return None
    text = doc_text(doc)
    body = "Senate" if re.search(r"\bSenate\b|\bsenators?\b", text) else "Congress" \
        if re.search(r"\bCongress\b|\bHouse of Representatives\b", text) else None
    if body is None:
        return None
    return TitleInfo(title="senator" if body == "Senate" else "member of Congress", organization=body, country="USA",
                     start=doc[k].idx, end=doc[k + 1].idx + len(doc[k + 1].text))
