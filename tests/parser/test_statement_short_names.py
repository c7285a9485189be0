"""A person named in full and later by one short word of the name ("Du" for
"Du Gang"): the word speaks as the person. Every sentence here is written for
these tests."""

from __future__ import annotations

from tests.parser.statements_helper import statements_in as _statements

LEAD = ("SHANGHAI (Xinhua) - A corvette built in China for Bangladesh was handed over at a shipyard in "
        "Shanghai on Friday.\n\n"
        "The ceremony was attended by Wu Ke, deputy general manager of the shipyard, and Bangladeshi "
        "officers.\n\n")


def test_a_two_letter_family_name_after_the_full_name_is_the_person(nlp):
    text = LEAD + "Wu praised the early completion of the corvette.\n"
    found = {(s.speaker, s.evidence) for s in _statements(nlp, text)}
    assert ("Wu Ke", "praised the early completion of the corvette") in found, found


def test_a_short_word_two_people_share_names_no_one(nlp):
    text = LEAD.replace("and Bangladeshi officers", "and Wu Fang, the shipyard's chief engineer") \
        + "Wu praised the early completion of the corvette.\n"
    assert not any(s.evidence.startswith("praised the early") for s in _statements(nlp, text))
