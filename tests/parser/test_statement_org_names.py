"""The name an institution speaks under: a company's short name or foreign
acronym as the article spells it out, a capitalised "the Foreign Ministry" as
a body of its own, a presidency, an accented office, a joint body without the
list of its members; "the group" never points back to a bare "Group". Every
sentence here is written for these tests."""

from __future__ import annotations

import pytest

from tests.parser.statements_helper import statements_in as _statements
from workers.parser.statements.organisations import OrgRegistry


def _found(nlp, text):
    return {(s.speaker, s.evidence) for s in _statements(nlp, text)}


def test_a_short_company_name_is_the_full_name_given_before(nlp):
    text = (
        "OSLO (Reuters) - Norway will buy twelve patrol boats from Spain. Navantia Maritime SA and Indra are "
        "the main contractors. Navantia said in a statement that it would deliver the boats to Norway by 2028.\n"
    )
    assert ("Navantia Maritime", "it would deliver the boats to Norway by 2028") in _found(nlp, text) \
        or ("Navantia", "it would deliver the boats to Norway by 2028") in _found(nlp, text)


def test_an_acronym_the_gazetteer_knows_is_spelled_out(nlp):
    text = (
        "ANKARA, May 3 - Turkish Aerospace Industries (TUSAS) will build its drones in Kazakhstan under an "
        "agreement signed on Tuesday. The agreement covers the transfer of drone technology, TUSAS said in "
        "a statement.\n"
    )
    speakers = {sp for sp, _e in _found(nlp, text)}
    assert "Turkish Aerospace Industries" in speakers
    assert "TUSAS" not in speakers


@pytest.mark.parametrize("subject, name", [
    ("The French presidency", "French presidency"),
    ("Niger's presidency", "Niger's presidency"),
    ("The Kuwaiti army", "Kuwaiti army"),
    ("The Élysée", "Élysée"),
    # an "of" that lists the member bodies is no part of the name
    ("The Joint Inspection Commission of the Audit Office, the Ombudsman and the Public Prosecution Service",
     "Joint Inspection Commission"),
    ("The Ministry of Industry and Trade", "Ministry of Industry and Trade"),
])
def test_a_named_body_speaks_under_its_own_name(nlp, subject, name):
    text = (
        "PARIS, May 3 - France will sell twenty fighter jets to Kuwait and Niger, officials said.\n\n"
        f"{subject} said the contract for the jets was the outcome of a long partnership.\n"
    )
    assert (name, "the contract for the jets was the outcome of a long partnership") in _found(nlp, text)


def test_the_foreign_ministry_is_not_the_defence_ministry_that_spoke_before(nlp):
    text = (
        "BEIJING, May 3 - China's Ministry of National Defense said it would suspend military visits after "
        "the latest U.S. arms sale to Taiwan. The Foreign Ministry said China would sanction U.S. companies "
        "selling weapons to Taiwan. The Chinese ministry said the arms sale harmed relations.\n"
    )
    found = _found(nlp, text)
    assert ("Foreign Ministry", "China would sanction U.S. companies selling weapons to Taiwan") in found
    # a demonym of the state the ministry that spoke belongs to points back to it
    assert not any(sp == "Chinese ministry" for sp, _e in found)


def test_a_news_site_is_no_speaker_and_a_states_presidency_is(nlp):
    text = (
        "NIAMEY, May 3 - Turkey will sell drones to Niger, officials said.\n\n"
        "The local news site Actu Niger reported on Sunday that the drones would arrive soon. "
        "Niger's presidency said at the time that the country had ordered several drones.\n"
    )
    found = _found(nlp, text)
    assert ("Niger's presidency", "the country had ordered several drones") in found
    assert not any(sp == "Actu Niger" for sp, _e in found)


def test_a_body_after_a_clause_the_parser_joins_to_the_sentence(nlp):
    text = (
        "RABAT, March 5 (Reuters) - Morocco took delivery on Wednesday of its first six attack helicopters "
        "from the United States.\n\n"
        "The helicopters, which arrived by sea late last month, were received at a ceremony at an air base "
        "near the capital, held on the instructions of King Hassan III, the general staff of the Royal Armed "
        "Forces (FAR) said in a statement. It described the handover as a sign of strong cooperation in "
        "defence.\n"
    )
    speakers = [sp for sp, _e in _found(nlp, text)]
    assert speakers.count("general staff of the Royal Armed Forces") == 2


def test_a_plants_press_service_speaks_for_the_plant(nlp):
    text = (
        "KIEV, May 3 - Ukraine will deliver the remaining tanks to Thailand, officials said.\n\n"
        "The Kharkiv plant's press service said it had received no word from Bangkok that the contract was "
        "cancelled. \"We are delivering the tanks on the agreed timetable,\" the plant said.\n"
    )
    speakers = [sp for sp, _e in _found(nlp, text)]
    assert speakers.count("Kharkiv plant") == 2


def test_a_body_named_only_by_its_descriptor_word_is_no_antecedent(nlp):
    doc = nlp("The campaign group and the Crisis Group spoke on Monday. The group said the jets cost too much.")
    orgs = OrgRegistry(doc)
    # the tagger sometimes keeps only "Group" of "Group for a Norway without an Army"
    orgs.names = [(4, "Group")]
    assert orgs.by_descriptor("group", 60) is None
    orgs.names = [(4, "Group"), (20, "Crisis Group")]
    assert orgs.by_descriptor("group", 60) == "Crisis Group"
