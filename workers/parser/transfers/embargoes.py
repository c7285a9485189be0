"""Embargoes and bans: a row from the party that imposes them to their target,
suspended ("the European Union's arms embargo on Syria", "the EU embargo on
arms sales to Russia", "the arms embargo that the United Kingdom has
maintained on Argentina", "The United States has kept its own ban on arms
sales to China", "Myanmar and Sudan, which are also under EU arms embargoes").

The imposing party is named before the noun (possessor, compound, adjective),
as the subject of the relative clause or of the verb that holds the noun; the
target after "on"/"against"/"to", or as the subject of "be under". A weaker
record than a trigger's, with a middling confidence.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Span, Token

from ..catalogue.actors import DEMONYM, ActorMention, mention_index
from ..records import TransferRecord
from ..text import columns
from ..text.nlp import doc_text
from ..vocab import words
from .roles import subject_codes
from .status import SUSPENDED
from .supply_roles import has_supply_vocab

CONFIDENCE = 0.6
_TARGET_PREPS = frozenset({"on", "against", "to"})


def _codes(toks, index: dict[int, ActorMention]) -> list[str]:
    return list(dict.fromkeys(index[t.i].code for t in toks if t.i in index))


def _with_list(tok: Token) -> list[Token]:
    """A token and the members of the list it heads ("Myanmar, Sudan and Zimbabwe")."""
    out = [tok]
    for c in tok.children:
        if c.dep_ in {"conj", "appos"}:
            out += _with_list(c)
    return out


def _targets(head: Token, index: dict[int, ActorMention], preps: frozenset[str] = _TARGET_PREPS) -> list[str]:
    """Parties after "on"/"against"/"to" under ``head``, through "arms (sales)"
    and "all of"."""
    out: list[str] = []
    for prep in head.children:
        if prep.dep_ not in {"prep", "dative"} or prep.lower_ not in preps:
            continue
        for obj in prep.children:
            if obj.dep_ != "pobj":
                continue
            found = _codes(_with_list(obj), index)
            # "on arms (sales) to South Sudan": the target is one "to" further
            out += found or _targets(obj, index, _TARGET_PREPS | {"of"})
    return out


def _imposer(noun: Token, index: dict[int, ActorMention]) -> list[str]:
    """The party that imposes the embargo ``noun``."""
    before = [t for t in noun.subtree if t.i < noun.i]
    found = _codes(before, index)
    if found:
        return found
    for c in noun.children:
        if c.dep_ == "relcl":
            found = _codes((g for g in c.children if g.dep_ == "nsubj"), index)
            if found:
                return found
    # "The United States has kept its own ban": the subject of the holding verb;
    # through "to" verbs, the passive subject of "is set to (postpone lifting)"
    verb, steps, controlled = noun, 0, False
    while verb.head.i != verb.i and steps < 4:
        controlled = verb.dep_ == "xcomp"
        verb, steps = verb.head, steps + 1
        subj = [g for g in verb.children if g.dep_ == "nsubj" or (controlled and g.dep_ == "nsubjpass")]
        if subj:
            return _codes((t for s in subj for t in _with_list(s)), index)
    return []


def _targets_of(noun: Token, index: dict[int, ActorMention]) -> list[str]:
    out = _targets(noun, index)
    if not out and noun.dep_ == "dobj":
        # "has maintained its own ban on arms sales to China": the parser hangs
        # "to China" on the verb
        out = _targets(noun.head, index)
    for c in noun.children:
        if c.dep_ == "relcl":
            out += _targets(c, index)  # "... that the UK has maintained on Argentina"
    prep = noun.head
    if not out and noun.dep_ == "pobj" and prep.lower_ == "under":
        # "Myanmar and Sudan, which are also under EU arms embargoes"
        verb = prep.head
        for s in (g for g in verb.children if g.dep_ == "nsubj"):
            if s.lower_ in words()["relative_pronouns"] and verb.dep_ == "relcl":
                s = verb.head
            out += _codes(_with_list(s), index)
    return list(dict.fromkeys(out))


def embargo_transfers(doc: Doc, mentions: list[ActorMention], found: list[TransferRecord],
                      bounds: Callable[[Span], tuple[int, int]]) -> list[TransferRecord]:
    """Rows for the embargoes the article names that ``found`` lacks."""
    index = mention_index([m for m in mentions if m.form != DEMONYM])
    if not index:
        return []
    nouns = words()["embargo_nouns"]
    known = {(t.supplier, t.recipient) for t in found}
    lemmas, pos = columns.lemmas(doc), columns.pos(doc)
    text = doc_text(doc)
    out: list[TransferRecord] = []
    for i, lemma in enumerate(lemmas):
        if lemma not in nouns or pos[i] not in {"NOUN", "PROPN", "VERB"}:
            continue
        noun = doc[i]
        if pos[i] == "VERB":
            # "the European Union has banned arms exports to Sudan"
            objs = [c for c in noun.children if c.dep_ == "dobj"]
            if not objs or not has_supply_vocab(objs[0].subtree):
                continue
            targets = list(dict.fromkeys(_targets(noun, index) + _targets(objs[0], index)))
            imposers = subject_codes(noun, index)
        else:
            if not has_supply_vocab(noun.subtree):
                continue  # a travel ban, an import ban on grain
            targets = _targets_of(noun, index)
            imposers = _imposer(noun, index) if targets else []
        if not targets:
            continue
        for s in imposers:
            if s in words()["embargo_only_bodies"]:
                continue
            for r in targets:
                if s == r or (s, r) in known:
                    continue
                known.add((s, r))
                start, end = bounds(noun.sent)
                out.append(TransferRecord(supplier=s, recipient=r, status=SUSPENDED, weapons=[],
                                          evidence=text[start:end], start=start, end=end, confidence=CONFIDENCE))
    return out
