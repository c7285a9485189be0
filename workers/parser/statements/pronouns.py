"""A pronoun speaker ("he said", "she added") is the person who spoke last;
a speaker known by one word is the one person whose full name holds it.

The person resolver reads "he" as the nearest person before it, which in a
news report is often someone named in passing: a counterpart the speaker
thanked, a leader named inside the speaker's own quote, a guest listed at a
ceremony. Reporters, though, write "he said" for the person whose words they
are giving: so when the utterance just before (same or previous paragraph) is
a person's, and the person the resolver chose is not named anew between that
utterance and the pronoun, the pronoun is that speaker.
"""

from __future__ import annotations

import re
from typing import Sequence

from spacy.tokens import Doc

from ..people.persons import PersonResolver
from .quotes import Quote
from .utterance import Speaker, Utterance, inside

_GENDER = {"he": "m", "him": "m", "she": "f", "her": "f"}
_BREAKS = re.compile(r"\n+")


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
                and len(_BREAKS.findall(text, prev.start, u.start)) <= 1 \
                and resolver.gender(prev.speaker.name) in {_GENDER[sp.pronoun], None} \
                and not _named_between(resolver, sp.name, prev.end, u.start, quotes):
            u.speaker = Speaker(prev.speaker.name, True, pronoun=sp.pronoun)
        if u.speaker.is_person:
            prev = u


def full_names(doc: Doc, utterances: list[Utterance], resolver: PersonResolver) -> None:
    """"Ursula" or "Matori" as a speaker (the name finder kept one word of a
    longer name): the full name of the one person the article names with it."""
    longer = [n for n in resolver.names if " " in n]
    for u in utterances:
        sp = u.speaker
        if not sp.is_person or " " in sp.name:
            continue
        hits = {n for n in longer if sp.name.lower() in n.lower().split()}
        full = hits.pop() if len(hits) == 1 else _written_on(doc, resolver, sp.name)
        if full:
            u.speaker = Speaker(full, True, pronoun=sp.pronoun)


# Lowercase particles inside a name ("Ursula von der Leyen", "Moin ul Haq").
_PARTICLES = {"von", "van", "der", "den", "de", "da", "di", "du", "la", "le", "bin", "ibn", "al", "el", "ul", "abu"}


def _written_on(doc: Doc, resolver: PersonResolver, name: str) -> str | None:
    """The capitalised words that follow the first mention of a one-word name
    ("Ursula" in "Ursula von der Leyen unveiled"): the name as written."""
    first = next(((s, e) for s, e, n in resolver.mentions if n == name), None)
    if first is None:
        return None
    span = doc.char_span(first[0], first[1], alignment_mode="expand")
    if span is None:
        return None
    words: list[str] = []
    pending: list[str] = []
    for tok in doc[span.end:span.end + 5]:
        if tok.lower_ in _PARTICLES and tok.text.islower():
            pending.append(tok.text)
        elif tok.pos_ == "PROPN" and tok.text[:1].isupper() and tok.is_alpha \
                and (tok.ent_type_ in {"", "PERSON"} or pending):  # "von der Leyen", tagged a place
            words += pending + [tok.text]
            pending = []
        else:
            break
    return f"{span.text} {' '.join(words)}" if words else None
