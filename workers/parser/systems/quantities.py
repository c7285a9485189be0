"""Numbers of units and deal values, read from a transfer's sentence.

"66 F-16s", "five regiments", "a second batch of 12", "two dozen Rafale jets"
give a quantity; "$8 billion", "3.95 billion euros", "930 billion won", "Rs
59,000 crore" a value with its currency. Each comes with its span in the text
given, so the tracker can show the evidence. Plain regular expressions over
the sentence: a quantity must sit next to a unit noun or a designation, so that
years, calibres ("155 mm"), model numbers ("Leopard 2", "Type 26") and money
are not read as numbers of units.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

_UNITS_WORD = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_TENS_WORD = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
              "ninety": 90}
_WORD_NUMBER = (
    r"(?:(?:" + "|".join(_TENS_WORD) + r")(?:[- ](?:" + "|".join(k for k in _UNITS_WORD if _UNITS_WORD[k] < 10)
    + r"))?|" + "|".join(sorted(_UNITS_WORD, key=len, reverse=True)) + r")"
)
_NUMBER = (
    r"(?P<num>\d{1,3}(?:,\d{3})+|\d+|(?:a|one|two|three|four|five|half a) dozen|a pair of|a hundred|"
    rf"{_WORD_NUMBER}(?: hundred)?)"
)
# What is counted: unit nouns, singular or plural. A designation ("F-16s",
# "S-400") counts too (see _DESIGNATION).
_UNIT_NOUNS = (
    r"aircraft|airplanes?|planes?|jets?|fighters?|bombers?|trainers?|tankers?|helicopters?|choppers?|drones?|"
    r"UAVs?|unmanned aerial vehicles?|tanks?|vehicles?|carriers?|APCs?|IFVs?|MRAPs?|howitzers?|guns?|"
    r"launchers?|systems?|batter(?:y|ies)|regiments?|divisions?|battalions?|squadrons?|units?|sets?|"
    r"missiles?|interceptors?|rockets?|munitions?|rounds?|shells?|bombs?|torpedoes|torpedo|"
    r"ships?|vessels?|boats?|submarines?|frigates?|corvettes?|destroyers?|patrol vessels?|minehunters?|"
    r"radars?|engines?|turbines?|satellites?|pods?|rifles?|pieces?|platforms?|airframes?|hovercraft"
)
# Each part after the first starts with a separator, so that a run of capitals
# splits into parts one way only (an ambiguous split backtracks exponentially).
_DESIGNATION = r"[A-Z][A-Za-z]*(?:[-/ ][A-Z0-9]+)*[- ]?\d[A-Za-z0-9/-]*(?:'?s)?"
# Up to four words between the number and what it counts: "36 Dassault Rafale
# multirole fighters", "five S-400 regiments", "12 additional".
_GAP = r"(?:[\w'’./-]+\s+){0,4}?"
# Case matters for designations only: "F-16", never "f-16".
_QUANTITY = re.compile(
    rf"(?<![\w$€£¥₹.,/-])(?i:{_NUMBER})\s+(?P<what>{_GAP}(?:(?i:{_UNIT_NOUNS})\b|{_DESIGNATION}))"
)
# "a batch of 12", "a total of 40", "an order for 24".
_OF_QUANTITY = re.compile(
    rf"\b(?:batch|lot|tranche|total|order|fleet|contingent|consignment)\s+(?:of|for)\s+{_NUMBER}\b(?!\s*(?:%|per|billion|million|bn|mn|years?|months?|days?))",
    re.I,
)
# Numbers that are not counts, whatever follows: calibres, durations, money, percentages.
_NOT_A_COUNT = re.compile(
    r"\s*(?:mm|millimet|cm|km|kilomet|miles?|metres?|meters?|kg|tons?|tonnes?|%|per ?cent|percent|billion|"
    r"million|thousand|bn|mn|crore|lakh|years?|months?|weeks?|days?|hours?|minutes?|times|people|troops|"
    r"soldiers|personnel|officials|countries|states|nations|members|jobs)\b",
    re.I,
)
# A capitalised word just before the number makes it part of a name ("Leopard 2
# tanks", "Type 26 frigates", "Block 70 jets"), unless it starts the sentence.
_NAME_BEFORE = re.compile(r"(?:[A-Z][\w-]*|Mk\.?|No\.)\s+$")


@dataclass(frozen=True)
class Quantity:
    value: int
    text: str  # the span as written: "66 F-16s"
    start: int
    end: int


@dataclass(frozen=True)
class Money:
    amount: Decimal  # in units of the currency: "$8 billion" is 8000000000
    currency: str  # ISO 4217
    text: str
    start: int
    end: int


def _number_value(text: str) -> int | None:
    t = text.lower().strip()
    if t[:1].isdigit():
        return int(t.replace(",", ""))
    if t.endswith("dozen"):
        head = t.removesuffix("dozen").strip()
        return {"a": 12, "one": 12, "two": 24, "three": 36, "four": 48, "five": 60, "half a": 6}.get(head)
    if t == "a pair of":
        return 2
    if t == "a hundred":
        return 100
    hundred = t.endswith(" hundred")
    t = t.removesuffix(" hundred")
    parts = re.split(r"[- ]", t)
    total = 0
    for part in parts:
        if part in _TENS_WORD:
            total += _TENS_WORD[part]
        elif part in _UNITS_WORD:
            total += _UNITS_WORD[part]
        else:
            return None
    return total * 100 if hundred else total


def read_quantities(text: str) -> list[Quantity]:
    """Every number of units in ``text``, in order."""
    found: list[Quantity] = []
    for m in _QUANTITY.finditer(text):
        num = m.group("num")
        if _NOT_A_COUNT.match(text, m.end("num")):
            continue
        before = text[: m.start()]
        if _NAME_BEFORE.search(before) and before.rstrip() and before.rstrip()[-1] not in ".!?:;\n\"“":
            # "Leopard 2 tanks": the number belongs to the name. A sentence start is not a name.
            if not re.search(r"(?:^|[.!?]\s+)\S+\s+$", before):
                continue
        value = _number_value(num)
        if value is None or value == 0:
            continue
        if num[:1].isdigit() and 1900 <= value <= 2099 and "," not in num:
            continue  # a year ("in 2019 Rafale jets...")
        found.append(Quantity(value=value, text=m.group(0), start=m.start(), end=m.end()))
    for m in _OF_QUANTITY.finditer(text):
        value = _number_value(m.group("num"))
        if value and not any(q.start <= m.start("num") < q.end for q in found):
            found.append(Quantity(value=value, text=m.group(0), start=m.start(), end=m.end()))
    return sorted(found, key=lambda q: q.start)


def quantity_for(text: str, weapons: list[str] | tuple[str, ...] = ()) -> Quantity | None:
    """The number of units ``text`` gives for one of ``weapons`` (as written), else its first count."""
    found = read_quantities(text)
    if not found:
        return None
    lowered = [w.lower() for w in weapons if w]
    for q in found:
        counted = q.text.lower()
        if any(w.split()[0] in counted for w in lowered):
            return q
    return found[0]


# Currencies: symbols and codes written before the amount, words after it.
_SYMBOLS = {
    "us$": "USD", "usd": "USD", "$": "USD", "a$": "AUD", "au$": "AUD", "aud": "AUD", "c$": "CAD", "cad": "CAD",
    "s$": "SGD", "sgd": "SGD", "nz$": "NZD", "€": "EUR", "eur": "EUR", "£": "GBP", "gbp": "GBP", "₹": "INR",
    "rs": "INR", "rs.": "INR", "inr": "INR", "¥": "JPY", "jpy": "JPY", "cny": "CNY", "rmb": "CNY", "krw": "KRW",
    "₩": "KRW", "rub": "RUB", "₽": "RUB", "try": "TRY", "₺": "TRY", "nis": "ILS", "ils": "ILS", "sek": "SEK",
    "nok": "NOK", "dkk": "DKK", "pln": "PLN", "chf": "CHF", "sar": "SAR", "aed": "AED", "brl": "BRL",
    "r$": "BRL", "zar": "ZAR", "egp": "EGP", "pkr": "PKR", "idr": "IDR", "myr": "MYR", "php": "PHP",
}
_WORDS = {
    "dollars": "USD", "dollar": "USD", "us dollars": "USD", "euros": "EUR", "euro": "EUR", "pounds": "GBP",
    "pounds sterling": "GBP", "sterling": "GBP", "won": "KRW", "yen": "JPY", "yuan": "CNY", "renminbi": "CNY",
    "rubles": "RUB", "roubles": "RUB", "ruble": "RUB", "rupees": "INR", "rupee": "INR", "lira": "TRY",
    "liras": "TRY", "shekels": "ILS", "kronor": "SEK", "kroner": "NOK", "krone": "NOK", "zlotys": "PLN",
    "zloty": "PLN", "francs": "CHF", "riyals": "SAR", "dirhams": "AED", "reais": "BRL", "rand": "ZAR",
    "ringgit": "MYR", "rupiah": "IDR", "pesos": "PHP", "australian dollars": "AUD", "canadian dollars": "CAD",
    "singapore dollars": "SGD",
}
_MULTIPLIERS = {
    "thousand": 10**3, "k": 10**3, "million": 10**6, "mn": 10**6, "mln": 10**6, "m": 10**6,
    "billion": 10**9, "bn": 10**9, "bln": 10**9, "b": 10**9, "trillion": 10**12, "tn": 10**12,
    "crore": 10**7, "crores": 10**7, "lakh": 10**5, "lakhs": 10**5,
}
_AMOUNT = r"(?P<amount>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_MULT = r"(?:\s?(?P<mult>" + "|".join(sorted(_MULTIPLIERS, key=len, reverse=True)) + r")\b)?"
_SYMBOL_RE = "|".join(re.escape(s) for s in sorted(_SYMBOLS, key=len, reverse=True))
_WORD_RE = "|".join(re.escape(w) for w in sorted(_WORDS, key=len, reverse=True))
_VALUE_BEFORE = re.compile(rf"(?<![\w$])(?P<cur>{_SYMBOL_RE})\s?{_AMOUNT}{_MULT}", re.I)
_VALUE_AFTER = re.compile(
    rf"(?<![\w.,]){_AMOUNT}{_MULT}\s(?:(?P<cur>{_WORD_RE})|(?P<code>[A-Z]{{3}}))\b", re.I
)


def read_values(text: str) -> list[Money]:
    """Every sum of money in ``text``, in order."""
    found: list[Money] = []
    for regex, table in ((_VALUE_BEFORE, _SYMBOLS), (_VALUE_AFTER, _WORDS)):
        for m in regex.finditer(text):
            cur = m.groupdict().get("cur")
            code = table.get(cur.lower()) if cur else None
            if code is None and m.groupdict().get("code"):
                code = _SYMBOLS.get(m.group("code").lower())
            mult = (m.group("mult") or "").lower()
            if code is None or (cur and cur.isalpha() and len(cur) == 3 and cur != cur.upper() and table is _SYMBOLS):
                continue  # "try 5", "sar 3": words, not currency codes
            if code == "KRW" and not mult and cur and cur.lower() == "won":
                continue  # "won 3 contracts" never matches, but "3 won" alone is too thin
            try:
                amount = Decimal(m.group("amount").replace(",", "")) * _MULTIPLIERS.get(mult, 1)
            except InvalidOperation:
                continue
            if any(f.start <= m.start() < f.end or m.start() <= f.start < m.end() for f in found):
                continue
            found.append(Money(amount=amount, currency=code, text=m.group(0).strip(), start=m.start(), end=m.end()))
    return sorted(found, key=lambda v: v.start)


def value_of(text: str) -> Money | None:
    """The deal value ``text`` gives: its largest sum (a price per unit is smaller than the deal)."""
    found = read_values(text)
    return max(found, key=lambda v: v.amount) if found else None
