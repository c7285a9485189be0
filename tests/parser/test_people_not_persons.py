"""Ships and places the small model tags as persons: a vessel noun before the
name, a place word at its end, "the" before every mention; a ship named after
a man, rank and all ("the frigate Admiral X", "HMS Duke Y") is no official.
They are nobody a later "he" means and nobody's name in the resolver. Every
sentence here is written for these tests."""

from __future__ import annotations

import pytest

from workers.parser.people.officials import build_resolver, extract_officials


@pytest.mark.parametrize(
    ("text", "thing"),
    [
        ("The boat, Nam Dinh, is the third of six submarines ordered in 2009.", "Nam Dinh"),
        ("The Russian cargo vessel Maria K docked at the naval base in December.", "Maria K"),
        ("The frigates sailed into Quang Minh Bay on Monday.", "Quang Minh Bay"),
        ("Weapons were loaded onto the Maria K before it left. Inspectors later boarded the Maria K.", "Maria K"),
    ],
)
def test_a_ship_or_a_place_is_no_person(nlp, text, thing):
    assert thing not in build_resolver(nlp(text)).names


def test_he_after_a_ship_is_the_man_named_before(nlp):
    text = ("The boat, Nam Dinh, is the third of six submarines. Viktor Orlov, general director of the Baltic "
            "yard, told reporters as Nam Dinh finished its trials that the boat would arrive soon. He added "
            "that the fourth would follow.")
    resolver = build_resolver(nlp(text))
    assert resolver.last_before(text.index("He added"), pronoun="He") == "Viktor Orlov"


def test_a_person_named_after_a_ship_stays_a_person(nlp):
    text = "The boat, Nam Dinh, reached the port. Dmitri Salov said the crew had trained for a year."
    names = build_resolver(nlp(text)).names
    assert "Dmitri Salov" in names and "Nam Dinh" not in names



def test_a_state_before_a_clause_with_an_office_is_no_person(nlp):
    text = ("Hale said he had spoken to Sir Owen Marsh, Britain's ambassador to the United Nations, who had just "
            "returned. Lisbon had been under pressure to follow the United States, where President Ann Cole "
            "announced on Thursday that Washington was halting sales.")
    names = build_resolver(nlp(text)).names
    assert "Ann Cole" in names and not any(n.startswith("United") for n in names)


def test_a_body_before_a_comma_and_a_rank_is_no_person(nlp):
    text = ("The head of the Armament Agency, Brig. Gen. Tomasz Wrona, signed the contract on Friday.")
    found = {o.name: o.title for o in extract_officials(nlp(text))}
    assert found == {"Tomasz Wrona": "head"}


@pytest.mark.parametrize(
    "text",
    [
        "The frigate Admiral Volkonsky fired a cruise missile in the Arctic.",
        "HMS Duke Edmund left Portsmouth with F-35 jets on board.",
        "The Admiral Tarasov, a frigate of the Northern Fleet, was hit by a drone.",
        "The cruiser Marshal Sorokin took part in the drills.",
    ],
)
def test_a_ship_named_after_a_man_is_no_official(nlp, text):
    assert extract_officials(nlp(text)) == []


def test_an_officer_aboard_a_ship_stays_an_official(nlp):
    text = "The USS Lincoln Grant arrived in Busan. Rear Admiral Carl Hewitt said the visit showed commitment."
    assert {o.name: o.title for o in extract_officials(nlp(text))} == {"Carl Hewitt": "Rear Admiral"}
