"""Transfer rules added for recall on unseen text: requests pressed on a
supplier, "the main supplier of" a party, and cuts and annulments of supplies."""

from __future__ import annotations

import pytest

from workers.parser import parse_article


def _pairs(text: str) -> dict[tuple[str, str], str]:
    return {(t.supplier, t.recipient): t.status for t in parse_article(text, content_type="text/plain").transfers}


@pytest.mark.parametrize(
    ("sentence", "pair"),
    [
        ("Kyiv has been pressing Berlin for Taurus cruise missiles.", ("DEU", "UKR")),
        ("Oman is lobbying London for more fighter jets.", ("GBR", "OMN")),
    ],
)
def test_a_party_pressing_another_for_arms_asks_it_to_supply(sentence, pair):
    assert pair in _pairs(sentence)


@pytest.mark.parametrize(
    ("sentence", "pair"),
    [
        ("France is the main arms supplier of Egypt.", ("FRA", "EGY")),
        ("China has become the largest weapons supplier of Bangladesh.", ("CHN", "BGD")),
    ],
)
def test_the_supplier_of_a_party_supplies_it(sentence, pair):
    assert pair in _pairs(sentence)


def test_the_supplier_of_other_goods_is_no_arms_supplier():
    assert _pairs("Russia remains the largest gas supplier of Germany.") == {}


@pytest.mark.parametrize(
    ("sentence", "pair"),
    [
        ("The United States cut off arms sales to Indonesia in 1999.", ("USA", "IDN")),
        ("Croatia will annul its purchase of 12 used fighter jets from Israel.", ("ISR", "HRV")),
    ],
)
def test_a_cut_or_annulled_supply_is_suspended(sentence, pair):
    assert _pairs(sentence).get(pair) == "suspended"


@pytest.mark.parametrize(
    ("sentence", "pair"),
    [
        ("Thyssenkrupp will deliver two submarines to Singapore next year.", ("DEU", "SGP")),
        ("Airbus Helicopters delivered two transport helicopters to Mali.", ("FRA", "MLI")),
        ("TUSAS has sold three drones to Tunisia.", ("TUR", "TUN")),
    ],
)
def test_an_arms_maker_supplies_for_its_state(sentence, pair):
    assert pair in _pairs(sentence)


def test_gapped_suppliers_after_the_recipient_supply_it():
    pairs = _pairs("Germany sent 10 tanks to Ukraine, Poland 14 and Norway 8.")
    assert {("DEU", "UKR"), ("POL", "UKR"), ("NOR", "UKR")} <= set(pairs)
    assert ("DEU", "POL") not in pairs and ("DEU", "NOR") not in pairs


def test_a_list_of_recipients_without_own_quantities_is_not_gapped():
    pairs = _pairs("Germany sent tanks to Ukraine, Poland and Norway.")
    assert {("DEU", "UKR"), ("DEU", "POL"), ("DEU", "NOR")} <= set(pairs)


@pytest.mark.parametrize(
    ("sentence", "pairs"),
    [
        ("Turkey and Qatar were cited for arming the Government of National Accord.", {("TUR", "LBY"), ("QAT", "LBY")}),
        ("The report cited Iran for supplying drones to Russia.", {("IRN", "RUS")}),
    ],
)
def test_a_party_cited_for_supplying_supplies(sentence, pairs):
    assert pairs <= set(_pairs(sentence))


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Italy will suspend 12 export licences for items used by Israel in Gaza.", {("ITA", "ISR"): "suspended"}),
        ("Spain approved export licences worth 200 million euros for Morocco.", {("ESP", "MAR"): "planned"}),
    ],
)
def test_the_party_export_licences_are_for_is_their_recipient(sentence, expected):
    assert _pairs(sentence) == expected


def test_licences_for_other_goods_name_no_recipient():
    assert _pairs("The ministry issued licences for the export of engines to China.") == {}


def test_arms_sold_to_a_region_go_to_the_region_not_the_state_claiming_it():
    assert _pairs("China firmly opposes U.S. arms sales to China's Taiwan region.") == {("USA", "TWN"): "ongoing"}
