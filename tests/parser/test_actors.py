"""Actor mentions and the gazetteer they come from."""

from __future__ import annotations

import pytest

from workers.parser.catalogue.actors import find_actors
from workers.parser.catalogue.gazetteer import actor_catalogue, resolve_actor


def _codes(nlp, text: str) -> list[tuple[str, str]]:
    doc = nlp(text)
    return [(m.text, m.code) for m in find_actors(doc, nlp)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Russia", "RUS"),
        ("the Russian Federation", "RUS"),
        ("russian", "RUS"),
        ("Moscow", "RUS"),
        ("Kyiv", "UKR"),
        ("Kiev", "UKR"),
        ("U.S.", "USA"),
        ("United States of America", "USA"),
        ("Britain", "GBR"),
        ("Iran", "IRN"),
        ("Islamic Republic of Iran", "IRN"),
        ("Syria", "SYR"),
        ("South Korea", "KOR"),
        ("Republic of Korea", "KOR"),
        ("North Korea", "PRK"),
        ("Türkiye", "TUR"),
        ("Ivory Coast", "CIV"),
        ("Hezbollah", "hezbollah"),
        ("the Houthis", "houthis"),
        ("NATO", "nato"),
        ("European Union", "eu"),
        ("Libyan National Army", "libyan-national-army"),
        ("Syrian rebels", "syrian-rebels"),
        ("Iraqi insurgents", "iraqi-rebels"),
        ("RSF", "rsf"),
        ("FARC", "farc"),
        ("Rosoboronexport", "RUS"),
        ("Lockheed Martin", "USA"),
        ("Rheinmetall", "DEU"),
        ("Baykar", "TUR"),
        ("BrahMos Aerospace", "IND"),
        ("IND", "IND"),
    ],
)
def test_resolve_actor(text: str, expected: str) -> None:
    record = resolve_actor(text)
    assert record is not None and record.code == expected


@pytest.mark.parametrize("text", ["", "   ", "can", "per", "Atlantis", "the"])
def test_resolve_actor_unknown(text: str) -> None:
    assert resolve_actor(text) is None


def test_catalogue_covers_every_state_once() -> None:
    import pycountry

    entries = actor_catalogue()
    codes = [e.code for e in entries]
    assert len(codes) == len(set(codes))
    assert {c.alpha_3 for c in pycountry.countries} <= set(codes)
    by_code = {e.code: e for e in entries}
    assert by_code["RUS"].name == "Russia"
    assert by_code["SYR"].name == "Syria"
    assert by_code["KOR"].name == "South Korea"
    assert "Moscow" in by_code["RUS"].capitals
    assert "Russian" in by_code["RUS"].demonyms
    for e in entries:
        assert e.kind in {"state", "non-state", "alliance"}
        if e.kind != "state":
            assert e.code == e.code.lower() and " " not in e.code


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Moscow said it would continue deliveries.", [("Moscow", "RUS")]),
        ("Kyiv asked Berlin for more tanks.", [("Kyiv", "UKR"), ("Berlin", "DEU")]),
        ("The Russian Defence Ministry said so.", [("Russian", "RUS")]),
        ("Lebanon's Hezbollah fired rockets.", [("Lebanon", "LBN"), ("Hezbollah", "hezbollah")]),
        ("Egypt flies U.S.-made F-16s.", [("Egypt", "EGY"), ("U.S.", "USA")]),
        ("Diehl Defence builds the system.", [("Diehl Defence", "DEU")]),
        ("Haftar's forces advanced on Tripoli.", [("Haftar's forces", "libyan-national-army"), ("Tripoli", "LBY")]),
        ("The Kremlin said the deliveries would go ahead.", [("The Kremlin", "RUS")]),
        ("The Netherlands sent F-16s.", [("Netherlands", "NLD")]),
        # a capital after an opening time phrase still acts
        ("In August, Doha ordered seven naval vessels.", [("Doha", "QAT")]),
    ],
)
def test_mentions_found(nlp, text: str, expected: list[tuple[str, str]]) -> None:
    assert _codes(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        # capitals as places, datelines and modifiers are not the government
        ("The leaders met in Moscow on Monday.", "RUS"),
        ("MOSCOW, July 19. /TASS/. The talks ended.", "RUS"),
        ("A Moscow-brokered truce ended the war.", "RUS"),
        ("Talks in Baku and Yerevan continued.", "ARM"),
        # lower-case words that spell a name
        ("They told us the turkey was cold.", "TUR"),
        ("Is it true?", "islamic-state"),
        # people named like countries
        ("Michael Jordan attended the game.", "JOR"),
    ],
)
def test_mentions_not_found(nlp, text: str, absent: str) -> None:
    assert absent not in [code for _t, code in _codes(nlp, text)]


def test_mention_offsets_index_the_text(nlp) -> None:
    text = "Greece bought Rafale jets from France, and Paris said more would follow."
    doc = nlp(text)
    for m in find_actors(doc, nlp):
        assert text[m.start : m.end] == m.text
        assert doc[m.token_start : m.token_end].text.startswith(m.text)


def test_group_members_name_the_group(nlp):
    found = _codes(nlp, "Hezbollah fighters crossed the border; Somali insurgents attacked a base.")
    assert ("Hezbollah fighters", "hezbollah") in found
    assert ("Somali insurgents", "somali-rebels") in found
    assert all(code != "SOM" for _text, code in found)


def test_the_rebels_point_back_to_the_last_group(nlp):
    found = _codes(nlp, "Troops raided a FARC camp. The army said the rebels had fled.")
    assert ("rebels", "farc") in found
    assert ("rebels", "farc") not in _codes(nlp, "Troops raided a camp. The army said the rebels had fled.")
