"""Quote marks that hold no utterance: a short verbless phrase quoted inside the
writer's own sentence is a label, and the sentence around it is the report.
Every sentence here is written for these tests."""

from __future__ import annotations

from tests.parser.statements_helper import statements_in as _statements
from workers.parser.statements.quotes import find_quotes, is_fragment
from workers.parser.text.nlp import doc_text

LEAD = "OSLO (Reuters) - Norway will deliver 20 NASAMS launchers to Lithuania next year, officials said.\n\n"


def test_a_scare_quoted_label_is_a_fragment(nlp):
    doc = nlp(LEAD + 'Defence Minister Erik Lund called the order "a landmark" for both navies.\n')
    assert [is_fragment(doc, q) for q in find_quotes(doc_text(doc))] == [True]


def test_a_label_with_a_participle_before_its_noun_is_a_fragment(nlp):
    doc = nlp(LEAD + 'The two ministers raised ties to the level of an "expanded defence partnership," and Lund '
                     'said the launchers would arrive in May.\n')
    assert [is_fragment(doc, q) for q in find_quotes(doc_text(doc))] == [True]


def test_a_quoted_sentence_is_no_fragment(nlp):
    doc = nlp(LEAD + '"We deliver on time," Defence Minister Erik Lund said. Lund added: "Half."\n')
    assert [is_fragment(doc, q) for q in find_quotes(doc_text(doc))] == [False, False]


def test_a_short_quote_with_a_verb_is_no_fragment(nlp):
    doc = nlp(LEAD + 'Lund said the talks had "gone very well" for both navies.\n')
    assert [is_fragment(doc, q) for q in find_quotes(doc_text(doc))] == [False]


def test_the_report_around_a_label_is_the_statement(nlp):
    text = LEAD + ('Defence Minister Erik Lund said the launchers would give Lithuania "a real shield" '
                   'against missiles from the east.\n')
    evidence = [s.evidence for s in _statements(nlp, text) if s.speaker == "Erik Lund"]
    assert any(e.startswith("the launchers would give Lithuania") for e in evidence), evidence
    assert "a real shield" not in evidence


def test_a_label_inside_a_report_keeps_both_its_marks(nlp):
    text = LEAD + 'Defence Minister Erik Lund called the order "a landmark" and said more launchers could follow.\n'
    evidence = [s.evidence for s in _statements(nlp, text) if s.speaker == "Erik Lund"]
    assert 'called the order "a landmark"' in evidence, evidence
