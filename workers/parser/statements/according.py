"""Reported speech by attribution phrase: "according to X, ...", "..., according
to X", "in X's view, ...", "..., in the president's reading, ...". The part of the
sentence outside the phrase is what X said."""

from __future__ import annotations

from typing import Sequence

from spacy.tokens import Doc, Span, Token

from ..text import columns
from ..people.persons import PersonResolver
from .quotes import Quote
from .organisations import OrgRegistry
from .speakers import resolve_subject
from .utterance import Speaker, Utterance, inside, trim
from ..text.nlp import doc_text
from ..vocab import words


def according_to(doc: Doc, resolver: PersonResolver, orgs: OrgRegistry, quotes: Sequence[Quote]) -> list[Utterance]:
    """"According to Shoigu, the systems ... will strengthen ..."."""
    out: list[Utterance] = []
    lowers = columns.lowers(doc)
    for i, low in enumerate(lowers):
        if low != "according" or i + 1 >= len(doc) or lowers[i + 1] != "to":
            continue
        tok = doc[i]
        to = doc[tok.i + 1]
        # ("according to Ukrainian Ambassador to Turkey Andrii Sybiha": the parser
        # may give "to" the title and the name as two objects; the one that resolves speaks)
        speaker = pobj = None
        for pobj in [c for c in to.children if c.dep_ == "pobj"]:
            speaker = resolve_subject(doc, pobj, tok, resolver, orgs)
            if speaker is not None:
                break
        if speaker is None or pobj is None:
            continue
        sent = tok.sent
        phrase = list(tok.subtree) if tok.head.i != tok.i else [tok, to] + list(pobj.subtree)
        p_start = min(t.i for t in phrase + [tok, to])
        p_end = max(t.i for t in phrase + [tok, to] + list(pobj.subtree)) + 1
        before = (sent.start_char, doc[p_start].idx) if p_start > sent.start else None
        after = (doc[p_end - 1].idx + len(doc[p_end - 1].text), sent.end_char) if p_end < sent.end else None
        parts = [p for p in (before, after) if p]
        if not parts:
            continue
        start, end = max(parts, key=lambda p: p[1] - p[0])
        start, end = trim(doc_text(doc), start, end)
        if end - start < 12 or inside(quotes, start, end):
            continue
        out.append(Utterance(speaker=speaker, start=start, end=end, direct=False, context_start=sent.start_char,
                              context_end=sent.end_char, verb="according", confidence=0.6))
    return out


_POSSESSIVE_PRONOUNS = {"his": "he", "her": "she"}


def in_the_view_of(doc: Doc, resolver: PersonResolver, orgs: OrgRegistry, quotes: Sequence[Quote]
                   ) -> list[Utterance]:
    """"In the court's view, the procedure must change", "Neither, in the
    president's reading, has materialised", "In his words, ...": a view noun
    (``vocab/data/words.json``, ``view_nouns``) whose possessor speaks."""
    view_nouns = words()["view_nouns"]
    out: list[Utterance] = []
    for i, lemma in enumerate(columns.lemmas(doc)):
        tok = doc[i]
        if tok.lower_ not in view_nouns and lemma not in view_nouns:
            continue
        prep = tok.head
        if tok.dep_ != "pobj" or prep.lower_ != "in":
            continue
        owner = next((c for c in tok.children if c.dep_ == "poss"), None)
        if owner is None:
            continue
        speaker = _owner(doc, owner, tok, resolver, orgs)
        if speaker is None:
            continue
        span = _around(doc, list(prep.subtree), tok.sent)
        if span is None or inside(quotes, *span):
            continue
        out.append(Utterance(speaker=speaker, start=span[0], end=span[1], direct=False,
                             context_start=tok.sent.start_char, context_end=tok.sent.end_char, verb="according",
                             confidence=0.6))
    return out


def _owner(doc: Doc, owner: Token, noun: Token, resolver: PersonResolver, orgs: OrgRegistry) -> Speaker | None:
    pronoun = _POSSESSIVE_PRONOUNS.get(owner.lower_)
    if pronoun:
        name = resolver.last_before(owner.idx, pronoun=pronoun)
        return Speaker(name, True, pronoun=pronoun) if name else None
    if owner.lower_ == "its":
        found = orgs.last_spoken(owner.idx)
        return Speaker(found, False) if found else None
    return resolve_subject(doc, owner, noun, resolver, orgs)


def _around(doc: Doc, phrase: list[Token], sent: Span) -> tuple[int, int] | None:
    """What the sentence says outside an attribution phrase: the rest after a
    phrase that opens it, before one that closes it, the whole sentence around
    one in the middle."""
    text = doc_text(doc)
    first, last = min(t.i for t in phrase), max(t.i for t in phrase)
    rest_before = any(not t.is_punct for t in doc[sent.start:first])
    rest_after = any(not t.is_punct for t in doc[last + 1:sent.end])
    if rest_before and rest_after:
        start, end = sent.start_char, sent.end_char
    elif rest_after:
        start, end = doc[last].idx + len(doc[last].text), sent.end_char
    elif rest_before:
        start, end = sent.start_char, doc[first].idx
    else:
        return None
    start, end = trim(text, start, end)
    return (start, end) if end - start >= 12 else None
