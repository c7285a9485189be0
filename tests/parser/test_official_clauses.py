"""Officials whose office is given by a clause or a neighbour rather than a
title phrase: "who was ... minister" (also after a short description: "a
Green who is now ..."), "heads the ...", "chairs its security committee",
"chaired by", a counterpart of someone whose office is named in another
sentence; and a release's heading after a rank is no name. Every sentence
here is written for these tests."""

from __future__ import annotations

import pytest

from workers.parser.people.officials import extract_officials


def _officials(nlp, text: str) -> dict[str, str | None]:
    return {o.name: o.title for o in extract_officials(nlp(text))}


@pytest.mark.parametrize(
    ("text", "name", "title"),
    [
        ("Tomás Ibarra, who was interior minister at the time, called the embargo unfair.", "Tomás Ibarra",
         "interior minister"),
        ("\"It cannot stand,\" said Greta Sommer, a Social Democrat who is now minister of state at the Foreign "
         "Office.", "Greta Sommer", "minister of state"),
        ("The statement was issued by a group including Kenji Arai, a veteran lawmaker who chairs its security "
         "research committee.", "Kenji Arai", "chair"),
        ("Akira Mori, who chairs the party's defence panel, drafted the rules.", "Akira Mori", "chair"),
        ("Per-Olof Sandgren, who heads Norway's Directorate of Export Controls, told the radio the sales had stopped.",
         "Per-Olof Sandgren", "head"),
        ("Ivan Borodin heads the Federal Service for Export Licensing, the agency that issues the permits.",
         "Ivan Borodin", "head"),
        ("The deal was questioned by the defence committee, which is chaired by Ahmad Rashidi Yusof.",
         "Ahmad Rashidi Yusof", "chair"),
        ("Defence Minister Anna Kowalczyk spoke first. Later, Kowalczyk wrote to her Czech counterpart Jana Dvorakova "
         "asking for the shells.", "Jana Dvorakova", "Defence Minister"),
    ],
)
def test_office_from_a_clause_or_a_counterpart(nlp, text, name, title):
    assert _officials(nlp, text).get(name) == title


def test_a_company_a_person_heads_makes_no_official(nlp):
    assert "Lars Ekdahl" not in _officials(nlp, "Lars Ekdahl heads the Nordic Precision Optics, a maker of sights.")


def test_a_heading_after_a_rank_is_no_name(nlp):
    text = ("News Release | Major Arms Sales\n\nThe State Department has made a determination approving a possible "
            "sale of arms to Norway.")
    assert _officials(nlp, text) == {}


def test_members_in_a_parliamentary_record(nlp):
    text = ("The Minister for Defence Procurement (Mr Alan Birch): The licences remain suspended.\n\n"
            "Gwyneth Pryce-Llewellyn (Ceredigion North) (PC): Will the Minister publish the advice?\n\n"
            "Rhodri Mabey (Swansea East) (Lab), Shadow Minister for Defence Procurement: The House deserves better.\n\n"
            "He was replying to a question from Zulkifli Hamdan Rahman (PH\u2013Kota Bharu), who asked about radars.")
    found = _officials(nlp, text)
    assert found["Alan Birch"] == "Minister for Defence Procurement"
    assert found["Gwyneth Pryce-Llewellyn"] == "member of parliament"
    assert found["Rhodri Mabey"] == "Shadow Minister for Defence Procurement"
    assert found["Zulkifli Hamdan Rahman"] == "member of parliament"


def test_a_bracketed_acronym_after_a_name_is_no_party(nlp):
    text = "The report was written by Helga Brandt (SIPRI) and cited by ministers."
    assert "Helga Brandt" not in _officials(nlp, text)


@pytest.mark.parametrize(
    "text",
    [
        "Amnesty Secretary General Rosa Villalobos said the shipments must stop.",
        "Tomas Ekberg, SIPRI's director, said European buyers had many reasons.",
        "Issa Mahamadou, secretary general of the civil society group Voix Citoyennes, welcomed the move.",
    ],
)
def test_heads_of_ngos_and_think_tanks_are_no_officials(nlp, text):
    assert _officials(nlp, text) == {}


def test_members_listed_after_members_were(nlp):
    text = ("The inquiry was chaired by Judge Thandi Mokoena. Its other members were Mr Pieter Venter and "
            "Ms Aisha Dlamini. The members were surprised by the vote, said Anna Berg.")
    found = _officials(nlp, text)
    assert found.get("Pieter Venter") == "member"
    assert "Anna Berg" not in found
