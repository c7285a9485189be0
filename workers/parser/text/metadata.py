"""Article metadata: headline, outlet or agency, publication date and dateline city.

Two kinds of input. Plain text as copied from a news site or wire keeps a *head*
of short lines above the body: a section label ("Military & Defense"), an outlet
name, a timestamp ("19 Jul 2016, 07:19"), a byline ("By The Associated Press",
"By NAME | March 3, 2021"), the headline and sometimes a standfirst. The body
opens with a dateline ("MOSCOW, July 19. /TASS/.", "BERLIN (Reuters) -",
"DHAKA, Bangladesh (AP) —", "ATHENS —"). HTML pages carry the same facts in
tags (``og:title``, ``og:site_name``, JSON-LD, ``<time>``, ``<h1>``).

Dates are read by ``dates.py``, with settings that never consult today's date,
so the same text always gives the same record.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

from ..records import ArticleMeta
from .dates import DATE_RE, numeric_date, parse_date, weekday_date
from ..vocab import words

# Agencies as they are written in datelines and bylines -> the name the record uses.
AGENCIES: dict[str, str] = {
    "reuters": "Reuters",
    "ap": "AP",
    "associated press": "AP",
    "the associated press": "AP",
    "afp": "AFP",
    "agence france-presse": "AFP",
    "agence france presse": "AFP",
    "tass": "TASS",
    "itar-tass": "ITAR-TASS",
    "ria novosti": "RIA Novosti",
    "interfax": "Interfax",
    "xinhua": "Xinhua",
    "upi": "UPI",
    "dpa": "dpa",
    "anadolu": "Anadolu",
    "bloomberg": "Bloomberg",
    "sputnik": "Sputnik",
    "irna": "IRNA",
    "yonhap": "Yonhap",
    "kyodo": "Kyodo",
    "pti": "PTI",
    "ani": "ANI",
    "efe": "EFE",
    "ansa": "ANSA",
    "pib": "Press Information Bureau",
}

# The opening of the body: CITY[, Region][, Month Day.] [(Agency)] then a dash or /TASS/.
DATELINE_RE = re.compile(
    r"^(?P<city>[A-Z][A-Z'.\-]+(?:\s+[A-Z][A-Z'.\-]+)*)"
    r"(?:,\s+(?P<region>[A-Z][A-Za-z.]+(?:\s+[A-Z][A-Za-z.]+)*))?"
    r"(?:,\s+(?P<date>[A-Z][a-z]+\.?\s+\d{1,2}))?\.?\s*"
    r"(?:\((?P<agency>[A-Za-z][\w .\-]*)\)\s*)?"
    r"(?:/(?P<slash>[A-Z\-]+)/\.?|[\u2014\u2013\-]{1,2})\s",
)
# Head lines that label a release rather than title it ("Press release from
# Ministry of Defence"); " > " marks a breadcrumb ("Home > News Release").
_RELEASE_LABEL = re.compile(r"^(?:press|news|media)\s+(?:release|statement)\b", re.I)
# Capitalised labels of a wire headline ("FLASH -- Cyprus president says ..."),
# which take a dateline's place but name no city.
_WIRE_LABELS = frozenset({"FLASH", "BREAKING", "URGENT", "UPDATE", "UPDATED", "CORRECTED", "EXCLUSIVE", "ANALYSIS",
                          "REFILE", "BULLETIN", "ALERT", "NEWSFLASH", "WRAPUP", "FACTBOX", "EXPLAINER"})
# A dateline opens a paragraph: at least this many words follow it.
_DATELINE_BODY_WORDS = 4
# "Doha (AFP) - ...", "TOKYO, Dec 22, 2023 (AFP) - ...": an agency in brackets
# near the start of one of the first lines, where DATELINE_RE does not read it.
_AGENCY_MARK = re.compile(r"^[A-Z][^\n]{0,60}?[(/](?P<agency>[A-Za-z][\w .\-]*)[)/]")
# Any bracketed or slashed group of a dateline line ("/Moscow Region/", "/TASS/").
_MARK_GROUP = re.compile(r"[(/]([A-Za-z][\w .\-]*)[)/]")
# "Posted On: 22 JUL 2023 5:14PM by PIB Delhi": an agency after "by" at the end
# of a timestamp line.
_BY_AGENCY = re.compile(r"\bby\s+(?P<agency>[A-Z][A-Za-z]+)\b")
_DATE_ANY_CASE = re.compile(DATE_RE.pattern, flags=re.I)
# "Defne Arikboga  |29.07.2025 - Update : 29.07.2025": the byline of Anadolu
# Agency's pages, which name the agency nowhere else in the copied text.
_ANADOLU_BYLINE = re.compile(r"\|\s*\d{1,2}\.\d{1,2}\.\d{4}\s*-\s*Update\s*:\s*\d{1,2}\.\d{1,2}\.\d{4}")
# The first lines an agency mark or a date is looked for in.
_OPENING_LINES = 15
# Words that make a first line the publishing body rather than the headline
# ("Government Offices of Sweden", "U.S. Department of State").
_PUBLISHER_WORDS = ("ministry", "department", "government", "offices", "office", "embassy", "presidency",
                    "parliament", "bureau", "council", "commission", "agency", "press service")
BYLINE_RE = re.compile(r"^By\s+(?P<who>[^|\u00b7,]+?)\s*(?:[|\u00b7,]\s*(?P<rest>.*))?$")
# Head lines that are navigation, not the headline: "All news", section labels.
NAV_WORDS = words()["nav_words"]
HEAD_MAX_LINES = 12
TITLE_SEPARATORS = (" | ", " - ", " \u2014 ", " \u2013 ", " :: ")


def agency_name(text: str) -> str | None:
    """The record's name for a news agency, or None when it is not one."""
    return AGENCIES.get(text.strip().lower())


def _dateline_match(line: str) -> re.Match[str] | None:
    """The dateline opening ``line``; a capitalised label followed by a dash and
    a word or two ("MAGHREB SECURITY BRIEF — FLASH") opens no paragraph."""
    hit = DATELINE_RE.match(line)
    if hit is None or len(line[hit.end():].split()) < _DATELINE_BODY_WORDS or hit.group("city") in _WIRE_LABELS:
        return None
    return hit


def find_dateline(text: str) -> re.Match[str] | None:
    """The dateline at the start of the first paragraph that opens with one."""
    for m in re.finditer(r"(?m)^[ \t]*(\S[^\n]*)", text):
        line = m.group(1)
        hit = _dateline_match(line)
        if hit and len(hit.group("city")) >= 3:
            return hit
    return None


def _head_lines(text: str) -> list[str]:
    """The short lines above the body: everything before the dateline paragraph,
    or the first few lines when there is no dateline."""
    lines = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        if _dateline_match(line):
            break
        lines.append(line)
        if len(lines) >= HEAD_MAX_LINES:
            break
    return lines


def _is_outlet_line(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters) and len(line.split()) <= 6


def _outlet(line: str) -> str | None:
    """An outlet's name in capitals above the headline, alone or as the first
    part of a section path ("GLOBAL TIMES | CHINA | MILITARY", "NORTHBRIDGE
    HERALD | LIVE | World", "MAGHREB SECURITY BRIEF — FLASH")."""
    first = re.split(r" \| | [—–] | - ", line, maxsplit=1)[0].strip()
    if any(c.isdigit() for c in first) or not _is_outlet_line(first) or len(first.split()) < 2:
        return None
    return first.title()


def _publisher(line: str) -> str | None:
    """A first line that names the publishing body, not the headline: a short
    capitalised name with a word of government ("Government Offices of Sweden",
    "U.S. Department of State", "MINISTRY OF NATIONAL DEFENSE OF ...")."""
    words_ = line.split()
    if not 2 <= len(words_) <= 12 or re.search(r"[.!?:,;\d]$", line) or not line[:1].isupper():
        return None
    if not all(w[:1].isupper() or w.lower() in {"of", "the", "and", "for", "on"} for w in words_):
        return None
    low = line.lower()
    if not any(re.search(rf"\b{w}\b", low) for w in _PUBLISHER_WORDS):
        return None
    return line.title() if line.isupper() else line


# "MOSCOW, 19 Apr \u2014 RIA Novosti.", "Tehran, IRNA - ...": an agency named
# after the dateline's city (and date) without brackets.
_AGENCY_AFTER_CITY = re.compile(r"^[A-Z][\w'.-]*(?: [A-Z][\w'.-]*){0,2},? (?:[^\n]{0,20}?[\u2014\u2013-] ?)?"
                                r"(?P<agency>[A-Z][A-Za-z]+(?: [A-Z][A-Za-z]+)?)(?:\.| [\u2014\u2013-])")


def _opening_agency(text: str) -> str | None:
    """An agency named in brackets or slashes near the start of one of the
    first lines ("Doha (AFP) - Dec 10, 2017"), or right after the dateline's
    city ("Tehran, IRNA - ")."""
    for line in [ln.strip() for ln in text.splitlines() if ln.strip()][:_OPENING_LINES]:
        m = _AGENCY_MARK.match(line)
        if m and agency_name(m.group("agency")):
            return agency_name(m.group("agency"))
        if m:
            # "KUBINKA /Moscow Region/, August 25. /TASS/.": a region in slashes first
            for group in _MARK_GROUP.finditer(line[:90]):
                if agency_name(group.group(1)):
                    return agency_name(group.group(1))
        m = _AGENCY_AFTER_CITY.match(line)
        if m and agency_name(m.group("agency")):
            return agency_name(m.group("agency"))
    return None


def is_headline_line(line: str) -> bool:
    words = line.split()
    if len(words) < 4 or line.lower() in NAV_WORDS:
        return False
    if " | " in line or BYLINE_RE.match(line) or _is_outlet_line(line):
        return False
    # A line that is mostly a date ("19 Jul 2016, 07:19") is a timestamp.
    if DATE_RE.search(line) and len(DATE_RE.sub("", line).split()) <= 2:
        return False
    return True


# Words of a timestamp line besides its date ("12 May 2023, 16:40").
_TIMESTAMP_WORDS = 2
# Words of a section label above a timestamp ("Russian Politics & Diplomacy").
_LABEL_WORDS = 5


def _is_timestamp(line: str) -> bool:
    return bool(DATE_RE.search(line)) and len(DATE_RE.sub("", line).split()) <= _TIMESTAMP_WORDS


def _masthead(text: str) -> set[str]:
    """The lines of a first paragraph that is a page's masthead rather than
    its headline: an outlet in capitals with the name of a series or a body
    below it ("CORDILLERA POLICY INSTITUTE / Hemisphere Security Notes, No.
    31"), or a section label over a timestamp ("Russian Politics & Diplomacy /
    12 May 2023, 16:40"). The headline is then the next paragraph's."""
    block: list[str] = []
    for raw in text.lstrip().splitlines():
        if not raw.strip():
            break
        block.append(raw.strip())
    if len(block) < 2 or _dateline_match(block[-1]):
        return set()
    if _outlet(block[0]) or _is_timestamp(block[-1]) and all(
            len(line.split()) <= _LABEL_WORDS and not line.endswith(".") for line in block[:-1]):
        return set(block)
    return set()


def text_metadata(text: str) -> ArticleMeta:
    """Metadata from the head and dateline of plain article text."""
    head = _head_lines(text)
    dateline = find_dateline(text)
    publisher = _publisher(head[0]) if head else None
    masthead = _masthead(text)
    titles = [line for line in head if is_headline_line(line) and not _publisher(line)
              and not _RELEASE_LABEL.match(line) and " > " not in line]
    title = next((line for line in titles if line not in masthead), None) or next(iter(titles), None)

    source = None
    if dateline:
        if dateline.group("slash"):
            source = agency_name(dateline.group("slash"))
        elif dateline.group("agency"):
            source = agency_name(dateline.group("agency")) or dateline.group("agency")
    published = None
    for line in head:
        by = BYLINE_RE.match(line)
        if by and source is None:
            source = agency_name(by.group("who"))
        if source is None and _DATE_ANY_CASE.search(line):
            by = _BY_AGENCY.search(line)
            source = agency_name(by.group("agency")) if by else None
        for m in DATE_RE.finditer(line):
            published = published or parse_date(m.group(0))
        published = published or numeric_date(line)
    if source is None:
        source = _opening_agency(text)
    if source is None:
        # Trade press: the outlet's name in capitals above the headline.
        source = next((o for o in map(_outlet, head) if o), None)
    if source is None:
        source = publisher
    if source is None and any(_ANADOLU_BYLINE.search(line) for line in head):
        # the page names no outlet: the byline's layout is Anadolu's
        source = "Anadolu"
    if published is None:
        # the date on the dateline's own line ("Doha (AFP) - Dec 10, 2017")
        for line in [ln.strip() for ln in text.splitlines() if ln.strip()][:_OPENING_LINES]:
            if _AGENCY_MARK.match(line) or _dateline_match(line):
                found = DATE_RE.search(line[:80])
                published = parse_date(found.group(0)) if found else numeric_date(line[:80])
                if published:
                    break
    if published is None:
        published = weekday_date(text)
    return ArticleMeta(
        title=title,
        source=source,
        published=published,
        dateline=dateline.group("city") if dateline else None,
    )


class _HeadTags(HTMLParser):
    """Collects <title>, <meta>, JSON-LD, the first <h1> and the first <time>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}
        self.title = ""
        self.h1 = ""
        self.time: str | None = None
        self.ld: list[str] = []
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag == "meta":
            key = (a.get("property") or a.get("name") or a.get("itemprop") or "").lower()
            if key and "content" in a:
                self.meta.setdefault(key, a["content"].strip())
        elif tag == "time" and self.time is None and a.get("datetime"):
            self.time = a["datetime"]
        elif tag == "title" and not self.title:
            self._in = "title"
        elif tag == "h1" and not self.h1:
            self._in = "h1"
        elif tag == "script" and a.get("type", "").lower() == "application/ld+json":
            self._in = "ld"
            self.ld.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("title", "h1", "script"):
            self._in = None

    def handle_data(self, data: str) -> None:
        if self._in == "title":
            self.title += data
        elif self._in == "h1":
            self.h1 += data
        elif self._in == "ld":
            self.ld[-1] += data


def _ld_fields(blobs: list[str]) -> dict[str, str]:
    """headline, datePublished and publisher name from JSON-LD NewsArticle blocks."""
    out: dict[str, str] = {}
    for blob in blobs:
        try:
            data = json.loads(blob)
        except ValueError:
            continue
        items = data if isinstance(data, list) else data.get("@graph", [data]) if isinstance(data, dict) else []
        for item in items:
            if not isinstance(item, dict):
                continue
            for key in ("headline", "datePublished"):
                if isinstance(item.get(key), str):
                    out.setdefault(key, item[key].strip())
            pub = item.get("publisher")
            if isinstance(pub, dict) and isinstance(pub.get("name"), str):
                out.setdefault("publisher", pub["name"].strip())
    return out


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _site_name(name: str) -> str:
    """"SCT24 English": the outlet without the edition's language."""
    return re.sub(r"\s+English$", "", name) or name


def html_metadata(raw: str) -> ArticleMeta:
    """Title, site name and date from an HTML page's tags (dateline comes from text)."""
    tags = _HeadTags()
    try:
        tags.feed(raw)
        tags.close()
    except AssertionError:
        # html.parser's way of refusing a malformed declaration ("<![foo[");
        # the tags read before it still count.
        pass
    ld = _ld_fields(tags.ld)
    page_title = _squash(tags.title)
    title = (
        tags.meta.get("og:title") or ld.get("headline") or _squash(tags.h1) or tags.meta.get("twitter:title")
    )
    h1 = _squash(tags.h1)
    if title and h1 and len(h1) > len(title) and h1.startswith(title):
        # a shortened headline in the tags; the page shows it whole
        title = h1
    source = tags.meta.get("og:site_name") or ld.get("publisher")
    if page_title:
        for sep in TITLE_SEPARATORS:
            if sep in page_title:
                head, _, tail = page_title.rpartition(sep)
                if len(head.split()) < len(tail.split()) and source != tail.strip():
                    # "MidEast NewsLine :: Israel scraps ...": the site's name first
                    head, tail = tail, head
                source = source or _site_name(tail.strip())
                title = title or head.strip()
                break
        title = title or page_title
    published = None
    for value in (
        tags.meta.get("article:published_time"),
        ld.get("datePublished"),
        tags.time,
        tags.meta.get("date"),
        tags.meta.get("pubdate"),
        tags.meta.get("citation_publication_date"),
        tags.meta.get("dc.date"),
        tags.meta.get("dcterms.date"),
        tags.meta.get("dc.date.issued"),
        tags.meta.get("publish-date"),
        tags.meta.get("publication_date"),
    ):
        if value:
            published = parse_date(value)
            if published:
                break
    return ArticleMeta(title=title or None, source=source or None, published=published)
