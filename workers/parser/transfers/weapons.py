"""Weapon systems named in a stretch of text, and the state that makes them.

Three kinds of names, from ``vocab/data/weapons.json``: named systems ("Patriot",
"IRIS-T SLM", "Bayraktar TB2"), designations by shape ("S-400", "Su-30MKI",
"F-35A", "K2", "M1A1"), and categories ("air defence systems", "submarines")
used when a sentence names no system. A system's maker state is the fallback
supplier when an article says "Greece signs deal for 18 Rafale fighters" and
never names France in that sentence.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..text.textscan import word_start_matches
from ..vocab import load


# Designations: letters, a hyphen, digits ("S-400", "MiG-29", "Buk-M1", "Su-30MKI")
# or capitals run into digits ("K2", "TB2", "M1A1", "CV90"), at word starts
# (word_start_matches). The capital both shapes start with is written once, so
# that the regex engine can skip ahead to capitals.
_DESIGNATION = re.compile(
    r"[A-Z](?:[A-Za-z]{0,5}-[A-Z]{0,2}\d{1,4}[A-Za-z0-9]*|[A-Z]{0,3}\d{1,4}[A-Z0-9]*)(?![\w-])"
)
# Shapes that look like designations but are not weapons.
_NOT_DESIGNATION = re.compile(r"^(?:COVID-\d+|[A-Za-z]+-(?:19|20)\d\d|G\d+|P\d|Q\d|H\d|N\d|A\d|B\d|C\d|Y\d|WW\d|MH\d+)$")


@lru_cache(maxsize=1)
def _data() -> dict:
    return load("weapons.json")


@lru_cache(maxsize=1)
def _systems_re() -> re.Pattern[str]:
    # matched at word starts only, by word_start_matches
    names = sorted(_data()["systems"], key=len, reverse=True)
    return re.compile(r"(?:" + "|".join(re.escape(n) for n in names) + r")s?(?![\w-])")


@lru_cache(maxsize=1)
def _categories_re() -> re.Pattern[str]:
    names = sorted(_data()["categories"], key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w-])", re.I)


@lru_cache(maxsize=1)
def _origin_patterns() -> list[tuple[re.Pattern[str], str]]:
    return [(re.compile(rf"^{p}"), code) for p, code in _data()["designation_origins"]]


def _strip_plural(name: str) -> str:
    # "S-400s", "Rafales", "MiG-29s": the plural of a system is the system.
    if name.endswith("s") and (name[-2].isdigit() or name[:-1] in _data()["systems"]):
        return name[:-1]
    return name


def named_systems(text: str) -> list[tuple[int, int, str]]:
    """(start, end, name) of named systems and designations in ``text``, in order."""
    return list(_named_systems(text))


# The same sentence and phrase texts are scanned many times per article.
@lru_cache(maxsize=4096)
def _named_systems(text: str) -> tuple[tuple[int, int, str], ...]:
    found: list[tuple[int, int, str]] = []
    taken: list[tuple[int, int]] = []
    for m in word_start_matches(_systems_re(), text):
        found.append((m.start(), m.end(), _strip_plural(m.group(0))))
        taken.append((m.start(), m.end()))
    for m in word_start_matches(_DESIGNATION, text):
        if any(s <= m.start() < e for s, e in taken) or _NOT_DESIGNATION.match(m.group(0)):
            continue
        found.append((m.start(), m.end(), _strip_plural(m.group(0))))
    return tuple(sorted(found))


def categories(text: str) -> list[str]:
    """Weapon categories named in ``text`` ("air defence systems"), in order."""
    return list(_categories(text))


@lru_cache(maxsize=4096)
def _categories(text: str) -> tuple[str, ...]:
    return tuple(m.group(0) for m in _categories_re().finditer(text))


def weapons_in(text: str) -> list[str]:
    """Systems named in ``text``; when none, the categories it names."""
    names = list(dict.fromkeys(n for _s, _e, n in named_systems(text)))
    if names:
        return names
    return list(dict.fromkeys(categories(text)))


@lru_cache(maxsize=1)
def _systems_by_length() -> list[str]:
    return sorted(_data()["systems"], key=len, reverse=True)


def weapon_origin(name: str) -> str | None:
    """The alpha-3 code of the state that makes a named system, or None."""
    systems = _data()["systems"]
    if name in systems:
        return systems[name]
    for pattern, code in _origin_patterns():
        if pattern.match(name):
            return code
    # "Bayraktar TB2 drones", "Leopard 2A6": the longest known prefix decides.
    for known in _systems_by_length():
        if name.startswith(known + " ") or name.startswith(known + "-"):
            return systems[known]
    return None


def origin_of(text: str) -> str | None:
    """The single maker state of all systems named in ``text``, or None when the
    systems come from several states or none is known."""
    codes = {c for c in (weapon_origin(n) for _s, _e, n in named_systems(text)) if c}
    return codes.pop() if len(codes) == 1 else None
