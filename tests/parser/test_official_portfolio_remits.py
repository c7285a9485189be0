"""An office whose portfolio carries a remit after "for", before the name
("Deputy Minister of Defence for International Cooperation Ivan Petrov"): the
small model runs the portfolio and the name into one organisation, so the name
is the last two words of the capitalised run, and the office keeps its remit.
Every sentence here is written for these tests."""

from __future__ import annotations

import pytest

from workers.parser.people.officials import extract_officials


def _titles(nlp, text: str) -> dict[str, str | None]:
    return {o.name: o.title for o in extract_officials(nlp(text))}


@pytest.mark.parametrize(
    ("text", "name", "title"),
    [
        ("Deputy Minister of Defence for International Cooperation Anton Kovalev said the tanks would ship soon.",
         "Anton Kovalev", "Deputy Minister of Defence for International Cooperation"),
        ("Under Secretary of State for Arms Control Miriam Feld said the sale was approved.",
         "Miriam Feld", "Under Secretary of State for Arms Control"),
        ("Deputy Secretary of Defense for Acquisition Carol Brandt said the missiles were ready.",
         "Carol Brandt", "Deputy Secretary of Defense for Acquisition"),
        ("Assistant Secretary of State for Political-Military Affairs Dana Whitfield approved the sale.",
         "Dana Whitfield", "Assistant Secretary of State for Political-Military Affairs"),
        ("Minister for Defence Industry Owen Pryce said the frigates would be built at home.",
         "Owen Pryce", "Minister for Defence Industry"),
    ],
)
def test_a_remit_after_the_portfolio_stays_in_the_title(nlp, text, name, title):
    assert _titles(nlp, text).get(name) == title
