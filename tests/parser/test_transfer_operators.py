"""Parties that a supply phrase names outside its own clause: a state using
another state's named arms has received them, also in the passive ("K9
howitzers are used by Poland"); the parties "among the states supplying X"
supply X; "forces loyal to X" are X's; "countries including X and Y" are X
and Y."""

from __future__ import annotations

import pytest

from workers.parser import parse_article


def _pairs(text: str) -> dict[tuple[str, str], str]:
    return {(t.supplier, t.recipient): t.status for t in parse_article(text, content_type="text/plain").transfers}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("South Korea's K9 howitzers are now used by Poland and Estonia.",
         {("KOR", "POL"): "delivered", ("KOR", "EST"): "delivered"}),
        ("Egypt operates France's Rafale jets.", {("FRA", "EGY"): "delivered"}),
    ],
)
def test_users_of_a_states_named_arms_received_them(sentence, expected):
    assert _pairs(sentence) == expected


def test_arms_used_by_a_state_in_an_attack_name_no_supplier():
    assert _pairs("The tanks were used by Russia in the attack.") == {}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The monitors listed Russia and Jordan among the states supplying Sudan with weapons.",
         {("RUS", "SDN"), ("JOR", "SDN")}),
        ("The report named the UAE among the countries sending drones to Sudan.", {("ARE", "SDN")}),
    ],
)
def test_the_members_of_among_supply(sentence, expected):
    assert set(_pairs(sentence)) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Turkey and Qatar were cited for arming forces loyal to Libya.", {("TUR", "LBY"), ("QAT", "LBY")}),
        ("Russia sent tanks to troops loyal to Syria.", {("RUS", "SYR")}),
    ],
)
def test_forces_loyal_to_a_party_stand_for_it(sentence, expected):
    assert set(_pairs(sentence)) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Russia has exported the S-400 to countries including China and India.", {("RUS", "CHN"), ("RUS", "IND")}),
        ("The Turkish drone has been exported to countries such as Poland and Qatar.", {("TUR", "POL"), ("TUR", "QAT")}),
    ],
)
def test_countries_including_parties_stand_for_them(sentence, expected):
    assert set(_pairs(sentence)) == expected


def test_a_single_country_named_after_including_a_weapon_is_no_recipient():
    assert _pairs("Russia has exported the S-400 to China, including radars.") == {("RUS", "CHN"): "delivered"}
