"""Who speaks: institutions under the name an article gives them (a diplomatic
post with its place, a name with its "for"/"to"/"on" phrase, an acronym spelled
out, a company without its descriptor and legal form), and utterances without
supply words in an article about a transfer. Every sentence here is written for
these tests."""

from __future__ import annotations

import pytest

from tests.parser.statements_helper import statements_in as _statements
from workers.parser.people.officials import extract_officials


def _speakers(nlp, text: str) -> list[str]:
    return [s.speaker for s in _statements(nlp, text)]


LEAD = "France will sell 24 Rafale fighter jets to Egypt under a contract signed on Monday.\n\n"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (LEAD + "The Egyptian Embassy in Paris said the first jets would arrive in the spring.",
         "Egyptian Embassy in Paris"),
        (LEAD + "Egypt's mission to the United Nations said the purchase threatened no one.",
         "Egypt's mission to the United Nations"),
        (LEAD + "The Federal Office for Economic Affairs and Export Control said it had licensed the missiles.",
         "Federal Office for Economic Affairs and Export Control"),
        (LEAD + "The Panel of Experts on Sudan said the jets could reach the warring parties.",
         "Panel of Experts on Sudan"),
    ],
)
def test_an_institution_keeps_the_phrase_of_its_name(nlp, text, speaker):
    assert speaker in _speakers(nlp, text)


def test_the_place_of_a_ministry_is_no_part_of_its_name(nlp):
    text = LEAD + "The Foreign Ministry in Cairo said the jets would be delivered next year."
    speakers = _speakers(nlp, text)
    assert not any("Cairo" in s for s in speakers)


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # spelled out in brackets
        ("Korea Aerospace Industries Ltd. (KAI) will deliver 12 FA-50 jets to Poland.\n\n"
         "KAI said the jets would be shipped from Sacheon in March.", "Korea Aerospace Industries"),
        # named in full elsewhere, without brackets
        ("Poland signed a deal with Korea Aerospace Industries for 12 FA-50 jets.\n\n"
         "KAI said the jets would be shipped from Sacheon in March.", "Korea Aerospace Industries"),
        # a descriptor before the name and a legal form after it
        ("Vietnam will buy 48 K9 howitzers from South Korea.\n\n"
         "South Korean defense company Hanwha Aerospace Co. said the howitzers would be shipped in March.",
         "Hanwha Aerospace"),
    ],
)
def test_a_company_speaks_under_its_full_name(nlp, text, speaker):
    assert speaker in _speakers(nlp, text)


def test_an_acronym_the_article_never_spells_out_stays_as_written(nlp):
    text = LEAD + "DGA said the jets would be delivered from the Merignac plant."
    speakers = _speakers(nlp, text)
    assert all(s in {"DGA"} for s in speakers)


def test_remarks_around_a_deal_are_kept_with_low_confidence(nlp):
    text = LEAD + ("Egyptian Defence Minister Mohamed Zaki said the jets would be delivered within three years.\n\n"
                   "Zaki said he had enjoyed his visit to Paris.")
    found = {s.evidence: s.confidence for s in _statements(nlp, text)}
    assert found["the jets would be delivered within three years"] >= 0.6
    assert found["he had enjoyed his visit to Paris"] <= 0.5


def test_without_a_transfer_in_the_article_remarks_stay_out(nlp):
    text = "Egyptian Defence Minister Mohamed Zaki said he had enjoyed his visit to Paris."
    assert _statements(nlp, text) == []


@pytest.mark.parametrize(
    ("text", "speaker", "words"),
    [
        (LEAD + "The Council of State found that the export licences had been lawfully granted.",
         "Council of State", "export licences had been lawfully granted"),
        (LEAD + "Egyptian Defence Minister Mohamed Zaki expressed regret that the jets would arrive a year late.",
         "Mohamed Zaki", "the jets would arrive a year late"),
        (LEAD + "The Panel of Experts on Sudan concluded that the jets could be diverted to militias.",
         "Panel of Experts on Sudan", "the jets could be diverted to militias"),
    ],
)
def test_findings_and_feelings_report_speech(nlp, text, speaker, words):
    assert any(s.speaker == speaker and words in s.evidence for s in _statements(nlp, text))


def test_a_secretary_of_state_is_the_minister(nlp):
    text = ("Britain will sell 24 Typhoon jets to Qatar, Britain's Defence Secretary Grant Shapps said.\n\n"
            "\"This order will sustain thousands of jobs,\" the British minister added.")
    assert ("Grant Shapps", "This order will sustain thousands of jobs") in {
        (s.speaker, s.evidence) for s in _statements(nlp, text)}


def test_a_two_part_portfolio_before_a_rank_is_the_title(nlp):
    text = ("Four helicopters have been delivered to Mali, Mali's Minister of Defense and Veterans Affairs "
            "Colonel Sadio Camara told journalists.")
    officials = {o.name: o.title for o in extract_officials(nlp(text))}
    assert officials["Sadio Camara"] == "Minister of Defense and Veterans Affairs"
