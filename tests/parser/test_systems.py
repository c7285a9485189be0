"""The weapons catalogue and the resolver: mention text to catalogue entry."""

from __future__ import annotations

import pytest

from workers.parser.systems.catalogue import (
    CATEGORIES,
    Catalogue,
    CatalogueEntry,
    entry_from_dict,
    load_catalogue,
    normalise,
    read_entries,
)
from workers.parser.systems.resolver import resolve, resolve_all


def test_the_data_file_is_valid_and_has_no_name_claimed_twice():
    rows = read_entries()
    assert len(rows) >= 300
    designations = [r["designation"] for r in rows]
    assert len(designations) == len(set(designations))
    for row in rows:
        assert row["category"] in CATEGORIES, row
        assert len(row["producer"]) == 3 and row["producer"].isupper(), row
    catalogue = load_catalogue()
    assert catalogue.collisions == []
    assert {r["category"] for r in rows} == set(CATEGORIES)


def test_an_unknown_category_is_refused():
    with pytest.raises(ValueError, match="unknown category"):
        entry_from_dict({"designation": "X-1", "category": "spaceships", "producer": "USA"})


@pytest.mark.parametrize(("name", "key"), [
    ("S-400", "s400"), ("S400", "s400"), ("s 400", "s400"), ("Sa'ar 6", "saar6"),
    ("Hürkuş", "hurkus"), ("F/A-18E/F", "fa18ef"), ("AW&C", "awandc"),
])
def test_normalise_folds_case_hyphens_spaces_and_accents(name, key):
    assert normalise(name) == key


@pytest.mark.parametrize(("mention", "designation"), [
    ("S-400", "S-400 Triumf"),
    ("S-400s", "S-400 Triumf"),
    ("S-400 Triumf", "S-400 Triumf"),
    ("s400", "S-400 Triumf"),
    ("SA-21 Growler", "S-400 Triumf"),
    ("S-400 surface-to-air missile equipment", "S-400 Triumf"),
    ("Russian-made S-300PMU2 systems", "S-300"),
    ("66 F-16s", "F-16 Fighting Falcon"),
    ("F-16 Block 70/72", "F-16 Fighting Falcon"),
    ("F-16V fighters", "F-16 Fighting Falcon"),
    ("Su-30MKI", "Su-30MKI"),
    ("Su-30MK2 fighters", "Su-30"),
    ("Su-30MK3", "Su-30"),  # a variant the catalogue does not list: its base designation
    ("T-72B3M", "T-72"),
    ("Rafales", "Rafale"),
    ("Dassault Rafale", "Rafale"),
    ("Apaches", "Apache"),
    ("AH-64E Apache attack helicopters", "Apache"),
    ("Leopard 2A7 tanks", "Leopard 2"),
    ("JAS 39 Gripens", "Gripen"),
    ("Bayraktar TB2 drones", "Bayraktar TB2"),
    ("Patriot batteries", "Patriot"),
    ("Type 209 submarines", "Type 209 submarine"),
    ("Kilo-class submarines", "Kilo-class submarine"),
    ("Scorpene submarines", "Scorpène"),
    ("155 mm CAESAR howitzers", "CAESAR"),
    ("Storm Shadow", "SCALP-EG"),
    ("MQ-9B SkyGuardian", "MQ-9 Reaper"),
    ("K9 Vajra", "K9 Thunder"),
])
def test_mentions_resolve_to_one_entry_keeping_the_text(mention, designation):
    found = resolve(mention)
    assert found.entry is not None, mention
    assert found.entry.designation == designation
    assert found.text == mention
    assert found.category == found.entry.category
    assert not found.generic and not found.unknown


def test_a_catalogue_entrys_category_producer_and_family():
    entry = resolve("S-400").entry
    assert (entry.category, entry.producer, entry.family) == ("air defence systems", "RUS", "S-300/S-400")


@pytest.mark.parametrize("mention", ["F-160", "Zyx-9000 Thunderbolt", "Galaxy Guardian Mk IV"])
def test_unknown_systems_are_kept_as_written(mention):
    found = resolve(mention)
    assert found.entry is None and found.unknown and not found.generic
    assert found.text == mention


@pytest.mark.parametrize(("mention", "category"), [
    ("fighter jets", "aircraft"),
    ("Soviet-era tanks", "armoured vehicles"),
    ("Air defence equipment", "air defence systems"),
    ("attack helicopters", "aircraft"),
    ("submarines", "ships"),
    ("torpedoes", "anti-submarine warfare"),
    ("aircraft engines", "engines"),
    ("anti-tank rockets", "missiles"),
    ("155-mm artillery ammunition", "artillery"),
    ("assault rifles", "other"),
])
def test_kinds_of_weapons_are_generic_with_a_category(mention, category):
    found = resolve(mention)
    assert found.generic and found.entry is None and not found.unknown
    assert found.category == category


def test_a_catalogue_of_ones_own_rows_resolves_with_their_keys():
    catalogue = Catalogue([CatalogueEntry(designation="Zyx-9000", category="missiles", producer="ATL",
                                          aliases=("Thunderbolt",), key=42)])
    assert resolve("Zyx-9000s", catalogue).entry.key == 42
    assert resolve("the Thunderbolt", catalogue).entry.key == 42
    assert resolve("S-400", catalogue).unknown


def test_resolve_all_keeps_the_order_and_skips_blanks():
    found = resolve_all(["S-400", " ", "fighter jets", "Su-35s"])
    assert [f.text for f in found] == ["S-400", "fighter jets", "Su-35s"]
    assert [f.entry.designation if f.entry else None for f in found] == ["S-400 Triumf", None, "Su-35"]


@pytest.mark.parametrize(("text", "designations"), [
    ("Delhi said the S-400 Triumf deliveries and the Su-30MKI upgrade are on track.", ["S-400 Triumf", "Su-30MKI"]),
    ("The minister praised the Rafales and the Meteor missiles.", ["Rafale", "Meteor"]),
    ("A patriot act of defiance, he said.", []),
    ("Russia will keep supplying weapons.", []),
])
def test_find_systems_in_a_statement(text, designations):
    from workers.parser.systems.resolver import find_systems

    assert [e.designation for e in find_systems(text)] == designations
