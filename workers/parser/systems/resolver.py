"""A weapon mention, as an article writes it, to its catalogue entry.

"S-400s", "S-400 Triumf", "S-400 surface-to-air missile equipment", "SA-21
Growler" all resolve to the entry ``S-400 Triumf``; "Su-30MK2 fighters" to
``Su-30`` (a variant the catalogue does not list by name falls back to the
designation it starts with). The text as written is kept. A phrase that names
a kind of weapon rather than a system ("fighter jets", "Soviet-era tanks") is
``generic``, with the SIPRI category its words say; anything else that finds no
entry is an unknown system, kept as written, for curators to add.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .catalogue import Catalogue, CatalogueEntry, load_catalogue, normalise

# Words that qualify a system without naming it: "the new", "additional",
# "Russian-made", "second-hand"; dropped from the front before looking up.
_LEADING = re.compile(
    r"^(?:(?:the|a|an|new|more|additional|further|modern|advanced|upgraded|used|second-hand|"
    r"refurbished|its|their|[A-Z][a-z]+(?:-| )(?:made|built|designed|era|origin)|\d+(?:\.\d+)?(?:[- ]?mm)?)\s+)+"
)
# Head words of a generic phrase, to its SIPRI category (first match wins, so
# "air defence missiles" is air defence before missiles).
_GENERIC_HEADS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(rf"\b(?:{pattern})", re.I), category)
    for pattern, category in (
        (r"air[- ]defen[cs]e|anti-aircraft|surface-to-air|interceptor|manpads", "air defence systems"),
        (r"torpedo|sonobuoy|depth charge|anti-submarine", "anti-submarine warfare"),
        (r"engine|turbine", "engines"),
        (r"anti-tank|anti-armou?r|anti-ship|missile|munition|bomb", "missiles"),
        (r"submarine|frigate|corvette|destroyer|warship|ship|vessel|boat|minehunter|hovercraft|naval vessel|"
         r"landing craft|raiding craft", "ships"),
        (r"howitzer|artillery|rocket launcher|mortar|mlrs|multiple rocket|rocket|gun\b|guns\b", "artillery"),
        (r"fighter|jet|aircraft|airplane|plane|helicopter|drone|uav|trainer|airframe|aviation", "aircraft"),
        (r"tank|armou?red|personnel carrier|apc|infantry fighting|vehicle|humvee|truck", "armoured vehicles"),
        (r"radar|sensor|pod\b|pods\b|early[- ]warning", "sensors"),
        (r"satellite", "satellites"),
        (r"naval gun|close-in weapon", "naval weapons"),
        (r"ammunition|rifle|small arms|firearm|mine|shell|round|grenade|helmet|vest", "other"),
    )
)
_DIGIT_THEN_LETTER = re.compile(r"(?<=\d)(?=[a-z])")


@dataclass(frozen=True)
class Resolution:
    """What a mention names: a catalogue entry, a kind of weapon, or a system unknown to the catalogue."""

    text: str  # as written
    entry: CatalogueEntry | None = None
    generic: bool = False
    category: str | None = None  # the entry's, or what a generic or unknown phrase's words say

    @property
    def resolved(self) -> bool:
        return self.entry is not None

    @property
    def unknown(self) -> bool:
        """A system the catalogue lacks (not a kind of weapon): what curators are shown."""
        return self.entry is None and not self.generic


def _singular(word: str) -> list[str]:
    """The word, then its singulars: "S-400s" "S-400", "Rafales" "Rafale", "Patriot's" "Patriot"."""
    out = [word]
    for suffix in ("'s", "’s", "es", "s"):
        if word.endswith(suffix) and len(word) > len(suffix) + 1:
            out.append(word[: -len(suffix)])
    return out


def _lookup_prefix(catalogue: Catalogue, tokens: list[str]) -> CatalogueEntry | None:
    """The entry named by the longest run of leading tokens ("F-16 Block 70 fighters" → F-16)."""
    for n in range(len(tokens), 0, -1):
        head = tokens[: n - 1]
        for last in _singular(tokens[n - 1]):
            entry = catalogue.index.get(normalise(" ".join([*head, last])))
            if entry is not None:
                return entry
    return None


def _lookup_variant(catalogue: Catalogue, token: str) -> CatalogueEntry | None:
    """A variant suffix the catalogue does not list: "Su-30MK3" → Su-30, "T-72B3" → T-72.

    The key is cut where letters follow digits, longest first, so only a
    designation's variant letters are dropped, never its digits ("F-160" is not "F-16").
    """
    for word in _singular(token):
        key = normalise(word)
        cuts = [m.start() for m in _DIGIT_THEN_LETTER.finditer(key)]
        for cut in reversed(cuts):
            entry = catalogue.index.get(key[:cut])
            if entry is not None:
                return entry
    return None


def _category_of(text: str) -> str | None:
    for pattern, category in _GENERIC_HEADS:
        if pattern.search(text):
            return category
    return None


def _is_generic(words: list[str]) -> bool:
    """Common nouns only ("fighter jets", "Air defence equipment"): no name, no designation."""
    return bool(words) and all(w[:1].islower() or i == 0 for i, w in enumerate(words)) and not any(
        ch.isdigit() for w in words for ch in w
    ) and not (len(words) == 1 and words[0][:1].isupper() and _category_of(words[0]) is None)


def resolve(text: str, catalogue: Catalogue | None = None) -> Resolution:
    """Resolve one weapon mention against the catalogue (the shipped one when none is given)."""
    catalogue = catalogue if catalogue is not None else load_catalogue()
    written = text.strip()
    stripped = _LEADING.sub("", written)
    tokens = stripped.split()
    if not tokens:
        return Resolution(text=written, generic=True)
    entry = catalogue.get(stripped)
    if entry is None:
        # Leftmost first: "Russian S-400 systems" names S-400, not "systems".
        for i in range(len(tokens)):
            entry = _lookup_prefix(catalogue, tokens[i:])
            if entry is not None:
                break
    if entry is None:
        entry = next((e for t in tokens if (e := _lookup_variant(catalogue, t))), None)
    if entry is not None:
        return Resolution(text=written, entry=entry, category=entry.category)
    generic = _is_generic(written.split()) or _is_generic(tokens)
    return Resolution(text=written, generic=generic, category=_category_of(written))


def resolve_all(texts: list[str], catalogue: Catalogue | None = None) -> list[Resolution]:
    """``resolve`` over a transfer's weapons list, in its order."""
    catalogue = catalogue if catalogue is not None else load_catalogue()
    return [resolve(t, catalogue) for t in texts if t and t.strip()]


_TOKEN = re.compile(r"[\w][\w'’/&.-]*[\w]|\w")


def find_systems(text: str, catalogue: Catalogue | None = None, *, longest: int = 4) -> list[CatalogueEntry]:
    """The catalogue entries named anywhere in ``text`` (a statement, say), in order, each once.

    A name starts with a capital or a digit ("the patriot act" names no system),
    and the longest run of words that names an entry wins.
    """
    catalogue = catalogue if catalogue is not None else load_catalogue()
    tokens = [m.group(0) for m in _TOKEN.finditer(text)]
    found: dict[str, CatalogueEntry] = {}
    i = 0
    while i < len(tokens):
        step = 1
        if tokens[i][:1].isupper() or tokens[i][:1].isdigit():
            for n in range(min(longest, len(tokens) - i), 0, -1):
                head, last = tokens[i:i + n - 1], tokens[i + n - 1]
                entry = next((e for w in _singular(last)
                              if (e := catalogue.index.get(normalise(" ".join([*head, w]))))), None)
                if entry is not None:
                    found.setdefault(entry.designation, entry)
                    step = n
                    break
        i += step
    return list(found.values())
