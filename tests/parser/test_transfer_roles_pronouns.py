"""What "it" and "its" stand for in a supply report (``transfers.roles.resolve_pronoun``)."""

from __future__ import annotations

from tests.parser.transfers_helper import pairs as _pairs


def test_an_object_pronoun_is_not_its_own_clauses_subject():
    text = "The embargo has not stopped China from acquiring advanced weaponry. Russia has sold it Sukhoi fighters."
    assert ("RUS", "CHN") in _pairs(text)


def test_it_without_a_party_in_the_subject_before_is_the_one_party_named_before():
    text = ("Maduro insisted that nothing prevents Venezuela from buying weapons. "
            "Russia has sold it Sukhoi fighters.")
    assert ("RUS", "VEN") in _pairs(text)


def test_it_after_a_sentence_naming_several_parties_stays_unresolved():
    text = ("The embargo has not stopped China or Iran from acquiring weapons. "
            "Russia has sold it Sukhoi fighters.")
    assert not {p for p in _pairs(text) if p[0] == "RUS"}


def test_the_agent_of_a_decision_to_supply_supplies_not_the_party_that_knew_of_it():
    pairs = _pairs("Putin said that Moscow knew of a decision by the Republic of Korea "
                   "to supply weapons and ammunition to Ukraine.")
    assert ("KOR", "UKR") in pairs
    assert ("RUS", "UKR") not in pairs


def test_a_national_decision_to_provide_arms_is_that_nations_supply():
    pairs = _pairs("Moscow regards the British decision to provide Ukraine with Storm Shadow cruise missiles "
                   "as a hostile act.")
    assert ("GBR", "UKR") in pairs


def test_a_plain_contract_to_buy_is_still_its_signers():
    assert ("USA", "POL") in _pairs("Poland signed a new contract to buy 96 Apache helicopters from the United States.")
