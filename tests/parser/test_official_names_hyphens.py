"""Names with hyphenated parts: before an apposition that gives the office
("Kassym-Jomart Tokayev, the president of ..."), where the tokenizer splits the
hyphen and the small model often tags the name as an organisation, and long
names whose particles are joined by hyphens ("Al-Ali Al-Sabah"), which use up
no name word, and two capital initials right after a rank ("Air Chief Marshal
KR Bhandari"). The whole name is kept. Every sentence here is written for
these tests."""

from __future__ import annotations

import pytest

from workers.parser.people.officials import extract_officials


def _titles(nlp, text: str) -> dict[str, str | None]:
    return {o.name: o.title for o in extract_officials(nlp(text))}


@pytest.mark.parametrize(
    ("text", "name", "title"),
    [
        ("Aigul Nurlan-Bekova, Kazakhstan's defence minister, said the helicopters had arrived.",
         "Aigul Nurlan-Bekova", "defence minister"),
        ("Marie-Hélène Dufresne, the French armed forces minister, said the frigates were ready.",
         "Marie-Hélène Dufresne", "armed forces minister"),
        ("Kassym-Jomart Tokayev, the president of Kazakhstan, met his Russian counterpart.",
         "Kassym-Jomart Tokayev", "president"),
    ],
)
def test_a_hyphenated_name_before_an_apposition_is_whole(nlp, text, name, title):
    assert _titles(nlp, text).get(name) == title


def test_hyphenated_particles_use_up_no_name_word(nlp):
    found = _titles(nlp, "Omani Defence Minister Salim Nasser Al-Harthi Al-Busaidi signed the deal.")
    assert found == {"Salim Nasser Al-Harthi Al-Busaidi": "Defence Minister"}



@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("South Korean Ambassador Kim In-chul said Seoul valued its defence ties.", "Kim In-chul"),
        ("Defence Minister Park On-yu said the howitzers had shipped.", "Park On-yu"),
    ],
)
def test_a_given_name_whose_first_half_is_a_short_word(nlp, text, name):
    assert name in _titles(nlp, text)


def test_two_capital_initials_right_after_a_rank(nlp):
    found = _titles(nlp, "Air Chief Marshal KR Bhandari, Chief of the Air Staff, received the jets.")
    assert found == {"KR Bhandari": "Chief of the Air Staff"}
