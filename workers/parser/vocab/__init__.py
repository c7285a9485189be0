"""Every word list the parser reads, as data (``vocab/data/*.json``), loaded here
once per process.

The later stages (catalogue, people, transfers, statements) read their words from
this package and never open a data file themselves."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).parent / "data"


def data_path(name: str) -> Path:
    """The path of one data file, ``name`` being its file name."""
    return DATA_DIR / name


@lru_cache(maxsize=None)
def load(name: str) -> Any:
    """The parsed contents of ``vocab/data/NAME``, read once. Callers must not
    change what they get: it is shared by every caller in the process."""
    with open(DATA_DIR / name, encoding="utf-8") as fh:
        return json.load(fh)


@lru_cache(maxsize=1)
def words() -> dict[str, Any]:
    """The parser's one vocabulary (``words.json``): each list as a frozenset,
    each table as it is written."""
    data = dict(load("words.json"))
    for key in ("_comment", "_about"):
        data.pop(key, None)
    out = {k: (frozenset(v) if isinstance(v, list) else v) for k, v in data.items()}
    # An utterance about flying or smuggling something to a party speaks of
    # supplying it; a transfer needs arms as the object of such a verb.
    out["supplier_verbs"] = out["supply_verbs"] | out["carry_verbs"]
    return out
