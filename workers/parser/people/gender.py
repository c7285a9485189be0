"""A person's gender from the article's own cues, for "he" and "she".

``people.PersonResolver.last_before`` uses it so that "she" never resolves to a
man nor "he" to a woman when the article says which is which: an honorific or a
gendered title word ("Ms", "spokeswoman"), a known given name, or "his"/"her"
right after the person as a subject. The word lists are in
``vocab/data/gender_cues.json``. A person with no cue fits either pronoun.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from spacy.tokens import Doc

from ..records import OfficialRecord
from ..catalogue.titles import _low
from ..vocab import load



@lru_cache(maxsize=1)
def _gender_cues() -> dict[str, frozenset[str]]:
    data = load("gender_cues.json")
    return {k: frozenset(v) for k, v in data.items() if isinstance(v, list)}


def weak_female(name: str) -> bool:
    """A given name in -a in neither list ("Marta", "Olena"): a weak cue, used
    only to pick among candidates for "she"."""
    words = name.split()
    first = words[0].lower() if len(words) >= 2 else ""
    return len(first) > 2 and first.endswith("a") and first not in _gender_cues()["male_first_names"]


def gender(doc: Doc, person: Any, official: OfficialRecord | None) -> str | None:
    """A person's gender from the article's cues: an honorific or a gendered
    title word before a mention, a known first name, or "his"/"her" right after
    the person as a subject ("X said after meeting his counterpart")."""
    if person is None:
        return None
    cues = _gender_cues()
    votes: set[str] = set()
    words = [w.lower().strip(".,") for w in person.name.split()]
    if any(w in cues["female_first_names"] for w in words[:-1] or words):
        votes.add("f")
    if any(w in cues["male_first_names"] for w in words[:-1] or words):
        votes.add("m")
    title_words = set(re.findall(r"[a-z.]+", (official.title or "").lower())) if official else set()
    for m in person.mentions:
        before = {_low(t).strip(".") for t in doc[max(0, m.start - 2):m.start]}
        title_words |= before
    if title_words & {w.strip(".") for w in cues["female_words"]}:
        votes.add("f")
    if title_words & {w.strip(".") for w in cues["male_words"]}:
        votes.add("m")
    if not votes:
        m = person.mentions[0]
        sent = doc[m.start].sent
        if doc[m.end - 1].dep_ in {"nsubj", "nsubjpass"} or doc[m.start:m.end].root.dep_ in {"nsubj", "nsubjpass"}:
            for t in doc[m.end:sent.end]:
                if t.ent_type_ == "PERSON":
                    break
                if t.lower_ in {"his", "himself"}:
                    votes.add("m")
                    break
                if t.lower_ in {"her", "herself"}:
                    votes.add("f")
                    break
    return next(iter(votes)) if len(votes) == 1 else None
