"""Numbers of units and deal values read from a transfer's sentence."""

from __future__ import annotations

from decimal import Decimal

import pytest

from workers.parser.systems.quantities import quantity_for, read_quantities, read_values, value_of


@pytest.mark.parametrize(("sentence", "value", "span"), [
    ("Poland signed a deal for 66 F-16s on Tuesday.", 66, "66 F-16s"),
    ("Russia will deliver five regiments of the S-400 system.", 5, "five regiments"),
    ("India ordered 36 Dassault Rafale fighters.", 36, "36 Dassault Rafale fighters"),
    ("Greece will receive a second batch of 12 next year.", 12, "batch of 12"),
    ("Greece will receive a second batch of 12 jets next year.", 12, "12 jets"),
    ("Egypt bought two dozen Rafale jets.", 24, "two dozen Rafale jets"),
    ("The army received twenty-four howitzers.", 24, "twenty-four howitzers"),
    ("Turkey took delivery of 1,200 armoured vehicles.", 1200, "1,200 armoured vehicles"),
    ("Qatar ordered 24 Typhoon jets from Britain.", 24, "24 Typhoon jets"),
    ("Manila signed for a pair of frigates.", 2, "a pair of frigates"),
    ("Washington approved 8 Patriot batteries.", 8, "8 Patriot batteries"),
])
def test_a_number_of_units_and_its_span(sentence, value, span):
    quantity = quantity_for(sentence)
    assert quantity is not None, sentence
    assert quantity.value == value
    assert sentence[quantity.start:quantity.end] == quantity.text
    assert quantity.text == span


@pytest.mark.parametrize("sentence", [
    "Germany will supply Leopard 2 tanks to Ukraine.",
    "The deal for Type 26 frigates was signed in 2019.",
    "Poland bought 155 mm shells worth $2 billion.",
    "In 2018 Russia delivered the S-400 to China.",
    "The contract covers 3 years of support for 40 percent of the fleet.",
    "The F-16 Block 70 jets will arrive soon.",
    "Some 300 troops will train on the systems.",
])
def test_numbers_that_are_not_counts(sentence):
    assert read_quantities(sentence) == []


def test_the_count_next_to_the_named_system_wins():
    sentence = "Besides 4 radars, Egypt ordered 30 Rafale jets."
    assert quantity_for(sentence, ["Rafale"]).value == 30
    assert quantity_for(sentence).value == 4


@pytest.mark.parametrize(("sentence", "amount", "currency", "span"), [
    ("The $8 billion deal was signed.", "8000000000", "USD", "$8 billion"),
    ("It is worth 3.95 billion euros.", "3950000000", "EUR", "3.95 billion euros"),
    ("Seoul will pay 930 billion won for them.", "930000000000", "KRW", "930 billion won"),
    ("The contract is valued at US$1.2bn.", "1200000000", "USD", "US$1.2bn"),
    ("A £500m deal for Hawk trainers.", "500000000", "GBP", "£500m"),
    ("The deal costs Rs 59,000 crore.", "590000000000", "INR", "Rs 59,000 crore"),
    ("Worth 1.5 billion rubles, the order ...", "1500000000", "RUB", "1.5 billion rubles"),
    ("Budapest pays EUR 300 million.", "300000000", "EUR", "EUR 300 million"),
    ("The package is worth 2.5 billion USD.", "2500000000", "USD", "2.5 billion USD"),
    ("A €3.95bn order for submarines.", "3950000000", "EUR", "€3.95bn"),
])
def test_a_value_with_its_currency_and_span(sentence, amount, currency, span):
    value = value_of(sentence)
    assert value is not None, sentence
    assert value.amount == Decimal(amount)
    assert value.currency == currency
    assert value.text == span
    assert sentence[value.start:value.end].strip() == span


@pytest.mark.parametrize("sentence", [
    "Poland won the contract for 48 howitzers.",
    "The F-35 program is behind schedule.",
    "Sales rose 8 percent in 2020.",
    "They will try 5 times.",
])
def test_sentences_with_no_money(sentence):
    assert read_values(sentence) == []


def test_the_largest_sum_is_the_deal_value():
    sentence = "The $8 billion deal prices each jet at $120 million."
    assert value_of(sentence).amount == Decimal("8000000000")
    assert [v.text for v in read_values(sentence)] == ["$8 billion", "$120 million"]


def test_long_runs_of_capitals_are_read_in_linear_time():
    # An ambiguous designation pattern once backtracked exponentially on a
    # dateline such as "NEW DELHI (Reuters)"; this would never finish then.
    text = "12 " + "ABCDEFGHIJ KLMNOPQRST " * 20 + "Reuters. " + "NEW DELHI AGENCY WIRE SERVICE " * 20
    assert read_quantities(text) == []
