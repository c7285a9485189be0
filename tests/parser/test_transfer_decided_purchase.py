"""A purchase that is the object of a decision or plan ("annul its decision on
the purchase of F-16s from Israel") is bought by the party whose decision it
is: the possessor of the decision noun, else the subject of its verb."""

from __future__ import annotations

import pytest

from tests.parser.transfers_helper import pairs


@pytest.mark.parametrize(
    ("text", "pair"),
    [
        ("Bulgaria will revoke its decision on the purchase of eight used Gripen jets from Sweden.", ("SWE", "BGR")),
        ("Ecuador announced plans for the purchase of six patrol boats from the Netherlands.", ("NLD", "ECU")),
    ],
)
def test_the_decider_buys(text: str, pair: tuple[str, str]) -> None:
    assert pair in pairs(text)


def test_a_report_on_a_purchase_buys_nothing() -> None:
    # the writers of a report decide nothing; no party buys here
    assert pairs("Journalists wrote a report on the purchase of Gripen jets from Sweden.") == set()
