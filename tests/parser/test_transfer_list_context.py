"""Lists whose other side is in the sentences before: givers listed each with
an amount (gapped, in brackets, one per line) or named as a scheme's donors
give to the recipient of the reports before them, at a low confidence; a list
of figures that are not gifts gives nothing."""

from __future__ import annotations

import pytest

from tests.parser.transfers_helper import pair_confidences as _pairs
from workers.parser.transfers.list_context import CONFIDENCE


@pytest.mark.parametrize(
    ("text", "listed"),
    [
        # the verb said once, each giver with its own sum
        ("Germany has sent artillery shells to Ukraine. The Netherlands put in 250"
         " million euros, Belgium 200 million and Norway 140 million.",
         {("NLD", "UKR"), ("BEL", "UKR"), ("NOR", "UKR")}),
        # sums in brackets
        ("Germany will send more air defence systems to Ukraine. The largest pledges came from Norway (€1bn),"
         " Denmark (€500m) and Sweden (€300m).", {("NOR", "UKR"), ("DNK", "UKR"), ("SWE", "UKR")}),
        # one giver a line, as in a table
        ("The United States has cleared deliveries of F-16 jets to Ukraine. Pledged jets by country:\n"
         "Netherlands: 18 F-16s\nDenmark: 19 F-16s\nNorway: 6 F-16s\n",
         {("NLD", "UKR"), ("DNK", "UKR"), ("NOR", "UKR")}),
        # a bulleted list
        ("France delivered Caesar howitzers to Ukraine in June. Contributions so far:\n- Germany: 40 howitzers\n"
         "- Poland: 18 howitzers\n- Italy: 12 howitzers\n", {("DEU", "UKR"), ("POL", "UKR"), ("ITA", "UKR")}),
        # a list named as the donors of the scheme
        ("The United States will sell Patriot batteries to Ukraine. The donors, according to the alliance:"
         " Germany, Finland, Denmark and Canada.", {("DEU", "UKR"), ("FIN", "UKR"), ("DNK", "UKR"), ("CAN", "UKR")}),
        ("The United States will sell Patriot batteries to Ukraine. Donors include Finland, Denmark and Canada.",
         {("FIN", "UKR"), ("DNK", "UKR"), ("CAN", "UKR")}),
        # lists that give without saying whom, the recipient in the story or the headline
        ("Ukraine to get more F-16s\n\nThe United States has cleared the transfer of F-16 jets to Ukraine. The"
         " Netherlands, Denmark and Norway have pledged a total of 60 jets.",
         {("NLD", "UKR"), ("DNK", "UKR"), ("NOR", "UKR")}),
        ("Allies pledge more air defence for Ukraine\n\nGermany, the Netherlands and Norway said on Tuesday they"
         " would send more Patriot interceptors, while Denmark and Sweden pledged artillery shells.",
         {("DEU", "UKR"), ("NLD", "UKR"), ("NOR", "UKR"), ("DNK", "UKR"), ("SWE", "UKR")}),
    ],
)
def test_listed_givers_give_to_the_recipient_before(text, listed):
    pairs = _pairs(text)
    assert listed <= set(pairs)
    assert all(pairs[p] == CONFIDENCE for p in listed)


@pytest.mark.parametrize(
    "text",
    [
        # figures that are no gifts
        "France sold Rafale jets to India. Germany grew 2 percent, Italy 1 percent and Spain 3 percent.",
        # lines with figures that are no gifts
        "France sold Rafale jets to India. Growth last year:\nGermany: 2 percent\nItaly: 1 percent\n",
        # a list that names no donors
        "France sold Rafale jets to India. The ministers of Germany, Italy and Spain met in Rome.",
    ],
)
def test_other_lists_of_figures_give_nothing(text):
    assert set(_pairs(text)) == {("FRA", "IND")}


def test_a_list_that_says_something_else_under_a_supply_headline_gives_nothing():
    text = ("Allies pledge more air defence for Ukraine\n\nGermany, the Netherlands and Norway said on Tuesday they"
            " would discuss the matter.")
    assert _pairs(text) == {}


@pytest.mark.parametrize(
    ("text", "listed"),
    [
        ("Norway halted arms exports to Turkey in October. Finland, Sweden and the Netherlands took similar steps.",
         {("FIN", "TUR"), ("SWE", "TUR"), ("NLD", "TUR")}),
        ("Britain suspended arms sales to Israel. Spain, Italy and Canada had already halted their exports.",
         {("ESP", "ISR"), ("ITA", "ISR"), ("CAN", "ISR")}),
        ("Britain suspended arms sales to Israel. Spain and Italy followed suit.", {("ESP", "ISR"), ("ITA", "ISR")}),
    ],
)
def test_a_list_that_does_the_same_repeats_the_act_before(text, listed):
    pairs = _pairs(text)
    assert listed <= set(pairs)
    assert all(pairs[p] == CONFIDENCE for p in listed)


@pytest.mark.parametrize(
    "text",
    [
        "Britain suspended arms sales to Israel. Spain, Italy and Canada did the same with their trade talks.",
        "Britain suspended arms sales to Israel. Spain and Italy followed the debate closely.",
    ],
)
def test_a_list_that_does_something_else_repeats_nothing(text):
    assert set(_pairs(text)) == {("GBR", "ISR")}
