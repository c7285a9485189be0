"""Officials' names the small model or the name grammar used to cut or miss:
capitals of any script, courtesy words between the office and the name,
particle chains, a place name that ends a name, a long name after a short
portfolio. Every sentence here is written for these tests."""

from __future__ import annotations

import pytest

from workers.parser.people.officials import extract_officials


def _officials(nlp, text: str) -> dict[str, str | None]:
    return {o.name: o.title for o in extract_officials(nlp(text))}


@pytest.mark.parametrize(
    ("text", "name", "title"),
    [
        # capitals outside A-Z
        ("The launch was watched by Deputy Interior Minister Şenol Ağca and the crew.", "Şenol Ağca",
         "Deputy Interior Minister"),
        ("President Óscar Núñez told the crowd the ships would come in March.", "Óscar Núñez", "President"),
        # a courtesy word between the office and the name
        ("In reply, the Minister of Water and Sanitation, Dr Thabo Mokoena, denied the claim.", "Thabo Mokoena",
         "Minister of Water and Sanitation"),
        ("The Chief Minister of Goa, Shri Arvind Kulkarni, opened the hangar.", "Arvind Kulkarni",
         "Chief Minister of Goa"),
        # two particles in a row
        ("Agriculture Commissioner Hendrik van der Berg said the funds were ready.", "Hendrik van der Berg",
         "Agriculture Commissioner"),
        # a lower-case particle
        ("Bangladeshi Ambassador to Japan Zia ul Karim attended the launch.", "Zia ul Karim", "Ambassador to Japan"),
        # a portfolio of office words, then a three-part name
        ("The bill was signed by Minister of Defense Budi Santoso Wirawan on Friday.", "Budi Santoso Wirawan",
         "Minister of Defense"),
    ],
)
def test_official_names_are_whole(nlp, text, name, title):
    assert _officials(nlp, text).get(name) == title


def test_a_surname_that_is_also_a_place_stays(nlp):
    # "Hague" is a seat of government; in a name the model tags whole it stays
    found = _officials(nlp, "Home Secretary William Hague told the committee that the shipments had stopped.")
    assert "William Hague" in found
    assert "William" not in found


@pytest.mark.parametrize(
    ("text", "name", "title"),
    [
        ("The guard of honour was reviewed on the orders of King Hamad III, the palace said.", "Hamad III", "King"),
        ("The accord was signed by Minister of Trade and Industry Lina Haddad Salem on Monday.", "Lina Haddad Salem",
         "Minister of Trade and Industry"),
        ("The plan dates from Foreign Minister Karl Brenner's predecessor Otto Weisz, who drafted it.", "Otto Weisz",
         "Foreign Minister"),
        ("Senator Dana Whitfield, the minority leader, opposed the sale.", "Dana Whitfield", "minority leader"),
        ("Representative Hal Norcross, the chairman of the House Armed Services Committee, opposed the sale.",
         "Hal Norcross", "chairman"),
    ],
)
def test_regnal_numbers_portfolios_with_and_predecessors(nlp, text, name, title):
    assert _officials(nlp, text).get(name) == title


def test_reserve_mark_and_two_capital_initials(nlp):
    found = _officials(nlp, "Director General Maj. Gen. (Res.) Amir Golan and Vice President JD Harlow met in Tel Aviv.")
    assert found.get("Amir Golan") == "Director General"
    assert "Res" not in found


def test_hindi_office_before_a_courtesy_word(nlp):
    found = _officials(nlp, "Raksha Mantri Shri Vikram Desai had announced on 19 June that the corvette would be gifted.")
    assert found.get("Vikram Desai") == "Raksha Mantri"


@pytest.mark.parametrize(
    ("text", "name", "title"),
    [
        ("Sen. Walter Crane urged a halt to the sale. Crane, the chairman of the Senate Foreign Relations "
         "Committee, said the jets could wait.", "Walter Crane", "chairman"),
        ("Rep. Ann Holbrook opposed the deal. Holbrook, the ranking member of the House Foreign Affairs "
         "Committee, wrote to the secretary.", "Ann Holbrook", "ranking member"),
        ("Rep. Ann Holbrook, the ranking member of the House Foreign Affairs Committee, wrote to the secretary.",
         "Ann Holbrook", "ranking member"),
    ],
)
def test_a_seat_gives_way_to_an_office_given_at_another_mention(nlp, text, name, title):
    assert _officials(nlp, text).get(name) == title


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sen. Walter Crane, D-N.J., the chairman of the Senate Foreign Relations Committee, said he would wait.",
         {"Walter Crane": "chairman"}),
        ("Rep. Ann Holbrook, R-Idaho, said the sale was premature.", {"Ann Holbrook": "Rep."}),
        ("Sen. Dale Pruitt, I-Vt., the ranking member, opposed the deal.", {"Dale Pruitt": "ranking member"}),
    ],
)
def test_a_us_party_tag_after_the_name_is_no_name(nlp, text, expected):
    assert {o.name: o.title for o in extract_officials(nlp(text))} == expected
