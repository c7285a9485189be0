"""Arms makers in deals: a maker that signs a deal with a state, or wins a
contract, sells; a first-person giver is not replaced by the weapon's maker."""

from __future__ import annotations

import pytest

from workers.parser import parse_article

from .transfers_helper import pairs


def _statuses(text: str) -> dict[tuple[str, str], str]:
    return {(t.supplier, t.recipient): t.status for t in parse_article(text, content_type="text/plain").transfers}


@pytest.mark.parametrize(
    ("sentence", "pair"),
    [
        ("Navantia signed a deal with the Philippine navy for two frigates.", ("ESP", "PHL")),
        ("Rheinmetall signed a contract with Hungary for Lynx vehicles.", ("DEU", "HUN")),
    ],
)
def test_a_maker_signing_with_a_state_sells_to_it(sentence, pair):
    assert pair in pairs(sentence)


@pytest.mark.parametrize(
    ("sentence", "pair", "status"),
    [
        ("Daewoo Shipbuilding won a contract from Indonesia for three submarines.", ("KOR", "IDN"), "contracted"),
        ("Hanwha won a deal with Poland for 290 launchers.", ("KOR", "POL"), "contracted"),
        ("In 2015 Naval Group won the contract for Brazil's submarines.", ("FRA", "BRA"), "contracted"),
        ("A South Korean shipbuilder won an order for four frigates for the Philippine navy.", ("KOR", "PHL"),
         "contracted"),
        ("Lockheed Martin hopes to win the contract for Canada's new fighters.", ("USA", "CAN"), "considering"),
    ],
)
def test_a_maker_that_wins_a_contract_for_arms_sells(sentence, pair, status):
    assert _statuses(sentence).get(pair) == status


@pytest.mark.parametrize(
    ("sentence", "pair"),
    [
        ("Thales secured an order from Malaysia for 30 radars in 2019.", ("FRA", "MYS")),
        ("Hanwha landed a contract from Australia for 129 infantry fighting vehicles.", ("KOR", "AUS")),
    ],
)
def test_the_buyer_a_won_order_comes_from_does_not_sell_to_the_winner(sentence, pair):
    assert pairs(sentence) == {pair}


@pytest.mark.parametrize(
    "sentence",
    [
        "The team won the championship for Brazil.",
        "Germany signed a deal with Hungary on trade.",
        "Siemens won a contract from Egypt for power plants.",
    ],
)
def test_a_win_or_deal_that_is_not_for_arms_is_no_transfer(sentence):
    assert pairs(sentence) == set()


def test_a_first_person_giver_is_not_the_weapons_maker():
    text = '"We handed 19 F-16s over to Ukraine," the minister said.'
    assert ("USA", "UKR") not in pairs(text)


def test_arms_delivered_without_a_giver_come_from_their_maker():
    assert ("USA", "UKR") in pairs("The F-16s were delivered to Ukraine in August.")


@pytest.mark.parametrize(
    ("sentence", "pair"),
    [
        ("Hanwha signed the contract for 48 K9 howitzers with the Defence Ministry in Canberra last week.",
         ("KOR", "AUS")),
        ("Poland signed a contract for 250 Abrams tanks with the United States.", ("USA", "POL")),
    ],
)
def test_a_deal_partner_hung_on_the_arms_or_named_by_its_capital_counts(sentence, pair):
    assert pair in pairs(sentence)


def test_a_body_in_a_capital_is_that_capitals_state():
    assert ("POL", "UKR") in pairs("The government in Kyiv received 30 tanks from Poland.")
