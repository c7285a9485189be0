"""A pronoun speaker ("he said", "she added") is the person who spoke last.

The person resolver reads "he" as the nearest person before it, which in a
news report is often someone named in passing: a counterpart the speaker
thanked, a leader named inside the speaker's own quote, a guest listed at a
ceremony. Reporters, though, write "he said" for the person whose words they
are giving: so when the utterance just before (same or previous paragraph) is
a person's, and the person the resolver chose is not named anew between that
utterance and the pronoun, the pronoun is that speaker.
"""

from __future__ import annotations

from typing import Sequence

from ..people.persons import PersonResolver
from .quotes import Quote
from .utterance import Speaker, Utterance, inside, paragraph_index

_GENDER = {"he": "m", "him": "m", "she": "f", "her": "f"}


def _named_between(resolver: PersonResolver, name: str, start: int, end: int, quotes: Sequence[Quote]) -> bool:
    """``name`` is mentioned outside quotes in [start, end)."""
    return any(n == name and start <= s and e <= end and not inside(quotes, s, e)
               for s, e, n in resolver.mentions)


def last_speaker(utterances: list[Utterance], resolver: PersonResolver, text: str,
                 quotes: Sequence[Quote]) -> None:
    """Give each pronoun utterance (in text order) the speaker of the person's
    utterance just before it, where that reading holds (module docstring)."""
    prev: Utterance | None = None
    for u in utterances:
        sp = u.speaker
        if sp.pronoun in _GENDER and prev is not None and prev.speaker.name != sp.name \
                and prev.end <= u.start \
                and 0 <= paragraph_index(text, u.start) - paragraph_index(text, prev.start) <= 1 \
                and resolver.gender(prev.speaker.name) in {_GENDER[sp.pronoun], None} \
                and not _named_between(resolver, sp.name, prev.end, u.start, quotes):
            u.speaker = Speaker(prev.speaker.name, True, pronoun=sp.pronoun)
        if u.speaker.is_person:
            prev = u
