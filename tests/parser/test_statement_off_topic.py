"""Remarks of officials in an article about a transfer that are no statements
about it: another subject of policy (a ceasefire, tariffs, trade, frozen
assets); the opening piece of a quoted sentence split by its attribution; a
question put to the speaker ("Asked whether ..., X said"); a meeting or call with
a person; a minister announcing their own statement to parliament; a
description of what a weapon is or does.
Every sentence here is written for these tests."""

from __future__ import annotations

import pytest

from tests.parser.statements_helper import statements_in as _statements

LEAD = ("OSLO (Reuters) - Norway will deliver six NASAMS air defence systems to Estonia next year, "
        "the defence ministry said on Monday.\n\n")


@pytest.mark.parametrize("sentence, words", [
    ("Prime Minister Erik Lund said the two countries hoped to double their annual trade by 2030.\n", "annual trade"),
    ("Foreign Minister Kari Berg said the rebels had agreed to a ceasefire in the north.\n", "ceasefire"),
    ("Finance Minister Tor Aas said the government would freeze the assets of four more companies.\n",
     "freeze the assets"),
    ("Trade Minister Eva Dahl said Washington would lift its tariffs on Norwegian salmon.\n", "tariffs"),
    ("Foreign Minister Kari Berg said there was no deal yet to end the war and that Russia faced new tariffs.\n",
     "tariffs"),
])
def test_a_remark_on_another_subject_of_policy_is_no_statement(nlp, sentence, words):
    evidence = [s.evidence for s in _statements(nlp, LEAD + sentence)]
    assert not any(words in e for e in evidence), evidence


@pytest.mark.parametrize("sentence, words", [
    # the same nouns beside a supply are a statement about it
    ("Defence Minister Ola Moe said the NASAMS batteries would be delivered before the ceasefire talks began.\n", "batteries would"),
    ("Defence Minister Ola Moe said the arms deal would not affect trade between the two countries.\n", "arms deal would"),
    # a title is no subject of policy
    ("Minister of Industry and Trade Per Holm said the decision had been right.\n", "decision had been right"),
])
def test_the_same_words_beside_a_supply_or_in_a_title_stay(nlp, sentence, words):
    evidence = [s.evidence for s in _statements(nlp, LEAD + sentence)]
    assert any(words in e for e in evidence), evidence


QUOTE_LEAD = ("TALLINN (AP) - Estonia has received the first two of six NASAMS air defence systems from Norway, "
              "the Estonian defence ministry said on Friday.\n\n")


def test_the_opening_piece_of_a_split_sentence_is_no_statement_of_its_own(nlp):
    text = QUOTE_LEAD + ('"The question before this parliament," said Defence Minister Mart Kask, who has long argued '
                         'for more spending, "is whether we defend our skies ourselves or wait for others to do it."\n')
    evidence = [s.evidence for s in _statements(nlp, text)]
    assert not any(e.startswith("The question before") for e in evidence), evidence
    assert any(e.startswith("is whether we defend") for e in evidence), evidence


def test_a_whole_clause_before_the_attribution_stays(nlp):
    text = QUOTE_LEAD + ('"We have no wish to threaten anyone," Defence Minister Mart Kask said, "but we have the right '
                         'to defend our skies."\n')
    evidence = [s.evidence for s in _statements(nlp, text)]
    assert any(e.startswith("We have no wish") for e in evidence), evidence


@pytest.mark.parametrize("sentence", [
    'Asked what share of the batteries had already reached Estonia, Defence Minister Mart Kask answered: "Two."\n',
    "Asked whether the launchers had already been paid for, Defence Minister Mart Kask said the bill was settled.\n",
])
def test_a_question_put_to_the_speaker_is_not_what_the_speaker_said(nlp, sentence):
    evidence = [s.evidence for s in _statements(nlp, QUOTE_LEAD + sentence)]
    assert not any(e.startswith(("what share", "whether the launchers")) for e in evidence), evidence


@pytest.mark.parametrize("sentence, words", [
    ("Prime Minister Kaja Tamm said she expected to speak to President Alar Karis later in the week.\n", "speak to"),
    ("The defence ministry said Defence Minister Mart Kask would hold talks with him on the sidelines.\n",
     "hold talks"),
    ("Defence Minister Mart Kask said he had met his Latvian counterpart in Riga on Tuesday.\n", "had met"),
])
def test_a_meeting_with_a_person_is_no_statement_about_supply(nlp, sentence, words):
    evidence = [s.evidence for s in _statements(nlp, QUOTE_LEAD + sentence)]
    assert not any(words in e for e in evidence), evidence


@pytest.mark.parametrize("sentence, words", [
    # what the meeting was about, or talks with a party, is said
    ("Defence Minister Mart Kask said he had spoken to his Latvian counterpart about the NASAMS deliveries.\n",
     "spoken to"),
    ("Defence Minister Mart Kask said many countries had held talks with Tallinn over the past year.\n",
     "held talks"),
])
def test_a_meeting_about_supply_or_with_a_party_stays(nlp, sentence, words):
    evidence = [s.evidence for s in _statements(nlp, QUOTE_LEAD + sentence)]
    assert any(words in e for e in evidence), evidence


HOUSE = (
    "Arms exports to Qatar: statement to the House\n\n"
    "Britain has suspended new licences for arms exports to Qatar.\n\n"
    "The Secretary of State for Business (Mr Tom Ellis): With your permission, Mr Speaker, I will update the House "
    "on the suspension of export licences for military goods to Qatar. No new licences for rifles will be "
    "granted while the review goes on.\n\n"
    "Jane Doe (Bath) (LD): Will the Secretary of State publish the review?\n\n"
    "Mr Tom Ellis: I will tell the House that no licence for combat aircraft will be granted this year.\n"
)


def test_announcing_a_statement_to_parliament_is_no_statement_of_its_own(nlp):
    evidence = [s.evidence for s in _statements(nlp, HOUSE)]
    assert not any(e.startswith("With your permission") for e in evidence), evidence
    assert any(e.startswith("No new licences for rifles") for e in evidence), evidence


def test_telling_parliament_what_was_decided_is_a_statement(nlp):
    evidence = [s.evidence for s in _statements(nlp, HOUSE)]
    assert any("no licence for combat aircraft" in e for e in evidence), evidence


@pytest.mark.parametrize("sentence, words, kept", [
    ("Defence Minister Mart Kask described the frigate as a fast, modern ship with 16 launch cells.\n",
     "described the frigate", False),
    ("Defence Minister Mart Kask described NASAMS as a highly capable air defence system.\n",
     "described NASAMS", False),
    # what the purchase is, or a weapon's delivery, is said of supply
    ("Defence Minister Mart Kask described the purchase as the largest in the country's history.\n",
     "described the purchase", True),
    ("Defence Minister Mart Kask described the frigate, delivered by Norway in May, as a fast, modern ship.\n",
     "described the frigate", True),
    # a threat is no description of the weapon
    ("Defence Minister Mart Kask described the Russian tanks as legitimate targets.\n",
     "described the Russian tanks", True),
])
def test_a_description_of_what_a_weapon_is_is_no_statement_about_supply(nlp, sentence, words, kept):
    evidence = [s.evidence for s in _statements(nlp, QUOTE_LEAD + sentence)]
    assert any(words in e for e in evidence) is kept, evidence


@pytest.mark.parametrize("sentence, words, kept", [
    ("Defence Minister Mart Kask said the existing NASAMS batteries already covered the capital.\n",
     "batteries already covered", False),
    # what the system will do for its buyer speaks of the supply
    ("Defence Minister Mart Kask said the new NASAMS batteries would cover the capital from June.\n",
     "batteries would cover", True),
])
def test_what_a_weapon_does_is_no_statement_about_supply(nlp, sentence, words, kept):
    evidence = [s.evidence for s in _statements(nlp, QUOTE_LEAD + sentence)]
    assert any(words in e for e in evidence) is kept, evidence
