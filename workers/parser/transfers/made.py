"""Arms made by one state in the hands of another: "Kenya operates
Chinese-made Z-9 helicopters", "Indonesia, which has operated two German-built
submarines", "Armenia's arsenal is made up of Russian-supplied weapons".

The maker is a national adjective joined to "made"/"built"/"supplied" before an
arms noun; the holder is the possessor of that noun phrase (or of the subject
of a "made up of" clause), or the subject of a verb of using or holding it. A
weapon that only strikes or is shot down ("Ukraine downed Russian-made drones")
has no holder here. A weaker record than a trigger's.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Span, Token

from ..catalogue.actors import DEMONYM, ActorMention, mention_index
from ..records import TransferRecord
from ..text.nlp import doc_text
from ..vocab import words
from .phrases import arms_like
from .roles import subject_codes
from .status import DELIVERED

CONFIDENCE = 0.45


def _arms_noun(tok: Token) -> Token | None:
    """The arms noun a "made"/"built" participle modifies (through "Type 209")."""
    head, steps = tok.head, 0
    while steps < 3 and head.head.i != head.i and head.dep_ in {"amod", "compound", "nmod", "nummod"}:
        head, steps = head.head, steps + 1
    return head if arms_like(head) else None


def _holders(noun: Token, index: dict[int, ActorMention]) -> list[str]:
    w = words()
    poss = [c for c in noun.children if c.dep_ == "poss" and c.i in index]
    if poss:
        return [index[poss[0].i].code]
    verb = noun.head
    if noun.dep_ == "pobj":
        verb = verb.head
    if noun.dep_ not in {"dobj", "pobj"} or verb.pos_ not in {"VERB", "AUX"}:
        return []
    if verb.lemma_.lower() in w["holding_verbs"]:
        return subject_codes(verb, index)
    if verb.lemma_.lower() in w["consist_verbs"]:
        # "Armenia's arsenal is made up of Russian-supplied weapons"
        for s in (c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}):
            return [index[c.i].code for c in s.children if c.dep_ == "poss" and c.i in index][:1]
    return []


def made_transfers(doc: Doc, mentions: list[ActorMention], found: list[TransferRecord],
                   bounds: Callable[[Span], tuple[int, int]]) -> list[TransferRecord]:
    """Rows for "<maker>-made <arms>" held by another party that ``found`` lacks."""
    makers = [m for m in mentions if m.form == DEMONYM]
    if not makers:
        return []
    index = mention_index([m for m in mentions if m.form != DEMONYM])
    known = {(t.supplier, t.recipient) for t in found}
    known |= {(r, s) for s, r in known}
    participles = words()["made_participles"]
    text = doc_text(doc)
    out: list[TransferRecord] = []
    for m in makers:
        i = m.token_end
        if i + 1 >= len(doc) or doc[i].text not in {"-", "\u2010", "\u2011"} or doc[i + 1].lower_ not in participles:
            continue
        noun = _arms_noun(doc[i + 1])
        if noun is None:
            continue
        for r in _holders(noun, index):
            if r == m.code or (m.code, r) in known:
                continue
            known.update({(m.code, r), (r, m.code)})
            start, end = bounds(noun.sent)
            out.append(TransferRecord(supplier=m.code, recipient=r, status=DELIVERED, weapons=[],
                                      evidence=text[start:end], start=start, end=end, confidence=CONFIDENCE))
    return out
