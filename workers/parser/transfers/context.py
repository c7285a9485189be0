"""Sides of a supply report that the story around the sentence decides.

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
from ..catalogue.actors import ActorMention
from .partials import sentence_parties
from .triggers import Candidate
from .weapons import named_systems, origin_of


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
                   and origin_of(c.sent.text) == c.suppliers[0] and shared_design(c.sent.text)]
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
