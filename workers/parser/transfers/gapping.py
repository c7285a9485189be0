"""Gapping: parties joined to a supply's recipient that stand for the subjects
of the same verb left out ("Germany sent 10 tanks to Ukraine, Poland 14 and
Norway 8"), told apart from a plain list of recipients by the quantity each of
them carries."""

from __future__ import annotations

from spacy.tokens import Token

from ..catalogue.actors import ActorMention
from ..vocab.lexicon import PREP_DEPS
from .roles import conj_group


def gapped_suppliers(verb: Token, suppliers: list[str], index: dict[int, ActorMention]) -> list[str]:
    """"Germany sent 10 tanks to Ukraine, Poland 14 and Norway 8": parties joined
    to the recipient that carry a quantity of their own while the recipient
    does not are the subjects of the same verb left out (gapping), so they
    supply the recipient rather than receive."""
    out: list[str] = []
    for p in verb.children:
        if not (p.dep_ in PREP_DEPS or p.dep_ == "dative") or p.lower_ not in {"to", "for"}:
            continue
        for first in (g for g in p.children if g.dep_ == "pobj"):
            if first.i not in index or _has_quantity(first):
                continue
            for member in conj_group(first)[1:]:
                m = index.get(member.i)
                if m is not None and _has_quantity(member) and m.code not in suppliers:
                    out.append(m.code)
    return list(dict.fromkeys(out))


def _has_quantity(tok: Token) -> bool:
    """A party followed by its own number: "Poland 14", "Norway 140 million"."""
    return any(c.dep_ in {"nummod", "quantmod"} and c.i > tok.i for c in tok.children) or (
        tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].pos_ == "NUM")
