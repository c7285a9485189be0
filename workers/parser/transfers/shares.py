"""Shares of a buyer's imports: "China supplied 82 per cent of Pakistan's
imports", "Russia accounted for 36 per cent of India's arms imports". The
subject supplies; the buyer is the owner of the imports (a possessor or a
national adjective), named inside the share the verb takes."""

from __future__ import annotations

from spacy.tokens import Token

from ..vocab import words
from ..vocab.lexicon import ACQUIRE_NOUNS, PREP_DEPS
from .phrases import arms_like
from .roles import MentionIndex, phrase_codes, subject_codes
from .triggers import Candidate


def _shares(verb: Token) -> list[Token]:
    """The share a verb takes: its object ("supplied 82 per cent"), or the
    object of its "for" ("accounted for a third")."""
    share_nouns = words()["share_nouns"]
    taken = [c for c in verb.children if c.dep_ == "dobj"]
    taken += [g for p in verb.children if p.dep_ in PREP_DEPS and p.lower_ == "for" for g in p.children if g.dep_ == "pobj"]
    return [t for t in taken if t.lemma_.lower() in share_nouns or t.pos_ == "NUM"]


def _buyers(share: Token, index: MentionIndex) -> list[str]:
    """The owners of the imports a share is "of": "of Pakistan's imports",
    "of Indian arms imports"."""
    out: list[str] = []
    for p in share.children:
        if p.dep_ not in PREP_DEPS or p.lower_ != "of":
            continue
        for g in p.children:
            if g.dep_ == "pobj" and g.lemma_.lower() in ACQUIRE_NOUNS and _of_arms(g):
                out += phrase_codes(g, index)
    return out


def _of_arms(noun: Token) -> bool:
    """Imports of arms or of nothing said ("Pakistan's imports" in an arms
    story), not "China's oil imports"."""
    return all(arms_like(m) for m in noun.children if m.dep_ in {"compound", "amod", "nmod"} and m.pos_ == "NOUN")


def share_candidate(verb: Token, index: MentionIndex) -> Candidate | None:
    """A supplier's share of a buyer's imports, or None."""
    buyers = [c for s in _shares(verb) for c in _buyers(s, index)]
    suppliers = [c for c in subject_codes(verb, index) if c not in buyers]
    buyers = [c for c in dict.fromkeys(buyers) if c not in suppliers]
    if not suppliers or not buyers:
        return None
    return Candidate(suppliers, buyers, "", 0, verb.sent, verb, confidence=0.6)
