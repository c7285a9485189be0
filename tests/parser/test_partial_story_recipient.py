"""A one-sided supply report takes the story's main recipient only when its
sentence names no other party outright; the project's own invented sentences."""
from __future__ import annotations

from workers.parser import parse_article


def _pairs(text: str) -> set[tuple[str, str]]:
    return {(t.supplier, t.recipient) for t in parse_article(text, content_type="text/plain").transfers}


STORY = ("Iran has shipped thousands of rockets to Hezbollah over the years. "
         "Iran also sent drones to Hezbollah last spring, officials said. ")


def test_a_giver_helping_another_named_party_does_not_take_the_story_s_recipient():
    pairs = _pairs(STORY + "Minister Lund said that by supplying Patriot missiles, Norway was contributing to the security of Finland.")
    assert ("NOR", "hezbollah") not in pairs


def test_a_giver_in_a_sentence_naming_no_one_else_still_takes_the_story_s_recipient():
    pairs = _pairs(STORY + "Syria is also supplying rockets, the officials added.")
    assert ("SYR", "hezbollah") in pairs
