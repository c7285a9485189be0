"""Name words: which capitalised tokens can be part of a personal name,
where a name that starts at a token ends ("Khalid bin Mohammed al-Attiyah",
"Lee Jong-sup"), and what follows a name in a parliamentary record (a party
label). ``persons.py`` finds and clusters the names."""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Doc, Token

from ..catalogue.titles import RANK, is_title_text, lexicon, match_head, state_code
from ..text import columns
from ..vocab import load

# Capitalised words that are never part of a name.
_NOT_NAME = {
    "the", "a", "an", "in", "on", "at", "of", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday", "january", "february", "march", "april", "may", "june", "july", "august",
    "september", "october", "november", "december", "he", "she", "it", "they", "we", "i", "mr", "mrs",
    "ms", "mr.", "mrs.", "ms.", "dr", "dr.",
}
_REGNAL = re.compile(r"(?:I{1,3}|IV|VI{0,3}|IX|XI{0,3})")
_SHORT_INITIALS = re.compile(r"(?:[A-Z]\.){1,4}")
# any script's capital letter: "Ömer", "Şuay", "Álvaro" (``_is_name_word``
# checks that the first letter is a capital)
_NAME_WORD = re.compile(r"[^\W\d_][\w'\u2019]*(?:-[\w'\u2019]+)*")


def _name_token(tok: Token) -> bool:
    return _is_name_word(tok.text)


@lru_cache(maxsize=8192)
def _is_name_word(text: str) -> bool:
    if not text or not text[0].isupper() or text.lower() in _NOT_NAME \
            or text.lower().rstrip(".") in lexicon().honorifics:
        return False
    if _SHORT_INITIALS.fullmatch(text):  # initials "W.", "R.K.S."
        return True
    if not _NAME_WORD.fullmatch(text) or any(c.isdigit() for c in text):
        return False
    if text.isupper() and len(text) > 1:  # acronyms: "NATO", "MOSCOW"
        return False
    return not is_title_text(text)


@lru_cache(maxsize=1)
def _not_name_syllables() -> frozenset[str]:
    return frozenset(load("official_titles.json").get("not_name_syllables", []))


def _name_syllable(tok: Token) -> bool:
    """A short lower-case word that completes a hyphenated given name ("sup" in
    "Jong-sup"), not the participle of a compound adjective ("Kremlin-backed")."""
    text = tok.text
    return text.isalpha() and text.islower() and len(text) <= 5 and text not in _not_name_syllables()


def _extend_name(doc: Doc, i: int, limit: int = 5) -> int:
    """End (exclusive) of the name that starts at token ``i``, or ``i`` if none."""
    particles = lexicon().particles
    texts = columns.texts(doc)
    j = i
    # the limit counts name words: particles and hyphens ("Khalid bin Mohammed
    # al-Attiyah") do not use it up
    n_words = 0
    while j < len(doc) and n_words < limit:
        text = texts[j]
        # "Al-Ali Al-Sabah": a capitalised particle joined by a hyphen uses no
        # name word either
        if j > i and text.lower() in particles and j + 1 < len(doc) and texts[j + 1] == "-" \
                and not doc[j].whitespace_:
            j += 1
            continue
        if _is_name_word(text):
            j += 1
            n_words += 1
            continue
        # "Kim In-chul", "Park On-yu": a capitalised stop word joined by a
        # hyphen to a syllable is the first half of a given name
        if j > i and text[:1].isupper() and text.isalpha() and len(text) <= 3 and j + 2 < len(doc) \
                and texts[j + 1] == "-" and not doc[j].whitespace_ and not doc[j + 1].whitespace_ \
                and (_name_syllable(doc[j + 2]) or _is_name_word(texts[j + 2])):
            j += 3
            n_words += 1
            continue
        # "JD Vance": two capitals the model tags as the start of a person
        # (or right after a rank or an office: "Air Chief Marshal VR Chaudhari")
        if j == i and len(text) == 2 and text.isupper() and j + 1 < len(doc) \
                and (doc[j].ent_type_ == "PERSON"
                     or j > 0 and is_title_text(texts[j - 1]) and texts[j - 1][:1].isupper()
                     and texts[j - 1].lower() not in {"the", "of", "and"}) \
                and _is_name_word(texts[j + 1]) and not state_code(text):
            j += 1
            n_words += 1
            continue
        # "Mohammed VI": a regnal number after a name
        if j > i and _REGNAL.fullmatch(text):
            j += 1
            n_words += 1
            continue
        # "al-Ghanimi", "bin Salman": a particle followed by a name word
        # "von der Leyen": two particles in a row
        if (text.lower().replace("\u2019", "'") in particles and j + 1 < len(doc)
                and (texts[j + 1] == "-" or _is_name_word(texts[j + 1])
                     or texts[j + 1].lower() in particles and j + 2 < len(doc) and _is_name_word(texts[j + 2]))):
            j += 1
            continue
        if text == "-" and j > i and j + 1 < len(doc) and _is_name_word(texts[j + 1]) and not doc[j].whitespace_ \
                and not doc[j - 1].whitespace_:
            j += 1
            continue
        # "Lee Jong-sup", "Tsai Ing-wen": spaCy splits a hyphenated given name
        # and the second syllable is lower case; "Kremlin-backed" is no name
        if text == "-" and j > i and j + 1 < len(doc) and not doc[j].whitespace_ \
                and not doc[j - 1].whitespace_ and _name_syllable(doc[j + 1]):
            j += 2
            continue
        break
    # a possessive, a state name or a dangling particle at the end is not part of the name
    # ("William Hague", though, is one name to the model: "Hague" stays)
    while j > i and (state_code(texts[j - 1]) and not (j - 1 > i and doc[j - 1].ent_iob_ == "I"
                                                       and doc[j - 1].ent_type_ == "PERSON")
                     or texts[j - 1] in {"-"}
                     or texts[j - 1].lower().replace("\u2019", "'") in particles):
        j -= 1
    return j


def given_state_word(doc: Doc, k: int) -> bool:
    """``doc[k]`` names a state or a capital but opens an entity the model
    runs on into the next word, not as a place: a given name ("Santiago Peña",
    "Jordan Bardella"; "Moscow Dmitry Peskov" is two entities)."""
    return k + 1 < len(doc) and doc[k].ent_iob_ == "B" and doc[k + 1].ent_iob_ == "I" \
        and doc[k].ent_type_ not in {"GPE", "LOC", "NORP", "FAC"}


def name_start(doc: Doc, end: int, limit: int = 4) -> int:
    """Start of the run of up to ``limit`` name words that ends just before
    ``end``, a tight hyphen inside a word kept ("Kassym-Jomart Tokayev",
    "Annegret Kramp-Karrenbauer": the tokenizer splits them); ``end`` if none.
    No state name is taken ("Germany Annegret ...")."""
    texts = columns.texts(doc)
    start, n_words = end, 0
    while start > 0 and n_words < limit:
        prev = start - 1
        if _is_name_word(texts[prev]) and (not state_code(texts[prev]) or start < end and given_state_word(doc, prev)):
            start, n_words = prev, n_words + 1
            continue
        if texts[prev] == "-" and start < end and prev > 0 and not doc[prev].whitespace_ \
                and not doc[prev - 1].whitespace_ and _is_name_word(texts[prev - 1]):
            start = prev
            continue
        break
    return start


@lru_cache(maxsize=1)
def _vessel_and_place_words() -> tuple[frozenset[str], frozenset[str]]:
    data = load("official_titles.json")
    return frozenset(data["vessel_words"]), frozenset(data["place_name_words"])


@lru_cache(maxsize=1)
def _ship_prefixes() -> frozenset[str]:
    return frozenset(load("official_titles.json")["ship_prefixes"])


def ship_name(doc: Doc, spans: list[tuple[int, int]]) -> bool:
    """Mentions of a ship named after a person, a rank or title and all: "the
    frigate Admiral Gorshkov", "HMS Queen Elizabeth", "The Admiral Makarov, a
    frigate, ...". Past the capitalised title words before a mention stands a
    vessel noun or a ship's prefix, or "the" right before a rank."""
    vessels = _vessel_and_place_words()[0]
    prefixes = _ship_prefixes()
    texts = columns.texts(doc)
    for s, _e in spans:
        k = s
        while k > 0 and s - k < 4 and texts[k - 1][:1].isupper() and is_title_text(texts[k - 1]) \
                and texts[k - 1] not in prefixes and texts[k - 1].lower() not in {"the", "of", "and"}:
            k -= 1
        if k > 0 and (texts[k - 1] in prefixes or k < s and texts[k - 1] in vessels):
            return True
        if k < s and k > 0 and texts[k - 1].lower() == "the":
            hit = match_head(doc, k)
            if hit and hit[1] == RANK and k + hit[0] == s:
                return True
    return False


def vessel_or_place(doc: Doc, spans: list[tuple[int, int]]) -> bool:
    """Mentions (token spans) of a run the model tags as a person that names
    a ship or a place: a vessel noun before one ("the cargo vessel Lady R",
    "The boat, Hai Phong, is ..."), a place word that ends one or follows its
    possessive ("Cam Ranh Bay", "Simon's Town"), or "the" before every one
    ("loaded onto the Lady R"): a personal name takes no article."""
    vessels, places = _vessel_and_place_words()
    texts = columns.texts(doc)
    with_the = 0
    for s, e in spans:
        before = texts[s - 1] if s > 0 else ""
        if before in vessels or before == "," and s > 1 and texts[s - 2] in vessels \
                and e < len(doc) and texts[e] == ",":
            return True
        if texts[e - 1].lower() in places and texts[e - 1][:1].isupper() \
                or e + 1 < len(doc) and texts[e] in {"'s", "\u2019s"} and texts[e + 1].lower() in places \
                and texts[e + 1][:1].isupper():
            return True
        with_the += before.lower() == "the"
    return bool(spans) and with_the == len(spans)


# A legislator's party after the name in a parliamentary record: "(Lab)",
# "(LD)", "(Lab/Co-op)"; or party and seat: "(PH-Pasir Gudang)", "(D-Conn.)".
_PARTY = re.compile(r"[A-Z][A-Za-z]{0,5}(?:/[A-Z][\w-]*)?")
_PARTY_SEAT = re.compile(r"[A-Z]{1,4} ?[\u2013-] ?[A-Z][\w .'-]*")
_US_PARTY = re.compile(r"[RDI] ?[\u2013-]")


def party_label(doc: Doc, end: int) -> tuple[int, bool] | None:
    """After a name ending at ``end``, a party label in brackets, perhaps after
    the seat ("(Brighton, Kemptown) (Lab/Co-op):"): the token after the label
    and whether the party is American (a member of Congress), or None."""
    groups: list[str] = []
    k = end
    while k < len(doc) and doc[k].text == "(" and len(groups) < 2:
        # (the tokenizer keeps "):" whole)
        close = next((j for j in range(k + 1, min(len(doc), k + 9)) if doc[j].text in {")", "):"}), None)
        if close is None or close == k + 1:
            break
        groups.append(doc[k + 1:close].text)
        k = close + 1
        if doc[close].text == "):":
            break
    if not groups:
        return None
    last = groups[-1]
    party = bool(_PARTY_SEAT.fullmatch(last)) or _PARTY.fullmatch(last) is not None and (
        len(groups) == 2 or doc[k - 1].text == "):" or k < len(doc) and doc[k].text == ":")
    return (k, bool(_US_PARTY.match(last))) if party else None


# A US legislator's party and state set off by commas in news copy:
# "Sen. Bob Menendez, D-N.J., said", "Rep. Ro Khanna, D-Calif.,", "I-Vt."
US_PARTY_TAG = re.compile(r"[RDI]-[A-Z][A-Za-z.]*(?: [A-Z][A-Za-z.]*)?")


def us_party_tag_end(doc: Doc, k: int) -> int | None:
    """At the comma ``doc[k]`` after a name, the index of the comma that closes
    a party tag (", D-N.J.,"), or None."""
    if k >= len(doc) or doc[k].text != ",":
        return None
    close = next((j for j in range(k + 2, min(len(doc), k + 7)) if doc[j].text == ","), None)
    if close is None or not US_PARTY_TAG.fullmatch(doc[k + 1:close].text):
        return None
    return close


def common_words(doc: Doc, start: int, end: int) -> bool:
    """Capitalised words the article also writes in lower case ("Major Arms
    Sales" in a release's header, where "arms sales" recur in the text): a
    heading after a rank, not a name, unless the model tags them as a person."""
    if any(doc[k].ent_type_ == "PERSON" for k in range(start, end)):
        return False
    lower = doc.user_data.get("_lower_words")
    if lower is None:
        lower = doc.user_data["_lower_words"] = {t for t in columns.texts(doc) if t.islower()}
    return all(doc[k].text.lower() in lower or doc[k].pos_ == "NOUN" for k in range(start, end))
