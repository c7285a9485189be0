"""The statements one text gives, through the same three steps as the
pipeline (actors, officials, statements), for the statement tests."""

from __future__ import annotations

from workers.parser.catalogue.actors import find_actors
from workers.parser.people.officials import extract_officials
from workers.parser.statements import extract_statements


def statements_in(nlp, text: str):
    doc = nlp(text)
    return extract_statements(doc, find_actors(doc, nlp), extract_officials(doc))
