"""A party that a supply sentence names only as a side of a war (who invades,
who is invaded) is no side of the supply: no weak row pairs it."""

from __future__ import annotations

import pytest

from tests.parser.transfers_helper import pairs
from workers.parser.catalogue.actors import find_actors, mention_index
from workers.parser.transfers.warfare import speaker_only, war_only


@pytest.mark.parametrize(
    ("text", "absent", "present"),
    [
        # the invader, subject of "invade" with no object, beside a Russian-made system
        ("Latvia has already sent Ukraine an S-300 air defence system and two howitzers since Russia invaded"
         " in February 2022.", ("RUS", "UKR"), ("LVA", "UKR")),
    ],
)
def test_war_side_is_no_supply_side(text: str, absent: tuple[str, str], present: tuple[str, str]) -> None:
    found = pairs(text)
    assert present in found
    assert absent not in found


@pytest.mark.parametrize(
    ("text", "code", "expected"),
    [
        ("Spain delivered tanks to Ukraine after Russia invaded.", "RUS", True),
        ("Spain delivered tanks to Ukraine after the invasion of Ukraine.", "UKR", False),
        ("Spain delivered tanks to Ukraine a year after Russia's invasion.", "RUS", True),
        # the invaded, object of "invade"
        ("Norway signed a deal with the United States for 12 F-35 jets after Russia invaded Ukraine.", "UKR", True),
        ("Russia delivered tanks to Syria.", "RUS", False),
    ],
)
def test_war_only(nlp, text: str, code: str, expected: bool) -> None:
    doc = nlp(text)
    index = mention_index(find_actors(doc))
    assert war_only(next(iter(doc.sents)), code, index) is expected


@pytest.mark.parametrize(
    ("text", "code", "expected"),
    [
        # the party of the speaker's title, subject of a verb of saying
        ("French Foreign Minister Anne Dupont claimed that arms sales to Iraq would breach the accord.", "FRA", True),
        ("Italy's defence ministry said that tank sales to Egypt would resume.", "ITA", True),
        # a party that is the object of the clause is no speaker
        ("Officials said that France would sell tanks to Iraq.", "FRA", False),
    ],
)
def test_speaker_only(nlp, text: str, code: str, expected: bool) -> None:
    doc = nlp(text)
    index = mention_index(find_actors(doc))
    assert speaker_only(next(iter(doc.sents)), code, index) is expected
