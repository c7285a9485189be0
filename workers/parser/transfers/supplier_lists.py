"""Lists named as a recipient's suppliers.

"Ukraine's main arms suppliers are the United States, Germany and Britain",
"The biggest suppliers of arms to Ukraine were A, B and C", "The countries
supplying weapons to Ukraine include A, B and C", "Ukraine's donors include A,
B and C": a list set beside a noun of suppliers, by "be" or "include", supplies
the party that noun names (its possessor, its "to"/"for" object, or the
recipient of the supply verb that describes it).
"""

from __future__ import annotations

from spacy.tokens import Token

from ..catalogue.actors import ActorMention
from ..vocab import words

# Verbs that set a list beside the noun that names it.
_NAMING_VERBS = frozenset({"be", "include", "comprise"})


def _naming_noun(root: Token) -> Token | None:
    """The noun a list is set beside: the other side of "be"/"include"
    ("A, B and C are its suppliers", "its suppliers include A and B"), the
    noun it stands in apposition to, or the "among" object of an inverted
    "Among the states arming X were A and B"."""
    if root.dep_ == "appos":
        return root.head
    if root.dep_ not in {"attr", "dobj", "nsubj"}:
        return None
    verb = root.head
    if verb.lemma_.lower() not in _NAMING_VERBS:
        return None
    for c in verb.children:
        if c.i != root.i and c.dep_ in {"nsubj", "attr"} and c.pos_ in {"NOUN", "PROPN"}:
            return c
        if c.dep_ == "prep" and c.lower_ == "among":
            return next((g for g in c.children if g.dep_ == "pobj"), None)
    return None


def _parties(tokens, index: dict[int, ActorMention]) -> list[str]:
    return list(dict.fromkeys(index[t.i].code for t in tokens if t.i in index))


def _to_party(head: Token, index: dict[int, ActorMention]) -> list[str]:
    """Parties after "to"/"for" under ``head`` or one of its "of" objects
    ("suppliers of arms to Ukraine")."""
    out: list[str] = []
    for p in head.children:
        if p.dep_ not in {"prep", "dative"}:
            continue
        for g in p.children:
            if g.dep_ != "pobj":
                continue
            if p.lower_ in {"to", "for"}:
                out += _parties(g.subtree, index)
            elif p.lower_ == "of":
                out += _to_party(g, index)
    return out


def supplied_party(root: Token, index: dict[int, ActorMention]) -> list[str]:
    """The recipient a list of suppliers is named for, or [] when the list is
    not named as suppliers."""
    w = words()
    noun = _naming_noun(root)
    if noun is None:
        return []
    if noun.lemma_.lower() in w["supplier_nouns"]:
        owner = [c for c in noun.children if c.dep_ == "poss"]
        return _parties((t for o in owner for t in o.subtree), index) or _to_party(noun, index)
    for verb in (c for c in noun.children if c.dep_ in {"acl", "relcl"}):
        if verb.lemma_.lower() in w["supply_verbs"]:
            # "the countries supplying weapons to Ukraine", "states that arm Ukraine"
            objs = [c for c in verb.children if c.dep_ in {"dobj", "dative"}]
            return _to_party(verb, index) or _parties((t for o in objs for t in o.subtree), index)
    return []
