"""Offices whose words before the head name a body in common nouns ("chief
cabinet secretary", "the defence ministry spokesman"): the body's word belongs
to the title, as it does when capitalised. Every sentence here is written for
these tests."""

from __future__ import annotations

import pytest

from workers.parser.people.officials import extract_officials


def _titles(nlp, text: str) -> dict[str, str | None]:
    return {o.name: o.title for o in extract_officials(nlp(text))}


@pytest.mark.parametrize(
    ("text", "name", "title"),
    [
        ("Hiroshi Tanabe, Japan's chief cabinet secretary, told reporters the rules would change.", "Hiroshi Tanabe",
         "chief cabinet secretary"),
        ("Lars Berg, the defence ministry spokesman, said the tanks had left.", "Lars Berg",
         "defence ministry spokesman"),
        ("Chief Cabinet Secretary Hiroshi Tanabe told reporters the rules would change.", "Hiroshi Tanabe",
         "Chief Cabinet Secretary"),
    ],
)
def test_a_body_in_common_nouns_stays_in_the_title(nlp, text, name, title):
    assert _titles(nlp, text).get(name) == title
