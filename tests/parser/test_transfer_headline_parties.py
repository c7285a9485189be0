"""The parties a headline names on either side of a supply, which a list in
the story that names one side only takes for the other."""

from __future__ import annotations

import pytest

from tests.parser.transfers_helper import pairs as _pairs


@pytest.mark.parametrize(
    ("text", "listed"),
    [
        # the seller in the headline, the buyers in a passive "signed with" list
        ("Defence news\n\nRussia signs arms export contracts worth 2 billion euros at Moscow forum\n\n"
         "The arms contracts were signed with Kazakhstan, Armenia and Belarus, the head of the agency said.",
         {("RUS", "KAZ"), ("RUS", "ARM"), ("RUS", "BLR")}),
        # the seller in the headline, the buyers named as its partners
        ("Russia signs arms export contracts at Moscow forum\n\n"
         "Our partners in military-technical cooperation here are Kazakhstan, Armenia and Belarus, he said.",
         {("RUS", "KAZ"), ("RUS", "ARM"), ("RUS", "BLR")}),
    ],
)
def test_a_list_takes_the_headline_seller(text, listed):
    assert listed <= _pairs(text)


def test_a_headline_without_arms_lends_no_seller():
    text = ("Russia signs trade accords at Moscow fair\n\n"
            "The arms contracts were signed with Kazakhstan, Armenia and Belarus, the head of the agency said.")
    assert _pairs(text) == set()


def test_the_arms_of_a_customer_list_are_the_headline_system():
    text = ("FA-50 chosen for its service record\n\n"
            "Versions of the jet already fly with Thailand, Indonesia and the Philippines, the minister said.")
    assert {("KOR", "THA"), ("KOR", "IDN"), ("KOR", "PHL")} <= _pairs(text)
