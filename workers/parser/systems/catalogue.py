"""The weapons catalogue: systems with their aliases, SIPRI category, maker and family.

The catalogue is data (``data/catalogue.jsonl``, one system a line); this
module loads it and indexes every name a system goes by under one folded key,
so that "S-400", "S400" and "s 400" find the same entry. The tracker keeps a
copy of the catalogue in its database (curators edit it there) and builds a
``Catalogue`` from those rows with the same class.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).parent / "data" / "catalogue.jsonl"

# SIPRI's weapon categories, the closed set every entry belongs to.
CATEGORIES = (
    "aircraft",
    "air defence systems",
    "anti-submarine warfare",
    "armoured vehicles",
    "artillery",
    "engines",
    "missiles",
    "naval weapons",
    "satellites",
    "sensors",
    "ships",
    "other",
)

_NOT_ALNUM = re.compile(r"[^0-9a-z]+")


def normalise(name: str) -> str:
    """Fold a system's name to its lookup key: accents, case, spaces, hyphens and slashes go.

    "S-400", "S400" and "s 400" share the key ``s400``; "Sa'ar 6" and "Saar 6" ``saar6``.
    """
    decomposed = unicodedata.normalize("NFKD", name)
    letters = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()
    return _NOT_ALNUM.sub("", letters.replace("&", "and").replace("ı", "i"))


@dataclass(frozen=True)
class CatalogueEntry:
    designation: str
    category: str
    producer: str = ""  # ISO 3166-1 alpha-3 of the producing state
    family: str = ""
    aliases: tuple[str, ...] = ()
    key: object = None  # the caller's own id for the entry (the database row's pk)

    @property
    def names(self) -> tuple[str, ...]:
        return (self.designation, *self.aliases)


@dataclass
class Catalogue:
    """Entries indexed by the folded form of every name they go by.

    When two entries claim one folded name the first keeps it; ``collisions``
    lists the names lost, for curators (the data file's own test keeps it empty).
    """

    entries: list[CatalogueEntry]
    index: dict[str, CatalogueEntry] = field(init=False)
    collisions: list[tuple[str, str, str]] = field(init=False)

    def __post_init__(self) -> None:
        self.index, self.collisions = {}, []
        for entry in self.entries:
            for name in entry.names:
                key = normalise(name)
                if not key:
                    continue
                held = self.index.setdefault(key, entry)
                if held is not entry:
                    self.collisions.append((name, entry.designation, held.designation))

    def get(self, name: str) -> CatalogueEntry | None:
        return self.index.get(normalise(name))

    def __len__(self) -> int:
        return len(self.entries)


def entry_from_dict(row: dict, *, key: object = None) -> CatalogueEntry:
    """One catalogue entry from its data-file form; a category outside SIPRI's set is an error."""
    category = row["category"]
    if category not in CATEGORIES:
        raise ValueError(f"{row.get('designation')!r}: unknown category {category!r}")
    return CatalogueEntry(
        designation=row["designation"],
        category=category,
        producer=row.get("producer") or "",
        family=row.get("family") or "",
        aliases=tuple(row.get("aliases") or ()),
        key=key,
    )


def read_entries(path: Path = DATA) -> list[dict]:
    """The data file's rows, as dicts."""
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


@lru_cache(maxsize=1)
def load_catalogue() -> Catalogue:
    """The catalogue as shipped in the data file (loaded once per process)."""
    return catalogue_from(read_entries())


def catalogue_from(rows: Iterable[dict]) -> Catalogue:
    return Catalogue([entry_from_dict(r, key=r.get("key")) for r in rows])
