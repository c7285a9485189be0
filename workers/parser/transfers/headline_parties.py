"""The parties a headline names on either side of a supply: "Allies pledge
more air defence for Ukraine" (recipient), "Russia signs arms export contracts
worth over 2 bln euros" (supplier). A list in the story that names one side only
may take the other from there."""

from __future__ import annotations

from spacy.tokens import Span

from ..catalogue.actors import ActorMention
from ..vocab import words
from .supply_roles import has_supply_vocab
from .weapons import origin_of

# How many sentences from the top a headline may stand (after a section line,
# a date line that spaCy may cut in two).
HEADLINE_SENTENCES = 6


def own_line(sent: Span) -> bool:
    """Whether the sentence is a line of its own: a line break (or the text's
    edge) before its first word and after its last."""
    doc, first, last = sent.doc, sent.start, sent.end - 1
    while first < last and doc[first].is_space:
        first += 1
    while last > first and doc[last].is_space:
        last -= 1
    starts = first == 0 or "\n" in doc[first - 1].text_with_ws
    ends = last == len(doc) - 1 or "\n" in doc[last].whitespace_ or "\n" in doc[last + 1].text_with_ws
    return starts and ends


def _headlines(sents: list[Span]) -> list[Span]:
    """The first few sentences that are lines of their own without a full
    stop and speak of arms: the headline and a standfirst."""
    return [s for s in sents[:HEADLINE_SENTENCES] if own_line(s) and not s.text.strip().endswith(".")
            and has_supply_vocab(s)]


def headline_recipient(sents: list[Span], index: dict[int, ActorMention]) -> str | None:
    """The one party a headline names as receiving: "Allies pledge more air
    defence for Ukraine", "Ukraine to get more F-16s"."""
    acquire = words()["acquire_verbs"]
    found: set[str] = set()
    for head in _headlines(sents):
        for i in range(head.start, head.end):
            m = index.get(i)
            if m is None or i != m.token_end - 1:
                continue
            tok = head.doc[i]
            if (tok.dep_ == "pobj" and tok.head.lower_ in {"for", "to"}) or (
                    tok.dep_ == "nsubj" and tok.head.lemma_.lower() in acquire):
                found.add(m.code)
    return next(iter(found)) if len(found) == 1 else None


def headline_supplier(sents: list[Span], index: dict[int, ActorMention]) -> str | None:
    """The one party a headline names as supplying: the subject of a verb of
    supply or of signing ("Russia signs arms export contracts"), or the owner
    of a supply noun ("Russia's arms exports hit record")."""
    w = words()
    verbs = w["supply_verbs"] | w["deal_verbs"]
    nouns = w["supply_nouns"]
    found: set[str] = set()
    for head in _headlines(sents):
        for i in range(head.start, head.end):
            m = index.get(i)
            if m is None or i != m.token_end - 1:
                continue
            tok = head.doc[i]
            if (tok.dep_ == "nsubj" and tok.head.lemma_.lower() in verbs) or (
                    tok.dep_ in {"poss", "compound"} and tok.head.lemma_.lower() in nouns):
                found.add(m.code)
    return next(iter(found)) if len(found) == 1 else None


def headline_origin(sents: list[Span]) -> str | None:
    """The one maker state of the systems the headline names ("FA-50 chosen
    for its service record"): the maker of "the jet" the story speaks of."""
    codes = {o for head in _headlines(sents) if (o := origin_of(head.text))}
    return codes.pop() if len(codes) == 1 else None
