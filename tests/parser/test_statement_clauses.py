"""Which clause a reporting verb reports: with a clause on each side of the
verb, the one after it; what comes before is an opening phrase. Every sentence
here is written for these tests."""

from __future__ import annotations

import pytest

from tests.parser.statements_helper import statements_in as _statements

LEAD = ("TALLINN (AP) - Estonia has received the first two of six NASAMS air defence systems from Norway, "
        "the Estonian defence ministry said on Friday.\n\n")


@pytest.mark.parametrize("sentence, said, opener", [
    ("Standing beside the frigate at the quay this week, its old name already painted over, Defence Minister "
     "Mart Kask said the talks with Oslo had gone well.\n", "the talks with Oslo had gone well", "Standing beside"),
    ("In a letter dated May 4, the day before the election was held, Defence Minister Mart Kask informed "
     "the speaker that the first NASAMS battery had been cleared for delivery.\n",
     "the first NASAMS battery had been cleared", "In a letter"),
])
def test_the_clause_after_the_verb_is_said_not_an_opening_phrase(nlp, sentence, said, opener):
    evidence = [s.evidence for s in _statements(nlp, LEAD + sentence)]
    assert any(e.startswith(said) for e in evidence), evidence
    assert not any(e.startswith(opener) for e in evidence), evidence
