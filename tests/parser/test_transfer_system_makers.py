"""A sentence that names only the recipient takes the maker of the named system
as the supplier: Israel for the Arrow 3, Germany for the Type 209 family,
France for the Scorpène."""

from __future__ import annotations

import pytest

from tests.parser.transfers_helper import pairs
from workers.parser.transfers.weapons import origin_of


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("the Arrow 3 interceptor", "ISR"),
        ("two Type 214 submarines", "DEU"),
        ("four Type 218SG boats", "DEU"),
        ("the Scorpène boats", "FRA"),
    ],
)
def test_system_origin(text: str, code: str) -> None:
    assert origin_of(text) == code


def test_the_maker_of_the_named_system_supplies() -> None:
    found = pairs("Finland signed a deal on Tuesday to proceed with the delivery of the Arrow 3 system to Finland.")
    assert ("ISR", "FIN") in found
