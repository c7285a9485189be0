"""Transfers: pairs from the parse, their direction and status, and what is not one."""

from __future__ import annotations

import pytest

from workers.parser.catalogue.actors import find_actors
from workers.parser.transfers import extract_transfers


def _pairs(nlp, text: str) -> dict[tuple[str, str], str]:
    doc = nlp(text)
    return {(t.supplier, t.recipient): t.status for t in extract_transfers(doc, find_actors(doc, nlp))}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # supply verbs, active, with "to", a dative and "with"
        ("Sweden delivered 12 Gripen fighters to Thailand last year.", {("SWE", "THA"): "delivered"}),
        ("Turkey sold Bayraktar TB2 drones to Poland in 2021.", {("TUR", "POL"): "delivered"}),
        ("Moscow will send Belarus two more S-400 battalions next month.", {("RUS", "BLR"): "planned"}),
        ("Germany will supply Kyiv with four IRIS-T SLM air defence systems.", {("DEU", "UKR"): "planned"}),
        ("Italy has been sending howitzers to Ukraine since the spring.", {("ITA", "UKR"): "ongoing"}),
        ("Belgium and the Netherlands would continue to supply weapons to Ukraine.",
         {("BEL", "UKR"): "ongoing", ("NLD", "UKR"): "ongoing"}),
        ("China handed over two frigates to Pakistan on Tuesday.", {("CHN", "PAK"): "delivered"}),
        # acquire verbs: the subject receives
        ("Egypt bought 24 Rafale jets from France in 2015.", {("FRA", "EGY"): "delivered"}),
        ("Vietnam has received the first batch of Yak-130 trainers from Russia.", {("RUS", "VNM"): "delivered"}),
        ("Hungary ordered 44 Leopard 2A7 tanks from Germany.", {("DEU", "HUN"): "contracted"}),
        ("Morocco signed a contract to buy 24 Apache helicopters from the United States.",
         {("USA", "MAR"): "contracted"}),
        ("Qatar signed a deal with Italy for seven warships.", {}),
        ("Slovakia signs deal for 14 F-16 fighter jets", {("USA", "SVK"): "contracted"}),
        # passives and participles
        ("Croatia deployed Rafale jets bought from France.", {("FRA", "HRV"): "delivered"}),
        ("Its army also operates T-72 tanks supplied by Russia.", {}),
        ("The Iraqi army also operates T-72 tanks supplied by Russia.", {("RUS", "IRQ"): "delivered"}),
        # nouns
        ("Russia's deliveries of S-400 systems to Turkey began in 2019.", {("RUS", "TUR"): "ongoing"}),
        ("Norway's exports of NASAMS to Lithuania will begin next year.", {("NOR", "LTU"): "planned"}),
        # stopping, refusing, denying, considering
        ("Denmark halted arms sales to Saudi Arabia last year.", {("DNK", "SAU"): "suspended"}),
        ("Spain has declined to provide Ukraine with Leopard tanks.", {("ESP", "UKR"): "denied"}),
        ("Canada froze the delivery of drone sensors to Turkey.", {("CAN", "TUR"): "suspended"}),
        ("Brazil could sell Guarani armoured vehicles to the Philippines if the budget allows.",
         {("BRA", "PHL"): "considering"}),
        ("Iran denied a report that it had shipped missiles to the Houthis.", {("IRN", "houthis"): "denied"}),
        ("Sweden will not approve new export licences for Turkey.", {("SWE", "TUR"): "suspended"}),
        ("The UAE has been accused of supplying weapons to the RSF, a charge Abu Dhabi has denied.",
         {("ARE", "rsf"): "denied"}),
        # armed groups and their members are recipients, not the state they fight in
        ("Tehran keeps arming Houthi fighters along the Red Sea coast.", {("IRN", "houthis"): "ongoing"}),
        ("Officials say Turkey is arming Libyan rebels.", {("TUR", "libyan-rebels"): "ongoing"}),
        ("Analysts named Egypt among the countries supplying the Libyan National Army.",
         {("EGY", "libyan-national-army"): "ongoing"}),
        ("Iran has been supplying Hezbollah for decades.", {("IRN", "hezbollah"): "ongoing"}),
        ("The panel said Egypt sent armoured vehicles to forces loyal to Khalifa Haftar.",
         {("EGY", "libyan-national-army"): "delivered"}),
        ("Police found rifles in a camp of the ELN guerrillas. Ecuador sold the rifles to the rebels.",
         {("ECU", "eln"): "delivered"}),
        # offers, pledges, requests, talks
        ("Denmark pledged 19 F-16s to Ukraine.", {("DNK", "UKR"): "planned"}),
        ("Sweden offered Gripen jets to Colombia.", {("SWE", "COL"): "considering"}),
        ("Kyiv has requested Taurus missiles from Berlin.", {("DEU", "UKR"): "considering"}),
        ("Saudi Arabia is negotiating with China over the purchase of drones.", {("CHN", "SAU"): "considering"}),
        ("Athens wants to join the F-35 programme.", {("USA", "GRC"): "considering"}),
        # quantities and money stand for the arms they count
        ("The United States has sent billions of dollars in weapons to Ukraine.", {("USA", "UKR"): "delivered"}),
        ("Saudi Arabia, which buys most of its weapons from Britain, was criticised.", {("GBR", "SAU"): "ongoing"}),
        # using foreign-made systems
        ("Egypt operates U.S.-made F-16s.", {("USA", "EGY"): "delivered"}),
        ("Serbia has taken delivery of Chinese FK-3 air defence systems.", {("CHN", "SRB"): "delivered"}),
    ],
)
def test_pairs_and_status(nlp, text: str, expected: dict[tuple[str, str], str]) -> None:
    got = _pairs(nlp, text)
    for pair, status in expected.items():
        assert pair in got, f"missing {pair} in {got}"
        assert got[pair] == status, f"{pair}: {got[pair]} != {status}"


@pytest.mark.parametrize(
    "text",
    [
        # co-occurrence is not a transfer
        "Russia and Ukraine held talks in Istanbul on Tuesday.",
        "The French president met his Indian counterpart in Paris.",
        "Putin, Aliyev and Pashinyan signed a joint statement on transport links.",
        # supplies of something that is not arms
        "Russia supplies natural gas to Hungary through the TurkStream pipeline.",
        "The minister handed the document to the U.S. ambassador.",
        "Germany sent humanitarian aid to Syria after the earthquake.",
        # capitals as places, arms used not supplied
        "Israeli F-16 jets struck targets near Damascus.",
        "Talks in Baku and Yerevan on Monday focused on the border.",
        "Serbia's air force was destroyed during NATO's campaign, and it now flies a handful of MiG-29s.",
        # a company's own country assembling jets is not an export
        "The jets will be assembled by Hindustan Aeronautics in India.",
        # the governing verb's subject is not a supplier unless it runs the supplies
        "The Kremlin said it would treat shipments of arms to Ukraine as legitimate targets.",
        "France offered to train Ukrainian pilots.",
        "The ministry said Russia had delivered a note of protest to the Japanese ambassador.",
        "The Russian ministry blamed Israeli pilots, who it says used the Russian plane as cover.",
        "Ukraine received a $1 billion loan from the World Bank.",
        "The U.S. sent an aircraft carrier to the eastern Mediterranean.",
    ],
)
def test_no_transfer(nlp, text: str) -> None:
    assert _pairs(nlp, text) == {}


@pytest.mark.parametrize(
    ("text", "pair"),
    [
        # a company stands for its state
        ("Rheinmetall will deliver Skyranger systems to Austria.", ("DEU", "AUT")),
        ("Baykar has supplied drones to Ethiopia.", ("TUR", "ETH")),
        ("Lockheed Martin delivered the first F-35 to Singapore.", ("USA", "SGP")),
        # pronouns and relative clauses
        ("Washington said it would provide Taiwan with Harpoon missiles.", ("USA", "TWN")),
        ("Armenia, which ordered Pinaka launchers from India, received the first batch.", ("IND", "ARM")),
        # a possessive belongs to its clause's subject, not to the nearest name
        ("Azerbaijan pressed India to rethink its weapons sales to Armenia.", ("IND", "ARM")),
        ("Germany and France said they are stopping exports of weapons to Turkey.", ("FRA", "TUR")),
        # non-state recipients
        ("Iran has long been accused of arming Hezbollah.", None),
        ("The report accused Iran of supplying the Houthis with drones.", ("IRN", "houthis")),
    ],
)
def test_roles(nlp, text: str, pair: tuple[str, str] | None) -> None:
    got = _pairs(nlp, text)
    if pair is None:
        assert all(s != r for s, r in got)
    else:
        assert pair in got, got


@pytest.mark.parametrize(
    ("text", "pair", "status"),
    [
        ("Germany to buy 35 F-35 jets from the United States", ("USA", "DEU"), "planned"),
        ("Vietnam is considering buying more Su-30 jets from Russia.", ("RUS", "VNM"), "considering"),
        ("Turkey cancelled its order for Chinese HQ-9 missiles.", ("CHN", "TUR"), "suspended"),
        ("Washington suspended deliveries of F-35 jets to Turkey in 2019.", ("USA", "TUR"), "suspended"),
        ("Russia has been supplying Syria with weapons since 2015.", ("RUS", "SYR"), "ongoing"),
        ("India will receive the remaining S-400 squadrons from Russia by 2026.", ("RUS", "IND"), "planned"),
        ("The first Leopard 2 tanks from Poland arrived in Ukraine on Friday.", ("POL", "UKR"), "delivered"),
        ("Spain agreed to send Leopard tanks to Ukraine.", ("ESP", "UKR"), "planned"),
        ("Seoul refused to sell lethal weapons to Kyiv.", ("KOR", "UKR"), "denied"),
        ("China denied supplying weapons to Russia.", ("CHN", "RUS"), "denied"),
        ("The Philippines signed a $375 million contract with India for BrahMos missiles.", ("IND", "PHL"), "contracted"),
        ("Canada has frozen arms export permits to Israel.", ("CAN", "ISR"), "suspended"),
        # the main clause decides over a relative clause in the same sentence
        ("Poland, which ordered K2 tanks from South Korea, received its first batch in December.", ("KOR", "POL"), "delivered"),
    ],
)
def test_status(nlp, text: str, pair: tuple[str, str], status: str) -> None:
    assert _pairs(nlp, text).get(pair) == status


def test_one_row_per_pair_takes_first_decided_status(nlp) -> None:
    text = (
        "Poland signs deal for 32 F-35 fighter jets\n\n"
        "Poland signed a contract on Friday to buy 32 F-35 jets from the United States. "
        "The first jets will be delivered to Poland in 2024."
    )
    doc = nlp(text)
    rows = extract_transfers(doc, find_actors(doc, nlp))
    assert [(r.supplier, r.recipient, r.status) for r in rows] == [("USA", "POL", "contracted")]
    row = rows[0]
    assert text[row.start : row.end] == row.evidence
    assert 0.0 <= row.confidence <= 1.0
    assert "F-35" in row.weapons


def test_supplier_denial_turns_rows_denied(nlp) -> None:
    text = (
        "A U.N. panel accused Turkey of supplying the GNA with armoured vehicles. "
        "Ankara has denied that its ships were carrying weapons."
    )
    assert _pairs(nlp, text) == {("TUR", "LBY"): "denied"}
