"""A named official's country when the title phrase itself gives none.

The country comes from the words around the name: the body the gazetteer files
under a state, the place the sentence opens with, the state that is the
subject of the sentence (or of the one before, for an unqualified body such as
"Foreign Ministry"). The dateline is where the reporter files from, never
whom the person serves; ``dateline_country`` reads it for other uses.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from ..catalogue import gazetteer
from ..catalogue.titles import state_code
from ..text import columns
from ..text.nlp import doc_text
from .persons import Person

# "MOSCOW, July 19. /TASS/.", "NEW DELHI (Reuters) -", "DHAKA, Bangladesh (AP) —", "ATHENS —"
_DATELINE = re.compile(
    r"(?<![\w.])([A-Z][A-Z'\-]+(?: [A-Z][A-Z'\-]+){0,2})(?:, [A-Z][a-z]+(?: [A-Z][a-z]+)?)?"
    r"(?: \((?:Reuters|AP|AFP|dpa|Xinhua|Bloomberg)\)| ?[\u2014\u2013]|, [A-Z][a-z]+\.? \d{1,2}\.)"
)


def dateline_country(text: str) -> str | None:
    """Country of the dateline city ("MOSCOW, July 19. /TASS/", "BAKU (Reuters) -")."""
    for m in _DATELINE.finditer(text[:3000]):
        code = state_code(m.group(1).strip().title())
        if code:
            return code
    return None


def _sentence_place_country(doc: Doc, tok_i: int) -> str | None:
    """"In Washington, Secretary of State Mike Pompeo ...": the place the sentence opens with."""
    sent = doc[tok_i].sent
    m = re.match(r"\s*In ([A-Z][\w.]+(?: [A-Z][\w.]+)?),", columns.text_of(sent))
    return state_code(m.group(1)) if m else None


def _sentence_subject_country(doc: Doc, tok_i: int) -> str | None:
    """"Norway followed on Friday, with Foreign Minister Ine Eriksen Soreide
    saying ...": a state as the subject of the sentence the name sits in."""
    root = doc[tok_i].sent.root
    subj = next((c for c in root.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subj is None or subj.i > tok_i:
        return None
    return state_code(subj.text)


def _previous_subject_country(doc: Doc, tok_i: int) -> str | None:
    """"Iran rejected the report. Foreign Ministry spokesman X said ...": an
    office that names no state serves the state the sentence before is about."""
    sent = doc[tok_i].sent
    if sent.start == 0:
        return None
    prev = doc[sent.start - 1].sent
    root = prev.root
    subj = next((c for c in root.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subj is None:
        return None
    return state_code(doc[subj.left_edge.i:subj.i + 1].text) or state_code(subj.text)


def fill_countries(doc: Doc, people: list[Person]) -> None:
    for p in people:
        info = p.info
        if info is None or info.country:
            continue
        m = p.mentions[0]
        # "adviser to President Ilham Aliyev" serves that president's state
        if info.start >= doc[m.end - 1].idx:
            for q in people:
                if q is p or q.info is None:
                    continue
                for qm in q.mentions:
                    if info.start <= doc[qm.start].idx <= info.end + 2 and re.search(
                            r"\bto\b", doc_text(doc)[info.start:doc[qm.start].idx]):
                        info.country = q.info.country
        if info.country:
            continue
        org_country = None
        if info.organization:
            # "Federal Service for Military-Technical Cooperation" is filed whole
            org_country = _org_state(info.organization) \
                or next((c for c in (state_code(w) for w in info.organization.split()) if c), None)
        # The dateline is where the reporter files from, not whom the person
        # serves ("LONDON - Kremlin spokesman ..."): it gives no country.
        info.country = org_country or _sentence_place_country(doc, m.start) or _sentence_subject_country(doc, m.start)
        # an unqualified body ("Foreign Ministry spokesman") belongs to the state
        # the sentence before is about; a bare "President" may be anyone's
        if not info.country and info.organization:
            info.country = _previous_subject_country(doc, m.start)


def _org_state(name: str) -> str | None:
    """The state of a body the gazetteer knows by its full name (an export agency)."""
    company = gazetteer.resolve_company(name)
    return company.state if company else None
