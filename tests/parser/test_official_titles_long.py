"""Long offices kept whole: a remit in common nouns after the head ("head of
procurement", "minister in charge of ...", "adviser on ..."), before the name
as well as after it, new heads (general manager, member of parliament), and a
four-part name before an apposition. Every sentence here is written for these
tests."""

from __future__ import annotations

import pytest

from workers.parser.people.officials import extract_officials


def _officials(nlp, text: str) -> dict[str, tuple[str | None, str | None]]:
    return {o.name: (o.title, o.organization) for o in extract_officials(nlp(text))}


@pytest.mark.parametrize(
    ("text", "name", "title"),
    [
        ("Kamal Haddad, the army's head of logistics, inspected the trucks.", "Kamal Haddad", "head of logistics"),
        ("Leila Mansour, the Tunisian minister in charge of civil protection, opened the depot.", "Leila Mansour",
         "minister in charge of civil protection"),
        ("Her adviser on arms control, Ingrid Solberg, flew to Geneva on Monday.", "Ingrid Solberg",
         "adviser on arms control"),
        ("Italian presidential aide for defence industry affairs Marco Bellini said the offer stood.",
         "Marco Bellini", "presidential aide for defence industry affairs"),
        ("Oskar Lind, head of the Swedish prime minister's office, wrote that the sale was final.", "Oskar Lind",
         "head of the Swedish prime minister's office"),
        ("Yusuf Demir, the general manager of Aselsan, said the radar was ready.", "Yusuf Demir",
         "general manager"),
        ("The sanctions also name Ajak Deng Malual Kuol, the deputy chief of staff for operations, and two others.",
         "Ajak Deng Malual Kuol", "deputy chief of staff for operations"),
    ],
)
def test_long_titles_are_whole(nlp, text, name, title):
    assert _officials(nlp, text).get(name, (None,))[0] == title


def test_a_named_body_after_of_stays_the_organisation(nlp):
    found = _officials(nlp, "Pavel Orlov, the head of Rosoboronexport, spoke at the show.")
    assert found["Pavel Orlov"] == ("head", "Rosoboronexport")


def test_a_company_after_an_office_is_no_name(nlp):
    found = _officials(nlp, "Emre Kaya, the general manager of Turkish Aerospace Industries, later said the jets were ready.")
    assert list(found) == ["Emre Kaya"]


@pytest.mark.parametrize(
    ("text", "name", "title"),
    [
        ("Last week the Danish ambassador to Chile, Mette Holm, said the offer stood.", "Mette Holm",
         "ambassador to Chile"),
        ("Ruslan Aliyev, press aide to the Prime Minister, said the talks were over.", "Ruslan Aliyev",
         "press aide to the Prime Minister"),
        ("Senior Pentagon spokesman Gary Lomax said the shipment had left.", "Gary Lomax",
         "Senior Pentagon spokesman"),
        ("Kremlin spokesman Pavel Zorin said Moscow would respond.", "Pavel Zorin", "Kremlin spokesman"),
    ],
)
def test_postings_and_seats_of_power_stay_in_the_title(nlp, text, name, title):
    assert _officials(nlp, text).get(name, (None,))[0] == title


def test_a_hyphenated_participle_does_not_end_an_apposition(nlp):
    found = _officials(nlp, "The minister handed Kerem Aydin, general manager of the state-owned yard ASFAT, the letter.")
    assert found["Kerem Aydin"][0].startswith("general manager")


@pytest.mark.parametrize(
    ("text", "name", "title"),
    [
        ("Lord Ellery, the defence procurement minister, had defended the sale.", "Lord Ellery",
         "defence procurement minister"),
        ("The talks stalled between the government and rebel leader Garang Deng Mabior in Nairobi.",
         "Garang Deng Mabior", "rebel leader"),
    ],
)
def test_portfolio_words_before_the_head(nlp, text, name, title):
    assert _officials(nlp, text).get(name, (None,))[0] == title


@pytest.mark.parametrize(
    ("text", "name", "title"),
    [
        ("Moshe Adler, a member of the Knesset, said the sale was illegal.", "Moshe Adler",
         "member of the Knesset"),
        ("Question from Sevda Arslan, member of the Bundestag (The Left): What was the value of the licences?",
         "Sevda Arslan", "member of the Bundestag"),
        ("Marta Ruiz, a member of the European Parliament, called for an embargo.", "Marta Ruiz",
         "member of the European Parliament"),
    ],
)
def test_a_seat_in_a_named_legislature_is_a_title(nlp, text, name, title):
    assert _officials(nlp, text).get(name, (None,))[0] == title


@pytest.mark.parametrize(
    ("text", "name", "title"),
    [
        ("The deputy chief of the army's general staff, Major General Hu Pengfei, said the drills began.",
         "Hu Pengfei", "deputy chief of the army's general staff"),
        ("Arms control negotiator Dale Whitmore said the talks would resume.", "Dale Whitmore",
         "Arms control negotiator"),
    ],
)
def test_an_office_over_a_unit_named_after_a_possessive(nlp, text, name, title):
    assert _officials(nlp, text).get(name, (None,))[0] == title


@pytest.mark.parametrize(
    ("text", "name", "title"),
    [
        ("Navy spokesman Commander Ravi Menon said the carrier was ready.", "Ravi Menon", "Navy spokesman"),
        ("Former deputy Prime Minister Lena Vos said the carrier was ready.", "Lena Vos", "deputy Prime Minister"),
    ],
)
def test_a_capitalised_office_after_one_in_lower_case_is_the_name_s_style(nlp, text, name, title):
    assert _officials(nlp, text).get(name, (None,))[0] == title


@pytest.mark.parametrize(
    ("text", "name", "title"),
    [
        ("Parliamentary Under-Secretary of State for Defence Procurement Jon Quinn said the contract was signed.",
         "Jon Quinn", "Parliamentary Under-Secretary of State for Defence Procurement"),
        ("Under-Secretary-General Rosa Dimas said the council would meet.", "Rosa Dimas",
         "Under-Secretary-General"),
    ],
)
def test_a_hyphenated_under_secretary_is_whole(nlp, text, name, title):
    assert _officials(nlp, text).get(name, (None,))[0] == title
