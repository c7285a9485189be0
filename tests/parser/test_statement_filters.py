"""Utterances that are no statements about supply, and offices as speakers:
a second clause that moves on to another subject, praise or blame of a
person, an announcement named only by reference, a reporting verb in a
question; "the Chief of the Naval Staff" as the official who holds the
office. Every sentence here is written for these tests."""

from __future__ import annotations

from tests.parser.statements_helper import statements_in as _statements

LEAD = "WARSAW (Reuters) - Poland will send 14 Leopard tanks to Ukraine this month, the government said.\n\n"


def test_a_second_clause_on_another_subject_is_no_statement(nlp):
    text = LEAD + ("Defence Minister Jan Kowalski said the tanks would leave by train on Friday and that "
                   "the weather in the capital had been unusually warm.\n")
    evidence = [s.evidence for s in _statements(nlp, text)]
    assert any("tanks would leave" in e for e in evidence)
    assert not any("weather" in e for e in evidence)


def test_praise_of_a_person_is_no_statement_about_supply(nlp):
    text = LEAD + ("President Andrzej Duda met Ukrainian President Volodymyr Zelenskiy in Rzeszow on Tuesday. "
                   "Duda thanked Zelenskiy for his visit.\n")
    assert not any(s.evidence.startswith("thanked") for s in _statements(nlp, text))


def test_a_request_to_a_person_is_what_was_said(nlp):
    text = LEAD + ("Deputy Foreign Minister Anna Nowak met the German ambassador in Warsaw on Tuesday. "
                   "Nowak asked the ambassador to convey Warsaw's concerns to Berlin.\n")
    assert any(s.evidence.startswith("asked the ambassador") for s in _statements(nlp, text))


def test_an_announcement_named_only_by_reference_is_no_statement(nlp):
    text = LEAD + "Prime Minister Piotr Nowicki announced the decision to reporters in Warsaw on Monday.\n"
    assert not any(s.evidence.startswith("announced") for s in _statements(nlp, text))


def test_a_reporting_verb_in_a_question_reports_nothing(nlp):
    text = (
        "Arms exports: statement to the House\n\n"
        "Britain suspended new licences for arms exports to Saudi Arabia on Monday.\n\n"
        "Secretary of State Liam Fox said the licences would be reviewed.\n\n"
        "Jane Doe (Bath) (LD): Can the Secretary of State assure the House that no rifles will be exported to "
        "Saudi Arabia while the review goes on?\n"
    )
    assert not any("no rifles" in s.evidence for s in _statements(nlp, text))


def test_a_capitalised_office_is_the_official_who_holds_it(nlp):
    text = (
        "NEW DELHI (PTI) - India handed over the missile corvette INS Kirpan to Vietnam on Saturday. "
        "Admiral Rajesh Kumar, Chief of the Naval Staff, presided over the ceremony at Cam Ranh.\n\n"
        "Addressing the ceremony, the Chief of the Naval Staff said the corvette had been handed over with "
        "its complete weapon complement.\n"
    )
    speakers = {s.speaker for s in _statements(nlp, text) if "weapon complement" in s.evidence}
    assert speakers == {"Rajesh Kumar"}


def test_the_experts_of_a_panel_named_before_speak_as_the_panel(nlp):
    text = (
        "UNITED NATIONS (Reuters) - The U.N. Panel of Experts on Sudan said on Friday that the arms embargo on "
        "Darfur had been broken repeatedly.\n\n"
        "Several states shipped rifles and armoured vehicles to the warring parties, the experts wrote.\n\n"
        "The monitors said the shipments went by air through Chad.\n"
    )
    found = [(s.speaker, s.evidence) for s in _statements(nlp, text)]
    assert ("U.N. Panel of Experts on Sudan",
            "Several states shipped rifles and armoured vehicles to the warring parties") in [
        (sp, e.rstrip(",")) for sp, e in found]
    assert ("U.N. Panel of Experts on Sudan", "the shipments went by air through Chad") in found


def test_the_president_capitalised_is_the_president_named_before(nlp):
    text = (
        "PRETORIA - President Cyril Ramaphosa appointed an inquiry into the cargo ship in May.\n\n"
        "In his address to the nation, the President announced that no weapons had been loaded onto the ship "
        "for export to Russia.\n"
    )
    assert any(s.speaker == "Cyril Ramaphosa" and "no weapons" in s.evidence for s in _statements(nlp, text))


def test_a_present_tense_stance_is_no_report_of_speech(nlp):
    text = LEAD + ("Chancellor Olaf Scholz spoke in Berlin on Monday.\n\n"
                   "The Chancellor backs the delivery of Leopard tanks to Ukraine.\n")
    assert not any(s.evidence.startswith("backs") for s in _statements(nlp, text))


def test_a_person_s_words_relayed_by_another_belong_to_that_person(nlp):
    text = LEAD + ("Serbian President Aleksandar Vucic visited Moscow in May.\n\n"
                   "Russian President Vladimir Putin had advised him to buy the Pantsir air defence system, "
                   "Vucic said.\n")
    found = [(s.speaker, s.evidence) for s in _statements(nlp, text)]
    assert any(sp == "Vladimir Putin" and "Pantsir" in e for sp, e in found)
    assert not any(sp == "Aleksandar Vucic" and "Pantsir" in e for sp, e in found)


def test_a_report_after_another_speaker_s_act_is_that_speaker_s(nlp):
    text = LEAD + ("Slovak Prime Minister Eduard Heger announced the decision on March 17, a day after Polish "
                   "President Andrzej Duda said Warsaw would give four of its MiG-29 jets to Kyiv within days.\n")
    found = [(s.speaker, s.evidence) for s in _statements(nlp, text)]
    assert ("Andrzej Duda", "Warsaw would give four of its MiG-29 jets to Kyiv within days") in found
    assert not any(sp == "Eduard Heger" and "MiG-29" in e for sp, e in found)


def test_a_body_s_act_reported_by_a_person_stays_the_person_s(nlp):
    text = ("MOSCOW (TASS) - Rosoboronexport head Alexander Mikheev said the Defence Ministry had warned that "
            "Russia would deliver more fighter jets and tanks to India next year.\n")
    assert any(s.speaker == "Alexander Mikheev" for s in _statements(nlp, text))


def test_told_a_briefing_that_reports_the_clause(nlp):
    text = LEAD + ("Department spokeswoman Jen Psaki told a regular press briefing that the United States had "
                   "declined to approve the transfer of the helicopters.\n")
    assert any(s.speaker == "Jen Psaki" and s.evidence.startswith("the United States had declined")
               for s in _statements(nlp, text))


def test_a_subject_hung_on_the_phrase_before_it_still_speaks(nlp):
    text = LEAD + ("In a cable written in October 2008 and later published by WikiLeaks, the US embassy in Nairobi "
                   "called it a poorly kept secret that the tanks were bound for the government of southern Sudan.\n")
    assert any(s.speaker == "US embassy in Nairobi" and "poorly kept secret" in s.evidence
               for s in _statements(nlp, text))


def test_a_relative_clause_with_a_named_subject_says_what_it_called_the_noun(nlp):
    text = LEAD + ("Denmark and the Netherlands approved the transfer of F-16 jets to Ukraine on Sunday, a "
                   "long-sought breakthrough that Ukrainian President Volodymyr Zelenskiy hailed as historic.\n")
    assert any(s.speaker == "Volodymyr Zelenskiy" and "breakthrough" in s.evidence and "hailed" in s.evidence
               for s in _statements(nlp, text))


def test_a_past_predicate_in_a_when_clause_is_an_utterance(nlp):
    text = LEAD + ("Washington acted in February, when the State Department announced restrictions on the export "
                   "of U.S. defense articles to South Sudan.\n")
    assert any(s.speaker == "State Department" and s.evidence.startswith("announced restrictions")
               for s in _statements(nlp, text))


def test_a_research_body_s_estimates_are_its_words(nlp):
    text = ("KYIV (Reuters) - Ukraine exported tanks and engines to Thailand and China last year.\n\n"
            "In 2014, according to SIPRI estimates published in Kyiv, Russia took just over 23 percent of "
            "Ukrainian arms deliveries.\n\n"
            "Bolivia is the third-largest producer of cocaine, according to United Nations figures.\n")
    speakers = {s.speaker for s in _statements(nlp, text)}
    assert "SIPRI" in speakers
    assert not any("Nations" in sp for sp in speakers)


def test_a_title_and_a_relative_clause_between_name_and_verb(nlp):
    text = ("MOSCOW (Reuters) - Russia has delivered part of the S-300 systems to Iran.\n\n"
            "Sergei Chemezov, CEO of the Rostec corporation, whose Almaz-Antey concern manufactures the systems, "
            "said earlier that the Russian side intends to complete the supplies to Iran before the end of 2016.\n")
    assert any(s.speaker == "Sergei Chemezov" and "complete the supplies" in s.evidence
               for s in _statements(nlp, text))


def test_nothing_before_a_speaker_who_opens_a_paragraph_is_theirs(nlp):
    text = ("KUALA LUMPUR (Reuters) - Malaysia ordered 18 FA-50 light combat aircraft from Korea Aerospace "
            "Industries (KAI) in 2023.\n\n"
            "Malaysian Defence Minister Mohamed Khaled Nordin visited Seoul in September.\n\n"
            "KAI said in a statement at the time that it had beaten rival jets from India and Russia, and that "
            "Malaysia was its fourth customer in Asia after Indonesia, the Philippines and Thailand.\n\n"
            "Khaled, who toured the KAI plant at Sacheon and Hanwha Aerospace's engine works at Changwon in "
            "September, said construction of the Malaysian jets had reached 39 percent and was on schedule.\n")
    assert not any(s.speaker == "Mohamed Khaled Nordin" and "KAI said" in s.evidence
                   for s in _statements(nlp, text))


def test_an_analyst_naming_a_party_of_the_transfer_speaks_of_it(nlp):
    # no word of supplying, but a party of the article's transfer
    text = LEAD + ("Marek Zielinski, an analyst at the Centre for Eastern Studies, said Ukraine would need "
                   "the tanks for years.\n")
    assert any(s.speaker == "Marek Zielinski" for s in _statements(nlp, text))


def test_an_analyst_on_what_a_weapon_can_do_is_no_statement(nlp):
    text = LEAD + ("Marek Zielinski, an analyst at the Centre for Eastern Studies, said the Leopard could outrun "
                   "most vehicles of its class.\n")
    assert not any(s.speaker == "Marek Zielinski" for s in _statements(nlp, text))
