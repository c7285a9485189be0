"""Publication dates: the spelled-out and numeric forms news pages write, and
the year a wire dateline leaves out, read from the weekday of its first
sentence. Dates are parsed with settings that never consult today's date, so
the same text always gives the same record. ``metadata.py`` finds where the
date stands."""

from __future__ import annotations

import datetime as dt
import re

import dateparser

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
# "19 Jul 2016", "12 October 2022", "November 23, 2020", "Nov. 14, 2016", "2021-01-25".
DATE_RE = re.compile(
    rf"\b(?:\d{{1,2}}\s+{_MONTH},?\s+\d{{4}}|{_MONTH}\s+\d{{1,2}},?\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}})\b"
)

# "29.07.2025": the numeric day-first dates of many agencies' bylines.
_NUMERIC_DATE = re.compile(r"\b(?P<day>\d{1,2})(?P<sep>[./])(?P<month>\d{1,2})(?P=sep)(?P<year>\d{4})\b")
# "2002/04/09", "Juche 112(2023).10.13.": the year first.
_YEAR_FIRST_DATE = re.compile(r"\b(?P<year>(?:19|20)\d{2})\)?(?P<sep>[./])(?P<month>\d{1,2})(?P=sep)(?P<day>\d{1,2})\b")

# Settings that make dateparser independent of the clock and locale.
DATE_SETTINGS = {
    "RELATIVE_BASE": dt.datetime(2000, 1, 1),
    "PREFER_DAY_OF_MONTH": "first",
    "REQUIRE_PARTS": ["day", "month", "year"],
    "RETURN_AS_TIMEZONE_AWARE": False,
    "DATE_ORDER": "DMY",
}

# The two spelled-out forms DATE_RE finds, read without dateparser (which costs
# more than the rest of the metadata together); anything else still goes to it.
_DAY_MONTH_YEAR = re.compile(rf"(?P<day>\d{{1,2}})\s+(?P<month>{_MONTH}),?\s+(?P<year>\d{{4}})")
_MONTH_DAY_YEAR = re.compile(rf"(?P<month>{_MONTH})\s+(?P<day>\d{{1,2}}),?\s+(?P<year>\d{{4}})")
_MONTH_NUMBERS = {m: i for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1)}

def parse_date(text: str) -> dt.date | None:
    """A calendar date from a date string, or None; never relative to today."""
    text = text.strip()
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2}).*", text)
    if m:
        try:
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            return None
    if not re.search(r"\b\d{4}\b", text):
        return None  # "yesterday", "Monday", "July 19": no year, not a publication date
    if _YEAR_FIRST_DATE.fullmatch(text) or _NUMERIC_DATE.fullmatch(text):
        return numeric_date(text)
    m = _DAY_MONTH_YEAR.fullmatch(text) or _MONTH_DAY_YEAR.fullmatch(text)
    if m:
        try:
            return dt.date(int(m["year"]), _MONTH_NUMBERS[m["month"][:3].lower()], int(m["day"]))
        except ValueError:
            return None
    parsed = dateparser.parse(text, languages=["en"], settings=DATE_SETTINGS)
    return parsed.date() if parsed else None


def numeric_date(line: str) -> dt.date | None:
    """"29.07.2025", "03/12/2021" (day first, as most of the world writes it,
    unless the second number cannot be a month), "2002/04/09"."""
    m = _NUMERIC_DATE.search(line) or _YEAR_FIRST_DATE.search(line)
    if not m:
        return None
    day, month = int(m["day"]), int(m["month"])
    if m.re is _NUMERIC_DATE and m["sep"] == "/" and month > 12 >= day:
        day, month = month, day  # "12/25/2021"
    try:
        return dt.date(int(m["year"]), month, day)
    except ValueError:
        return None


# "SEOUL, Sept. 20 (Yonhap) -- ... said Friday": a wire dateline's month and
# day without a year, before the agency or the dash.
_MONTH_DAY = re.compile(r"\b(?P<month>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.? (?P<day>\d{1,2})\b"
                        r"(?!,? \d{4})(?=[^\n]{0,40}(?:\(|--|-|\u2014))")
_WEEKDAY = re.compile(r"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_YEAR = re.compile(r"\b(19[5-9]\d|20[0-4]\d)\b")
# Words before a year that make it a plan or a deadline ("by 2027", "due in
# early 2024"), not a year the article looks back on.
_FUTURE_CUE = re.compile(r"\b(?:by|until|till|through|due|will|would|to be|expected|planned|from|starting|plan|"
                         r"goal|target|scheduled|should|next|enter|entering)\b[^.]{0,40}$", flags=re.I)
# A verb of intent governs a longer clause: "aims to sign binding contracts
# with the company and the government in 2026".
_INTENT_CUE = re.compile(r"\b(?:aims?|intends?|hopes?|plans?|wants?) to\b[^.]{0,80}$", flags=re.I)


def weekday_date(text: str) -> dt.date | None:
    """The year a wire leaves out, from the weekday of its first sentence: the
    first year on or after the latest year the article looks back on in which
    the dateline's day falls on that weekday. None when the article names no
    weekday or no past year."""
    m = _MONTH_DAY.search(text[:1500])
    if m is None:
        return None
    wd = _WEEKDAY.search(text, m.end(), m.end() + 600)
    if wd is None:
        return None
    past = [int(y.group(1)) for y in _YEAR.finditer(text)
            if not _FUTURE_CUE.search(text, max(0, y.start() - 50), y.start())
            and not _INTENT_CUE.search(text, max(0, y.start() - 100), y.start())]
    if not past:
        return None
    month, day, weekday = _MONTH_NUMBERS[m["month"].lower()], int(m["day"]), _WEEKDAYS.index(wd.group(1).lower())
    for year in range(max(past), max(past) + 12):
        try:
            found = dt.date(year, month, day)
        except ValueError:
            return None
        if found.weekday() == weekday:
            return found
    return None
