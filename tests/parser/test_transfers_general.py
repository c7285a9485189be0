"""Transfers on phrasings the dev corpus does not contain: general rules, not articles.

Each case is a sentence or a short passage written for this file; the expected
value is every (supplier, recipient) row with its status.
"""

from __future__ import annotations

import pytest

from workers.parser import parse_article
from workers.parser.catalogue.actors import find_actors
from workers.parser.transfers import extract_transfers


def _rows(nlp, text: str):
    doc = nlp(text)
    return extract_transfers(doc, find_actors(doc, nlp))


def _pairs(nlp, text: str) -> dict[tuple[str, str], str]:
    return {(t.supplier, t.recipient): t.status for t in _rows(nlp, text)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # general objects serving a named system are arms
        ("Ottawa froze the shipment of components for the F-16 to Ankara.", {("CAN", "TUR"): "suspended"}),
        ("Italy suspended deliveries of spare parts for Tornado jets to Saudi Arabia.", {("ITA", "SAU"): "suspended"}),
        ("London stopped the export of equipment for fighter jets to Riyadh.", {("GBR", "SAU"): "suspended"}),
        # a dateline with a dash before the subject
        ("MANILA — The Philippines signed a contract to buy BrahMos missiles from India.", {("IND", "PHL"): "contracted"}),
        ("CANBERRA — Australia agreed to buy Tomahawk missiles from the United States.", {("USA", "AUS"): "planned"}),
        # the owner of arms that are sent supplies them
        ("Some of Slovakia's old MiG-29 fighters have been sent to Ukraine since the war began.", {("SVK", "UKR"): "delivered"}),
        ("Most of Greece's Soviet-era BMP-1 vehicles were shipped to Ukraine after the Russian offensive.",
         {("GRC", "UKR"): "delivered"}),
        # a platform that carries missiles is not their supplier
        ("Officials compared the missile with the Meteor missiles carried by the Indian Rafales.", {}),
        # the licensing state is not the supplier
        ("Helsinki asked Berlin for permission to send its Leopard tanks to Ukraine.", {("FIN", "UKR"): "considering"}),
        ("Denmark sought approval from Washington to send its F-16 jets to Ukraine.", {("DNK", "UKR"): "considering"}),
        # a verb casts its subject as a supplier or buyer
        ("Turkey has emerged as a key arms supplier to several African states, including Ghana and Somalia.",
         {("TUR", "GHA"): "ongoing", ("TUR", "SOM"): "ongoing"}),
        ("Israel emerged as the main supplier of drones to Azerbaijan.", {("ISR", "AZE"): "ongoing"}),
        ("Serbia has established itself as a major arms supplier to Cyprus.", {("SRB", "CYP"): "ongoing"}),
        ("The firm served as a supplier of food to the army.", {}),
        # a party turned to for arms is asked for them
        ("Georgia has turned to France and Israel for weapons.", {("FRA", "GEO"): "ongoing", ("ISR", "GEO"): "ongoing"}),
        ("Romania looked to South Korea for howitzers.", {("KOR", "ROU"): "ongoing"}),
        ("Georgia turned to France for help with its economy.", {}),
        # warned or complained-to parties own the "its"
        ("Moscow has warned Seoul that its sales of artillery shells to Ukraine have damaged ties.",
         {("KOR", "UKR"): "ongoing"}),
        ("China protested to Washington that its arms sales to Taiwan break earlier pledges.", {("USA", "TWN"): "ongoing"}),
        # denials beyond "deny"
        ("Iran rejects reports it is shipping missiles to Russia.", {("IRN", "RUS"): "denied"}),
        ("North Korea dismissed as groundless reports that it had sold shells to Russia.", {("PRK", "RUS"): "denied"}),
        ("Minsk called reports that it had sent tanks to Russia fabricated.", {("BLR", "RUS"): "denied"}),
        # giving up a plan or deal
        ("Indonesia explored buying Su-35 jets from Russia but later abandoned the plan.", {("RUS", "IDN"): "suspended"}),
        ("Egypt considered buying Su-35 fighters from Russia but shelved the deal.", {("RUS", "EGY"): "suspended"}),
        ("Turkey scrapped the deal to buy Patriot systems from the United States.", {("USA", "TUR"): "suspended"}),
        ("Qatar dropped plans to buy Leopard tanks from Germany.", {("DEU", "QAT"): "suspended"}),
        # a hedged approval considers; a demand to cancel leaves the plan standing
        ("Washington approved the potential sale of Harpoon missiles to Taiwan, which does not mean a deal will be signed.",
         {("USA", "TWN"): "considering"}),
        ("Congress was notified of a possible sale of Apache helicopters to Poland.", {("USA", "POL"): "considering"}),
        ('"We call on Washington to cancel the planned sale of F-16 jets to Taiwan," the ministry said.',
         {("USA", "TWN"): "planned"}),
        ("Beijing urged Paris to halt the planned delivery of Mirage jets to Taiwan.", {("FRA", "TWN"): "planned"}),
        # common news phrasings
        ("Romania is to receive 54 Abrams tanks from the United States.", {("USA", "ROU"): "planned"}),
        ("Vietnam is set to buy BrahMos missiles from India.", {("IND", "VNM"): "planned"}),
        ("Kyiv is expected to receive more F-16 jets from Norway this year.", {("NOR", "UKR"): "planned"}),
        ("Morocco took delivery of its first Apache helicopters from the United States.", {("USA", "MAR"): "delivered"}),
        ("The first K2 tanks arrived in Poland from South Korea in December.", {("KOR", "POL"): "delivered"}),
        ("Iran has been arming Russia with Shahed drones since last year.", {("IRN", "RUS"): "ongoing"}),
        ("Washington announced a military aid package for Ukraine including Javelin missiles.", {("USA", "UKR"): "planned"}),
        ("The United States will provide Israel with a new package of military aid worth $1 billion.",
         {("USA", "ISR"): "planned"}),
        ("Germany approved the sale of 40 Eurofighter jets to Turkey.", {("DEU", "TUR"): "planned"}),
        ("Indonesia is buying Rafale jets from France.", {("FRA", "IDN"): "ongoing"}),
        ("The drones were supplied by Iran to the Houthis.", {("IRN", "houthis"): "delivered"}),
        ("France halted deliveries of the jets to Mali after the coup.", {("FRA", "MLI"): "suspended"}),
        ("Spain is considering sending tanks to Ukraine.", {("ESP", "UKR"): "considering"}),
        # a comma and a subjectless verb end a headline's list of recipients
        ("Netherlands to send F-16 jets to Ukraine, Denmark and Norway weigh more", {("NLD", "UKR"): "planned"}),
        # the maker of re-exported arms is not their supplier
        ("Spain will send six Leopard tanks to Ukraine, after Germany gave its partners the green light to "
         "re-export the German-made tanks.", {("ESP", "UKR"): "planned"}),
        # a lone country the tagger takes for a person is still the country
        ("Paris halted arms deliveries to Chad after the coup.", {("FRA", "TCD"): "suspended"}),
        # what a deal or package holds
        ("The contract, signed in 2020, covers 24 Rafale jets for Qatar.", {("FRA", "QAT"): "contracted"}),
        ("The agreement with Russia includes four S-400 battalions for Turkey.", {("RUS", "TUR"): "ongoing"}),
        # a delivery to come is not done
        ("Taiwan will take delivery of 66 F-16V jets from the United States by 2026.", {("USA", "TWN"): "planned"}),
        # the lead's status holds against a later side remark ...
        ("Pakistan has formally inducted its first batch of Chinese-built J-10C fighters. The jets would be armed "
         "with missiles also supplied by China.", {("CHN", "PAK"): "delivered"}),
        # ... but a later delivery of the same arms moves a contract on
        ("Norway signed a contract for K9 howitzers from South Korea in 2017. The first K9 howitzers were "
         "delivered to Norway in 2019.", {("KOR", "NOR"): "delivered"}),
    ],
)
def test_general_phrasings(nlp, text, expected):
    assert _pairs(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the side a sentence leaves out comes from the sentences just before
        ("The United States has supplied HIMARS launchers to Ukraine. Britain and Poland are also weighing contributions.",
         {("USA", "UKR"): "delivered", ("GBR", "UKR"): "considering", ("POL", "UKR"): "considering"}),
        ("Germany has sent Leopard tanks to Ukraine. Portugal said it was open to sending some of its tanks.",
         {("DEU", "UKR"): "delivered", ("PRT", "UKR"): "considering"}),
        ("Russia has sold S-400 systems to China. France sold Rafale jets to India in 2016. Egypt's purchase of 30 "
         "more of the jets was announced in 2021.",
         {("RUS", "CHN"): "delivered", ("FRA", "IND"): "delivered", ("FRA", "EGY"): "planned"}),
        # a party of the same sentence that needs arms beats the article's main pair
        ("Russia has delivered S-400 systems to India. Berlin delivered the first of three IRIS-T systems, and "
         "Zelenskiy said Ukraine needed many more.",
         {("RUS", "IND"): "delivered", ("DEU", "UKR"): "delivered"}),
        ("Russia has delivered S-400 systems to India. Germany delivered the first of four Gepard guns, and "
         "Kyiv said it needed dozens more.",
         {("RUS", "IND"): "delivered", ("DEU", "UKR"): "delivered"}),
        # a one-sided report beside a full one in the same sentence takes its recipient
        ("Canada has already shipped four Leopard 2 tanks to Ukraine, and Norway is expected to announce a donation soon.",
         {("CAN", "UKR"): "delivered", ("NOR", "UKR"): "planned"}),
        ("Belgium will send Leopard tanks to Ukraine. Portugal has also said it will contribute tanks.",
         {("BEL", "UKR"): "planned", ("PRT", "UKR"): "planned"}),
        # two one-sided reports in one sentence take the recipient of the report before
        ("The Netherlands will send 18 F-16 jets to Ukraine. Denmark has already pledged 19 of the aircraft, and "
         "Norway is also considering a contribution.",
         {("NLD", "UKR"): "planned", ("DNK", "UKR"): "planned", ("NOR", "UKR"): "considering"}),
        # ... but a national adjective is not a party that acts
        ("Germany sent tanks to Ukraine, while Russian arms exports fell.", {("DEU", "UKR"): "delivered"}),
        ("Germany sent tanks to Ukraine. Russian arms exports fell sharply.", {("DEU", "UKR"): "delivered"}),
        # and a system reaching a new party is not the last seller's
        ("Russia will supply S-300 systems to Syria. A report said the first air defence system had reached Ukraine.",
         {("RUS", "SYR"): "planned"}),
        # "its" after a warning is the warned party's
        ("Iran has sent drones to Russia. The Kremlin warned Berlin that its deliveries of tanks to Ukraine "
         "would prolong the war.",
         {("IRN", "RUS"): "delivered", ("DEU", "UKR"): "planned"}),
    ],
)
def test_context_fills_missing_side(nlp, text, expected):
    assert _pairs(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "pair", "weapons"),
    [
        ("Bulgaria sent artillery shells and ammunition to Ukraine.", ("BGR", "UKR"), ["artillery shells", "ammunition"]),
        ("Seoul sold 155mm shells to Warsaw last year.", ("KOR", "POL"), ["shells"]),
        # a system of another clause does not join the pair's list
        ("Germany delivered IRIS-T systems to Ukraine, and Kyiv said it still wanted Patriot batteries.",
         ("DEU", "UKR"), ["IRIS-T"]),
    ],
)
def test_weapons_of_a_pair(nlp, text, pair, weapons):
    rows = {(t.supplier, t.recipient): t.weapons for t in _rows(nlp, text)}
    assert rows.get(pair) == weapons


def test_arms_flowing_from_one_state_to_another_are_a_transfer():
    rows = parse_article("Officials said lethal aid was flowing from China to Russia.", content_type="text/plain").transfers
    assert [(t.supplier, t.recipient) for t in rows] == [("CHN", "RUS")]


@pytest.mark.parametrize(
    ("text", "pair"),
    [
        ("Turkish Aerospace Industries will produce drones in Kazakhstan. The company has also sold three drones"
         " to Tunisia.", ("TUR", "TUN")),
        ("Dassault Aviation builds the Rafale. The company sold 24 jets to Egypt in 2015.", ("FRA", "EGY")),
    ],
)
def test_the_company_that_sells_is_the_last_maker_named(text, pair):
    rows = parse_article(text, content_type="text/plain").transfers
    assert [(t.supplier, t.recipient) for t in rows] == [pair]
    assert rows[0].confidence < 0.8


def test_the_company_with_no_maker_named_before_supplies_nothing():
    assert parse_article("The company sold six drones to Niger.", content_type="text/plain").transfers == []


@pytest.mark.parametrize(
    ("sentence", "pair"),
    [
        ("Pakistan has also shown interest in buying the Turkish KAAN fighter.", ("TUR", "PAK")),
        ("Egypt expressed interest in acquiring French Rafale jets.", ("FRA", "EGY")),
    ],
)
def test_interest_in_buying_makes_the_subject_a_buyer(sentence, pair):
    rows = parse_article(sentence, content_type="text/plain").transfers
    assert [(t.supplier, t.recipient, t.status) for t in rows] == [(*pair, "considering")]
