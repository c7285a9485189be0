"""People in an article: name mentions, who is the same person, and who later
mentions mean.

Names come from ``candidates.py`` (the model's PERSON entities and the names
it misses or mislabels). Mentions are grouped by surname; the full name is the
first multi-word form. ``PersonResolver`` maps a later mention (surname, "the
minister", "the Israeli leader", "he") back to that full name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Sequence

from spacy.tokens import Doc, Token

from .gender import gender as _gender
from .gender import weak_female as _weak_female
from ..records import OfficialRecord
from ..catalogue.titles import (
    NON_OFFICIAL, TitleInfo, abbreviations, is_head_of_state_title, is_honorific, is_title_word, lexicon, state_code,
)
from ..text.nlp import doc_text
from .candidates import _candidates, _name_text
from .names import _name_token
from ..vocab import words as supply_words
from ..text.textscan import word_start_matches


def hard_stop(tok: Token) -> bool:
    """Sentence-final punctuation, a paragraph break or a dash."""
    if tok.text == "." and tok.i > 0 and tok.doc[tok.i - 1].lower_ in abbreviations():
        return False  # "Lt" "." "Col": the point of an abbreviation
    return tok.text in {".", "!", "?", "/", "\u2014", "\u2013", "--"} or tok.is_space or "\n" in tok.whitespace_ \
        or (tok.text.endswith(".") and len(tok.text) > 1 and tok.text[:-1].isdigit())


@dataclass
class NameMention:
    start: int  # token index
    end: int
    text: str
    info: TitleInfo | None = None


@dataclass
class Person:
    name: str
    mentions: list[NameMention] = field(default_factory=list)
    info: TitleInfo | None = None

    @property
    def surname(self) -> str:
        return _surname(self.name)


_PATRONYMIC = re.compile(r"\b(?:bin|ibn|bint|ben)\b", flags=re.I)
_NAME_SEPARATORS = re.compile(r"[\s\-]+")
_INITIALS = re.compile(r"(?:[A-Z]\.)+")


@lru_cache(maxsize=4096)
def _surname(name: str) -> str:
    # "Mohammed bin Salman" is not a Mr Salman: King Salman is his father
    if _PATRONYMIC.search(name):
        return name.lower()
    parts = [p for p in _NAME_SEPARATORS.split(name) if p]
    parts = [p for p in parts if p.lower().strip(".") not in lexicon().particles] or parts
    return parts[-1].lower() if parts else ""


@lru_cache(maxsize=4096)
def _short_forms(name: str) -> frozenset[str]:
    """Single words a full name may be shortened to: the surname and the first
    word ("Geng" for "Geng Shuang", "Lee" for "Lee Jong-sup")."""
    forms = {_surname(name)}
    words = [w for w in name.split() if not _INITIALS.fullmatch(w)]
    if len(words) >= 2 and words[0].lower().strip(".") not in lexicon().particles and len(words[0]) >= 3:
        forms.add(words[0].lower())
    # Three-part names are often shortened to the middle part, the name the
    # person goes by ("Khaled" for "Mohamed Khaled Nordin").
    if len(words) == 3 and not _PATRONYMIC.search(name) and len(words[1]) >= 3 \
            and words[1].lower().strip(".") not in lexicon().particles and words[1][0].isupper():
        forms.add(words[1].lower())
    return frozenset(forms)


class PersonResolver:
    """Maps a later mention of a person to the full name as first given.

    Knows surnames and other aliases, titles ("the minister", "the Israeli
    leader") and, for pronouns, the person mentioned last before the pronoun.
    """

    def __init__(self, doc: Doc, people: Sequence[Person], officials: Sequence[OfficialRecord]):
        self.doc = doc
        self.people_in = list(people)
        self._officials = {o.name: o for o in officials}
        # (char offset, full name) of every mention, in text order
        self.mentions: list[tuple[int, int, str]] = sorted(
            (doc[m.start].idx, doc[m.end - 1].idx + len(doc[m.end - 1].text), p.name)
            for p in self.people_in for m in p.mentions
        )

    @property
    def names(self) -> list[str]:
        return [p.name for p in self.people_in]

    def is_official(self, name: str) -> bool:
        return name in self._officials

    def is_non_official(self, name: str) -> bool:
        """An analyst, researcher or journalist by the article's own words."""
        p = next((p for p in self.people_in if p.name == name), None)
        return bool(p and p.info is not None and p.info.kind == NON_OFFICIAL)

    def official(self, name: str) -> OfficialRecord | None:
        return self._officials.get(name)

    def by_name(self, text: str) -> str | None:
        """Full name for a name or surname ("Fomin", "Al-Ghanimi")."""
        low = re.sub(r"(?:'s|\u2019s)$", "", text.strip()).lower()
        if not low:
            return None
        for p in self.people_in:
            if p.name.lower() == low or any(m.text.lower() == low for m in p.mentions):
                return p.name
        sur = _surname(low)
        hits = [p for p in self.people_in if p.surname == sur]
        if not hits and " " not in low:
            hits = [p for p in self.people_in if low in _short_forms(p.name)]
        return hits[0].name if len(hits) == 1 else None

    def person_at(self, start: int, end: int) -> str | None:
        """The person whose mention covers the characters [start, end)."""
        for s, e, name in self.mentions:
            if s < end and start < e:
                return name
        return None

    def last_before(self, offset: int, *, official_only: bool = False, pronoun: str | None = None) -> str | None:
        """The person a pronoun at ``offset`` stands for.

        The subject of the sentence before (or of this one) wins over a person
        named later in it: in "X said after meeting his counterpart, Y. He said
        ...", "he" is X. "he" never means a woman nor "she" a man, when the
        article gives a cue (a first name, "Ms", "spokeswoman", "his"/"her")."""
        want = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f"}.get((pronoun or "").lower())
        found: list[tuple[int, int, str]] = []
        for s, e, name in self.mentions:
            if s >= offset:
                break
            if official_only and name not in self._officials:
                continue
            # "he" never refers to NER noise such as a lone "Patriot"
            if name not in self._officials and len(name.split()) < 2:
                continue
            if want and self.gender(name) not in {want, None}:
                continue
            found.append((s, e, name))
        if not found:
            return None
        here = self.doc.char_span(offset, offset + 1, alignment_mode="expand")
        if here is not None:
            sent = here[0].sent
            window = self.doc[sent.start - 1].sent.start_char if sent.start > 0 else sent.start_char
            subjects = [(s, e, n) for s, e, n in found if s >= window and self._is_subject(s, e)]
            if subjects:
                return subjects[-1][2]
        if want == "f":
            # "she" among people with no cue and no subject just before: a given
            # name in -a is a weak cue ("Marta", "Olena"); it never decides "he"
            likely = [f for f in found if self.gender(f[2]) == "f" or _weak_female(f[2])]
            found = likely or found
        return found[-1][2]

    def _is_subject(self, start: int, end: int) -> bool:
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            return False
        tok = span.root
        for _ in range(3):
            if tok.dep_ in {"nsubj", "nsubjpass"}:
                return True
            if tok.dep_ not in {"appos", "compound", "conj"} or tok.head.i == tok.i:
                return False
            tok = tok.head
        return False

    def gender(self, name: str) -> str | None:
        """"f", "m" or None (no cue) for a person's full name."""
        cache = self.__dict__.setdefault("_genders", {})
        if name not in cache:
            cache[name] = _gender(self.doc, next((p for p in self.people_in if p.name == name), None),
                                  self._officials.get(name))
        return cache[name]

    def by_title(self, phrase: str, offset: int) -> str | None:
        """"the minister", "the Russian minister", "the Israeli leader": the latest
        official before ``offset`` whose title has the head word (and country)."""
        words = [w for w in re.findall(r"[\w.\-']+", phrase.lower()) if w not in {"the", "a", "an", "'s"}]
        if not words:
            return None
        head = words[-1]
        codes = {c for c in (state_code(w.title()) for w in words[:-1]) if c}
        # "the diplomat" is the ambassador, "the general" the chief of staff
        role_classes = supply_words()["role_classes"]
        best = None
        for s, _e, name in self.mentions:
            if s >= offset:
                break
            off = self._officials.get(name)
            if off is None or not off.title:
                continue
            if codes and off.country not in codes:
                continue
            # the office itself, not whom or what it serves ("spokesperson to
            # the President" is no president)
            office = re.split(r"\bto\b", off.title.lower())[0]
            title_words = set(re.findall(r"[\w\-]+", office))
            label = f"{off.title} {off.organization or ''}".lower()
            if head in title_words or (head == "leader" and is_head_of_state_title(off.title)) \
                    or any(k in label for k in role_classes.get(head, ())):
                best = name
        return best


def _cluster(doc: Doc, mentions: list[NameMention]) -> list[Person]:
    people: list[Person] = []
    for m in mentions:
        words = [w for w in re.split(r"\s+", m.text) if w]
        sur = _surname(m.text)
        match = None
        for p in reversed(people):
            if p.surname != sur:
                continue
            pw = p.name.split()
            # two full names with different first names are two people
            if len(words) >= 2 and len(pw) >= 2 and words[0].lower() != pw[0].lower() and not re.fullmatch(r"[A-Z]\.", words[0]):
                continue
            match = p
            break
        if match is None:
            # "Geng Shuang" then "Geng", "Prabowo Subianto" then "Prabowo": a
            # lone name may be the family name written first or the name the
            # person goes by; it matches the first word of a full name too
            for p in reversed(people):
                if len(words) == 1 and len(p.name.split()) >= 2 and words[0].lower() in _short_forms(p.name):
                    match = p
                    break
                if len(words) >= 2 and len(p.name.split()) == 1 and p.name.lower() in _short_forms(m.text):
                    match = p
                    break
        if match is None:
            people.append(Person(name=m.text, mentions=[m]))
            continue
        match.mentions.append(m)
        # the full name is the first multi-word form ("Shoigu" in a headline, then "Sergei Shoigu")
        if len(match.name.split()) < 2 <= len(words):
            match.name = m.text
    return people


@lru_cache(maxsize=1024)
def _form_pattern(form: str) -> re.Pattern[str]:
    # the whole-word look-behind is word_start_matches'
    return re.compile(rf"{re.escape(form)}(?![\w-])", flags=re.IGNORECASE)


def people_in(doc: Doc) -> list[Person]:
    mentions = [NameMention(s, e, _name_text(doc, s, e)) for s, e in _candidates(doc)]
    people = _cluster(doc, mentions)
    # Catch later mentions the NER missed ("Serzh" tagged as a place): every
    # further occurrence of a known full name or surname.
    known = {(m.start, m.end) for p in people for m in p.mentions}
    for p in people:
        forms = {p.name}
        if len(p.name.split()) >= 2:
            forms.add(p.name.split()[-1])
        # the first word only when no one else in the article shares it and it
        # is no place or title ("Jordan", "General")
        first = p.name.split()[0] if len(p.name.split()) >= 2 else None
        # the first word, or the middle one of three ("Khaled"), only when it is
        # nobody else's and no place
        given = [first] if first else []
        if len(p.name.split()) == 3:
            given.append(p.name.split()[1])
        for word in given:
            if word.lower() in _short_forms(p.name) and not state_code(word) \
                    and not any(q is not p and word.lower() in _short_forms(q.name) | {q.name.lower()} for q in people):
                forms.add(word)
        for form in sorted(forms, key=len, reverse=True):
            for hit in word_start_matches(_form_pattern(form), doc_text(doc)):
                span = doc.char_span(hit.start(), hit.end(), alignment_mode="expand")
                if span is None or not hit.group(0)[0].isupper():
                    continue
                if form in given and form != p.name.split()[-1] and (span[0].pos_ != "PROPN" or is_title_word(span[0])):
                    continue
                if any(s <= span.start < e for s, e in known):
                    continue
                known.add((span.start, span.end))
                p.mentions.append(NameMention(span.start, span.end, hit.group(0)))
        p.mentions.sort(key=lambda m: m.start)
        if len(p.name.split()) == 1:
            _given_name_before(doc, p)
    people.sort(key=lambda p: p.mentions[0].start)
    return people


# Entity labels that make a capitalised word before a surname a place or a
# body ("Kremlin Peskov" is no one's first name).
_NOT_GIVEN = {"GPE", "LOC", "NORP", "ORG", "FAC", "DATE", "EVENT", "PRODUCT"}


def _given_name_before(doc: Doc, p: Person) -> None:
    """"Hugo Chávez chose ...": a person known only by the surname (the model
    tagged only the later, bare mentions) whose first name stands untagged
    before one of the mentions gets the full name there."""
    for m in p.mentions:
        k = m.start - 1
        if k < 0 or m.end - m.start != 1:
            continue
        tok = doc[k]
        if tok.pos_ != "PROPN" or not _name_token(tok) or tok.ent_type_ in _NOT_GIVEN or is_title_word(tok) \
                or state_code(tok.text) or is_honorific(tok):
            continue
        if k > 0 and (_name_token(doc[k - 1]) or doc[k - 1].pos_ == "PROPN"):
            continue
        m.start, m.text = k, _name_text(doc, k, m.end)
        p.name = m.text
        return
