"""The catalogue of parties that can supply or receive arms, and name resolution.

Every ISO 3166-1 state from pycountry, plus alliances and non-state armed groups
(``vocab/data/groups.json``), each with the names news copy uses for it: official and
short names, demonyms and capital cities (``vocab/data/states.json``). Arms makers and
state export agencies are a separate table (``vocab/data/companies.json``) because the
schema never makes a company a party: they stand for their home state.

The catalogue is also the seed for the tracker's actor table, so codes must stay
stable: ISO alpha-3 for states, lowercase hyphenated slugs otherwise.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import pycountry

from ..closed_sets import ActorKind
from ..records import ActorRecord
from ..vocab import load


STATE = ActorKind.STATE
NON_STATE = ActorKind.NON_STATE
ALLIANCE = ActorKind.ALLIANCE


@dataclass(frozen=True)
class ActorEntry:
    """One party in the catalogue; ``aliases`` holds every other name for it."""

    code: str
    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    # Subsets of ``aliases``, kept apart because they need context to count as the
    # state itself: "Russian" may qualify anything, "Moscow" may be just a place.
    demonyms: tuple[str, ...] = ()
    capitals: tuple[str, ...] = ()

    def record(self) -> ActorRecord:
        return ActorRecord(name=self.name, code=self.code, kind=self.kind)


@dataclass(frozen=True)
class CompanyEntry:
    """An arms maker or export agency and the state that supplies through it."""

    name: str
    state: str  # alpha-3 code


_POSSESSIVE_END = re.compile(r"(?:'s|')$")
_SPACES = re.compile(r"\s+")
_LEADING_THE = re.compile(r"^the ")


@lru_cache(maxsize=8192)
def normalise(text: str) -> str:
    """Key for look-ups: case, accents, a leading "the", a trailing "'s" and
    surrounding punctuation do not distinguish names."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("\u2019", "'").strip().strip(".,;:!?\"()[]").strip()
    text = _POSSESSIVE_END.sub("", text)
    text = _SPACES.sub(" ", text).lower()
    text = _LEADING_THE.sub("", text)
    return text


def _load(name: str) -> dict:
    data = dict(load(name))
    data.pop("_comment", None)
    return data


def _uninvert(name: str) -> str:
    """pycountry writes "Korea, Republic of"; news writes "Republic of Korea"."""
    if ", " in name:
        head, tail = name.split(", ", 1)
        return f"{tail} {head}"
    return name


def _dedupe(names: list[str], exclude: str) -> tuple[str, ...]:
    seen = {normalise(exclude)}
    out = []
    for n in names:
        key = normalise(n)
        if key and key not in seen:
            seen.add(key)
            out.append(n)
    return tuple(out)


@lru_cache(maxsize=1)
def actor_catalogue() -> list[ActorEntry]:
    """All states, alliances and non-state groups, states first, in code order."""
    extra = _load("states.json")
    entries: list[ActorEntry] = []
    for country in sorted(pycountry.countries, key=lambda c: c.alpha_3):
        more = extra.get(country.alpha_3, {})
        common = getattr(country, "common_name", None)
        name = more.get("name") or common or country.name
        names = [country.name, _uninvert(country.name)]
        if common:
            names.append(common)
        official = getattr(country, "official_name", None)
        if official:
            names.append(re.sub(r"^the ", "", official))
        names += more.get("aliases", [])
        demonyms = tuple(more.get("demonyms", []))
        capitals = tuple(more.get("capitals", []))
        # Keep only the readable forms: the inverted "X, Y of" names never occur in text.
        names = [n for n in names if ", " not in n]
        entries.append(
            ActorEntry(
                code=country.alpha_3,
                name=name,
                kind=STATE,
                aliases=_dedupe(names + list(demonyms) + list(capitals), name),
                demonyms=demonyms,
                capitals=capitals,
            )
        )
    groups = _load("groups.json")
    for kind, key in ((ALLIANCE, "alliances"), (NON_STATE, "non_state")):
        for g in groups[key]:
            entries.append(
                ActorEntry(
                    code=g["code"],
                    name=g["name"],
                    kind=kind,
                    aliases=_dedupe(list(g.get("aliases", [])), g["name"]),
                )
            )
    entries += _state_rebels(entries, groups["state_rebels"])
    return entries


def _slug(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def _state_rebels(entries: list[ActorEntry], forms: list[str]) -> list[ActorEntry]:
    """"Syrian rebels", "Libyan opposition fighters": a state's armed opposition is a
    party of its own, not the state it fights, coded by the slug of its common name.
    Named groups (Houthis, FARC) keep their own entries and win on a shared name."""
    taken = {normalise(n) for e in entries for n in (e.name, *e.aliases)}
    out = []
    for entry in entries:
        if entry.kind != STATE or not entry.demonyms:
            continue
        demonym = entry.demonyms[0]
        names = [f.format(demonym=demonym) for f in forms]
        names = [n for n in names if normalise(n) not in taken]
        if not names:
            continue
        out.append(ActorEntry(code=_slug(names[0]), name=names[0], kind=NON_STATE,
                              aliases=tuple(names[1:])))
    return out


@lru_cache(maxsize=1)
def company_catalogue() -> list[CompanyEntry]:
    """Arms makers and export agencies with the state they stand for."""
    return [
        CompanyEntry(name=name, state=code)
        for code, names in sorted(_load("companies.json").items())
        for name in names
    ]


@lru_cache(maxsize=1)
def _actor_index() -> dict[str, ActorEntry]:
    """Normalised name -> entry. Canonical names win over aliases, and earlier
    entries over later ones, so that a clash never depends on dict order."""
    index: dict[str, ActorEntry] = {}
    catalogue = actor_catalogue()
    for entry in catalogue:
        index.setdefault(normalise(entry.name), entry)
    for entry in catalogue:
        for alias in entry.aliases:
            index.setdefault(normalise(alias), entry)
    return index


@lru_cache(maxsize=1)
def actors_by_code() -> dict[str, ActorEntry]:
    return {e.code: e for e in actor_catalogue()}


@lru_cache(maxsize=1)
def _company_index() -> dict[str, CompanyEntry]:
    return {normalise(c.name): c for c in company_catalogue()}


def resolve_company(text: str) -> CompanyEntry | None:
    """The company entry for a maker or agency name, or None."""
    return _company_index().get(normalise(text))


def resolve_actor(text: str) -> ActorRecord | None:
    """The party a name stands for: a state, alliance or group by any of its names,
    demonyms or capitals, or a company's home state. Case and a leading "the" are
    ignored. None when the name is unknown."""
    key = normalise(text)
    if not key:
        return None
    # Codes resolve only as written ("IND", "hezbollah"): lowercased alpha-3 codes
    # are English words ("can", "per").
    entry = actors_by_code().get(text.strip()) or _actor_index().get(key)
    if entry is None:
        company = _company_index().get(key)
        if company is None:
            return None
        entry = actors_by_code()[company.state]
    return entry.record()
