"""Parties a supply sentence names only as a side of a war, or only as a speaker.

"Slovakia has sent Ukraine helicopters since Russia invaded" and "Poland signed
for Apaches with the United States after Russia invaded Ukraine" name a party
only as the one who invades or the one invaded; "US Secretary of State Mike
Pompeo claimed that arms sales to Iran would breach UN resolutions" names the
United States only as the speaker's. Such a party neither gives nor receives
the arms of the sentence. The weak steps that pair every party of a supply
sentence (the learned model) read it as a side of the supply; ``war_only`` and
``speaker_only`` tell them it is not.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from ..catalogue.actors import ActorMention
from ..vocab import words

# Links inside one party's phrase: "Russia and Belarus invaded", "Russian forces".
_PHRASE_DEPS = frozenset({"compound", "conj", "appos", "amod"})
# The roles of a war verb's sides: who attacks, who is attacked.
_VERB_SIDES = frozenset({"nsubj", "nsubjpass", "dobj"})
# Prepositions that name the attacked side of a war noun: "the invasion of
# Ukraine", "attacks on Kyiv", "the war against Ukraine".
_NOUN_SIDES = frozenset({"of", "on", "against"})


def _war_side(tok: Token, aggression: frozenset[str]) -> bool:
    """Whether the phrase of ``tok`` (a party's last token) is a side of a war
    word: subject or object of "invade", possessor or "of"/"on" phrase of
    "invasion"."""
    for _ in range(4):
        if tok.dep_ in _PHRASE_DEPS and tok.head.i != tok.i:
            if tok.dep_ in {"amod", "compound"} and tok.head.pos_ == "NOUN" and tok.head.lemma_.lower() in aggression:
                return True  # "the Russian assault", "the Israeli bombing"
            tok = tok.head
        else:
            break
    head = tok.head
    if tok.dep_ in _VERB_SIDES and head.pos_ in {"VERB", "AUX"}:
        return head.lemma_.lower() in aggression
    if tok.dep_ == "poss" and head.pos_ == "NOUN":
        return head.lemma_.lower() in aggression
    if tok.dep_ == "pobj" and head.lower_ in _NOUN_SIDES and head.head.pos_ in {"NOUN", "VERB"}:
        return head.head.lemma_.lower() in aggression
    return False


def war_only(sent: Span, code: str, index: dict[int, ActorMention]) -> bool:
    """Whether every mention of party ``code`` in ``sent`` is a side of a war
    word (and there is at least one)."""
    aggression = words()["aggression_words"]
    ends = {m.token_end - 1 for i in range(sent.start, sent.end) if (m := index.get(i)) is not None and m.code == code}
    return bool(ends) and all(_war_side(sent.doc[i], aggression) for i in ends)


# Links from a party's word to the head of the phrase it sits in: "US Secretary
# of State Mike Pompeo", "the Chinese foreign ministry's spokesman".
_SPEAKER_DEPS = frozenset({"compound", "amod", "poss", "appos", "nmod", "pobj", "prep", "conj"})


def _speaks(tok: Token, saying: frozenset[str]) -> bool:
    """Whether ``tok`` sits in the subject of a verb of saying."""
    for _ in range(6):
        if tok.dep_ in _SPEAKER_DEPS and tok.head.i != tok.i:
            tok = tok.head
        else:
            break
    return tok.dep_ == "nsubj" and tok.head.pos_ == "VERB" and tok.head.lemma_.lower() in saying


def speaker_only(sent: Span, code: str, index: dict[int, ActorMention]) -> bool:
    """Whether every mention of party ``code`` in ``sent`` is in the subject of
    a verb of saying ("US Secretary of State Mike Pompeo claimed that arms
    sales to Iran ..."): the party speaks about the supply and is no side of it."""
    saying = words()["saying_verbs"]
    ends = {m.token_end - 1 for i in range(sent.start, sent.end) if (m := index.get(i)) is not None and m.code == code}
    return bool(ends) and all(_speaks(sent.doc[i], saying) for i in ends)


def _at_border(tok: Token, borders: frozenset[str]) -> bool:
    """Whether the phrase of ``tok`` (a party's last token) only places a border:
    "the border with Ukraine", "Poland's border", "the Ukrainian frontier"."""
    for _ in range(4):
        if tok.dep_ in {"compound", "conj", "appos"} and tok.head.i != tok.i:
            tok = tok.head
        else:
            break
    head = tok.head
    if tok.dep_ in {"poss", "amod", "compound"} and head.pos_ == "NOUN":
        return head.lemma_.lower() in borders
    if tok.dep_ == "pobj" and head.lower_ in {"with", "of"}:
        return head.head.pos_ == "NOUN" and head.head.lemma_.lower() in borders
    return False


def border_only(sent: Span, code: str, index: dict[int, ActorMention]) -> bool:
    """Whether every mention of party ``code`` in ``sent`` only places a border
    ("the S-400 systems Russia would supply would close the southern border with
    Ukraine"): the party is a place there, no side of the supply."""
    borders = frozenset(words()["border_nouns"])
    ends = {m.token_end - 1 for i in range(sent.start, sent.end) if (m := index.get(i)) is not None and m.code == code}
    return bool(ends) and all(_at_border(sent.doc[i], borders) for i in ends)
