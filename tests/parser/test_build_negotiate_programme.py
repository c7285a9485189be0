"""Three trigger rules: making arms for a named party, talks about arms with a
named party, and a state's arms-export programme naming the supplier."""

from __future__ import annotations

import pytest

from workers.parser import parse_article


def _pairs(text: str) -> dict[tuple[str, str], str]:
    return {(t.supplier, t.recipient): t.status for t in parse_article(text, content_type="text/plain").transfers}


@pytest.mark.parametrize(
    ("sentence", "pair", "status"),
    [
        ("China is building six Type 054 frigates for Egypt under a deal signed last year.", ("CHN", "EGY"),
         "contracted"),
        ("Two submarines are being built for Norway by Germany.", ("DEU", "NOR"), "contracted"),
        ("South Korea will manufacture the howitzers for Poland at its own plants.", ("KOR", "POL"), "planned"),
        ("The jets, made in Sweden for Thailand, were flown in 2011.", ("SWE", "THA"), "contracted"),
        ("The drones were built in Iran for Russia's army.", ("IRN", "RUS"), "contracted"),
    ],
)
def test_making_arms_for_a_party_supplies_it(sentence, pair, status):
    assert _pairs(sentence).get(pair) == status


@pytest.mark.parametrize(
    "sentence",
    [
        "Turkey builds its own drones and tanks.",
        "India is building a new factory for its navy.",
    ],
)
def test_making_arms_for_no_other_party_is_no_transfer(sentence):
    assert _pairs(sentence) == {}


@pytest.mark.parametrize(
    ("sentence", "pair"),
    [
        # no maker named: the subject buys
        ("Peru is negotiating with Spain over patrol boats and armoured vehicles.", ("ESP", "PER")),
        # the maker of the system is the subject: it sells
        ("Russia is negotiating with Egypt over Su-35 fighter jets.", ("RUS", "EGY")),
    ],
)
def test_talks_about_arms_with_a_party_are_considering(sentence, pair):
    assert _pairs(sentence).get(pair) == "considering"


def test_talks_about_something_other_than_arms_are_no_transfer():
    assert _pairs("Peru is negotiating with Spain over fishing quotas.") == {}


def test_a_foreign_military_sale_is_supplied_by_the_united_states():
    text = ("The State Department has approved a possible Foreign Military Sale to the Government of Morocco of"
            " naval radar equipment for an estimated cost of $90 million.")
    assert ("USA", "MAR") in _pairs(text)


def test_sales_under_the_arms_export_control_act_are_supplied_by_the_united_states():
    text = ("The Senate voted against arms sales to Jordan and Egypt that the administration pushed through under"
            " the Arms Export Control Act.")
    assert {("USA", "JOR"), ("USA", "EGY")} <= set(_pairs(text))


@pytest.mark.parametrize(
    ("sentence", "pair"),
    [
        ("The Polish defence ministry awarded Hanwha Aerospace a contract for 290 rocket launchers.", ("KOR", "POL")),
        ("Egypt awarded a contract for four frigates to Naval Group.", ("FRA", "EGY")),
        ("The Malaysian defence ministry gave Korea Aerospace Industries a letter of acceptance for 18 FA-50 jets.",
         ("KOR", "MYS")),
    ],
)
def test_the_winner_of_an_arms_contract_supplies_the_party_that_awards_it(sentence, pair):
    pairs = _pairs(sentence)
    assert pairs.get(pair) == "contracted"
    assert (pair[1], pair[0]) not in pairs


def test_a_contract_for_something_other_than_arms_is_no_transfer():
    assert _pairs("Poland awarded Hanwha Aerospace a contract for office software.") == {}


@pytest.mark.parametrize(
    ("sentence", "pair"),
    [
        ("Morocco is in talks with Israel over the Barak MX system.", ("ISR", "MAR")),
        ("Egypt held talks with Russia on buying Su-35 jets.", ("RUS", "EGY")),
        ("Indonesia is in negotiations with France for 42 Rafale jets.", ("FRA", "IDN")),
    ],
)
def test_talks_as_a_noun_about_arms_with_a_party_are_considering(sentence, pair):
    assert _pairs(sentence) == {pair: "considering"}


def test_talks_as_a_noun_about_something_else_are_no_transfer():
    assert _pairs("Iran held talks with Russia on the nuclear deal.") == {}
