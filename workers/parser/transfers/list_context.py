"""Lists of parties whose other side is in the sentences before.

A list that names only one side of a supply leaves the other to the story
around it. Two shapes recur:

- a list of parties each with its own amount or number, the verb said once or
  not at all ("The Netherlands put in 250 million euros, Belgium 200 million,
  Norway 140 million"; "Germany will pay for two systems and Norway for one";
  "Contributions: Norway (€1bn), Denmark (€500m)"; "Netherlands: 18 F-16s");
- a list named as the donors of a scheme ("The coalition: Germany, Finland and
  Canada"; "Donors include A, B and C"; "A, B and C have joined the initiative").

Both name the givers; the recipient is that of the reports in the sentences
just before (or the article's one recipient), when those reports agree on one.
Rows of low confidence, never for a list that names a party of its own on the
other side.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from ..catalogue.actors import DEMONYM, ActorMention, mention_index
from ..records import TransferRecord
from ..text import columns
from ..vocab import words
from .headline_parties import headline_recipient, own_line
from .rows import WeakRows
from .status import PLANNED, trigger_status
from .supply_roles import has_supply_vocab

CONFIDENCE = 0.4
# How many sentences back a report lends its recipient.
CARRY_SENTENCES = 2
# Tokens that may stand between a party and its amount: "Norway (€1bn)",
# "Netherlands: 18", "Norway - 140 million".
_AMOUNT_GAP = frozenset({"(", ":", "-", "\u2013", "\u2014", "$", "\u20ac", "\u00a3", "about", "around", "some", "nearly"})


def _amount_after(doc: Doc, end: int, limit: int) -> bool:
    """Whether the words after a party name start with its own number:
    "Belgium 200 million", "Norway (€1bn)", "Netherlands: 18 F-16s", "Norway
    for one"."""
    lowers, pos = columns.lowers(doc), columns.pos(doc)
    i, preps = end, 0
    while i < limit and i < end + 4:
        if doc[i].like_num or pos[i] == "NUM":
            return True
        if lowers[i] in _AMOUNT_GAP or pos[i] == "SYM":
            i += 1
            continue
        if pos[i] == "ADP" and preps == 0 and lowers[i] in {"for", "with"}:
            preps += 1
            i += 1
            continue
        # "1bn", "€500m": a figure spaCy does not take for a number
        return lowers[i].lstrip("$\u20ac\u00a3")[:1].isdigit()
    return False


def _leader(tok: Token) -> bool:
    """The first giver of a gapped list: the subject of a verb whose object
    carries the number ("The Netherlands put in 250 million euros")."""
    while tok.dep_ in {"compound", "conj"} and tok.head.i != tok.i:
        tok = tok.head
    if tok.dep_ != "nsubj":
        return False
    return any(t.like_num for c in tok.head.children if c.dep_ in {"dobj", "prep", "prt", "xcomp"} for t in c.subtree)


def _gives(span: Span) -> bool:
    """Whether a stretch speaks of arms or of money given: "put in 250 million
    euros", "18 F-16s", "pledges", not "grew 2 percent"."""
    currencies = words()["currency_nouns"]
    if any(t.ent_type_ == "MONEY" or t.text[:1] in "$\u20ac\u00a3" or t.lemma_.lower() in currencies for t in span):
        return True
    return has_supply_vocab(span)


def _givers_by_amount(sent: Span, names: list[ActorMention]) -> list[str]:
    """The parties of an amount list, when every party of the sentence is one."""
    doc = sent.doc
    with_amount = [m for m in names if _amount_after(doc, m.token_end, sent.end)]
    if len({m.code for m in with_amount}) < 2 or not _gives(sent):
        return []
    rest = [m for m in names if m not in with_amount]
    if any(not _leader(doc[m.token_end - 1]) for m in rest[:1]) or len(rest) > 1:
        return []
    return list(dict.fromkeys(m.code for m in rest + with_amount))


def _donor_word(tok: Token, donors: frozenset[str]) -> bool:
    return tok.lemma_.lower() in donors


def _givers_by_donor_word(sent: Span, names: list[ActorMention]) -> list[str]:
    """The parties of a list named as donors: "The coalition: A, B and C",
    "Donors include A, B and C", "A, B and C have joined the initiative"."""
    w = words()
    donors, joins = w["donor_nouns"], w["join_verbs"]
    doc = sent.doc
    toks = [doc[m.token_end - 1] for m in names]
    if len({m.code for m in names}) < 2:
        return []
    first = min(toks, key=lambda t: t.i)
    # the parties must hang together as one list
    members = {first.i} | {t.i for t in first.subtree}
    if any(t.i not in members for t in toks):
        return []
    head = first.head
    if first.dep_ in {"appos", "conj", "attr", "dobj"} and _donor_word(head, donors):
        return [m.code for m in names]
    if first.dep_ in {"nsubj", "attr", "dobj"} and any(
            c.dep_ in {"nsubj", "attr"} and c.i != first.i and _donor_word(c, donors) for c in head.children):
        return [m.code for m in names]  # "donors include A and B", "A and B are the donors"
    if first.dep_ == "nsubj" and head.lemma_.lower() in joins:
        return [m.code for m in names]  # "A, B and C have joined the scheme"
    root = sent.root
    if _donor_word(root, donors) and root.pos_ in {"NOUN", "PROPN"} and any(t.lower_ == ":" for t in sent):
        return [m.code for m in names]  # "The coalition, according to Rutte: A, B and C."
    return []


def _line_giver(sent: Span, names: list[ActorMention]) -> str | None:
    """The party of a line of a table or a bulleted list: the line's one
    party, first in it, with its own figure ("Netherlands: 18 F-16s", "- Norway
    (€1bn)")."""
    doc = sent.doc
    if len({m.code for m in names}) != 1 or not own_line(sent):
        return None
    first = names[0]
    lead = [t for t in sent.doc[sent.start:first.token_start] if not (t.is_space or t.is_punct or t.pos_ == "SYM")]
    if lead or not _amount_after(sent.doc, first.token_end, sent.end):
        return None
    return first.code


def _giving_verb(top: Token, give: frozenset[str]) -> Token | None:
    """The verb of supply a subject gives by: its own ("A and B have pledged
    jets"), or the clause of its verb of saying ("A and B said they would send")."""
    if top.dep_ != "nsubj":
        return None
    verb = top.head
    if verb.lemma_.lower() not in give:
        verb = next((c for c in verb.children if c.dep_ in {"ccomp", "xcomp"} and c.lemma_.lower() in give
                     and all(g.pos_ == "PRON" for g in c.children if g.dep_ == "nsubj")), None)
    return verb if verb is not None and has_supply_vocab(verb.subtree) else None


def _imitates(verb: Token) -> bool:
    """Whether a verb repeats the act of the sentence before: "followed suit",
    "did the same", "took similar steps", "have followed"."""
    w = words()
    same = w["same_words"]
    # "did the same with their trade talks": the act is another one
    if any(c.dep_ == "prep" and c.lower_ in {"with", "for", "on", "over"} and not has_supply_vocab(c.subtree)
           for c in verb.children):
        return False
    objs = [c for c in verb.children if c.dep_ == "dobj"]
    if verb.lemma_.lower() in w["follow_verbs"]:
        return all(o.lower_ in same for o in objs)  # "followed", "followed suit", not "followed the debate"
    return any(t.lower_ in same for c in verb.children if c.dep_ in {"dobj", "advmod", "npadvmod"}
               for t in c.subtree)


def _imitators(sent: Span, names: list[ActorMention]) -> list[str]:
    """The parties of a list that repeats the act before, halting or giving
    alike: "Finland, Sweden and the Netherlands took similar steps", "Spain and
    Italy had already halted their exports". Every party of the sentence must
    be in the list, the subject of such a verb."""
    w = words()
    doc = sent.doc
    if len({m.code for m in names}) < 2:
        return []
    tops = set()
    for m in names:
        top = doc[m.token_end - 1]
        while top.dep_ in {"conj", "appos", "compound"} and top.head.i != top.i:
            top = top.head
        tops.add(top.i)
    if len(tops) != 1:
        return []
    top = doc[tops.pop()]
    if top.dep_ != "nsubj":
        return []
    verb = top.head
    halts = verb.lemma_.lower() in w["suspend_verbs"] and has_supply_vocab(verb.subtree)
    return [m.code for m in names] if halts or _imitates(verb) else []


def _givers_by_verb(sent: Span, names: list[ActorMention]) -> tuple[list[str], Token | None]:
    """The parties of lists that give without naming whom: the subjects of a
    verb of supply ("Germany, the Netherlands and Norway have pledged more
    jets, while Denmark and Sweden pledged shells"), or of a verb of saying
    whose clause supplies ("A and B said they would send more interceptors");
    with the first such verb. Every party of the sentence must be one."""
    w = words()
    give = w["supply_verbs"] | w["funding_verbs"]
    doc = sent.doc
    lemmas = columns.lemmas(doc)
    if len({m.code for m in names}) < 2 or not any(lemmas[i] in give for i in range(sent.start, sent.end)):
        return [], None
    verbs: dict[int, Token | None] = {}
    for m in names:
        top = doc[m.token_end - 1]
        while top.dep_ in {"conj", "appos", "compound"} and top.head.i != top.i:
            top = top.head
        if top.i not in verbs:
            verbs[top.i] = _giving_verb(top, give)
        if verbs[top.i] is None:
            return [], None
    return [m.code for m in names], next(iter(verbs.values()))


def _sentence_of(sents: list[Span], start: int) -> int:
    lo, hi = 0, len(sents) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if sents[mid].start_char <= start:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _recipient_before(rows_at: dict[int, list[TransferRecord]], here: int,
                      story: Callable[[], TransferRecord | None]) -> TransferRecord | None:
    """A report of the nearest sentence before (or the same) that names one
    recipient; without one, the report of the story's recipient."""
    for k in range(here, here - CARRY_SENTENCES - 1, -1):
        rows = rows_at.get(k)
        if not rows:
            continue
        recipients = {t.recipient for t in rows}
        return rows[0] if len(recipients) == 1 else None
    return story()


def _story_recipient(found: list[TransferRecord]) -> TransferRecord | None:
    """The first report of the recipient of most of the article's rows (two
    thirds of them, and at least two), when there is one."""
    counts: dict[str, int] = {}
    for t in found:
        counts[t.recipient] = counts.get(t.recipient, 0) + 1
    best = max(counts, key=counts.__getitem__)
    if counts[best] < 2 or 3 * counts[best] < 2 * len(found):
        return None
    return next(t for t in found if t.recipient == best)


def context_list_transfers(doc: Doc, mentions: list[ActorMention], found: list[TransferRecord],
                           bounds: Callable[[Span], tuple[int, int]]) -> list[TransferRecord]:
    """Rows for the givers of amount and donor lists, to the recipient of the
    reports just before them."""
    names_all = [m for m in mentions if m.form != DEMONYM]
    if not names_all:
        return []
    sents = list(doc.sents)
    rows_at: dict[int, list[TransferRecord]] = {}
    for t in found:
        rows_at.setdefault(_sentence_of(sents, t.start), []).append(t)
    rows = WeakRows(doc, found, bounds, CONFIDENCE)
    add = rows.add
    index = mention_index(names_all)
    stories: list[TransferRecord | None] = []

    def story() -> TransferRecord | None:
        """The story's recipient, else the headline's, worked out once when first needed."""
        if not stories:
            best = _story_recipient(found) if found else None
            if best is None and (headline := headline_recipient(sents, index)) is not None:
                best = TransferRecord(supplier="", recipient=headline, status=PLANNED, weapons=[], evidence="",
                                      start=0, end=0)
            stories.append(best)
        return stories[0]

    def give_lines(run: list[tuple[str, int]]) -> None:
        first, last = run[0][1], run[-1][1]
        if _gives(doc[sents[max(first - 1, 0)].start:sents[last].end]):
            give([g for g, _k in run], [k for _g, k in run])

    def give(givers: list[str], sent_at: list[int], status: str | None = None) -> None:
        before = _recipient_before(rows_at, sent_at[0], story)
        if before is None:
            return
        if status is not None:
            before = replace(before, status=status)
        if before.recipient in givers:
            # the list names the recipient of the report before: a list of
            # its fellow buyers ("Operators: Poland 48, Romania 32")
            if before.supplier in givers or not before.supplier:
                return
            for g, k in zip(givers, sent_at):
                add(before.supplier, g, before.status, sents[k])
            return
        for g, k in zip(givers, sent_at):
            add(g, before.recipient, before.status, sents[k])

    def follow(followers: list[str], k: int) -> None:
        """Each follower does what the suppliers of the sentence before did,
        to their one recipient, with their status."""
        rows = rows_at.get(k - 1) or []
        recipients = {t.recipient for t in rows}
        if len(recipients) != 1 or recipients & set(followers):
            return
        for f in followers:
            add(f, rows[0].recipient, rows[0].status, sents[k])

    lines: list[tuple[str, int]] = []
    # the mentioned tokens in text order: each sentence takes its slice
    positions = sorted(index)
    for k, sent in enumerate(sents):
        inside = positions[bisect_left(positions, sent.start):bisect_left(positions, sent.end)]
        names = list({index[i].token_start: index[i] for i in inside}.values())
        line = _line_giver(sent, names) if names else None
        if line is not None and (not lines or lines[-1][1] == k - 1):
            lines.append((line, k))
            continue
        if len(lines) >= 2:
            give_lines(lines)
        lines = [(line, k)] if line is not None else []
        if len(names) < 2:
            continue
        givers = _givers_by_amount(sent, names) or _givers_by_donor_word(sent, names)
        if givers:
            give(givers, [k] * len(givers))
            continue
        givers, verb = _givers_by_verb(sent, names)
        if givers:
            give(givers, [k] * len(givers), trigger_status(verb)[0])
            continue
        followers = _imitators(sent, names)
        if followers:
            follow(followers, k)
    if len(lines) >= 2:
        give_lines(lines)
    return rows.out
