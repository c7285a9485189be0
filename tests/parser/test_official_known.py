"""Officeholders the news names without their office (people/known.py), and
the "senior official" apposition. Every sentence here is written for these
tests."""

from __future__ import annotations

import pytest

from workers.parser.people.known import known_info
from workers.parser.people.officials import extract_officials


def _officials(nlp, text: str) -> dict[str, tuple[str | None, str | None]]:
    return {o.name: (o.title, o.country) for o in extract_officials(nlp(text))}


def test_a_listed_leader_without_an_office_is_an_official(nlp):
    found = _officials(nlp, "The embargo dates from the year rebels toppled Muammar Gaddafi in Tripoli.")
    assert found.get("Muammar Gaddafi") == ("leader", "LBY")


def test_the_article_s_own_office_wins(nlp):
    found = _officials(nlp, "Then-Finance Minister Olaf Scholz signed the guarantee for the frigates.")
    assert found.get("Olaf Scholz", (None,))[0] == "Finance Minister"


@pytest.mark.parametrize(("name", "title"), [
    ("Recep Tayyip Erdoğan", "President"),
    ("Recep Tayyip Erdogan", "President"),
    ("Volodymyr Zelenskyy", "President"),
])
def test_listed_names_and_surnames(name, title):
    info = known_info(name)
    assert info is not None and info.title == title


@pytest.mark.parametrize("name", [
    # a lone surname may be anyone's
    "Mohamad", "Putin", "Mohamad Hasan",
    "Pavel Orlov",
])
def test_other_names_are_not_listed(name):
    assert known_info(name) is None


def test_a_senior_official_in_an_apposition(nlp):
    text = "Lena Berg, a senior official at the Danish defence ministry, said the licences were under review."
    assert _officials(nlp, text).get("Lena Berg", (None,))[0] == "senior official"
