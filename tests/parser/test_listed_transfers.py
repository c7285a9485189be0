"""Lists of parties beside a supply report: every member of a recipient list is
a recipient, and a customer list without a supplier takes the article's main
supplier; both at a low confidence, never for parties the list only mentions."""

from __future__ import annotations

import pytest

from tests.parser.transfers_helper import pair_confidences as _pairs
from workers.parser.transfers.lists import LIST_CONFIDENCE


@pytest.mark.parametrize(
    ("text", "listed"),
    [
        # "with the armed forces of" a list: users of the arms
        ("Turkey sold the TB2 to Ukraine in 2019. The drone already flies with the armed forces of Ethiopia,"
         " Morocco, Qatar and Kyrgyzstan.", {("TUR", "ETH"), ("TUR", "MAR"), ("TUR", "QAT"), ("TUR", "KGZ")}),
        # customers named by a noun
        ("Russia delivered S-400 missiles to India. Our main partners in military-technical cooperation in the"
         " region are China, India, Myanmar and Malaysia, he said.", {("RUS", "CHN"), ("RUS", "MMR"), ("RUS", "MYS")}),
        # "to the armed forces of" a list the parser splits
        ("The United States will sell 20 F-16 jets to Romania. The munitions will be delivered to the armed"
         " forces of Belgium, the Czech Republic, Denmark and Spain.",
         {("USA", "BEL"), ("USA", "CZE"), ("USA", "DNK"), ("USA", "ESP")}),
        # "countries including" a list
        ("Turkey has sold Bayraktar TB2 drones to Ukraine. The drone has since been exported to countries"
         " including Poland, Qatar and Morocco.", {("TUR", "POL"), ("TUR", "QAT"), ("TUR", "MAR")}),
        # buyers named by a relative clause on the subject
        ("The United States sold F-35 jets to Poland. Other countries that bought the jet include Belgium,"
         " Denmark and Norway.", {("USA", "BEL"), ("USA", "DNK"), ("USA", "NOR")}),
        # the seller the supply noun names; "to" hung on the verb that holds the noun
        ("The senator said he will withhold consent for new U.S. weapons sales to the six Gulf states - Saudi"
         " Arabia, Bahrain, Kuwait, Oman and Qatar - until the feud ends.",
         {("USA", "SAU"), ("USA", "BHR"), ("USA", "KWT"), ("USA", "OMN"), ("USA", "QAT")}),
        # a party inside a relative clause of the subject supplies nothing
        ("Turkey sold Bayraktar TB2 drones to Ukraine. The drone, which first saw combat over Syria, has since"
         " been exported to countries including Qatar, Morocco and Poland.",
         {("TUR", "QAT"), ("TUR", "MAR"), ("TUR", "POL")}),
        # no supplier in the article: the maker of the system the sentence names
        ("Countries that have bought the F-35 include Belgium, Denmark and Norway.",
         {("USA", "BEL"), ("USA", "DNK"), ("USA", "NOR")}),
        # ", among them" a list, hung apart from "them": the buyers of the noun before
        ("Switzerland will choose a new fighter this year. The minister pointed to other countries that had"
         " bought the F-35, among them Belgium, Norway and Denmark.",
         {("USA", "BEL"), ("USA", "NOR"), ("USA", "DNK")}),
        # customers ranked "after" a list; the customer word alone speaks of sales
        ("South Korea sold 18 FA-50 jets to Malaysia in February. Malaysia was its fourth customer in the region"
         " after Indonesia, the Philippines and Thailand.", {("KOR", "IDN"), ("KOR", "PHL"), ("KOR", "THA")}),
        # a passive of using or buying with its users after "by"
        ("The Gripen is flown by Hungary, the Czech Republic and Thailand.",
         {("SWE", "HUN"), ("SWE", "CZE"), ("SWE", "THA")}),
        # "in service with" a list
        ("The Bayraktar TB2 is now in service with Poland, Qatar and Morocco.",
         {("TUR", "POL"), ("TUR", "QAT"), ("TUR", "MAR")}),
        # users of a system whose maker is known
        ("Poland, Romania and Slovakia already operate the F-16.", {("USA", "POL"), ("USA", "ROU"), ("USA", "SVK")}),
        # "customers such as" a list, and an inverted "among its operators are" (an inverted
        # "among the buyers of" is a ranking that triggers.py reads first, at a rule's confidence)
        ("Dassault has found export customers such as Egypt, Qatar and India for the Rafale.",
         {("FRA", "EGY"), ("FRA", "QAT"), ("FRA", "IND")}),
        ("Among the operators of the K9 howitzer are Poland, Norway and Finland.",
         {("KOR", "POL"), ("KOR", "NOR"), ("KOR", "FIN")}),
        # the seller owns the customer word
        ("Russia's main arms customers are India, China and Algeria.",
         {("RUS", "IND"), ("RUS", "CHN"), ("RUS", "DZA")}),
    ],
)
def test_a_customer_list_takes_the_main_supplier(text, listed):
    pairs = _pairs(text)
    assert listed <= set(pairs)
    assert all(pairs[p] == LIST_CONFIDENCE for p in listed)


@pytest.mark.parametrize(
    "text",
    [
        # a list that protests, builds or is merely named receives nothing
        "Russia sold S-400s to Turkey. Greece and Cyprus protested against the deal.",
        "France sold Rafale jets to India. Germany and Italy build the Eurofighter.",
        "France sold Rafale jets to India. Officials from Germany, Italy and Spain attended the ceremony.",
        "The United States sold F-35 jets to Poland. Countries that criticised the deal include Belgium and Norway.",
        # users of arms of no named make: not the story's seller's customers
        "The United States sold F-35 jets to Poland. The navies of Norway, Sweden and Denmark will operate 15"
        " submarines between them.",
        # an "after" list beside a customer word without a pronoun for the seller, and no arms
        "Germany sold frigates to Egypt. Poland became a customer of the bank after Hungary and Slovakia.",
        # ", among them" a list of countries that did not buy
        "The United States sold F-35 jets to Poland. He named countries that criticised the deal, among them"
        " Belgium and Norway.",
    ],
)
def test_a_list_outside_a_recipient_role_gives_no_pair(text):
    assert len(_pairs(text)) == 1


@pytest.mark.parametrize(
    ("text", "listed"),
    [
        ("Ukraine's main arms suppliers are the United States, Germany and Britain.",
         {("USA", "UKR"), ("DEU", "UKR"), ("GBR", "UKR")}),
        ("The biggest suppliers of arms to Ukraine were the United States, Germany and Britain.",
         {("USA", "UKR"), ("DEU", "UKR"), ("GBR", "UKR")}),
        ("The countries supplying weapons to Ukraine include the United States, Britain and Poland.",
         {("USA", "UKR"), ("GBR", "UKR"), ("POL", "UKR")}),
        ("Ukraine's donors include Germany, Norway and Denmark, which have sent tanks.",
         {("DEU", "UKR"), ("NOR", "UKR"), ("DNK", "UKR")}),
    ],
)
def test_a_list_named_as_suppliers_supplies_the_party_the_noun_names(text, listed):
    pairs = _pairs(text)
    assert listed <= set(pairs)
    assert all(pairs[p] == LIST_CONFIDENCE for p in listed)


@pytest.mark.parametrize(
    "text",
    [
        "Ukraine's neighbours are Poland, Hungary and Romania.",
        "The countries criticising arms sales to Ukraine include Hungary and Slovakia.",
        "The jets were used by Poland and Romania in the exercise, the United States said.",
    ],
)
def test_a_list_beside_another_noun_supplies_nothing(text):
    assert _pairs(text) == {}


@pytest.mark.parametrize(
    ("text", "listed"),
    [
        # a supply noun owned by the seller as the subject of "go to" a list
        ("China's arms exports go mostly to Pakistan, Bangladesh and Myanmar.",
         {("CHN", "PAK"), ("CHN", "BGD"), ("CHN", "MMR")}),
        # an elliptic "as have A and B" and a ranking "followed by A and B" do what the subject does
        ("Israel has supplied weapons to Azerbaijan for years, as have Turkey and Belarus.",
         {("TUR", "AZE"), ("BLR", "AZE")}),
        ("Washington is Taiwan's main arms supplier, followed by France and Germany.",
         {("FRA", "TWN"), ("DEU", "TWN")}),
    ],
)
def test_a_list_that_stands_where_the_subject_does(text, listed):
    assert listed <= set(_pairs(text))


def test_a_list_to_a_supplier_noun_is_supplied_by_the_party_the_noun_describes():
    got = set(_pairs("Israel is a major buyer of American weapons, and also a major exporter to India and Vietnam."))
    assert {("ISR", "IND"), ("ISR", "VNM"), ("USA", "ISR")} <= got
    assert ("USA", "IND") not in got and ("USA", "VNM") not in got
