"""Arms that go or arrive somewhere: "Ukrainian tanks went to Pakistan and
Kenya" (the national word's state supplies), "Poland's old tanks reached
Ukraine" (the owner supplies); no row when what goes is no arms."""

from __future__ import annotations

import pytest

from tests.parser.transfers_helper import pairs


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Most of the Bulgarian rifles went to Yemen and Oman.", {("BGR", "YEM"), ("BGR", "OMN")}),
        ("Serbia's surplus howitzers went to Nigeria, Ghana and Chad.", {("SRB", "NGA"), ("SRB", "GHA"), ("SRB", "TCD")}),
        ("Latvia's old radars reached Georgia in April.", {("LVA", "GEO")}),
    ],
)
def test_arms_that_go_to_a_party(text: str, expected: set[tuple[str, str]]) -> None:
    assert expected <= pairs(text)


@pytest.mark.parametrize(
    "text",
    ["Half of the Bulgarian grant went to Yemen.", "The contract went to Serbia's Yugoimport.", "Serbian troops went to Chad."],
)
def test_no_arms_no_row(text: str) -> None:
    assert pairs(text) == set()


def test_arms_delivered_to_their_owner_come_from_the_story_seller() -> None:
    # "Algeria's vehicles, delivered in 2005": Algeria received them, from the
    # story's one seller, not from itself
    found = pairs("Belarus sold 20 tanks to Serbia in 2015. Vietnam ordered 40 howitzers from Belarus in 2016."
                  " Algeria's 200 armoured vehicles, delivered in 2005, remain the largest deal.")
    assert ("BLR", "DZA") in found


def test_arms_delivered_by_their_owner_to_a_party() -> None:
    assert ("POL", "UKR") in pairs("Poland's tanks, delivered to Ukraine in May, are in use.")


@pytest.mark.parametrize(
    ("text", "pair"),
    [
        ("Italy has refused to let the frigates go to Egypt.", ("ITA", "EGY")),
        ("Washington allowed the howitzers to go to Morocco.", ("USA", "MAR")),
    ],
)
def test_the_state_that_lets_arms_go_gives_them(text: str, pair: tuple[str, str]) -> None:
    assert pair in pairs(text)
