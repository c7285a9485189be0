"""Arms one state made in the hands of another: "<maker>-made <arms>" held by
the possessor or by the subject of a verb of using or firing them; never for
arms that only strike or are shot down."""

from __future__ import annotations

import pytest

from workers.parser import parse_article


def _pairs(text: str) -> set[tuple[str, str]]:
    return {(t.supplier, t.recipient) for t in parse_article(text, content_type="text/plain").transfers}


@pytest.mark.parametrize(
    ("sentence", "pair"),
    [
        ("Armenia's arsenal is still largely made up of Russian-supplied weapons.", ("RUS", "ARM")),
        ("Indonesia, which has operated two German-built Type 209 submarines since the early 1980s, wants more.",
         ("DEU", "IDN")),
        ("Kenya operates Chinese-made Z-9 helicopters.", ("CHN", "KEN")),
    ],
)
def test_the_holder_of_arms_another_state_made_received_them(sentence, pair):
    assert _pairs(sentence) == {pair}


@pytest.mark.parametrize(
    "sentence",
    ["Ukraine shot down six Iranian-made drones overnight.", "Russian-made missiles hit Kyiv.",
     "Ukrainian forces hit Russian-made tanks near the river.", "Georgia attacked Russian-made radars."],
)
def test_arms_that_only_strike_have_no_holder(sentence):
    assert _pairs(sentence) == set()


@pytest.mark.parametrize(
    ("sentence", "pair"),
    [
        ("Russia fired North Korean-made missiles at the port.", ("PRK", "RUS")),
        ("The Houthis launched Iranian-made drones at ships in the Red Sea.", ("IRN", "houthis")),
        ("Russia attacked the city with Iranian-made drones overnight.", ("IRN", "RUS")),
        ("Ukraine shot down the drones with German-supplied guns.", ("DEU", "UKR")),
    ],
)
def test_who_fires_arms_another_state_made_holds_them(sentence, pair):
    assert _pairs(sentence) == {pair}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Malaysia bought jets in 2020. Its two Scorpene submarines, built in France and Spain, were delivered in 2009.",
         {("FRA", "MYS"), ("ESP", "MYS")}),
        ("Malaysia operates two submarines built in France.", {("FRA", "MYS")}),
        ("Pakistan's 320 tanks, delivered from Ukraine in the late 1990s, are still in service.", {("UKR", "PAK")}),
        ("Pakistan's tanks from Ukraine are still in service.", {("UKR", "PAK")}),
    ],
)
def test_arms_with_the_state_they_came_from_after_them_were_received_by_their_holder(text, expected):
    assert expected <= _pairs(text)


@pytest.mark.parametrize(
    "text",
    [
        "Drones from Iran struck Kyiv overnight.",
        "Malaysia cut its budget. Its fighters came from Russia and its only submarines from France.",
    ],
)
def test_arms_from_a_state_without_a_holder_named_are_no_transfer(text):
    assert ("IRN", "UKR") not in _pairs(text) and ("FRA", "RUS") not in _pairs(text)


def test_a_navy_that_commissions_a_ship_another_state_built_received_it():
    assert _pairs("Pakistan's navy commissioned a Chinese-built frigate on Monday.") == {("CHN", "PAK")}


@pytest.mark.parametrize(
    ("sentence", "pair"),
    [
        ("The German tanks destined for Ukraine left the factory on Monday.", ("DEU", "UKR")),
        ("The Swedish vehicles earmarked for Slovakia were late.", ("SWE", "SVK")),
    ],
)
def test_arms_on_their_way_go_to_the_party_they_are_destined_for(sentence, pair):
    rows = {(t.supplier, t.recipient): t.status for t in parse_article(sentence, content_type="text/plain").transfers}
    assert rows == {pair: "ongoing"}


def test_arms_destined_for_a_place_are_no_transfer():
    assert _pairs("Ukraine's tanks destined for the front arrived on Monday.") == set()


def test_arms_of_the_story_s_armed_service_are_the_main_recipient_s():
    # "the air force's" names no state: the service is the story's recipient's
    pairs = _pairs("Peru ordered 24 FA-50 jets from South Korea. The air force's Russian-supplied MiG-29 fighters"
                   " were retired in 2019.")
    assert ("RUS", "PER") in pairs


def test_arms_of_a_named_state_s_service_are_not_the_main_recipient_s():
    pairs = _pairs("Peru ordered 24 FA-50 jets from South Korea. The Chilean air force's American-built F-16s"
                   " were upgraded in 2019.")
    assert ("USA", "PER") not in pairs


def test_arms_the_story_replaces_are_the_main_recipient_s():
    # replaced with no holder named: the story's fleet
    pairs = _pairs("Peru ordered 24 FA-50 jets from South Korea. They will replace the French-built Mirage jets"
                   " that have served since 1986.")
    assert ("FRA", "PER") in pairs


def test_arms_destroyed_are_nobody_s_fleet():
    pairs = _pairs("Ukraine received 30 Leopard tanks from Germany. Its troops destroyed the Russian-made tanks"
                   " near Kharkiv.")
    assert ("RUS", "UKR") not in pairs
