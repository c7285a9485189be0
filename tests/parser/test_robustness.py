"""Officials and statements never raise, whatever the text, and give the same
records for the same text. The public functions swallow errors (an odd article
must not sink a parse), so these tests drive the inner functions to see them."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workers.parser.people import officials
from workers.parser.statements import extract as statements

WORDS = [
    "Russia", "Russian", "Armenia", "said", "told", "he", "she", "the", "minister", "Defence", "Minister",
    "President", "Sergei", "Shoigu", "Fomin", "will", "supply", "S-300", "weapons", "to", "from", "according",
    "that", ",", ".", '"', "\u201c", "\u201d", "\n", "\n\n", "(", ")", "-", "\u2014", "of", "and", "his",
    "counterpart", "Ministry", "State", "Department", "the", "Kremlin", "adding", "described", "as", "a",
    "deal", "al-", "bin", "Lt.", "Gen.", "R.K.S.", "MOSCOW", "(Reuters)", "'s", "ambassador", "head",
]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(WORDS), max_size=60))
def test_random_word_salad(nlp, words):
    text = " ".join(words)
    doc = nlp(text)
    people = officials._official_people(doc)
    records = officials._records(doc, people)
    found = statements._extract(doc, [], records)
    for s in found:
        assert text[s.start:s.end] == s.evidence
        assert 0.0 <= s.confidence <= 1.0
    assert statements._extract(doc, [], records) == found
    assert officials.extract_officials(doc) == records
