"""Fixtures for parser tests: the spaCy pipeline, loaded once per session."""

from __future__ import annotations

import pytest
from spacy.language import Language

from workers.parser.text.nlp import get_nlp


@pytest.fixture(scope="session")
def nlp() -> Language:
    return get_nlp()
