"""Transcripts: each sentence of a person's turn about supply is that person's
statement; questions (also under a label that names who asks), other labels
and one-off "Name: headline" lines are not turns; a body a question quotes
speaks, not the person the question addresses. Every sentence here is written
for these tests."""

from __future__ import annotations

from tests.parser.statements_helper import statements_in as _statements


BRIEFING = (
    "Press briefing by State Department Spokesperson Matthew Miller\n\n"
    "Washington will send more Stinger missiles to Ukraine, the department announced on Monday.\n\n"
    "MR. MILLER: Good afternoon, everyone, and thanks for coming.\n\n"
    "QUESTION: Will the United States send more Stinger missiles to Ukraine?\n\n"
    "MR. MILLER: We will keep sending air defence systems to Ukraine for as long as it takes. "
    "The next shipment of Stinger missiles leaves this month.\n\n"
    "QUESTION: And the tanks?\n\n"
    "MR. MILLER: I have nothing to add on that today, and the weather in Kyiv has been lovely.\n"
)


def test_each_sentence_of_a_turn_about_supply_is_a_direct_statement(nlp):
    found = {(s.speaker, s.evidence, s.direct_quote) for s in _statements(nlp, BRIEFING)}
    assert ("Matthew Miller", "We will keep sending air defence systems to Ukraine for as long as it takes",
            True) in found
    assert ("Matthew Miller", "The next shipment of Stinger missiles leaves this month", True) in found


def test_questions_and_courtesies_are_no_statements(nlp):
    evidence = [s.evidence for s in _statements(nlp, BRIEFING)]
    assert not any("Will the United States" in e for e in evidence)
    assert not any("Good afternoon" in e for e in evidence)
    assert not any("weather" in e for e in evidence)


def test_a_name_in_brackets_after_an_office_speaks(nlp):
    text = (
        "Export licences: statement to the House\n\n"
        "Britain will suspend new licences for arms exports to Saudi Arabia, the minister told MPs.\n\n"
        "The Secretary of State for Defence (Mr Grant Shapps): We will grant no new licences for arms exports "
        "to Saudi Arabia while the review goes on.\n\n"
        "Emily Thornberry (Islington South) (Lab): The suspension of arms exports comes years too late.\n"
    )
    found = {(s.speaker, s.evidence) for s in _statements(nlp, text)}
    assert ("Grant Shapps", "We will grant no new licences for arms exports to Saudi Arabia while the review "
            "goes on") in found
    assert ("Emily Thornberry", "The suspension of arms exports comes years too late") in found


def test_one_label_line_in_a_news_report_is_no_transcript(nlp):
    text = (
        "Pistorius after his meeting with Hegseth: a decision on Patriot systems could come soon\n\n"
        "Germany may send two more Patriot systems to Ukraine. The systems are in storage in Bavaria.\n"
    )
    assert not any(s.speaker == "Boris Pistorius" for s in _statements(nlp, text))


def test_answers_of_an_interview_are_the_interviewee_s(nlp):
    text = (
        "Interview: Russia's arms-export regulator on its order book\n\n"
        "Director Alexander Fomin of the Federal Service for Military-Technical Cooperation spoke to us in Moscow.\n\n"
        "Q: Will exports fall next year?\n\n"
        "A: Our deliveries of fighters to Central Asia will grow next year, and Belarus has asked for the S-400.\n\n"
        "Q: Thank you.\n"
    )
    assert any(s.speaker == "Alexander Fomin" and "deliveries of fighters" in s.evidence for s in _statements(nlp, text))


def test_a_pull_quote_signed_with_a_dash(nlp):
    text = ("Russia will deliver two frigates to Egypt next year.\n\n"
            "\"We are at ease about the frigates. The buyers are the ones who are uneasy.\" \u2014 Yuri Borisov, "
            "Russia's deputy defence minister.")
    assert any(s.speaker == "Yuri Borisov" and "at ease" in s.evidence for s in _statements(nlp, text))


def test_an_attribution_after_a_long_relative_clause(nlp):
    text = ("Switzerland will buy 36 F-35A fighter jets from the United States.\n\n"
            "\"The people approved the jets a year ago,\" Defence Minister Viola Amherd, who took over the "
            "defence department in 2019 after a long career in cantonal politics, told public broadcaster SRF.")
    assert any(s.speaker == "Viola Amherd" and "approved the jets" in s.evidence for s in _statements(nlp, text))


def test_paragraphs_after_said_colon_are_the_speaker_s_words(nlp):
    text = ("Norway will buy at least five Type 26 frigates from Britain.\n\n"
            "Defence Secretary John Healey said:\n\n"
            "This deal takes our strategic partnership with Norway to a new level.\n\n"
            "Our navies will put more warships into the North Atlantic.\n\n"
            "The frigates will be built on the Clyde.\n")
    found = {(s.speaker, s.evidence, s.direct_quote) for s in _statements(nlp, text)}
    assert ("John Healey", "This deal takes our strategic partnership with Norway to a new level", True) in found
    assert ("John Healey", "Our navies will put more warships into the North Atlantic", True) in found
    assert not any("Clyde" in e for _s, e, _d in found)


def test_a_label_on_its_own_line_opens_a_turn(nlp):
    text = (
        "Committee hearing on military equipment\n\n"
        "The committee heard Defence Minister Anna Kowalska on Tuesday.\n\n"
        "QUESTION:\nWill the government send its old howitzers to Ukraine?\n\n"
        "MINISTER KOWALSKA:\nThe government will not send any howitzers to Ukraine this year. "
        "Our own artillery units still need every gun we have.\n\n"
        "QUESTION:\nAnd the rifles?\n\n"
        "MINISTER KOWALSKA:\nNo rifles will be exported either, because the stocks are too small.\n"
    )
    found = {(s.speaker, s.evidence) for s in _statements(nlp, text)}
    assert any(e.startswith("The government will not send any howitzers") and "Kowalska" in sp for sp, e in found)


def test_an_interview_answer_ends_with_its_paragraph(nlp):
    text = (
        "Interview: the defence secretary on the rifles from Korea\n\n"
        "Defence Secretary Maria Santos spoke to reporters in Manila.\n\n"
        "Q: What is Korea sending?\n"
        "A: Two thousand rifles and forty armoured trucks for the army.\n\n"
        "Q: When do they arrive?\n"
        "A: The first rifles arrive in May.\n\n"
        "Japan delivered six patrol boats to the Philippine coast guard last year, and Australia sold it "
        "four landing craft in 2019.\n"
    )
    found = [(s.speaker, s.evidence) for s in _statements(nlp, text)]
    assert ("Maria Santos", "Two thousand rifles and forty armoured trucks for the army") in found
    assert not any("patrol boats" in e for _sp, e in found)


def test_an_editor_s_note_in_brackets_ends_a_turn(nlp):
    text = (
        "Government press conference (excerpt)\n\n"
        "Government spokesman Steffen Schmidt answered questions in Berlin on Wednesday.\n\n"
        "QUESTION: Has the cabinet cleared the export of tanks to Qatar?\n\n"
        "MR. SCHMIDT: The cabinet cleared the export of twelve tanks to Qatar last week.\n\n"
        "QUESTION: Will more follow?\n\n"
        "MR. SCHMIDT: I cannot say anything about further tank exports today.\n\n"
        "[The tanks are built by a firm in Munich, which has sold tanks to Hungary and Norway in recent "
        "years. Qatar already flies Rafale jets bought from France.]\n"
    )
    found = [(s.speaker, s.evidence) for s in _statements(nlp, text)]
    assert any(e.startswith("The cabinet cleared the export") for _sp, e in found)
    assert not any("Rafale" in e for _sp, e in found)


def test_q_and_a_letters_with_a_point_are_labels(nlp):
    text = (
        "Polish Defence Minister Jan Kowalski spoke to us in Warsaw.\n\n"
        "Q. Will Korea deliver the tanks on time?\n"
        "A. The first K2 tanks arrive in Gdynia in December.\n\n"
        "Q. And the howitzers?\n"
        "A. The K9 howitzers follow next year.\n"
    )
    found = {(s.speaker, s.evidence) for s in _statements(nlp, text)}
    assert ("Jan Kowalski", "The first K2 tanks arrive in Gdynia in December") in found
    assert not any("Will Korea" in e for _sp, e in found)


def test_a_question_label_that_names_who_asks_is_still_a_question(nlp):
    text = (
        "Appearance of Foreign Minister Alberto Vidal before the defence committee\n\n"
        "Chile will not send its old Leopard tanks to any country at war, the minister told the committee.\n\n"
        "QUESTION (Deputy Ana Rojas):\n"
        "The President has called the old Leopard tanks obsolete. Has the ministry received a report on them?\n\n"
        "MINISTER ALBERTO VIDAL:\n"
        "No such report has reached us, and the Leopard tanks will not be sent to any country at war.\n"
    )
    found = _statements(nlp, text)
    assert not any("called the old Leopard tanks obsolete" in s.evidence for s in found), found
    assert any(s.evidence.startswith("No such report") for s in found), found


def test_a_name_addressed_before_a_body_that_said_something_is_not_the_speaker(nlp):
    text = (
        "Pentagon press briefing\n\n"
        "Press Secretary John Kirby briefed reporters on Poland's offer of MiG-29 jets for Ukraine.\n\n"
        "MR. KIRBY: We do not support the transfer of the jets at this time.\n\n"
        "Q: John, Poland's Foreign Ministry said last night it was ready to fly all of its MiG-29s to Ramstein.\n\n"
        "MR. KIRBY: The proposal is not workable for the alliance.\n"
    )
    found = {(s.speaker, s.evidence) for s in _statements(nlp, text)}
    assert ("Poland's Foreign Ministry", "last night it was ready to fly all of its MiG-29s to Ramstein") in found, found
    assert not any(sp == "John Kirby" and "ready to fly" in e for sp, e in found), found
