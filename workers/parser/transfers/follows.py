"""A buyer that follows another's purchase in the same sentence: "The UAE
signed for the system in 2022, and Saudi Arabia followed in February with a
contract worth $3.2 billion". The follower buys from the seller of the clause
it follows, with the status of that clause.
"""

from __future__ import annotations

from ..vocab import words
from ..vocab.lexicon import ACQUIRE_NOUNS, DEAL_NOUNS, PREP_DEPS
from .roles import MentionIndex, subject_codes
from .triggers import Candidate


def follower_candidates(full: list[Candidate], index: MentionIndex) -> list[Candidate]:
    """Reports for the subjects of "followed with a contract/an order" joined
    to the verb of a report that names both sides."""
    follow = words()["follow_verbs"]
    deals = DEAL_NOUNS | ACQUIRE_NOUNS
    out: list[Candidate] = []
    for c in full:
        if not c.suppliers or not c.recipients:
            continue
        for verb in c.trigger.children:
            if verb.dep_ != "conj" or verb.lemma_.lower() not in follow:
                continue
            if not any(p.dep_ in PREP_DEPS and p.lower_ == "with" and g.dep_ == "pobj" and g.lemma_.lower() in deals
                       for p in verb.children for g in p.children):
                continue
            buyers = [r for r in subject_codes(verb, index) if r not in c.suppliers and r not in c.recipients]
            if buyers:
                out.append(Candidate(list(c.suppliers), buyers, c.status, 1, c.sent, verb,
                                     weapons=list(c.weapons), confidence=0.5))
    return out
