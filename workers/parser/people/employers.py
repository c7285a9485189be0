"""Employers that make no official of a person with a title: research bodies
and NGOs ("director of Russia studies at CNA") and privately owned arms makers
("Rheinmetall's chief executive"). The schema counts government, parliament,
the military, state companies and international organisations only; the word
lists are in ``vocab/data/official_titles.json``."""

from __future__ import annotations

import re
from functools import lru_cache

from ..catalogue import gazetteer
from ..catalogue.titles import TitleInfo
from ..vocab import load


def research_body(org: str | None) -> bool:
    """"director of Russia studies at CNA": a think tank's staff are analysts."""
    if not org:
        return False
    low = f" {org.lower()} "
    return any(f" {w} " in low or low.strip().startswith(w) for w in _research_words())


@lru_cache(maxsize=1)
def _research_words() -> tuple[str, ...]:
    return tuple(load("official_titles.json").get("research_bodies", []))


@lru_cache(maxsize=1)
def _private_company_pattern() -> re.Pattern[str]:
    names = sorted(load("official_titles.json").get("private_companies", []), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w-])")


# "the company's chief executive": the company is the one named last before
_COMPANY_NOUN = re.compile(r"\b(?:company|firm|manufacturer|maker|group|shipbuilder|shipyard)(?:'s|\u2019s)?\b",
                           flags=re.I)
# How far back the company that "the company" means is looked for.
_COMPANY_LOOKBACK = 1200


def private_employer(text: str, info: TitleInfo) -> bool:
    """"Rheinmetall's chief executive", "chairman of Dassault Aviation", "the
    company's CEO" after Baykar: an office in a privately owned company."""
    phrase = f"{text[info.start:info.end]} {info.title or ''} {info.organization or ''}"
    if re.search(r"\bstate\b|\bstate-(?:owned|run|controlled)\b|\bgovernment\b|\bministry\b", phrase, flags=re.I):
        return False
    pattern = _private_company_pattern()
    if pattern.search(phrase):
        return True
    if re.search(r"\b(?:private|privately|family-owned|family-run)\b", phrase, flags=re.I):
        return True
    if _COMPANY_NOUN.search(phrase):
        before = text[max(0, info.start - _COMPANY_LOOKBACK):info.start]
        named = list(pattern.finditer(before))
        # the private company must be the last company named before
        return bool(named) and not any(gazetteer.resolve_company(w) for w in re.findall(
            r"[A-Z][\w&-]*(?: [A-Z][\w&-]*)*", before[named[-1].end():]))
    return False
