"""Sides of a supply report that the story around the sentence decides.

A story about one seller often names it in the headline and the first
sentences, then goes on with its buyers alone: "Ethiopia received six drones
in 2021", "The drones were delivered to Poland", "Qatar later bought 12 of
them". When one supplier dominates the story's reports, such a buyer's report
takes it (``story_supplier``), at a low confidence.

A sentence that names only the recipient borrows its supplier from the maker of
the arms it names (``extract._fill_from_weapons``). For the Soviet-era designs
that the successor states built, stocked and sold for decades (T-72 tanks,
MiG-29s, D-30 howitzers), the designer says nothing about the seller: in an
article about Ukraine's exports, "Ethiopia contracted for 200 T-72 tanks" is a
Ukrainian sale. There the story's main supplier stands in for the designer.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..vocab import load
from spacy.tokens import Span, Token

from ..catalogue.actors import DEMONYM, ActorMention
from ..text import columns
from ..vocab.lexicon import PREP_DEPS
from .phrases import arms_like
from .triggers import Candidate
from .weapons import named_systems, origin_of, weapon_origin


@lru_cache(maxsize=1)
def _shared_re() -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in load("weapons.json")["shared_designs"]))


def shared_design(text: str) -> bool:
    """Whether every system ``text`` names is a design many states made and
    sold (and it names at least one)."""
    names = [n for _s, _e, n in named_systems(text)]
    return bool(names) and all(_shared_re().match(n) for n in names)


def _main_supplier(cands: list[Candidate]) -> str | None:
    """The supplier most reports name (the first named on a tie)."""
    values = [s for c in cands for s in c.suppliers]
    if not values:
        return None
    return max(dict.fromkeys(values), key=lambda v: (values.count(v), -values.index(v)))


def story_suppliers(full: list[Candidate], index: dict[int, ActorMention]) -> None:
    """Give the story's main supplier to the reports whose supplier the
    sentence does not name but takes from the designer of a shared Soviet-era
    design, when the story names another state as supplier and never the
    designer."""
    from_design = [c for c in full if len(c.suppliers) == 1 and c.suppliers[0] not in sentence_parties(c.sent, index)
                   and origin_of(columns.text_of(c.sent)) == c.suppliers[0] and shared_design(columns.text_of(c.sent))]
    if not from_design:
        return
    taken = {id(c) for c in from_design}
    named = [c for c in full if id(c) not in taken]
    main = _main_supplier(named)
    if main is None:
        return
    suppliers = {s for c in named for s in c.suppliers}
    for c in from_design:
        if c.suppliers[0] in suppliers or main in c.recipients:
            continue
        c.suppliers = [main]
        c.confidence = 0.5


def sentence_parties(sent: Span, index: dict[int, ActorMention]) -> list[str]:
    """Codes of the parties a sentence names, in order, once each."""
    return list(dict.fromkeys(index[i].code for i in range(sent.start, sent.end) if i in index))


# The share of the story's supplier reports one supplier must have to be the
# story's seller, and the fewest reports that make a story.
DOMINANT_SHARE = 2 / 3
DOMINANT_REPORTS = 2


def story_supplier(full: list[Candidate], partial: list[Candidate], index: dict[int, ActorMention]) -> str | None:
    """The supplier that dominates the story: of the reports naming a
    supplier (with or without a recipient, by name rather than by a national
    adjective), the one most name, when it has most of them."""
    values: list[str] = []
    seen: set[tuple[int, str]] = set()
    for c in full:
        if not c.suppliers or c.confidence < 0.5:
            continue
        forms = {index[i].code: index[i].form for i in range(c.sent.start, c.sent.end) if i in index}
        # one sentence is one report of its supplier, however many verbs it has
        # ("supplies weapons to Taiwan and sells Taiwan more")
        for s in c.suppliers:
            if forms.get(s, DEMONYM) != DEMONYM and (c.sent.start, s) not in seen:
                seen.add((c.sent.start, s))
                values.append(s)
    if not values:
        return None
    best = max(dict.fromkeys(values), key=values.count)
    n = values.count(best)
    return best if n >= DOMINANT_REPORTS and n >= DOMINANT_SHARE * len(values) else None


_BACK_PRONOUNS = frozenset({"it", "them"})


def _arms_or_back(tok: Token) -> bool:
    """Arms, or "24 of them": a share of the story's arms."""
    if arms_like(tok):
        return True
    return tok.pos_ == "NUM" and any(
        c.dep_ in PREP_DEPS and c.lower_ == "of" and any(g.lower_ in _BACK_PRONOUNS for g in c.children) for c in tok.children)


def moves_arms(trigger: Token) -> bool:
    """Whether a report's trigger moves arms: its object or passive subject
    ("received six drones", "the drones were delivered", "bought 24 of them"),
    or for a noun its "of" or "for" phrase ("deliveries of drones")."""
    if trigger.pos_ in {"VERB", "AUX"}:
        things = [c for c in trigger.children if c.dep_ in {"dobj", "nsubjpass"}]
        if trigger.dep_ in {"acl", "relcl"}:
            things.append(trigger.head)
    else:
        things = [g for p in trigger.children if p.dep_ in PREP_DEPS and p.lower_ in {"of", "for"}
                  for g in p.children if g.dep_ == "pobj"]
    return any(_arms_or_back(t) for t in things)


def made_elsewhere(sent: Span, supplier: str) -> bool:
    """Whether the sentence names a system some other state makes."""
    return any((o := weapon_origin(n)) and o != supplier for _s, _e, n in named_systems(columns.text_of(sent)))
