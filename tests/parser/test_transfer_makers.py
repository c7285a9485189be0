"""Who made the arms a report moves (``transfers.phrases.maker_codes``): the
maker named on the weapon phrase, not the source of help given to the maker."""

from __future__ import annotations

from tests.parser.transfers_helper import pairs as _pairs
from workers.parser.catalogue.actors import find_actors
from workers.parser.transfers.extract import find_candidates
from workers.parser.transfers.secondary import secondary_transfers


def _candidates(nlp, text: str) -> list[tuple[list[str], list[str]]]:
    doc = nlp(text)
    return [(c.suppliers, c.recipients) for c in find_candidates(doc, find_actors(doc))]


def test_the_source_of_help_to_the_maker_supplies_nothing(nlp):
    text = ("The T-50, developed by KAI with technical support from Lockheed Martin of the United States, "
            "has been exported to Indonesia and Iraq.")
    assert _candidates(nlp, text) == [(["KOR"], ["IDN", "IRQ"])]


def test_the_maker_named_on_the_weapon_supplies(nlp):
    assert _candidates(nlp, "Jets built by Lockheed Martin were delivered to Poland.") == [(["USA"], ["POL"])]


def test_a_pair_in_passing_skips_the_source_of_help(nlp):
    doc = nlp("The jet, designed with help from the United States, has been sold to Iraq.")
    rows = secondary_transfers(doc, find_actors(doc), [], lambda s: (s.start_char, s.end_char))
    assert ("USA", "IRQ") not in {(r.supplier, r.recipient) for r in rows}


def test_a_deal_with_a_company_named_by_its_nation_is_a_purchase_from_that_nation():
    assert ("TUR", "IDN") in _pairs("Indonesia signed a contract with a Turkish company for 60 tanks.")


def test_a_company_based_in_a_state_stands_for_that_state():
    assert ("ARE", "ZAF") in _pairs(
        "South Africa ordered four patrol boats in 2018 from a company based in the United Arab Emirates.")


def test_arms_flown_alongside_others_were_received_from_their_nation():
    assert _pairs("Greece flies the F-16 alongside French Rafales.") == {("FRA", "GRC")}


def test_a_party_that_flies_a_nations_jets_received_them():
    assert ("RUS", "IND") in _pairs("India's air force, which flies Russian Su-30MKI jets, ordered 36 Rafales from France.")


def test_a_party_object_of_a_sale_whose_arms_head_the_clause_receives_them():
    assert _pairs("The jets that Russia sold Algeria in 2006 were returned.") == {("RUS", "DZA")}


def test_a_nations_arms_that_fly_with_a_party_were_received_by_it():
    assert _pairs("Russian Su-30 jets fly with Algeria.") == {("RUS", "DZA")}
    assert _pairs("The Chinese-made J-10C fighters fly with the Pakistani air force.") == {("CHN", "PAK")}
