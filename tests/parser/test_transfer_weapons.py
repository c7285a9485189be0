"""The state that makes a named system (``transfers.weapons.weapon_origin``),
which stands in for a supplier the sentence does not name."""

from __future__ import annotations

import pytest

from workers.parser.transfers.context import shared_design
from workers.parser.transfers.weapons import named_systems, weapon_origin


@pytest.mark.parametrize(
    ("text", "origin"),
    [
        ("three Ankas", "TUR"), ("the KAAN fighter", "TUR"), ("the Cheongung II system", "KOR"),
        ("24 MH-60R helicopters", "USA"), ("GBU-39 bombs", "USA"), ("SM-3 interceptors", "USA"),
        ("PAC-3 missiles", "USA"), ("50 EC725 helicopters", "FRA"), ("BTR-4 carriers", "UKR"), ("BTR-80s", "RUS"),
    ],
)
def test_a_named_system_has_its_makers_origin(text, origin):
    names = [n for _s, _e, n in named_systems(text)]
    assert names and weapon_origin(names[0]) == origin


@pytest.mark.parametrize(("text", "shared"), [("200 T-72 tanks", True), ("MiG-29s and Mi-24s", True),
                                              ("Su-35 fighters", False), ("T-72s and Su-35s", False)])
def test_soviet_era_designs_are_shared(text, shared):
    assert shared_design(text) is shared
