"""Attribution shapes the parser reads unevenly: "according to" a title and a
name that the parser splits; remarks introduced by "X said:" whose first
sentence has a colon of its own. Every sentence here is written for these tests."""

from __future__ import annotations

import pytest

from tests.parser.statements_helper import statements_in as _statements

LEAD = "KIEV, Jan 20 - Turkey will give Ukraine money for weapons, officials said.\n\n"


def test_according_to_a_title_and_a_name_in_apposition(nlp):
    text = LEAD + ("Under the agreement Ankara will provide some 200 million liras to the Ukrainian army for "
                   "weapons purchases, according to Ukrainian Ambassador to Turkey Petro Marchenko.\n")
    assert any(s.speaker == "Petro Marchenko" and "200 million liras" in s.evidence for s in _statements(nlp, text))


def test_according_to_a_name_before_the_clause(nlp):
    text = LEAD + "According to Defence Minister Petro Marchenko, the first weapons will arrive in March.\n"
    assert any(s.speaker == "Petro Marchenko" and "first weapons will arrive" in s.evidence
               for s in _statements(nlp, text))


def test_according_to_a_name_the_parser_hangs_on_the_place(nlp):
    # the parse is built by hand: the model sometimes hangs the name on "Turkey"
    # in apposition, behind the verb "according", where it is still the speaker
    from spacy.tokens import Doc, Span

    from workers.parser.people.officials import build_resolver
    from workers.parser.records import OfficialRecord
    from workers.parser.statements.organisations import OrgRegistry
    from workers.parser.statements.according import according_to

    words = ["Ankara", "will", "pay", "for", "weapons", ",", "according", "to", "Ukrainian", "Ambassador",
             "to", "Turkey", "Petro", "Marchenko", "."]
    heads = [2, 2, 2, 2, 3, 2, 2, 6, 9, 7, 9, 10, 13, 11, 2]
    deps = ["nsubj", "aux", "ROOT", "prep", "pobj", "punct", "prep", "prep", "amod", "pobj", "prep", "pobj",
            "compound", "appos", "punct"]
    pos = ["PROPN", "AUX", "VERB", "ADP", "NOUN", "PUNCT", "VERB", "ADP", "ADJ", "PROPN", "ADP", "PROPN",
           "PROPN", "PROPN", "PUNCT"]
    tags = ["NNP", "MD", "VB", "IN", "NNS", ",", "VBG", "IN", "JJ", "NNP", "IN", "NNP", "NNP", "NNP", "."]
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps, pos=pos, tags=tags,
              lemmas=[w.lower() for w in words])
    doc.ents = [Span(doc, 0, 1, "GPE"), Span(doc, 11, 12, "GPE"), Span(doc, 12, 14, "PERSON")]
    official = OfficialRecord(name="Petro Marchenko", title="Ambassador to Turkey", organization=None,
                              country="UKR", start=doc[12].idx, end=doc[13].idx + len("Marchenko"))
    found = according_to(doc, build_resolver(doc, [official]), OrgRegistry(doc), [])
    assert [u.speaker.name for u in found] == ["Petro Marchenko"]


def test_introduced_remarks_with_a_colon_in_their_first_sentence(nlp):
    text = ("LONDON, May 3 - Britain will sell six frigates to Norway, the government said.\n\n"
            "Prime Minister Tom Ellison said:\n\n"
            "This agreement is exactly what our industrial plan is for: more jobs and more security.\n\n"
            "The partnerships we strike abroad pay off at home, and our shipyards will be busy for a decade.\n")
    evidence = {s.evidence for s in _statements(nlp, text) if s.speaker == "Tom Ellison"}
    assert any(e.startswith("This agreement is exactly what") for e in evidence)
    assert any(e.startswith("The partnerships we strike abroad") for e in evidence)


@pytest.mark.parametrize(
    ("text", "speaker", "opening"),
    [
        # "As X has said, ..." opens what X said
        ("WASHINGTON, Feb 22 - China is considering sending weapons to Russia, U.S. officials said.\n\n"
         "As Secretary of State Mark Ellison has said publicly, what is under consideration could run from "
         "ammunition to the weapons themselves.\n", "Mark Ellison", "what is under consideration"),
        # "in the court's view" is the court's word
        ("LONDON, June 20 - Britain will review arms sales to Saudi Arabia after a court ruling, officials "
         "said.\n\nThe Court of Appeal ruled on Thursday that the licensing process was unlawful. In the "
         "court's view, the export procedure needs to be altered before it can be considered lawful.\n",
         "Court of Appeal", "the export procedure needs"),
        # "in the president's reading" in the middle of a sentence
        ("PARIS, June 20 - France will not deliver the warship to Russia, officials said.\n\n"
         "President Marc Dubois met the Russian envoy in Paris. Neither condition, in the president's "
         "reading, has been met for the delivery of the warship.\n", "Marc Dubois", "Neither condition"),
    ],
)
def test_an_attribution_phrase_gives_the_clause_to_its_speaker(nlp, text, speaker, opening):
    assert any(s.speaker == speaker and s.evidence.startswith(opening) for s in _statements(nlp, text))


def test_as_i_said_in_a_speakers_own_words_is_no_new_report(nlp):
    text = ("BERLIN, May 3 - Germany will sell fighter jets to Saudi Arabia, the government said.\n\n"
            "\"As I said on Monday, Riyadh has taken a constructive approach,\" spokesman Jonas Brandt said.\n")
    assert not any(s.evidence.startswith("Riyadh has taken") and not s.direct_quote for s in _statements(nlp, text))


def test_in_his_words_after_a_person_is_named(nlp):
    text = ("SEOUL, April 19 - South Korea may send weapons to Ukraine, officials said.\n\n"
            "Deputy chairman Ivan Petrov reacted on Telegram. In his words, Seoul is prepared to arm Ukraine.\n")
    assert any(s.speaker == "Ivan Petrov" and s.evidence == "Seoul is prepared to arm Ukraine"
               for s in _statements(nlp, text))


def test_a_heading_before_a_colon_is_not_what_was_said(nlp):
    text = ("WASHINGTON, Sept 21 - The United States imposed sanctions on a Chinese military agency for buying "
            "Russian fighter jets, officials said.\n\n"
            "How Beijing and Moscow reacted: Foreign Ministry spokesman Wang Lei said on Friday that China was "
            "strongly indignant and demanded that the sanctions be withdrawn.\n")
    evidence = [s.evidence for s in _statements(nlp, text) if s.speaker == "Wang Lei"]
    assert any(e.startswith("China was strongly indignant") for e in evidence)
    assert not any("reacted" in e for e in evidence)


def test_who_hailed_it_as_is_what_the_person_called_it(nlp):
    text = ("DOHA, Dec 10 - Qatar signed a contract to buy 24 Typhoon jets from Britain, officials said.\n\n"
            "The contract follows a letter of intent signed in September with former defence secretary Mark "
            "Fallows, who at the time hailed it as the first major defence contract between London and Doha.\n")
    assert any(s.speaker == "Mark Fallows" and s.evidence.startswith("hailed it as") for s in _statements(nlp, text))


def test_who_with_a_plain_object_reports_nothing(nlp):
    text = ("DOHA, Dec 10 - Qatar signed a contract to buy 24 Typhoon jets from Britain, officials said.\n\n"
            "The deal was welcomed by lawmaker Mark Fallows, who opposed all earlier resolutions on arms sales.\n")
    assert not any(s.evidence.startswith("opposed") for s in _statements(nlp, text))


def test_a_body_attributing_a_fall_to_a_cause_is_a_statement(nlp):
    text = ("STOCKHOLM, March 11 - China's arms imports fell by a fifth, the Stockholm International Peace "
            "Research Institute said.\n\nThe institute attributed the fall mainly to Beijing replacing "
            "imported fighter jets with its own.\n")
    assert any(s.evidence.startswith("attributed the fall") for s in _statements(nlp, text))


def test_what_a_court_has_not_ruled_on_is_no_statement_of_the_court(nlp):
    text = ("LONDON, June 20 - Britain will review arms sales to Saudi Arabia after a court ruling, officials "
            "said.\n\nThe Court of Appeal ruled on Thursday that the licensing process was unlawful. Trade "
            "Secretary Tom Ellison said the court had not ruled on whether the arms licences were correct.\n")
    assert not any(s.speaker == "Court of Appeal" and s.evidence.startswith("ruled on whether")
                   for s in _statements(nlp, text))
