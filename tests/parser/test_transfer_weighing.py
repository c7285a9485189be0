"""A buyer weighing arms of several makers ("Chile weighed French, German and
Spanish designs") or showing interest in a maker's arms considers buying from
each maker; a weighed thing that is no arms, or an interest that is another
party's, gives no row."""

from __future__ import annotations

import pytest

from tests.parser.transfers_helper import pairs
from workers.parser.transfers.status import CONSIDERING
from workers.parser import parse_article


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # national words on one noun, listed
        ("Chile weighed French, German and Spanish designs for its next frigates.",
         {("FRA", "CHL"), ("DEU", "CHL"), ("ESP", "CHL")}),
        # offers from a list of states, the arms after "for"
        ("Malaysia is considering offers from Italy, Turkey and South Korea for eight corvettes.",
         {("ITA", "MYS"), ("TUR", "MYS"), ("KOR", "MYS")}),
        # a national word on each of two conjoined arms
        ("Romania is weighing South Korean and American tanks.", {("KOR", "ROU"), ("USA", "ROU")}),
        # interest shown in a maker's arms, the arms word a compound
        ("Philippine officials have shown interest in Italian frigate technology.", {("ITA", "PHL")}),
        # interest held by a possessor, not by the sentence's subject
        ("A Moscow newspaper criticised Armenia's interest in Indian howitzers.", {("IND", "ARM")}),
        # a seller that tries to interest a buyer in its arms
        ("Italy, which has long tried to interest Jakarta in its FREMM frigates, sent a delegation.", {("ITA", "IDN")}),
    ],
)
def test_weighed_makers_are_considered(text: str, expected: set[tuple[str, str]]) -> None:
    found = pairs(text)
    assert expected <= found


def test_weighing_is_considering() -> None:
    rows = parse_article("Chile weighed French and Spanish designs for its next frigates.", content_type="text/plain").transfers
    assert {t.status for t in rows} == {CONSIDERING}


@pytest.mark.parametrize(
    "text",
    [
        # offers of something that is not arms
        "Malaysia is considering offers from Italy and Turkey to host the summit.",
        # the interest is the possessor's, and the subject only criticises it
        "Russia criticised Armenia's interest in Indian howitzers.",
        # "interest" with no arms
        "The plan interested Italy and Turkey in many ways.",
    ],
)
def test_no_row_without_a_weighed_purchase(text: str) -> None:
    found = pairs(text)
    assert ("ITA", "MYS") not in found and ("TUR", "MYS") not in found
    assert ("IND", "RUS") not in found
