"""Heads the metadata reader used to misread: a masthead above the headline,
a wire label where a dateline goes, a region in slashes before the agency,
an agency named after "by" on a timestamp line, a byline layout as the only
trace of the outlet, numeric dates, and HTML pages whose tags shorten the
headline or put the site's name first. Every text here is written for these
tests."""

from __future__ import annotations

import datetime as dt

import pytest

from workers.parser.text.metadata import html_metadata, text_metadata

SECTION_OVER_TIMESTAMP = """World Economy & Trade
4 Jun 2020, 09:10

Serbia receives six more combat drones from China

The aircraft arrived at an air base near Belgrade, the defence ministry said

BELGRADE, June 4. /TASS/. Serbia has received six more combat drones from China, the ministry said.
"""

OUTLET_OVER_SERIES = """NORDIC ARMS OBSERVER
Baltic Procurement Papers, No. 7
2 March 2018

Why Lithuania is buying German howitzers

Jonas Petraitis

Lithuania has signed for sixteen PzH 2000 howitzers from Germany, the ministry said on Friday.
"""

FLASH_HEADLINE = """FLASH -- Chile says it will not buy the used Dutch frigates after all

SANTIAGO, March 2 (Reuters) - Chile will not buy two used Dutch frigates, the navy said on Friday, 2018 budget cuts
having left no money for them.
"""

REGION_IN_SLASHES = """Kazakhstan signs for Russian helicopters

ZHUKOVSKY /Moscow Region/, July 20. /TASS/. Kazakhstan has signed a contract for eight Mi-35 helicopters, the
export agency said.
"""

BY_AGENCY_ON_TIMESTAMP = """Ministry of Defence

INDIAN ARMY HANDS OVER TWO HELICOPTERS TO NEPAL

Posted On: 14 MAR 2022 3:10PM by PIB Delhi

The Indian Army handed over two light helicopters to the Nepali Army at a ceremony on 14 March 2022.
"""

BYLINE_LAYOUT_ONLY = """Qatar buys Turkish armoured vehicles

Gulf state becomes the latest buyer of the Kirpi

Ayse Demir  |11.05.2021 - Update : 11.05.2021

ANKARA

Qatar has signed a contract for 50 armoured vehicles from a Turkish maker, the company said on Tuesday.
"""

SLASH_DATE = """Greece orders two more frigates

Published: 07/10/2022 - 11:20

ATHENS (AFP) - Greece has ordered two more frigates from France, the government said on Friday.
"""


@pytest.mark.parametrize(
    ("text", "title", "source", "published"),
    [
        (SECTION_OVER_TIMESTAMP, "Serbia receives six more combat drones from China", "TASS", dt.date(2020, 6, 4)),
        (OUTLET_OVER_SERIES, "Why Lithuania is buying German howitzers", "Nordic Arms Observer", dt.date(2018, 3, 2)),
        (FLASH_HEADLINE, "FLASH -- Chile says it will not buy the used Dutch frigates after all", "Reuters", None),
        (REGION_IN_SLASHES, "Kazakhstan signs for Russian helicopters", "TASS", None),
        (BY_AGENCY_ON_TIMESTAMP, "INDIAN ARMY HANDS OVER TWO HELICOPTERS TO NEPAL", "Press Information Bureau",
         dt.date(2022, 3, 14)),
        (BYLINE_LAYOUT_ONLY, "Qatar buys Turkish armoured vehicles", "Anadolu", dt.date(2021, 5, 11)),
        (SLASH_DATE, "Greece orders two more frigates", "AFP", dt.date(2022, 10, 7)),
    ],
)
def test_heads(text, title, source, published):
    meta = text_metadata(text)
    assert (meta.title, meta.source) == (title, source)
    if published is not None:
        assert meta.published == published


def test_itar_tass_is_written_as_given():
    meta = text_metadata("Algeria weighs more fighters\n\nMOSCOW, May 15. /ITAR-TASS/. Algeria is weighing an "
                         "order for more fighters, a newspaper said.\n")
    assert meta.source == "ITAR-TASS"


def _page(head: str, body: str = "") -> str:
    return f"<html><head>{head}</head><body>{body}<p>Some text about arms.</p></body></html>"


def test_a_shortened_headline_in_the_tags_gives_way_to_the_whole_one():
    page = _page('<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Frigate deal delayed"}'
                 '</script>', "<h1>Frigate deal delayed \u2014 delivery put off until spring</h1>")
    assert html_metadata(page).title == "Frigate deal delayed \u2014 delivery put off until spring"


def test_a_site_name_before_the_headline():
    page = _page("<title>Gulf Defence Wire :: Kuwait orders tanks from the United States after long talks</title>")
    meta = html_metadata(page)
    assert (meta.title, meta.source) == ("Kuwait orders tanks from the United States after long talks",
                                         "Gulf Defence Wire")


def test_an_edition_language_is_no_part_of_the_site_name():
    page = _page("<title>Armenia buys French howitzers | Caucasus Daily English</title>")
    assert html_metadata(page).source == "Caucasus Daily"


def test_a_citation_date_tag():
    page = _page('<meta name="citation_publication_date" content="2002/04/09"><title>Brief</title>')
    assert html_metadata(page).published == dt.date(2002, 4, 9)
