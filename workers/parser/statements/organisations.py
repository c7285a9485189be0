"""Institutions as speakers: their names as an article gives them, and the
bodies named so far that a later "the ministry", "the bloc" or "SIPRI" points back to.

``speakers.py`` decides whether a subject is a speaker at all; this module says
which name a body speaks under ("EU" as "European Union", "KAI" spelled out, no
legal form or descriptor), whether words name a body, a company or the news media,
and which body an anaphor means.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from ..catalogue import gazetteer
from . import supply_context as sc
from ..catalogue.titles import match_head, state_code
from .utterance import paragraph_index
from ..text.nlp import doc_text


class OrgRegistry:
    """Institutions named so far, to resolve "the ministry" or "the bloc"."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.names: list[tuple[int, str]] = [
            (e.start_char, strip_det(e.text)) for e in doc.ents if e.label_ == "ORG"
        ]
        self.spoken: list[tuple[int, str]] = []

    def remember(self, offset: int, name: str) -> None:
        self.spoken.append((offset, name))

    def by_descriptor(self, word: str, offset: int) -> str | None:
        keys = sc.words()["org_descriptors"].get(word, [word])
        for pool in (self.spoken, self.names):
            best = None
            for at, name in pool:
                if at >= offset:
                    continue
                low = name.lower()
                if low in keys or low == word:
                    continue  # "Group" alone (the tagger cut "Group for a ... Army" short) names no body
                if any(re.search(rf"(?<![\w.]){re.escape(k)}(?![\w])", low) for k in keys) \
                        or (word in {"company", "firm", "manufacturer", "maker"} and is_company(name)):
                    best = (at, name)
            if best:
                return canonical_org(self.doc, best[1])
        return None

    def by_short_form(self, word: str, offset: int) -> str | None:
        """The body that spoke before ``offset`` whose name starts with
        ``word`` or whose initials ``word`` is ("Amnesty", "SIPRI")."""
        hits = {name for at, name in self.spoken if at < offset and " " in name and (
            name.split()[0] == word or _initials(name) == word.replace(".", ""))}
        return hits.pop() if len(hits) == 1 else None

    def last_spoken(self, offset: int) -> str | None:
        before = [(at, n) for at, n in self.spoken if at < offset]
        if not before:
            return None
        at, name = before[-1]
        text = doc_text(self.doc)
        return name if paragraph_index(text, offset) - paragraph_index(text, at) <= 2 else None


def is_company(name: str) -> bool:
    """An arms maker the gazetteer knows ("Rheinmetall"): what "the company" means."""
    return gazetteer.resolve_company(name) is not None


def company_shaped(core: list[Token]) -> bool:
    """A named organisation whose last word marks a firm ("Dassault Aviation",
    "BAE Systems", "Hanwha Aerospace")."""
    toks = [t for t in core if t.dep_ != "det" and not t.is_punct]
    return len(toks) >= 2 and all(t.ent_type_ == "ORG" for t in toks) \
        and toks[-1].lower_ in sc.words().get("company_words", ())


def strip_det(text: str) -> str:
    return re.sub(r"^(?:the|a|an)\s+", "", text.strip(), flags=re.I)


# A legal form after a company's name is no part of the name it speaks under.
_LEGAL_FORM = re.compile(r"(?:,?\s+(?:Co|Corp|Inc|Ltd|Plc|PLC|LLC|GmbH|AG|SA|S\.A|NV|JSC|PJSC)\.?)+$")
# "South Korean defense company LIG Nex1", "Turkish drone maker Baykar": a
# descriptor of lowercase words (after demonyms) before the proper name.
_DESCRIBED = re.compile(r"^(?:[A-Z][\w.'\u2019-]*\s+)*(?:[a-z][\w-]*\s+)+(?=[A-Z0-9])")
_NAME_WORD = r"(?:[A-Z][\w&.'\u2019-]*|of|and|for|the|&)"


# Words after a firm's name that its initials leave out ("China State
# Shipbuilding Corporation Limited (CSSC)").
_UNABBREVIATED = re.compile(r"(?:\s+(?:Limited|Incorporated|Company|Group))+$")


def _initials(name: str) -> str:
    return "".join(w[0] for w in _UNABBREVIATED.sub("", _LEGAL_FORM.sub("", name)).split() if w[:1].isupper())


def expanded(doc: Doc, name: str) -> str:
    """The full name an article gives for an acronym: "KAI" for "Korea
    Aerospace Industries Ltd. (KAI)", or for "Korea Aerospace Industries" named
    anywhere."""
    if re.fullmatch(r"[A-Z][A-Z&.]{1,7}", name):
        letters = name.replace(".", "").replace("&", "")
        m = re.search(rf"([A-Z][\w&.'\u2019-]*(?:\s+{_NAME_WORD})+)\s+\({re.escape(name)}\)", doc_text(doc))
        candidates = []
        if m:
            words = m.group(1).split()
            candidates = [" ".join(words[k:]) for k in range(len(words)) if words[k][:1].isupper()]
        candidates += [strip_det(e.text) for e in doc.ents if e.label_ == "ORG"]
        for full in candidates:
            if _initials(full) == letters and len(letters) > 1:
                return _LEGAL_FORM.sub("", full)
        # "Turkish Aerospace Industries (TUSAS)": an acronym of another language
        # whose spelled-out name the gazetteer files as a maker of the same state
        company = gazetteer.resolve_company(name)
        if m and company is not None:
            for full in candidates[:len(m.group(1).split())]:
                if _same_maker(gazetteer.resolve_company(_LEGAL_FORM.sub("", full)), company):
                    return _LEGAL_FORM.sub("", full)
    return name


def canonical_org(doc: Doc, name: str) -> str:
    """The name an institution speaks under: "EU" becomes "European Union" when
    the article also uses the full name; an acronym the article spells out
    becomes the full name; a descriptor before a company's name and a
    legal form after it are dropped.

    (A one-word short form such as "Lockheed" becomes the longer name only
    when the gazetteer files both under one company: a longer entity that
    starts with it is as often another body.)"""
    actor = gazetteer.resolve_actor(name)
    if actor is not None and actor.kind == "alliance" and actor.name != name and actor.name in doc_text(doc):
        return actor.name
    described = _DESCRIBED.match(name)
    if described and not re.search(r"\b(?:of|for|to|on|in|at)\s", described.group(0)):
        name = name[described.end():]
    name = expanded(doc, name)
    name = _LEGAL_FORM.sub("", name) or name
    return _company_full_name(doc, name)


def _company_full_name(doc: Doc, name: str) -> str:
    """"Lockheed said" after "Lockheed Martin": a short name of a company the
    gazetteer knows is the longer name the article gives it, when that name is
    a company of the same state as well (a longer name that is some other body
    is left alone)."""
    company = gazetteer.resolve_company(name)
    if company is None:
        return name
    longer = {_LEGAL_FORM.sub("", strip_det(e.text)) for e in doc.ents if e.label_ == "ORG"}
    longer = {n for n in longer if n.startswith(name + " ") and _same_maker(gazetteer.resolve_company(n), company)}
    return min(longer, key=len) if len(longer) == 1 else name


def _same_maker(a: gazetteer.CompanyEntry | None, b: gazetteer.CompanyEntry) -> bool:
    return a is not None and a.state == b.state


def is_media(tokens: list[Token]) -> bool:
    media = sc.words()["media_words"]
    hits = {t.lower_ for t in tokens if t.lower_ in media}
    # a "news agency" reports; the "Defense Security Cooperation Agency", a
    # government body named with a capital, speaks
    if hits == {"agency"} and any(t.text == "Agency" for t in tokens):
        return False
    return bool(hits)


def has_institution(tokens: list[Token], text: str) -> bool:
    inst = sc.words()["institution_words"]
    low = text.lower()
    return any(t.lower_ in inst for t in tokens) or any(" " in w and w in low for w in inst)


def org_name(doc: Doc, core: list[Token]) -> str:
    toks = list(core)
    while toks and toks[0].dep_ == "det":
        toks = toks[1:]
    # "the military's Inter Services ..." drops a common-noun possessor
    if len(toks) > 2 and toks[1].text in {"'s", "\u2019s"} and toks[0].text.islower():
        toks = toks[2:]
    if not toks:
        return ""
    # ("the Malyshev plant's press service": the possessive is no part of the name)
    while len(toks) > 1 and toks[-1].dep_ == "case":
        toks = toks[:-1]
    name = doc_text(doc)[toks[0].idx:toks[-1].idx + len(toks[-1].text)]
    # "Inter Services Public Relations directorate": the proper name before a
    # lowercase descriptor is the institution's name
    # ("panel of U.N. experts": a plural member word names no body of its own)
    if toks[-1].text.islower() and toks[-1].lower_ in sc.words()["org_descriptors"] and toks[-1].tag_ != "NNS":
        for e in doc.ents:
            # ("the UAE foreign ministry": a country tagged ORG names no body)
            if e.label_ == "ORG" and toks[0].idx < e.end_char <= toks[-1].idx and e.start_char < toks[-1].idx \
                    and not state_code(strip_det(e.text)):
                return strip_det(e.text)
    return name


def before_member_list(toks: list[Token]) -> list[Token]:
    """"Joint Investigation Team of the Auditor-General, the Public Protector
    and the Prosecutions Directorate": an "of" that opens a list of bodies, each
    with its own "the", names the members, not the body ("Ministry of Industry
    and Trade" keeps its name)."""
    for k, tok in enumerate(toks[1:], start=1):
        if tok.lower_ != "of":
            continue
        heads = [t for t in toks[k + 1:] if t.head.i == tok.i or t.dep_ == "conj"]
        with_the = [h for h in heads if any(c.dep_ == "det" and c.lower_ == "the" for c in h.children)]
        doc = tok.doc
        # (the commas of the list, which the caller's tokens may leave out)
        if len(with_the) >= 2 and any(doc[i].text == "," for i in range(tok.i + 1, toks[-1].i)):
            return toks[:k]
    return toks


def named_body(content: list[Token]) -> bool:
    """A proper name of several words that the model tags as an organisation
    ("Amnesty International", "Human Rights Watch"): a body, whatever its words."""
    if len(content) < 2 or not all(t.text[:1].isupper() for t in content):
        return False
    if all(t.ent_type_ == "ORG" for t in content):
        return True
    # the small model leaves some bodies untagged ("Human Rights Watch"): a
    # run of proper nouns with no entity type, no title word and no place in it
    return len(content) >= 3 and all(t.pos_ == "PROPN" and not t.ent_type_ for t in content) \
        and not match_head(content, 0) and not any(state_code(t.text) for t in content)


def is_alliance(text: str) -> bool:
    actor = gazetteer.resolve_actor(strip_det(text))
    return actor is not None and actor.kind == "alliance"
