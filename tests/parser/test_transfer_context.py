"""Sides of a supply report that the story around the sentence decides
(``transfers.context``)."""

from __future__ import annotations

import pytest

from tests.parser.transfers_helper import pairs as _pairs


BELARUS_EXPORTS = (
    "Belarus sold 12 Su-30 fighters to Vietnam in 2015, the export agency said.\n\n"
    "Belarus also delivered radar systems to Serbia last year.\n\n"
    "Angola bought 40 T-72 tanks in 2016 and received them a year later."
)


def test_a_soviet_era_design_sold_in_a_story_about_another_exporter_is_that_exporters():
    pairs = _pairs(BELARUS_EXPORTS)
    assert ("BLR", "AGO") in pairs
    assert ("RUS", "AGO") not in pairs


def test_a_soviet_era_design_with_its_designer_the_story_supplier_stays_his():
    text = ("Russia delivered 20 Su-35 fighters to Egypt last year, Rosoboronexport said.\n\n"
            "Angola bought 40 T-72 tanks in 2016.")
    assert ("RUS", "AGO") in _pairs(text)


def test_a_design_only_its_maker_sells_keeps_its_maker():
    text = ("Belarus sold 12 radar systems to Vietnam in 2015, the export agency said.\n\n"
            "Greece signed a deal for 18 Rafale fighters.")
    assert ("FRA", "GRC") in _pairs(text)


KOREAN_SYSTEM = (
    "South Korea to sell Cheongung II air defence systems to Iraq\n\n"
    "South Korea will sell eight Cheongung II batteries to Iraq, the company said on Friday.\n\n"
    "The order follows earlier export deals in the region. Qatar signed for the system in 2022, and Oman "
    "is also weighing an offer."
)


def test_a_buyer_signing_for_the_storys_system_buys_from_the_storys_supplier():
    assert ("KOR", "QAT") in _pairs(KOREAN_SYSTEM)


def test_an_order_for_it_is_an_order_for_the_storys_system():
    text = ("Turkey sells six TB2 drones to Niger\n\n"
            "Turkey has delivered six Bayraktar TB2 drones to Niger, the ministry said.\n\n"
            "The drone already flies with Qatar's armed forces, and Poland placed an order for it last year.")
    assert ("TUR", "POL") in _pairs(text)


def test_a_buyer_of_the_system_buys_from_the_one_supplier_the_story_gives_it():
    text = ("Israel sold two Phalcon radars to China in 1996, officials said.\n\n"
            "The United States supplies defensive weapons to Taiwan and sells Taiwan more every year.\n\n"
            "Beijing has never publicly acknowledged that it was buying the system.")
    pairs = _pairs(text)
    assert ("USA", "CHN") not in pairs


def test_a_purchase_from_a_seller_by_an_unnamed_buyer_is_the_storys_recipients():
    text = ("Venezuela signs deal for Iranian drones\n\n"
            "Venezuela signed a deal to buy drones from Iran on Monday.\n\n"
            "Maduro spoke on television for two hours.\n\n"
            "Officials did not comment on the price.\n\n"
            "The army had earlier bought S-300 systems from Russia.")
    assert ("RUS", "VEN") in _pairs(text)


TURKISH_DRONES = (
    "Turkey's Baykar widens its drone exports\n\n"
    "Turkey has sold Bayraktar TB2 drones to Azerbaijan, the company said on Monday.\n\n"
    "Turkey also delivered TB2 drones to Ukraine in 2019.\n\n"
    "Analysts say the price is the main draw.\n\n"
    "Officials did not give figures.\n\n"
)


@pytest.mark.parametrize(
    "sentence",
    ["Ethiopia received six drones in 2021.", "The drones were delivered to Ethiopia in 2021.",
     "Six of the drones were delivered to Ethiopia in 2021."],
)
def test_a_buyer_in_a_story_of_one_seller_buys_from_it(sentence):
    assert ("TUR", "ETH") in _pairs(TURKISH_DRONES + sentence)


def test_a_buyer_of_arms_another_state_makes_does_not_take_the_storys_seller():
    assert ("TUR", "ETH") not in _pairs(TURKISH_DRONES + "Ethiopia received six Wing Loong drones in 2021.")


def test_a_story_of_several_sellers_lends_none():
    text = ("Turkey has sold Bayraktar TB2 drones to Azerbaijan.\n\n"
            "China delivered Wing Loong drones to Nigeria and Serbia.\n\n"
            "Analysts say the price is the main draw.\n\n"
            "Officials did not give figures.\n\n"
            "Ethiopia received six drones in 2021.")
    assert not {p for p in _pairs(text) if p[1] == "ETH"}


@pytest.mark.parametrize(
    "second",
    ["Beijing denied supplying weapons to either side.", "Beijing denied selling arms to anyone.",
     "Beijing said it sold no weapons to any party in the war."],
)
def test_a_supply_to_no_one_in_particular_takes_no_recipient_from_the_story(second):
    rows = _pairs("Turkey bought the Russian S-400 in 2019. " + second)
    assert ("CHN", "TUR") not in rows
