"""Offices the article gives only through a description that takes up the
name ("the Chilean defence minister" after "Rafael Ortiz"), through a posting
written after the sending state ("the Ambassador of Peru to Japan"), and names
whose first word the small model left untagged. Every sentence here is
written for these tests."""

from __future__ import annotations

import pytest

from workers.parser.people.officials import extract_officials


def _officials(nlp, text: str) -> dict[str, tuple[str | None, str | None]]:
    return {o.name: (o.title, o.country) for o in extract_officials(nlp(text))}


@pytest.mark.parametrize(
    ("text", "name", "title", "country"),
    [
        # the description after the name, in the same sentence
        ("When Rafael Ortiz toured the shipyard in Talcahuano on Monday, the Chilean defence minister was "
         "shown the hull of the first frigate.", "Rafael Ortiz", "defence minister", "CHL"),
        # in the next sentence, inside a split clause
        ("Andrzej Nowak chose the airbase for his announcement. The jets, the Polish president told the crowd, "
         "would arrive before winter.", "Andrzej Nowak", "president", "POL"),
        # before the name, in the sentence before
        ("When the Estonian prime minister spoke to reporters on Friday, his tone was calm. The howitzers, "
         "Kaja Tamm said, were already on their way.", "Kaja Tamm", "prime minister", "EST"),
    ],
)
def test_a_description_gives_the_office(nlp, text, name, title, country):
    assert _officials(nlp, text).get(name) == (title, country)


def test_a_description_of_someone_else_gives_nothing(nlp):
    # the analyst speaks about the president: the president is not the analyst
    text = ("Lars Henning said the Norwegian president had been told of the sale. Rune Dahl, the Norwegian "
            "president, did not comment.")
    found = _officials(nlp, text)
    assert "Lars Henning" not in found


def test_a_description_another_official_holds_gives_nothing(nlp):
    text = ("Chilean Defence Minister Rafael Ortiz signed the contract. Pablo Reyes watched, and the Chilean "
            "defence minister said the frigates would sail in May.")
    found = _officials(nlp, text)
    assert found.get("Rafael Ortiz") == ("Defence Minister", "CHL")
    assert "Pablo Reyes" not in found


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("Last week the Ambassador of the Republic of Peru to Japan, Luis Quispe, said the talks had stalled.",
         "Luis Quispe", "PER"),
        ("The Ambassador of Canada to Chile, Mr Owen Hart, alleged that the rifles were diverted.",
         "Owen Hart", "CAN"),
    ],
)
def test_an_ambassador_of_a_state_to_another(nlp, text, name, country):
    assert _officials(nlp, text).get(name) == ("Ambassador", country)


def _tag_only(doc, indices):
    """``doc`` with only the tokens at ``indices`` tagged as persons: the
    model's tags vary with the sentence, the rule under test does not."""
    from spacy.tokens import Span
    doc.set_ents([Span(doc, k, k + 1, "PERSON") for k in indices], default="outside")
    return doc


def test_an_untagged_first_name_joins_the_surname(nlp):
    from workers.parser.people.persons import people_in
    doc = nlp("Hugo Torrealba chose his weekly programme for the news. Later Torrealba said the tanks would come.")
    doc = _tag_only(doc, [k for k, t in enumerate(doc) if t.text == "Torrealba"][1:])
    people = people_in(doc)
    # ("Later", an adverb opening the sentence, is no first name)
    assert [(p.name, [m.text for m in p.mentions]) for p in people] == [
        ("Hugo Torrealba", ["Hugo Torrealba", "Torrealba"])]


def test_a_name_the_model_calls_an_organisation_speaks(nlp):
    from workers.parser.people.persons import people_in
    names = [p.name for p in people_in(nlp("The howitzers, Kaja Tamm said, were already on their way."))]
    assert "Kaja Tamm" in names


@pytest.mark.parametrize("text", [
    "The Federal Council said the jets were the best choice.",
    "The opposition Democratic Party of Japan said the rules were too loose.",
    "Naval Group said it was honoured by the choice.",
    "Amnesty International said the sales should stop.",
])
def test_a_body_that_speaks_is_no_name(nlp, text):
    from workers.parser.people.persons import people_in
    assert people_in(nlp(text)) == []


def test_a_name_of_a_us_state_in_a_senate_story(nlp):
    text = ("The Senate voted on the sale on Thursday. Four Democrats joined the majority: Anne Kessler of Vermont, "
            "Tom Ruiz of New Mexico and two others.")
    found = {o.name: (o.title, o.organization) for o in extract_officials(nlp(text))}
    assert found.get("Anne Kessler") == ("senator", "Senate")
    assert found.get("Tom Ruiz") == ("senator", "Senate")


def test_a_name_of_a_us_state_elsewhere_is_no_legislator(nlp):
    text = "Anne Kessler of Vermont, a farmer, said the sale was none of her business."
    assert not extract_officials(nlp(text))
