"""Consent to pass arms on: the state whose permission a transfer needs gets a
row beside the state that passes the arms on, planned when it consents and
denied when it refuses; a consent is never itself a gift to the state allowed.
Every sentence here is written for these tests."""

from __future__ import annotations

import pytest

from workers.parser import parse_article


def _rows(text: str) -> dict[tuple[str, str], str]:
    return {(t.supplier, t.recipient): t.status for t in parse_article(text, content_type="text/plain").transfers}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Austria allowed Slovakia to send its howitzers to Ukraine.",
         {("SVK", "UKR"): "planned", ("AUT", "UKR"): "planned"}),
        ("Sweden refused to allow Norway to send the missiles to Ukraine.",
         {("NOR", "UKR"): "denied", ("SWE", "UKR"): "denied"}),
        ("Washington would not allow Turkey to transfer the radars to Russia.",
         {("TUR", "RUS"): "denied", ("USA", "RUS"): "denied"}),
        ("Portugal was allowed to send the tanks to Ukraine.", {("PRT", "UKR"): "planned"}),
    ],
)
def test_a_consent_gives_rows_to_the_mover_and_the_consenting_state(text, expected):
    rows = _rows(text)
    for pair, status in expected.items():
        assert rows.get(pair) == status, (pair, rows)


def test_a_permission_given_to_a_state_is_no_gift_to_it():
    rows = _rows("Italy has given Greece permission to send Italian-made helicopters to Cyprus.")
    assert ("ITA", "GRC") not in rows
    assert ("GRC", "CYP") in rows and ("ITA", "CYP") in rows


def test_withheld_consent_for_a_transfer_is_a_row_from_the_withholding_state():
    rows = _rows("Washington withheld its consent for the transfer of the jets to Croatia.")
    assert ("USA", "HRV") in rows


def test_asking_for_permission_decides_nothing_for_the_state_asked():
    rows = _rows("Israel asked the United States for permission to sell the jets to Croatia.")
    assert ("USA", "HRV") not in rows


@pytest.mark.parametrize(
    "text",
    [
        "Austria allowed Slovakia to send observers to Ukraine.",
        "Germany allowed Poland to send doctors to Ukraine.",
    ],
)
def test_a_consent_to_move_no_arms_is_no_row(text):
    assert _rows(text) == {}


def test_a_refused_approval_of_the_story_s_transfer_goes_to_its_recipient():
    # no "to" on "the transfer": the one recipient of the other party's sale is meant
    text = ("Chile agreed to buy eight used Dutch F-16 jets in 2021. Because the jets are American-built, "
            "the Netherlands needed Washington's consent, and the United States refused to approve the transfer "
            "with the Dutch radars still fitted.")
    rows = _rows(text)
    assert rows.get(("USA", "CHL")) == "denied"


def test_a_refused_approval_with_no_single_recipient_gives_no_row():
    text = ("Chile and Peru each agreed to buy used Dutch F-16 jets in 2021. The United States refused to "
            "approve the transfer with the Dutch radars still fitted, the Netherlands said.")
    assert not any(s == "USA" for s, _r in _rows(text))
