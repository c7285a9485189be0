"""People in an article: name mentions, who is the same person, and who later
mentions mean.

Names come from the model's PERSON entities and from capitalised runs right
after an office ("Chancellor Olaf Scholz", which the small model tags as an
organisation). Mentions are grouped by surname; the full name is the first
multi-word form. ``PersonResolver`` maps a later mention (surname, "the
minister", "the Israeli leader", "he") back to that full name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Sequence

from spacy.tokens import Doc, Token

from ..text import columns

from ..catalogue import gazetteer
from .gender import gender as _gender
from .known import known_spans
from .gender import weak_female as _weak_female
from ..records import OfficialRecord
from ..catalogue.titles import (
    NON_OFFICIAL, TitleInfo, _low, abbreviations, head_starts, is_head_of_state_title, is_honorific, is_title_text,
    is_title_word, lexicon, match_head, state_code,
)
from ..text.nlp import doc_text
from .names import _extend_name, _name_token, common_words, party_label
from ..vocab import load, words as supply_words
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




def _is_body(text: str) -> bool:
    """An international body or alliance by name ("the United Nations", "NATO")."""
    actor = gazetteer.resolve_actor(text)
    return actor is not None and actor.kind == "alliance"


def _name_text(doc: Doc, start: int, end: int) -> str:
    return doc[start:end].text.strip()


def _candidates(doc: Doc) -> list[tuple[int, int]]:
    """Token spans that look like personal names: PERSON entities and capitalised
    runs right after a title head (the small model misses "Chancellor Olaf Scholz")."""
    spans: dict[int, int] = {}
    org_words = lexicon().org_words
    texts = columns.texts(doc)
    for ent in doc.ents:
        if ent.label_ == "ORG":
            # "Secretary of the National Security and Defense Council Oleksiy
            # Danilov": the model runs the body and the name into one entity;
            # two or three name words after the body's last word are a name
            last_org = max((k for k in range(ent.start, ent.end) if _low(doc[k]) in org_words
                            or state_code(doc[k].text)), default=None)
            # ("Turkish Aerospace Industries" is a company the gazetteer knows)
            if last_org is not None and 2 <= ent.end - last_org - 1 <= 3 \
                    and not gazetteer.resolve_company(ent.text) \
                    and all(_name_token(doc[k]) for k in range(last_org + 1, ent.end)) \
                    and any(match_head(doc, k) for k in range(max(0, ent.start - 6), last_org)):
                end = _extend_name(doc, last_org + 1)
                if end >= ent.end and not state_code(_name_text(doc, last_org + 1, end)):
                    spans[last_org + 1] = end
            continue
        if ent.label_ != "PERSON":
            continue
        i = ent.start
        # "the Rubin design bureau": a name used as the modifier of a common
        # noun names a body or a thing
        if i > 0 and _low(doc[i - 1]) == "the" and ent.end < len(doc) and doc[ent.end].pos_ == "NOUN" \
                and doc[ent.end].is_lower and doc[ent.end - 1].dep_ == "compound":
            continue
        # "... of Ukraine Valerii Zaluzhnyi" with only the surname tagged (or
        # "Algoney Hamdan Daglo Musa" without the first name): one untagged
        # given name just before it belongs to the name
        # (before a longer name, not the end of a portfolio: "Minister for
        # Employment and Integration Johan Pehrson")
        if i >= 2 and (ent.end - ent.start == 1 or ent.end - ent.start <= 3 and doc[i - 1].pos_ == "PROPN"
                       and not doc[i - 1].is_sent_start and _low(doc[i - 2]) not in {"and", "of", "for", "&"}) \
                and _name_token(doc[i - 1]) and not doc[i - 1].ent_type_ \
                and (doc[i - 1].pos_ == "PROPN" or not doc[i - 1].is_sent_start) \
                and not state_code(doc[i - 1].text) and _low(doc[i - 1]) not in org_words \
                and (not _name_token(doc[i - 2]) or state_code(doc[i - 2].text)
                     or _low(doc[i - 2]) in org_words):
            i -= 1
        while i < ent.end and (is_title_text(texts[i]) or match_head(doc, i) or is_honorific(doc[i])
                               or texts[i] == "." and i > ent.start and is_honorific(doc[i - 1])):
            i += 1
        if i >= ent.end:
            continue
        end = _extend_name(doc, i)
        if end <= i or end < ent.end - 1:
            continue
        text = _name_text(doc, i, end)
        if state_code(text):
            continue
        spans[i] = max(spans.get(i, i), end)
    # "Mr Reuben Brigety", "Dr Naledi Pandor" (which the small model may tag as
    # an organisation): two or more name words after a courtesy word
    honorifics = lexicon().honorifics
    for k in range(len(doc) - 2):
        if texts[k].lower().rstrip(".") in honorifics and texts[k][:1].isupper():
            s = k + 2 if texts[k + 1] == "." else k + 1
            end = _extend_name(doc, s)
            if end - s >= 2 and s not in spans and not state_code(_name_text(doc, s, end)):
                spans[s] = end
    starts = head_starts(doc)
    i = 0
    while i < len(doc):
        hit = match_head(doc, i) if i in starts else None
        if hit:
            j = i + hit[0]
            # "Ambassador to India Emmanuel Lenain": skip the posting
            if j + 1 < len(doc) and doc[j].lower_ == "to" and state_code(doc[j + 1].text):
                k = j + 2
                while k < len(doc) and k < j + 4 and doc[k].text[:1].isupper() and state_code(doc[j + 1:k + 1].text):
                    k += 1
                j = k
            elif j + 1 < len(doc) and doc[j].lower_ == "to":
                # "Ambassador to the United Nations Vassily Nebenzia": a posting
                # to a body the gazetteer knows
                k = max((k for k in range(j + 2, min(len(doc), j + 6) + 1) if _is_body(doc[j + 1:k].text)),
                        default=None)
                if k is not None:
                    j = k
            # "Minister of National Defence Mariusz Blaszczak": the name is the
            # last two words of the capitalised run after the portfolio's "of"
            if j + 1 < len(doc) and doc[j].lower_ == "of" and j not in spans:
                k = j + 1
                # ("Minister of Industry and Trade Rini Soewandi": "and" inside the portfolio)
                while k < len(doc) and k - j <= 6 and (doc[k].text[:1].isupper() or doc[k].lower_ == "and"
                                                       and k + 1 < len(doc) and doc[k + 1].text[:1].isupper()):
                    k += 1
                tail = doc[k - 2:k] if k - (j + 1) >= 3 else None
                # "Minister of Defense Matori Abdul Djalil": after a portfolio of
                # office words, the rest of the run is the name, however long
                p = j + 1
                while p < k and _low(doc[p]) in lexicon().modifiers | {"and"}:
                    p += 1
                portfolio = j + 1 < p and k - p >= 2
                if portfolio:
                    tail = doc[p:k]
                # (the model's labels are noise on a name right after a portfolio)
                if tail is not None and all(_name_token(t) and _low(t) not in org_words and not state_code(t.text)
                                            and (portfolio or t.ent_type_ not in {"ORG", "GPE", "NORP", "LOC"})
                                            for t in tail) \
                        and (k >= len(doc) or not doc[k].text[:1].isupper()):
                    spans[tail.start] = max(k, _extend_name(doc, tail.start))  # "Mansur Dan-Ali"
            # "the air force's spokesman, Yuriy Ihnat, said": a name set off by commas
            # (also after a posting: "Ukraine's ambassador to Germany, Oleksii Makeiev,")
            if j + 1 < len(doc) and doc[j].text == "," and _name_token(doc[j + 1]):
                end = _extend_name(doc, j + 1)
                if end - (j + 1) >= 2 and end < len(doc) and doc[end].text == "," and j + 1 not in spans \
                        and not state_code(_name_text(doc, j + 1, end)):
                    spans[j + 1] = end
            end = _extend_name(doc, j)
            if end > j and j not in spans:
                text = _name_text(doc, j, end)
                if not state_code(text) and (end - j >= 2 or any(e.start == j and e.label_ == "PERSON" for e in doc.ents)) \
                        and not common_words(doc, j, end):
                    spans[j] = end
            i = j
            continue
        i += 1
    # "Dmitry Peskov, the Kremlin spokesman, said": a name before an apposition
    # that holds an office, whatever entity label the model gave it
    for k in range(2, len(doc) - 2):
        if texts[k] != "," or k - 2 in spans or k - 3 in spans:
            continue
        start = k
        while start > 0 and k - start < 4 and _name_token(doc[start - 1]) and not state_code(doc[start - 1].text):
            start -= 1
        if k - start < 2 or start in spans or (start > 0 and doc[start - 1].pos_ == "PROPN"):
            continue
        j = k + 1
        if j < len(doc) and doc[j].lower_ in {"the", "a", "an"}:
            j += 1
        window = [t for t in doc[j:j + 6]]
        cut = next((n for n, t in enumerate(window) if t.text in {",", ".", ";"} or t.pos_ in {"VERB", "AUX"}),
                   len(window))
        if any(match_head(window[:cut], n) for n in range(cut)) and _extend_name(doc, start) >= k:
            spans[start] = k
    # "Dmitry Shugaev heads the Federal Service ...", "Jan-Erik Lovgren, who
    # chairs the board,": a name as the subject of a verb of heading a body
    for k in range(2, len(doc) - 1):
        if doc[k].lemma_ not in {"head", "chair"} or doc[k].pos_ != "VERB" or doc[k].tag_ not in {"VBZ", "VBD"}:
            continue
        end = k - 2 if texts[k - 1] == "who" and texts[k - 2] == "," else k
        start = end
        while start > 0 and end - start < 4 and (_name_token(doc[start - 1]) or texts[start - 1] == "-"
                                                  and start - 1 > 0 and _name_token(doc[start - 2])):
            start -= 1
        if end - start >= 2 and _name_token(doc[start]) and start not in spans \
                and _extend_name(doc, start) == end and not state_code(_name_text(doc, start, end)) \
                and not any(_low(doc[j]) in org_words for j in range(start, end)):
            spans[start] = end
    # "Kaja Tamm said": two or three name words as the subject of a verb of
    # saying, whatever entity label the model gave them (it often calls an
    # unfamiliar name an organisation)
    _speaker_names(doc, spans)
    # "Wera Hobhouse (Bath) (LD): ...": a speaker in a parliamentary record
    for k in range(2, len(doc) - 2):
        if texts[k] != "(" or not _name_token(doc[k - 1]):
            continue
        start = k
        while start > 0 and k - start < 4 and _name_token(doc[start - 1]):
            start -= 1
        if k - start >= 2 and start not in spans and _extend_name(doc, start) == k \
                and not state_code(_name_text(doc, start, k)) and party_label(doc, k):
            spans[start] = k
    # "handed over to Olaf Scholz": a listed officeholder the model did not tag
    taken = {k for s, e in spans.items() for k in range(s, e)}
    for s, e in known_spans(doc):
        if not any(k in taken for k in range(s, e)):
            spans[s] = e
            taken.update(range(s, e))
    out = sorted(spans.items())
    # drop spans nested in an earlier one
    result: list[tuple[int, int]] = []
    for s, e in out:
        if result and s < result[-1][1]:
            continue
        result.append((s, e))
    return result


# Verbs whose subject is a speaker.
_SAY_LEMMAS = frozenset({"say", "tell", "add", "write", "insist", "warn", "note", "argue", "claim", "explain",
                         "stress", "confirm", "deny", "acknowledge", "reply", "recall", "admit"})
# Entity labels of a place or a people: never a name that speaks.
_PLACE_LABELS = {"GPE", "LOC", "NORP", "FAC"}


@lru_cache(maxsize=1)
def _body_name_words() -> frozenset[str]:
    return frozenset(load("official_titles.json")["body_name_words"])


def _speaker_names(doc: Doc, spans: dict[int, int]) -> None:
    """Add to ``spans`` each run of two or three name words that is the subject
    of a verb of saying and no body: not after "the" or a possessive, no
    office, organisation or state word in it, no company or actor the
    gazetteer knows, not followed by "of" ("Democratic Party of Japan")."""
    lemmas, pos = columns.lemmas(doc), columns.pos(doc)
    org_words = lexicon().org_words
    body_words = _body_name_words()
    taken = {k for s, e in spans.items() for k in range(s, e)}
    for v in range(len(doc)):
        if lemmas[v] not in _SAY_LEMMAS or pos[v] != "VERB":
            continue
        for subj in doc[v].children:
            if subj.dep_ != "nsubj" or subj.pos_ != "PROPN" or subj.i in taken:
                continue
            start = subj.i
            while start > 0 and subj.i - start < 2 and pos[start - 1] == "PROPN" and doc[start - 1].dep_ == "compound":
                start -= 1
            end = subj.i + 1
            if end - start < 2 or any(k in taken for k in range(start, end)):
                continue
            words = doc[start:end]
            if not all(_name_token(t) for t in words) or any(_low(t) in org_words or _low(t) in body_words
                                                              or state_code(t.text)
                                                              or t.ent_type_ in _PLACE_LABELS for t in words):
                continue
            if start > 0 and (_low(doc[start - 1]) in {"the", "a", "an", "'s"} or pos[start - 1] == "PROPN"):
                continue
            if end < len(doc) and _low(doc[end]) in {"of", "'s"}:
                continue
            text = words.text
            if gazetteer.resolve_company(text) or gazetteer.resolve_actor(text):
                continue
            spans[start] = end
            taken.update(range(start, end))


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
        if want == "f":
            # "she" among people with no cue: a given name in -a is a weak one
            # ("Marta", "Olena"); it never decides "he"
            likely = [f for f in found if self.gender(f[2]) == "f" or _weak_female(f[2])]
            found = likely or found
        if not found:
            return None
        here = self.doc.char_span(offset, offset + 1, alignment_mode="expand")
        if here is not None:
            sent = here[0].sent
            window = self.doc[sent.start - 1].sent.start_char if sent.start > 0 else sent.start_char
            subjects = [(s, e, n) for s, e, n in found if s >= window and self._is_subject(s, e)]
            if subjects:
                return subjects[-1][2]
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
