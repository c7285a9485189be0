"""Stance and announcement verbs without a reporting verb ("X welcomed the
ruling", "X announced a package"), and bodies named by an acronym the article
spells out. Every sentence here is written for these tests."""

from __future__ import annotations

from tests.parser.statements_helper import statements_in as _statements


def test_an_acronym_spelled_out_earlier_speaks_under_the_full_name(nlp):
    text = (
        "LONDON (Reuters) - The High Court sided on Tuesday with the Network Against Weapons Sales (NAWS), "
        "which had challenged export licences for armoured vehicles to Bahrain.\n\n"
        "NAWS, which brought the challenge, welcomed the ruling that the licences for armoured vehicles to "
        "Bahrain had been granted unlawfully.\n"
    )
    found = {(s.speaker, s.evidence[:19]) for s in _statements(nlp, text)}
    assert ("Network Against Weapons Sales", "welcomed the ruling") in found
    assert not any(sp == "NAWS" for sp, _e in found)


def test_an_acronym_nobody_spells_out_is_no_speaker(nlp):
    text = (
        "LONDON (Reuters) - Britain approved export licences for armoured vehicles to Bahrain.\n\n"
        "QXVZ welcomed the decision to license armoured vehicles for Bahrain.\n"
    )
    assert not any(s.speaker in {"QXVZ"} for s in _statements(nlp, text))


def test_announced_with_an_object_is_an_utterance(nlp):
    text = (
        "WASHINGTON (Reuters) - The United States will send more air defence missiles to Ukraine.\n\n"
        "Defense Secretary Lloyd Austin announced a new package of air defence missiles and artillery "
        "ammunition for Ukraine on Friday.\n"
    )
    found = {(s.speaker, s.evidence[:30]) for s in _statements(nlp, text)}
    assert any(sp == "Lloyd Austin" and e.startswith("announced a new package") for sp, e in found)


def test_an_untagged_body_of_three_proper_nouns_speaks(nlp):
    text = (
        "PARIS (Reuters) - France signed a contract to sell 30 Rafale jets to the United Arab Emirates on Friday.\n\n"
        "Human Rights Watch criticised the sale of the Rafale jets to the Emirates, pointing to the war in Yemen.\n"
    )
    found = {(s.speaker, s.evidence[:22]) for s in _statements(nlp, text)}
    assert ("Human Rights Watch", "criticised the sale of") in found


def test_acknowledged_with_an_object_is_an_utterance(nlp):
    text = (
        "MANILA (Reuters) - South Korea is building two frigates for the Philippine Navy under a 2016 contract.\n\n"
        "Defence Secretary Ramon Velasco acknowledged the long delays in the delivery of the two frigates "
        "from South Korea.\n"
    )
    found = {(s.speaker, s.evidence[:27]) for s in _statements(nlp, text)}
    assert ("Ramon Velasco", "acknowledged the long delay") in found


def test_told_someone_to_do_something_is_an_instruction_uttered(nlp):
    text = (
        "CARACAS (Reuters) - Venezuela has bought Russian fighter jets and helicopters since 2006.\n\n"
        "President Hector Salazar told his defence minister to look into buying air defence missiles from Belarus.\n"
    )
    found = {(s.speaker, s.evidence[:25]) for s in _statements(nlp, text)}
    assert ("Hector Salazar", "told his defence minister") in found


def test_was_clear_that_reports_the_clause(nlp):
    text = (
        "WARSAW (Reuters) - Poland offered to hand its MiG-29 fighter jets to Ukraine on Tuesday.\n\n"
        "Defense Secretary Lloyd Austin was clear that the United States does not back sending more fighter "
        "aircraft to Ukraine.\n"
    )
    found = {(s.speaker, s.evidence[:30]) for s in _statements(nlp, text)}
    assert ("Lloyd Austin", "the United States does not bac") in found
