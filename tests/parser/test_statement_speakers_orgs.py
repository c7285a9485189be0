"""Institutions as speakers: "the court" after a named court speaks under the
court's name, never as the common noun. Every sentence here is written for
these tests."""

from __future__ import annotations

from tests.parser.statements_helper import statements_in as _statements


def test_the_court_opening_a_sentence_is_the_court_named_before(nlp):
    text = (
        "LONDON (Reuters) - Britain's High Court ruled on Monday that export licences for fighter jets to "
        "Saudi Arabia had been granted unlawfully. The court said the government must retake every decision "
        "on arms exports to Saudi Arabia.\n"
    )
    speakers = {s.speaker for s in _statements(nlp, text)}
    assert "court" not in {sp.lower() for sp in speakers}
    assert any(sp.endswith("High Court") for sp in speakers)


def test_she_after_a_report_is_the_reporting_speaker_not_a_person_named_in_it(nlp):
    text = (
        "JUBA (Reuters) - U.S. Ambassador Nikki Haley told the council that weapons had to stop flowing to the "
        "forces of President Salva Kiir and his rivals.\n\n"
        "She called the arms embargo a way of protecting civilians.\n"
    )
    found = {(s.speaker, s.evidence) for s in _statements(nlp, text)}
    assert ("Nikki Haley", "called the arms embargo a way of protecting civilians") in found
    assert not any(sp == "Salva Kiir" for sp, _e in found)


def test_he_said_after_a_new_person_is_named_stays_with_that_person(nlp):
    text = (
        "PRAGUE (Reuters) - Czech Defence Minister Jan Novak said on Monday that 20 Czech T-72 tanks would "
        "leave for Ukraine next week.\n\n"
        "Polish President Andrzej Duda met Ukrainian officials in Warsaw on Tuesday. "
        "\"Poland will open its railways to every tank sent to Ukraine,\" he said.\n"
    )
    found = {(s.speaker, s.evidence) for s in _statements(nlp, text)}
    assert ("Andrzej Duda", "Poland will open its railways to every tank sent to Ukraine") in found


def test_a_speaker_known_by_one_word_takes_the_name_as_written(nlp):
    text = (
        "BRUSSELS (Reuters) - European Commission President Ursula von der Leyen unveiled a plan for European "
        "defence, which she said would also help send more artillery shells to Ukraine.\n"
    )
    speakers = {s.speaker for s in _statements(nlp, text)}
    assert speakers == {"Ursula von der Leyen"}


def test_figures_and_a_government_are_no_speakers(nlp):
    text = (
        "LIMA (AP) - Peru signed a contract on Monday for six Mi-17 helicopters from Russia. "
        "U.N. figures say Russian arms deliveries to Peru doubled last year. "
        "His government said the helicopters would be delivered by Russia in June.\n"
    )
    speakers = {s.speaker for s in _statements(nlp, text)}
    assert not any("figures" in sp or "government" in sp.lower() for sp in speakers)


NGO_REPORT = (
    "NAIROBI (Reuters) - Armoured vehicles built in Turkey are being used by Sudan's army, Human Rights "
    "Watch said on Thursday. The rights group said it had verified photographs of the vehicles near Khartoum "
    "and that their supply breaks an arms embargo.\n\n"
    "Turkey has sold armoured vehicles to Sudan since 2021.\n"
)


def test_a_named_body_without_an_institution_word_speaks(nlp):
    found = {(s.speaker, s.evidence) for s in _statements(nlp, NGO_REPORT)}
    assert any(sp == "Human Rights Watch" and e.startswith("Armoured vehicles built in Turkey") for sp, e in found)


def test_the_rights_group_is_the_body_that_spoke_last(nlp):
    speakers = [s.speaker for s in _statements(nlp, NGO_REPORT) if "photographs" in s.evidence]
    assert speakers and set(speakers) == {"Human Rights Watch"}


def test_the_agency_after_a_named_agency_is_no_news_agency(nlp):
    text = (
        "SEOUL (Yonhap) - Hanwha Aerospace has signed a deal to supply 18 K9 howitzers to Vietnam, the Defense "
        "Acquisition Program Administration (DAPA) said Wednesday.\n\n"
        "The howitzers are to be delivered by 2027, according to the state arms procurement agency. "
        "The agency said the deal was the first sale of South Korean howitzers to Vietnam.\n"
    )
    found = {(s.speaker, s.evidence) for s in _statements(nlp, text)}
    assert ("Defense Acquisition Program Administration",
            "the deal was the first sale of South Korean howitzers to Vietnam") in found
    assert any(sp == "Defense Acquisition Program Administration" and e.startswith("The howitzers are to be")
               for sp, e in found)


def test_a_speaker_named_after_the_clause_with_a_title_in_commas(nlp):
    text = (
        "MOSCOW (TASS) - Russia has delivered two S-400 battalions to Belarus, Sergei Shoigu, the defence "
        "minister, told reporters on Tuesday.\n"
    )
    found = {(s.speaker, s.evidence) for s in _statements(nlp, text)}
    assert ("Sergei Shoigu", "Russia has delivered two S-400 battalions to Belarus") in found


def test_a_participle_after_a_name_and_title_is_not_that_persons_report(nlp):
    text = (
        "WASHINGTON (Reuters) - The U.S. Treasury imposed sanctions on Ahmed Musa Karim, the militia's head "
        "of procurement, saying he had bought rifles and drones for the group from Serbia.\n"
    )
    assert not any(s.speaker == "Ahmed Musa Karim" for s in _statements(nlp, text))


def test_a_country_tagged_as_an_organisation_before_a_ministry_keeps_the_ministry(nlp):
    text = (
        "DUBAI (Reuters) - The UAE has been accused of supplying weapons to the RSF.\n\n"
        "The UAE foreign ministry said at the time that the country was not supplying arms and ammunition to "
        "any of the warring parties.\n"
    )
    found = {(s.speaker, s.evidence) for s in _statements(nlp, text)}
    assert ("UAE foreign ministry",
            "the country was not supplying arms and ammunition to any of the warring parties") in found


def test_the_statement_is_the_body_that_spoke_just_before(nlp):
    text = (
        "TEHRAN (Reuters) - Iran may now buy and export weapons after the UN arms restrictions expired, Iran's "
        "Foreign Ministry said on Sunday. The statement stressed that the lifting of the restrictions on arms "
        "sales to Iran was automatic.\n"
    )
    found = {(s.speaker, s.evidence) for s in _statements(nlp, text)}
    assert any(sp == "Iran's Foreign Ministry" and "lifting of the restrictions" in e for sp, e in found)


def test_a_quote_after_a_sentence_about_its_speaker_is_that_speakers(nlp):
    text = (
        "BUENOS AIRES (Reuters) - Argentina signed for 24 F-16 jets from Denmark on Tuesday.\n\n"
        "Defence Minister Luis Petri did not undersell the moment. \"With these jets we are taking an enormous "
        "step forward in our air defence.\"\n"
    )
    found = {(s.speaker, s.evidence) for s in _statements(nlp, text)}
    assert ("Luis Petri", "With these jets we are taking an enormous step forward in our air defence") in found


def test_a_verbless_lead_in_with_a_colon_gives_the_quote_its_speaker(nlp):
    text = (
        "WASHINGTON (Reuters) - U.S. President Donald Trump met NATO Secretary General Mark Rutte in the Oval "
        "Office on Monday to agree on Patriot systems for Ukraine.\n\n"
        "10:35 ET\nTrump, seated next to Rutte: \"We send the weapons to NATO, NATO pays for every "
        "one of them, and they go on to Ukraine.\"\n"
    )
    found = {(s.speaker, s.evidence) for s in _statements(nlp, text)}
    assert any(sp == "Donald Trump" and e.startswith("We send the weapons to NATO") for sp, e in found)


def test_signalled_reports_a_clause(nlp):
    text = (
        "ANKARA (Reuters) - Turkey wants to buy 40 F-16 jets from the United States. The State Department "
        "signalled last year that it would approve the sale of the F-16 jets to Turkey.\n"
    )
    found = {(s.speaker, s.evidence) for s in _statements(nlp, text)}
    assert ("State Department", "it would approve the sale of the F-16 jets to Turkey") in found


def test_a_court_finding_in_favour_of_a_campaign_is_the_courts_utterance(nlp):
    text = (
        "LONDON (Reuters) - Britain suspended new licences for arms exports to Bahrain on Monday.\n\n"
        "The High Court found in favour of the Arms Export Watch group in its challenge to the licences.\n"
    )
    found = {(s.speaker, s.evidence) for s in _statements(nlp, text)}
    assert any(sp == "High Court" and e.startswith("found in favour of") for sp, e in found), found


def test_military_police_who_found_a_fact_speak_as_a_body(nlp):
    text = (
        "VILNIUS (Reuters) - Lithuania bought eight used helicopters from Poland in 2019.\n\n"
        "Lithuanian military police found that the engines of the helicopters bought from Poland had been "
        "replaced.\n"
    )
    speakers = {s.speaker for s in _statements(nlp, text)}
    assert "Lithuanian military police" in speakers, speakers


def test_what_was_found_to_be_so_is_no_finding_of_a_body(nlp):
    text = (
        "NEW YORK (Reuters) - The United Nations extended its arms embargo on Somalia on Friday.\n\n"
        "The monitors recommended that the Security Council ground aircraft found to have broken the "
        "embargo.\n"
    )
    assert not any(s.evidence.startswith("found to have") for s in _statements(nlp, text))


def test_figures_of_a_research_body_named_by_its_acronym_are_its_words(nlp):
    text = (
        "KYIV (Reuters) - Ukraine stopped selling gas turbines to Russia in 2014.\n\n"
        "Russia had been the largest buyer of Ukrainian turbines, taking a fifth of Ukraine's arms "
        "deliveries in 2013, according to SIPRI estimates.\n"
    )
    speakers = {s.speaker for s in _statements(nlp, text)}
    assert "SIPRI" in speakers, speakers
