"""Pairs reported in passing: a sentence about arms supply whose parties the
trigger rules leave out ("Pakistan has also shown interest in buying the KAAN",
"the arms embargo the United Kingdom has maintained on Argentina", a list of
recipients after "to").

The roles come from the same reading of the parse the statements use
(``supply_roles.roles_in``): "to"/"for" marks the recipient, "from"/"by" the
supplier, the subject of "sell" supplies and of "buy" receives. Only sentences
with a strong supply word are read, and what they give is a weaker record than
a trigger's: it never replaces one, and its confidence stays low.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Span, Token

from ..catalogue.actors import ActorMention
from ..records import TransferRecord
from ..text import columns
from ..text.nlp import doc_text
from ..vocab import words
from .phrases import arms_like, helps_maker
from .status import trigger_status
from .supply_roles import RECIPIENT, SUPPLIER, Mention, has_supply_vocab, normalise_mentions, role_of, roles_in

CONFIDENCE = 0.4


def _trigger(sent: Span) -> Token | None:
    """The first supply word of the sentence, whose status the pair takes."""
    w = words()
    lemmas = columns.lemmas(sent.doc)
    for i in range(sent.start, sent.end):
        lem = lemmas[i]
        if lem in w["supplier_verbs"] or lem in w["acquire_verbs"] or lem in w["supply_lemmas"]:
            if lem not in w["weak_lemmas"]:
                return sent.doc[i]
    return None


def _gets_other_things(tok: Token) -> bool:
    """Whether a party's last token is the "to" object of a verb whose direct
    object is no arms ("give orders to Beijing", "send a letter to Kyiv")."""
    prep = tok.head
    if tok.dep_ != "pobj" or prep.lower_ != "to" or prep.head.pos_ != "VERB":
        return False
    # a relative pronoun ("helicopters that Brazil offered to donate to Bolivia") tells nothing
    objs = [c for c in prep.head.children if c.dep_ == "dobj"]
    return bool(objs) and all(o.pos_ == "NOUN" and not arms_like(o) for o in objs)


def _no_recipient(doc: Doc, m: Mention) -> bool:
    """A mention that names no recipient: the "to" object of a verb giving no
    arms, or a party after a set-off "not" (", not China,")."""
    start = m.token_start
    contrasted = start >= 2 and doc[start - 1].lower_ == "not" and doc[start - 2].text == ","
    return contrasted or _gets_other_things(doc[m.token_end - 1])


def secondary_transfers(doc: Doc, mentions: list[ActorMention], found: list[TransferRecord],
                        bounds: Callable[[Span], tuple[int, int]]) -> list[TransferRecord]:
    """Records for the pairs the sentences name in supply roles that ``found``
    (the trigger rules' rows) lacks in either direction; ``bounds`` gives a
    sentence's evidence span."""
    known = {(t.supplier, t.recipient) for t in found}
    known |= {(r, s) for s, r in known}
    # "Russian forces", "Chinese military product": a demonym names a side too
    # loosely for a pair nothing else supports.
    norm: list[Mention] = normalise_mentions(doc, [m for m in mentions if m.form != "demonym"])
    if not norm:
        return []
    out: list[TransferRecord] = []
    text = doc_text(doc)
    for sent in doc.sents:
        inside = [m for m in norm if sent.start_char <= m.start and m.end <= sent.end_char]
        if len({m.code for m in inside}) < 2 or not has_supply_vocab(sent, strong_only=True):
            continue
        trigger = _trigger(sent)
        if trigger is None:
            continue
        roles, _loose = roles_in(doc, norm, sent.start_char, sent.end_char)
        # Only sides the syntax marks outright; the subject of the clause filled
        # in for a missing side ("Azerbaijan urges India to reconsider arms
        # supplies to Armenia") is a speaker's reading, not a supply.
        marked = {(m.code, role_of(doc, m)) for m in inside
                  if not helps_maker(doc[m.token_end - 1], sent.root)}
        suppliers = [c for c in ([roles.supplier] if roles.supplier else []) + roles.suppliers
                     if (c, SUPPLIER) in marked]
        # Not a party every mention of which gets something other than arms or is
        # set aside by a contrast ("it is the United States, not China, that keeps
        # sending weapons ..., and Washington is in no position to give orders to Beijing").
        recipients = [c for c in roles.recipients if (c, RECIPIENT) in marked
                      and not all(_no_recipient(doc, m) for m in inside if m.code == c)]
        for s in suppliers:
            for r in recipients:
                if s == r or (s, r) in known:
                    continue
                known |= {(s, r), (r, s)}
                status, _strength = trigger_status(trigger)
                start, end = bounds(sent)
                out.append(TransferRecord(supplier=s, recipient=r, status=status, weapons=[],
                                          evidence=text[start:end], start=start, end=end, confidence=CONFIDENCE))
    return out
