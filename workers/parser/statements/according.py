"""Reported speech by attribution phrase: "according to X, ...", "..., according
to X". The part of the sentence outside the phrase (the longer side) is what X
said."""

from __future__ import annotations

from typing import Sequence

from spacy.tokens import Doc

from ..text import columns
from ..people.persons import PersonResolver
from .quotes import Quote
from .organisations import OrgRegistry
from .speakers import resolve_subject
from .utterance import Utterance, inside, trim
from ..text.nlp import doc_text


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
