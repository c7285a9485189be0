"""Article metadata from the head of plain text and from HTML tags."""

from __future__ import annotations

import datetime as dt

import pytest

from workers.parser.text.metadata import html_metadata, parse_date, text_metadata

TASS_HEAD = """All news
3 Mar 2021, 10:45

Belarus to receive more Su-30SM fighters — minister

The aircraft will be delivered by the end of the year, the defence minister said

MINSK, March 3. /TASS/. Belarus will receive four more Su-30SM fighters this year.
"""

REUTERS_HEAD = """May 9, 2019

Greece weighs offer of used frigates

ATHENS (Reuters) - Greece is considering an offer of two used frigates, officials said.
"""

AP_HEAD = """Chile buys two frigates from Australia

By The Associated Press
Feb. 2, 2020

SANTIAGO, Chile (AP) — Chile has agreed to buy two Adelaide-class frigates from Australia.
"""

TRADE_HEAD = """ARMOUR & ARTILLERY WEEKLY
Land Systems | Asia

Indonesia orders Caesar howitzers for its army

By Jana Novak | 14 June 2022

JAKARTA — Indonesia has ordered 18 Caesar howitzers, the ministry said.
"""

BYLINE_THEN_DATE = """Norway hands over NASAMS launchers to Ukraine

By Ola Nordmann
21 November 2022

OSLO — Norway has handed over two launchers.
"""


@pytest.mark.parametrize(
    ("text", "title", "source", "published", "dateline"),
    [
        (TASS_HEAD, "Belarus to receive more Su-30SM fighters — minister", "TASS", dt.date(2021, 3, 3), "MINSK"),
        (REUTERS_HEAD, "Greece weighs offer of used frigates", "Reuters", dt.date(2019, 5, 9), "ATHENS"),
        (AP_HEAD, "Chile buys two frigates from Australia", "AP", dt.date(2020, 2, 2), "SANTIAGO"),
        (TRADE_HEAD, "Indonesia orders Caesar howitzers for its army", "Armour & Artillery Weekly", dt.date(2022, 6, 14), "JAKARTA"),
        (BYLINE_THEN_DATE, "Norway hands over NASAMS launchers to Ukraine", None, dt.date(2022, 11, 21), "OSLO"),
        ("Just one line of text with no head at all.", "Just one line of text with no head at all.", None, None, None),
    ],
)
def test_text_metadata(text: str, title: str, source: str | None, published: dt.date | None, dateline: str | None) -> None:
    meta = text_metadata(text)
    assert meta.title == title
    assert meta.source == source
    assert meta.published == published
    assert meta.dateline == dateline


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("19 Jul 2016", dt.date(2016, 7, 19)),
        ("November 23, 2020", dt.date(2020, 11, 23)),
        ("Nov. 14, 2016", dt.date(2016, 11, 14)),
        ("2021-01-25", dt.date(2021, 1, 25)),
        ("2018-09-04T17:30:00+04:30", dt.date(2018, 9, 4)),
        ("yesterday", None),
        ("July 19", None),  # no year: not a publication date
        ("2021-02-30", None),
    ],
)
def test_parse_date(value: str, expected: dt.date | None) -> None:
    assert parse_date(value) == expected


PAGE = """<!DOCTYPE html><html><head>
<title>Chile buys frigates | Pacific Defence Review</title>
<meta property="og:title" content="Chile buys two frigates from Australia">
<meta property="article:published_time" content="2020-02-02T08:00:00Z">
</head><body><h1>Chile buys two frigates</h1><p>Text.</p></body></html>"""

PAGE_LD = """<html><head><title>Story - Harbour Times</title>
<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Peru orders patrol boats",
"datePublished": "2019-05-06", "publisher": {"@type": "Organization", "name": "Harbour Times"}}</script>
</head><body><h1>Peru orders patrol boats</h1></body></html>"""

PAGE_BARE = """<html><head><title>Kenya receives helicopters | Nairobi Monitor</title></head>
<body><h1>Kenya receives six helicopters</h1><p class="meta"><time datetime="2018-03-01">1 March 2018</time></p></body></html>"""


@pytest.mark.parametrize(
    ("html", "title", "source", "published"),
    [
        (PAGE, "Chile buys two frigates from Australia", "Pacific Defence Review", dt.date(2020, 2, 2)),
        (PAGE_LD, "Peru orders patrol boats", "Harbour Times", dt.date(2019, 5, 6)),
        (PAGE_BARE, "Kenya receives six helicopters", "Nairobi Monitor", dt.date(2018, 3, 1)),
        ("<html><body><p>No head at all</p></body></html>", None, None, None),
    ],
)
def test_html_metadata(html: str, title: str | None, source: str | None, published: dt.date | None) -> None:
    meta = html_metadata(html)
    assert meta.title == title
    assert meta.source == source
    assert meta.published == published


def test_dates_do_not_depend_on_today() -> None:
    assert text_metadata(REUTERS_HEAD) == text_metadata(REUTERS_HEAD)
    assert parse_date("Monday") is None


@pytest.mark.parametrize(
    ("text", "title", "source", "published"),
    [
        # the agency in brackets after a mixed-case city, the date after the dash
        ("Chile buys two frigates from Australia\n\nValparaiso (AFP) - Mar 4, 2019\n\n"
         "Chile has agreed to buy two used frigates from Australia, the navy said on Monday.\n",
         "Chile buys two frigates from Australia", "AFP", dt.date(2019, 3, 4)),
        # the date, with its year, inside the dateline before the agency
        ("Chile buys two frigates from Australia\n\nSANTIAGO, Mar 4, 2019 (AFP) - Chile has agreed to buy two "
         "used frigates from Australia, the navy said.\n",
         "Chile buys two frigates from Australia", "AFP", dt.date(2019, 3, 4)),
        # the outlet as the first part of a section path, a day-first numeric date
        ("ANDES DEFENCE LETTER | NAVIES | South America\n\nChile buys two frigates from Australia\n\n"
         "Maria Soto |04.03.2019 - Update : 04.03.2019\n\n"
         "Chile has agreed to buy two used frigates from Australia, the navy said on Monday.\n",
         "Chile buys two frigates from Australia", "Andes Defence Letter", dt.date(2019, 3, 4)),
        # a label with a dash is no dateline; the headline follows it
        ("ANDES DEFENCE LETTER \u2014 FLASH\n\nChile buys two frigates from Australia: report\n\n"
         "SANTIAGO, 4 March 2019 \u2014 Chile has agreed to buy two used frigates from Australia, the navy said.\n",
         "Chile buys two frigates from Australia: report", "Andes Defence Letter", dt.date(2019, 3, 4)),
        # the publishing body on the first line is the source, not the headline
        ("Government Offices of Chile\nPress release from Ministry of Defence\nPublished 4 March 2019\n\n"
         "Chile buys two frigates from Australia\n\n"
         "Chile has agreed to buy two used frigates from Australia, the ministry said.\n",
         "Chile buys two frigates from Australia", "Government Offices of Chile", dt.date(2019, 3, 4)),
    ],
)
def test_metadata_from_opening_lines(text: str, title: str, source: str, published: dt.date) -> None:
    meta = text_metadata(text)
    assert (meta.title, meta.source, meta.published) == (title, source, published)
