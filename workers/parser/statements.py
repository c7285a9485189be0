"""Statements: attributed utterances about arms supply.

Two sources of utterances, each split per utterance:

* direct quotes (``quotes.py``), attributed from the words around them;
* reported speech: a reporting verb with a clause ("Fomin said that ...",
  "X told Y that ..."), a verb that carries the utterance in its own object ("X
  described the delivery as a major mistake", "X urged Moscow to reconsider"),
  and "according to X, ...".

Speakers are named persons (resolved to the full name as first given: surnames,
"the minister", "he") or named institutions ("State Department", "Turkey's
Foreign Ministry"). Countries and capitals ("Ankara has denied"), unnamed
officials and sources, and news media are not speakers.

An utterance is kept when it speaks of arms supply: supply words, weapons or
designations in it; or, for an article that reports a transfer, in the sentence
around it; or when it continues a kept utterance of the same speaker. Its
supplier and recipients come from ``supply_context``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Iterable, Sequence

from spacy.tokens import Doc, Span, Token

from . import supply_context as sc
from .officials import PersonResolver, build_resolver
from .quotes import Quote, find_quotes, paragraph_index, tokens_after, tokens_before
from .records import OfficialRecord, StatementRecord
from .speakers import OrgRegistry, Speaker, resolve_subject, subject_of
from .titles import state_code

_TRAIL = " \t\n,.;:"
_DENIAL = {"deny", "dismiss", "reject", "refute"}


@dataclass
class _Utterance:
    speaker: Speaker
    start: int
    end: int
    direct: bool
    context_start: int  # the sentence(s) that carry the utterance and its attribution
    context_end: int
    verb: str
    confidence: float
    group: int = -1  # pieces of one split quote share a group
    speaker_supplies: bool = False
    addressee: str | None = None  # the person spoken to ("X told Y that ...")


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _TRAIL + "\"\u201c\u201d":
        start += 1
    while end > start and text[end - 1] in _TRAIL + "\"\u201c\u201d":
        end -= 1
    return start, end


def _clause_span(verb: Token, clause: Token) -> tuple[int, int]:
    """Characters of a reported clause, without "that" and the reporting verb."""
    toks = [t for t in clause.subtree]
    # a clause before its verb ("X will happen, he said") never includes the verb
    toks = [t for t in toks if t.i != verb.i]
    while toks and (toks[0].dep_ == "mark" or toks[0].is_punct):
        toks = toks[1:]
    if not toks:
        return clause.idx, clause.idx
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)


def _predicate_span(verb: Token, subject: Token | None) -> tuple[int, int]:
    """From the verb to the end of what it governs ("described the planned
    delivery as a major mistake ... and urged Moscow to reconsider")."""
    right = verb.right_edge
    toks = [t for t in verb.doc[verb.i:right.i + 1]]
    # a trailing attribution or time adverbial clause of another speaker is rare;
    # stop at a semicolon, which starts another statement
    for k, t in enumerate(toks):
        if t.text == ";":
            toks = toks[:k]
            break
    return verb.idx, toks[-1].idx + len(toks[-1].text) if toks else verb.idx + len(verb.text)


def _inside(quotes: Sequence[Quote], start: int, end: int) -> bool:
    return any(q.start <= start and end <= q.end for q in quotes)


def _overlaps_quote(quotes: Sequence[Quote], start: int, end: int) -> bool:
    return any(q.content_start < end and start < q.content_end for q in quotes)


def _sentence_bounds(doc: Doc, tok: Token) -> tuple[int, int]:
    sent = tok.sent
    return sent.start_char, sent.end_char


def _reported(doc: Doc, resolver: PersonResolver, orgs: OrgRegistry, quotes: Sequence[Quote]) -> list[_Utterance]:
    w = sc.words()
    clause_verbs, predicate_verbs = w["clause_verbs"], w["predicate_verbs"]
    out: list[_Utterance] = []
    for tok in doc:
        lem = tok.lemma_.lower()
        if tok.pos_ not in {"VERB", "AUX"} and tok.tag_ not in {"VBD", "VBZ", "VBP", "VBG", "VBN", "VB"}:
            continue
        if lem not in clause_verbs and lem not in predicate_verbs:
            continue
        if _inside(quotes, tok.idx, tok.idx + 1):
            continue  # a verb inside a quote is the speaker's own wording
        clause = next((c for c in tok.children if c.dep_ in {"ccomp"}), None)
        # relative clauses report only with a clause: "which the bloc said had been used"
        if tok.dep_ == "relcl" and clause is None:
            continue
        # "saying"/"adding" hanging from a reporting verb belong to its utterance
        # unless they report a clause of their own after a quote
        head = tok.head
        if tok.dep_ in {"advcl", "xcomp", "conj"} and head.i != tok.i and head.lemma_.lower() in predicate_verbs \
                and clause is not None and lem == "say":
            continue
        subj = subject_of(tok)
        speaker = resolve_subject(doc, subj, tok, resolver, orgs) if subj is not None else None
        if speaker is None:
            continue
        if clause is not None and lem in clause_verbs:
            start, end = _clause_span(tok, clause)
        elif lem in predicate_verbs and any(c.dep_ in {"dobj", "xcomp", "dative", "prep", "ccomp"} for c in tok.children):
            start, end = _predicate_span(tok, subj)
        else:
            continue
        start, end = _trim(doc.text, start, end)
        if end - start < 8:
            continue
        cs, ce = _sentence_bounds(doc, tok)
        supplies = _speaker_side_supplies(doc, start, end)
        if lem in sc.words()["supplier_verbs"] and clause is None:
            supplies = True  # "Biden promised Zelenskiy air defence systems"
        addressee = None
        if lem == "tell":
            obj = next((c for c in tok.children if c.dep_ in {"dobj", "dative"}), None)
            if obj is not None:
                addressee = resolver.person_at(obj.left_edge.idx, obj.right_edge.idx + len(obj.right_edge.text))
        out.append(_Utterance(speaker=speaker, start=start, end=end, direct=False, context_start=cs,
                              context_end=ce, verb=lem, confidence=0.7, speaker_supplies=supplies,
                              addressee=addressee))
    return out


def _speaker_side_supplies(doc: Doc, start: int, end: int) -> bool:
    """"his ministry would grant no new export licences", "we have supplied":
    the speaker's own side is the one supplying."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    w = sc.words()
    for t in span:
        if t.dep_ not in {"nsubj", "nsubjpass"}:
            continue
        own = t.lower_ in {"we"} or any(c.dep_ == "poss" and c.lower_ in {"his", "her", "our", "my"} for c in t.children)
        if not own:
            continue
        verb = t.head
        lems = {verb.lemma_.lower()} | {c.lemma_.lower() for c in verb.subtree}
        if lems & (w["supplier_verbs"] | {"export", "licence", "license", "permit", "application"}):
            return True
    return False


def _according(doc: Doc, resolver: PersonResolver, orgs: OrgRegistry, quotes: Sequence[Quote]) -> list[_Utterance]:
    """"According to Shoigu, the systems ... will strengthen ..."."""
    out: list[_Utterance] = []
    for tok in doc:
        if tok.lower_ != "according" or tok.i + 1 >= len(doc) or doc[tok.i + 1].lower_ != "to":
            continue
        to = doc[tok.i + 1]
        pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
        if pobj is None:
            continue
        speaker = resolve_subject(doc, pobj, tok, resolver, orgs)
        if speaker is None:
            continue
        sent = tok.sent
        phrase = list(tok.subtree) if tok.head.i != tok.i else [tok, to] + list(pobj.subtree)
        p_start = min(t.i for t in phrase + [tok, to])
        p_end = max(t.i for t in phrase + [tok, to] + list(pobj.subtree)) + 1
        before = (sent.start_char, doc[p_start].idx) if p_start > sent.start else None
        after = (doc[p_end - 1].idx + len(doc[p_end - 1].text), sent.end_char) if p_end < sent.end else None
        parts = [p for p in (before, after) if p]
        if not parts:
            continue
        start, end = max(parts, key=lambda p: p[1] - p[0])
        start, end = _trim(doc.text, start, end)
        if end - start < 12 or _inside(quotes, start, end):
            continue
        out.append(_Utterance(speaker=speaker, start=start, end=end, direct=False, context_start=sent.start_char,
                              context_end=sent.end_char, verb="according", confidence=0.6))
    return out


def _quote_speaker(doc: Doc, q: Quote, resolver: PersonResolver, orgs: OrgRegistry) -> tuple[Speaker | None, int, int]:
    """Speaker named next to a quote, with the bounds of the attribution context."""
    w = sc.words()
    verbs = w["clause_verbs"] | w["predicate_verbs"] | {"write", "tweet"}
    after = tokens_after(doc, q)
    for tok in after:
        if tok.lemma_.lower() in verbs and tok.pos_ in {"VERB", "AUX"}:
            subj = subject_of(tok)
            if subj is None:
                # "said Fomin": the name after the verb
                subj = next((t for t in doc[tok.i + 1:tok.i + 6] if t.ent_type_ == "PERSON" or t.pos_ == "PROPN"), None)
            if subj is not None:
                sp = resolve_subject(doc, subj, tok, resolver, orgs)
                if sp:
                    end = after[-1].idx + len(after[-1].text)
                    return sp, q.start, max(end, q.end)
            break
    before = tokens_before(doc, q)
    for tok in reversed(before):
        if tok.lemma_.lower() in verbs and tok.pos_ in {"VERB", "AUX"}:
            subj = subject_of(tok)
            if subj is not None:
                sp = resolve_subject(doc, subj, tok, resolver, orgs)
                if sp:
                    return sp, before[0].idx, q.end
            break
    return None, q.start, q.end


def _direct(doc: Doc, resolver: PersonResolver, orgs: OrgRegistry, quotes: Sequence[Quote]) -> list[_Utterance]:
    out: list[_Utterance] = []
    last: _Utterance | None = None
    group = 0
    for q in quotes:
        words = doc.text[q.content_start:q.content_end].split()
        speaker, cs, ce = _quote_speaker(doc, q, resolver, orgs)
        same_group = False
        if speaker is None and last is not None and last.direct \
                and paragraph_index(doc.text, q.start) - paragraph_index(doc.text, last.start) <= 1:
            # a quote with no attribution continues the quote before it
            speaker, same_group = last.speaker, True
        if speaker is None:
            continue
        # "...," Fomin said. "...": the second piece is the same utterance
        if last is not None and last.direct and last.speaker.name == speaker.name \
                and paragraph_index(doc.text, q.start) == paragraph_index(doc.text, last.start) \
                and not _attribution_before(doc, q):
            same_group = True
        if not same_group:
            group += 1
        conf = 0.8 if len(words) >= 3 else 0.6
        u = _Utterance(speaker=speaker, start=q.content_start, end=q.content_end, direct=True, context_start=cs,
                       context_end=ce, verb="quote", confidence=conf, group=group)
        out.append(u)
        last = u
    return out


def _attribution_before(doc: Doc, q: Quote) -> bool:
    w = sc.words()
    return any(t.lemma_.lower() in w["clause_verbs"] for t in tokens_before(doc, q)[-6:])


def _continues(prev: _Utterance, u: _Utterance, text: str) -> bool:
    return prev.speaker.name == u.speaker.name and 0 <= paragraph_index(text, u.start) - paragraph_index(text, prev.start) <= 1


def _about_supply(doc: Doc, us: list[_Utterance], has_context: bool) -> list[_Utterance]:
    """Keep utterances about arms supply (see the module docstring)."""
    text = doc.text
    kept: list[_Utterance] = []
    own: dict[int, bool] = {}
    for i, u in enumerate(us):
        span = doc.char_span(u.start, u.end, alignment_mode="expand")
        own[i] = bool(span is not None and sc.has_supply_vocab(span))
    groups_with_vocab = {u.group for i, u in enumerate(us) if u.direct and own[i]}
    prev_kept: _Utterance | None = None
    for i, u in enumerate(us):
        keep = own[i]
        if not keep and u.direct and u.group in groups_with_vocab:
            keep = False  # a split quote keeps only its pieces about supply
        elif not keep and has_context:
            ctx = doc.char_span(u.context_start, u.context_end, alignment_mode="expand")
            if ctx is not None and sc.has_supply_vocab(ctx, strong_only=True):
                keep, u.confidence = True, min(u.confidence, 0.55)
            elif u.verb in _DENIAL:
                keep, u.confidence = True, min(u.confidence, 0.5)
            elif prev_kept is not None and _continues(prev_kept, u, text) and u.group != prev_kept.group:
                keep, u.confidence = True, min(u.confidence, 0.5)
        if keep:
            kept.append(u)
            prev_kept = u
    return kept


def _dedupe(us: list[_Utterance]) -> list[_Utterance]:
    """One statement per utterance: a reported clause that contains a quote or
    another reported clause of the same speaker gives way to it."""
    us = sorted(us, key=lambda u: (u.start, u.end))
    out: list[_Utterance] = []
    for u in us:
        clash = None
        for o in out:
            if o.start < u.end and u.start < o.end and (o.speaker.name == u.speaker.name or o.direct or u.direct):
                clash = o
                break
        if clash is None:
            out.append(u)
            continue
        # prefer a direct quote, then the inner (shorter) reported clause
        better = (u.direct and not clash.direct) or (
            u.direct == clash.direct and (u.end - u.start) < (clash.end - clash.start))
        if better:
            out[out.index(clash)] = u
    return sorted(out, key=lambda u: (u.start, u.end))


def _speaker_country(sp: Speaker, resolver: PersonResolver) -> str | None:
    if sp.is_person:
        off = resolver.official(sp.name)
        return off.country if off else None
    for word in re.findall(r"[A-Z][\w.'\u2019]*", sp.name):
        code = state_code(word)
        if code:
            return code
    return None


def _person_country(name: str | None, resolver: PersonResolver) -> str | None:
    off = resolver.official(name) if name else None
    return off.country if off else None


def extract_statements(doc: Doc, actor_mentions: Any, officials: Sequence[OfficialRecord]) -> list[StatementRecord]:
    """Every attributed utterance about arms supply in ``doc``, in text order."""
    try:
        return _extract(doc, actor_mentions, officials)
    except Exception:  # an odd article yields no statements rather than no extraction
        return []


def _extract(doc: Doc, actor_mentions: Any, officials: Sequence[OfficialRecord]) -> list[StatementRecord]:
    mentions = sc.normalise_mentions(doc, actor_mentions)
    resolver = build_resolver(doc, list(officials) if officials is not None else None)
    orgs = OrgRegistry(doc)
    quotes = find_quotes(doc.text)
    direct = _direct(doc, resolver, orgs, quotes)
    reported = [u for u in _reported(doc, resolver, orgs, quotes) + _according(doc, resolver, orgs, quotes)
                if not _overlaps_quote(quotes, u.start, u.end)]
    # "According to the Kremlin, Putin explained that ...": the person's clause wins
    reported = [u for u in reported if u.verb != "according" or not any(
        o is not u and o.verb != "according" and o.start < u.end and u.start < o.end for o in reported)]
    utterances = _dedupe(direct + reported)
    ctx = sc.article_context(doc, mentions)
    has_context = not ctx.empty()
    utterances = _about_supply(doc, utterances, has_context)
    out: list[StatementRecord] = []
    for u in utterances:
        roles, loose = sc.roles_in(doc, mentions, u.start, u.end)
        supplier, recipients = sc.resolve_roles(
            roles, ctx, speaker_country=_speaker_country(u.speaker, resolver), speaker_supplies=u.speaker_supplies,
            loose=[m.code for m in loose], addressee_country=_person_country(u.addressee, resolver))
        out.append(StatementRecord(
            speaker=u.speaker.name,
            speaker_is_person=u.speaker.is_person,
            supplier=supplier,
            recipients=recipients,
            evidence=doc.text[u.start:u.end],
            start=u.start,
            end=u.end,
            direct_quote=u.direct,
            confidence=round(u.confidence, 2),
        ))
    return out
