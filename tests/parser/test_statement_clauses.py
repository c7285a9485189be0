"""Which clause a reporting verb reports: with a clause on each side of the
verb, the one after it; what comes before is an opening phrase. A report
inside another speaker's report: a person's words relayed by an office are the
person's; "what he called" inside a person's report is that person's wording;
a claim made "in his words" stays that person's, reports inside it included.
Every sentence here is written for these tests."""

from __future__ import annotations

import pytest

from tests.parser.statements_helper import statements_in as _statements

LEAD = ("TALLINN (AP) - Estonia has received the first two of six NASAMS air defence systems from Norway, "
        "the Estonian defence ministry said on Friday.\n\n")


@pytest.mark.parametrize("sentence, said, opener", [
    ("Standing beside the frigate at the quay this week, its old name already painted over, Defence Minister "
     "Mart Kask said the talks with Oslo had gone well.\n", "the talks with Oslo had gone well", "Standing beside"),
    ("In a letter dated May 4, the day before the election was held, Defence Minister Mart Kask informed "
     "the speaker that the first NASAMS battery had been cleared for delivery.\n",
     "the first NASAMS battery had been cleared", "In a letter"),
])
def test_the_clause_after_the_verb_is_said_not_an_opening_phrase(nlp, sentence, said, opener):
    evidence = [s.evidence for s in _statements(nlp, LEAD + sentence)]
    assert any(e.startswith(said) for e in evidence), evidence
    assert not any(e.startswith(opener) for e in evidence), evidence


def test_a_person_s_words_inside_an_office_s_report_are_the_person_s(nlp):
    text = LEAD + ("Foreign Secretary Anna Reid told her Russian counterpart at a meeting that all arms shipments "
                   "to Syria had to stop, the Foreign Office said.\n")
    found = {(s.speaker, s.evidence) for s in _statements(nlp, text)}
    assert ("Anna Reid", "all arms shipments to Syria had to stop") in found, found
    assert not any(sp == "Foreign Office" for sp, _e in found), found


def test_what_he_called_inside_a_person_s_report_is_that_person_s_wording(nlp):
    text = LEAD + ("Defence Minister Mart Kask said Latvia's envoy, Inga Ozola, had been summoned, and that the halt "
                   "of arms exports to Riga was a response to what he called the envoy's hostile remarks.\n")
    speakers = {s.speaker for s in _statements(nlp, text)}
    assert "Inga Ozola" not in speakers, speakers


def test_a_claim_in_a_person_s_words_stays_theirs(nlp):
    text = LEAD + ("Estonian President Alar Karis spoke to a newspaper on Monday.\n\n"
                   "Deputy Prime Minister Ivan Petrov of Russia reacted on his Telegram channel. In his words, a new "
                   "group of Russia's enemies has appeared, and the Estonian president has announced that Tallinn "
                   "is prepared to send more NASAMS batteries to Kyiv.\n")
    found = _statements(nlp, text)
    assert any(s.speaker == "Ivan Petrov" and "new group" in s.evidence for s in found), found
    assert not any("Tallinn is prepared" in s.evidence and s.speaker != "Ivan Petrov" for s in found), found


def test_a_person_s_words_relayed_by_a_body_are_the_person_s(nlp):
    text = LEAD + ("According to the Kremlin, President Ivan Petrov explained that Russia would answer any new "
                   "NASAMS deliveries to Tallinn.\n")
    speakers = {s.speaker for s in _statements(nlp, text) if "NASAMS deliveries" in s.evidence}
    assert speakers == {"Ivan Petrov"}, speakers



def test_adding_that_after_a_clause_before_the_verb_is_an_utterance_of_its_own(nlp):
    text = LEAD + ("Norwegian crews drove the launchers to a base near Tapa, Defence Minister Mart Kask said, "
                   "adding that the remaining systems would follow before the end of the year.\n")
    found = {(s.speaker, s.evidence) for s in _statements(nlp, text)}
    assert ("Mart Kask", "Norwegian crews drove the launchers to a base near Tapa") in found, found
    assert ("Mart Kask", "the remaining systems would follow before the end of the year") in found, found


def test_and_that_it_hoped_is_a_second_clause_of_the_same_report(nlp):
    text = LEAD + ("The U.S. ambassador to Estonia, Carol Hendricks, said Washington might refuse to let the "
                   "radar technology pass to a third country, and that it hoped the sale would not go ahead.\n")
    found = {(s.speaker, s.evidence) for s in _statements(nlp, text)}
    assert ("Carol Hendricks", "it hoped the sale would not go ahead") in found, found
    assert not any(e == "the sale would not go ahead" for _sp, e in found), found


def test_countered_that_reports_a_clause(nlp):
    text = LEAD + ("Russian Foreign Minister Pavel Orlov denied that Moscow had sold rockets to the rebels. "
                   "He countered that Norway was arming Estonia against its neighbours.\n")
    found = {(s.speaker, s.evidence) for s in _statements(nlp, text)}
    assert ("Pavel Orlov", "Norway was arming Estonia against its neighbours") in found, found


def test_each_person_of_a_conjoined_subject_says_the_clause(nlp):
    text = LEAD + ("Defence Minister Mart Kask and Foreign Minister Liis Tamm said the launchers would be "
                   "deployed near the eastern border.\n")
    found = {(s.speaker, s.evidence) for s in _statements(nlp, text)}
    said = "the launchers would be deployed near the eastern border"
    assert ("Mart Kask", said) in found and ("Liis Tamm", said) in found, found


@pytest.mark.parametrize("sentence, speaker, said", [
    ("Defence Minister Mart Kask issued a statement that the export rules did not apply to the launchers.\n",
     "Mart Kask", "the export rules did not apply to the launchers"),
    ("The Estonian Foreign Ministry released a statement saying the export rules did not apply to the "
     "launchers.\n", "Estonian Foreign Ministry", "the export rules did not apply to the launchers"),
])
def test_a_statement_issued_says_what_its_issuer_said(nlp, sentence, speaker, said):
    found = {(s.speaker, s.evidence) for s in _statements(nlp, LEAD + sentence)}
    assert (speaker, said) in found, found
