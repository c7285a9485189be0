"""Statements: attributed utterances about arms supply.

Two sources of utterances, each split per utterance:

* direct quotes (``quotes.py``), attributed from the words around them
  (``attribution.py``);
* reported speech: a reporting verb with a clause ("Fomin said that ...",
  "X told Y that ..."), a verb that carries the utterance in its own object ("X
  described the delivery as a major mistake", "X urged Moscow to reconsider"),
  and "according to X, ..." (``reported.py``, ``according.py``).

Utterances in the head lines (headline, standfirst) are left out: they repeat
the body.

Speakers are named persons (resolved to the full name as first given: surnames,
"the minister", "he") or named institutions ("State Department", "Turkey's
Foreign Ministry"). Countries and capitals ("Ankara has denied"), unnamed
officials and sources, and news media are not speakers.

An utterance is kept when it speaks of arms supply: supply words, weapons or
designations in it; or, for an article that reports a transfer, in the sentence
around it; or when it continues a kept utterance of the same speaker. Its
supplier and recipients come from ``supply_context``: the parties the utterance
names, else the article's transfer pairs (from ``transfers.extract_transfers``
when it is available).
"""

from __future__ import annotations

import re
from typing import Any, Callable, Sequence

from spacy.tokens import Doc, Span, Token

from . import supply_context as sc
from .attribution import direct_quotes
from ..people.officials import build_resolver
from ..people.persons import PersonResolver
from .quotes import Quote, find_quotes, is_fragment
from ..records import OfficialRecord, StatementRecord
from .pronouns import full_names, last_speaker
from .according import according_to, in_the_view_of
from .reported import reported_speech
from .organisations import OrgRegistry
from ..catalogue.titles import match_head, state_code
from .topic import off_topic
from .transcripts import introduced_remarks, transcript_turns
from .utterance import Speaker, Utterance, overlaps_quote, paragraph_index, trim
from ..text.nlp import doc_text
from ..catalogue.actors import find_actors
from ..transfers.extract import extract_transfers
from ..transfers.weapons import origin_of

_DENIAL = {"deny", "dismiss", "reject", "refute"}


def _continues(prev: Utterance, u: Utterance, text: str) -> bool:
    """The same speaker goes on about the subject within two paragraphs."""
    return prev.speaker.name == u.speaker.name and 0 <= paragraph_index(text, u.start) - paragraph_index(text, prev.start) <= 2


def _context_has_vocab(doc: Doc, u: Utterance, quotes: Sequence[Quote]) -> bool:
    """The sentence around an utterance speaks of supply, outside other quotes."""
    ctx = doc.char_span(u.context_start, u.context_end, alignment_mode="expand")
    if ctx is None:
        return False
    toks = [t for t in ctx if not any(q.content_start <= t.idx < q.content_end for q in quotes)
            or (u.start <= t.idx < u.end)]
    # split at gaps so that phrases never join across a removed quote
    runs: list[list[Token]] = []
    for t in toks:
        if runs and runs[-1][-1].i == t.i - 1:
            runs[-1].append(t)
        else:
            runs.append([t])
    return any(sc.has_supply_vocab(r, strong_only=True) for r in runs)


def _body_start(text: str, dateline: tuple[int, int] | None) -> int:
    """Where the body starts: at the dateline, or after the short unpunctuated
    head lines (section, date, headline). Reported speech in a headline ("...,
    Kremlin warns") repeats the body and is not an utterance of its own."""
    if dateline:
        return dateline[0]
    at = 0
    for m in re.finditer(r"[^\n]+", text):
        line = m.group(0).strip()
        if len(line) < 200 and not re.search(r"[.!?\"\u201d]$", line):
            at = m.end()
            continue
        break
    return at


def _names_partner(u: Utterance, ctx: sc.Context, mentions: Sequence[sc.Mention], resolver: PersonResolver,
                   speaker_country: str | None) -> bool:
    """"Reznikov thanked Poland for the decision": the utterance names the other
    side of one of the article's pairs, the speaker's state being this side."""
    if not speaker_country:
        return False
    named = {m.code for m in mentions if u.start <= m.start and m.end <= u.end}
    # "Zelenskiy thanked Scholz": an official named stands for their state
    for s, e, name in resolver.mentions:
        off = resolver.official(name)
        if u.start <= s and e <= u.end and off is not None and off.country:
            named.add(off.country)
    named -= {speaker_country}
    return any({s, r} == {speaker_country, c} for s, r in ctx.pairs for c in named)


def _about_supply(doc: Doc, us: list[Utterance], has_context: bool, quotes: Sequence[Quote],
                  partner: Callable[[Utterance], bool] = lambda u: False) -> list[Utterance]:
    """Keep utterances about arms supply (see the module docstring).

    An utterance with supply words of its own is kept as it is. In an article
    that reports a transfer, what its officials, bodies and analysts say around
    it (the timing, the politics, the reactions) is about it too, so every other
    utterance is kept as well, with a confidence that says how loosely it is
    tied to supply: weak supply words, then supply words in its sentence, then a
    denial, a partner named or the same speaker going on, then nothing at all."""
    text = doc_text(doc)
    kept: list[Utterance] = []
    for u in us:
        span = doc.char_span(u.start, u.end, alignment_mode="expand")
        if span is not None and sc.has_supply_vocab(span):
            kept.append(u)
            continue
        if not has_context:
            continue
        if u.verb == "turn":
            # a transcript sentence is no attribution of its own: only its words can tie it to supply
            if span is None or not sc.has_supply_vocab(span, weak_enough=True):
                continue
            cap = 0.6
        elif u.coordinated:
            # "said the jets had arrived and that relations were good": a
            # second clause of one report with no supply words of its own is
            # the speaker moving on to another subject
            continue
        elif u.predicate and span is not None and _about_person_or_reference(span):
            continue
        elif u.verb in sc.words()["continuation_verbs"] or u.direct and any(
                k.direct and k.group == u.group for k in kept):
            # "adding that ..." and the further pieces of a split quote stand
            # on their own words only
            cap = 0.45
        elif span is not None and sc.has_supply_vocab(span, weak_enough=True):
            cap = 0.6  # "would honour the contract"
        elif _context_has_vocab(doc, u, quotes):
            cap = 0.55
        elif u.verb in _DENIAL or partner(u) or any(
                _continues(k, u, text) and not (u.direct and u.group == k.group) for k in kept[-4:]):
            cap = 0.5
        else:
            cap = 0.45
        u.confidence = min(u.confidence, cap)
        kept.append(u)
    return kept


def _nested_reports(us: list[Utterance]) -> list[Utterance]:
    """A report inside another speaker's report: "the Foreign Office said
    Foreign Secretary X told Lavrov that ..." gives the words to the person, not
    the office that relays them (a person's words relayed by an office are the
    person's); "Y said ... in response to what he called ..." is Y's own
    wording, not a report of whoever the pronoun was read as."""
    drop: set[int] = set()
    reported = [u for u in us if not u.direct]
    for outer in reported:
        for inner in reported:
            if inner is outer or inner.speaker.name == outer.speaker.name \
                    or not (outer.start <= inner.start and inner.end <= outer.end):
                continue
            if inner.speaker.pronoun and outer.speaker.is_person:
                drop.add(id(inner))
            elif outer.verb == "according" and outer.speaker.is_person:
                drop.add(id(inner))  # "In his words, ... the president has announced that ...": his claim
            elif inner.speaker.is_person and not inner.speaker.pronoun and not outer.speaker.is_person:
                drop.add(id(outer))
    return [u for u in us if id(u) not in drop]


_FINITE = {"VBD", "VBP", "VBZ", "MD"}


def _sentence_openers(doc: Doc, us: list[Utterance], quotes: Sequence[Quote]) -> list[Utterance]:
    """Drop the opening piece of a quoted sentence split by its attribution
    ('"The choice in front of us," said the senator, "is whether ..."'): the
    piece ends on a comma, has no finite verb, and the speaker's next quote in
    the paragraph goes on in lower case, so the sentence is one utterance and
    its second piece holds what was said. An opening piece that is a clause of
    its own ('"We have no plans to invade anybody," he said, "but ..."') or has
    supply words stays."""
    text = doc_text(doc)
    by_start = {q.content_start: q for q in quotes}
    direct = sorted((u for u in us if u.direct and u.start in by_start), key=lambda u: u.start)
    drop: set[int] = set()
    for u, nxt in zip(direct, direct[1:]):
        q = by_start[u.start]
        if "," not in text[q.content_end:q.end] or nxt.speaker.name != u.speaker.name \
                or paragraph_index(text, nxt.start) != paragraph_index(text, u.start) \
                or not text[nxt.start:nxt.start + 1].islower():
            continue
        span = doc.char_span(u.start, u.end, alignment_mode="expand")
        if span is not None and not sc.has_supply_vocab(span) and not any(t.tag_ in _FINITE for t in span):
            drop.add(id(u))
    return [u for u in us if id(u) not in drop]


_PERSONAL_OBJECTS = {"him", "her", "them", "me", "us", "you"}
# Verbs whose object is what was said: with only a reference as object ("announced
# the decision"), the words themselves are elsewhere.
_CONTENT_VERBS = {"announce", "disclose", "reveal", "unveil"}


def _about_person_or_reference(span: Span) -> bool:
    """A verb-and-object utterance without supply words that is about a person
    ("thanked Biden for it", "welcomed Zelenskyy at the air base", "backed his
    boss") or only refers to what was said ("announced the decision to
    reporters"): praise and blame of people, and the act of announcing, say
    nothing of supply."""
    verb = span[0]
    objs = [c for c in verb.children if c.dep_ in {"dobj", "dative"}]
    # "called on the minister": the object of the verb's particle
    objs += [g for c in verb.children if c.dep_ == "prep" and c.i == verb.i + 1 and c.lower_ == "on"
             for g in c.children if g.dep_ == "pobj"]
    if not objs:
        return False
    obj = objs[0]
    if any(c.dep_ in {"xcomp", "ccomp"} for c in verb.children):
        return False  # "asked the ambassador to convey ...": the request is what was said
    if verb.lemma_.lower() in _CONTENT_VERBS:
        return any(c.dep_ == "det" and c.lower_ == "the" for c in obj.children) or obj.lower_ in {"it", "this"}
    return obj.lower_ in _PERSONAL_OBJECTS or obj.ent_type_ == "PERSON" or match_head([obj], 0) is not None


def _dedupe(us: list[Utterance]) -> list[Utterance]:
    """One statement per utterance: a reported clause that contains a quote or
    another reported clause of the same speaker gives way to it."""
    us = sorted(us, key=lambda u: (u.start, u.end))
    out: list[Utterance] = []
    for u in us:
        clash = None
        for o in out:
            if o.start < u.end and u.start < o.end and (o.speaker.name == u.speaker.name or o.direct or u.direct):
                clash = o
                break
        if clash is None:
            out.append(u)
            continue
        # prefer a direct quote; then the inner (shorter) reported clause, except
        # that "thanked X ... and urged Y ..." keeps both conjoined predicates
        if u.direct != clash.direct:
            better = u.direct
        elif u.predicate and clash.predicate:
            better = (u.end - u.start) > (clash.end - clash.start)
        else:
            better = (u.end - u.start) < (clash.end - clash.start)
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


_FIRST_PERSON = {"we", "us", "our", "ours", "ourselves"}


def _clause_subject(doc: Doc, m: sc.Mention, u: Utterance) -> bool:
    """The mention is the subject of the utterance's main clause."""
    tok = doc[m.token_end - 1]
    if tok.dep_ not in {"nsubj", "nsubjpass"} or tok.pos_ != "PROPN":
        return False
    head = tok.head
    return not (u.start <= head.head.idx < u.end and head.head.i != head.i and head.dep_ not in {"ccomp", "conj"})


def _named_other_supplier(supplier: str | None, recipients: list[str], roles: sc.Roles,
                          loose: Sequence[sc.Mention], ctx: sc.Context, speaker_country: str | None,
                          doc_subject: Callable[[sc.Mention], bool]) -> str | None:
    """"Peskov said Washington was behind the deliveries": when the utterance
    names no supplier with a role but names one party the article does not
    pair at all, that party, not the article's main supplier, is meant."""
    if roles.supplier is not None or supplier is None:
        return supplier
    paired = {c for pair in ctx.pairs for c in pair}
    codes = list(dict.fromkeys(m.code for m in loose))
    if supplier in codes:
        return supplier
    # only the subject of the utterance's clause, named as a party (not a
    # demonym or a place in a phrase): "Washington was behind ..."
    subjects = [m.code for m in loose if m.kind == "state" and doc_subject(m)]
    others = [c for c in dict.fromkeys(subjects) if c not in paired and c != speaker_country and c not in recipients]
    return others[0] if len(others) == 1 else supplier


def _demonym_origin(doc: Doc, mentions: Sequence[sc.Mention], u: Utterance) -> str | None:
    """"Turkish drones in Ukraine", "Iranian-made drones": a state qualifying a
    weapon is where the weapon comes from, the supplier when nothing else names one."""
    weapon_words = sc.words()["weapon_lemmas"]
    for m in mentions:
        if not (u.start <= m.start and m.end <= u.end):
            continue
        last = doc[m.token_end - 1]
        head = last.head
        made = last.dep_ == "npadvmod" and head.lower_ in sc.words().get("origin_words", ())
        if made:
            head = head.head  # "Iranian-made drones"
        # "after Russian missiles hit Kyiv": the attacker's own weapons
        if not made and head.head.lemma_.lower() in sc.words().get("combat_verbs", ()):
            continue
        if last.dep_ in {"amod", "compound", "npadvmod"} and head.lemma_.lower() in weapon_words:
            return m.code
    return None


def _first_person(doc: Doc, u: Utterance, country: str | None) -> list[sc.Mention]:
    """"We are buying K2 tanks from South Korea," the Polish minister said: in
    the speaker's own words "we" and "our" are the speaker's state."""
    if not country:
        return []
    span = doc.char_span(u.start, u.end, alignment_mode="expand")
    if span is None:
        return []
    return [sc.Mention(code=country, kind="state", start=t.idx, end=t.idx + len(t.text), token_start=t.i,
                       token_end=t.i + 1) for t in span if t.lower_ in _FIRST_PERSON]


def _transfers(doc: Doc, actor_mentions: Any) -> list[Any]:
    """The transfer extractor's rows, the best account of the article's pairs;
    none when it is unavailable or fails (this module then reads the pairs itself)."""
    mentions = list(actor_mentions) if actor_mentions else find_actors(doc)
    return list(extract_transfers(doc, mentions))


def _weapon_origin(text: str) -> str | None:
    return origin_of(text)


def _person_country(name: str | None, resolver: PersonResolver) -> str | None:
    off = resolver.official(name) if name else None
    return off.country if off else None


def extract_statements(doc: Doc, actor_mentions: Any, officials: Sequence[OfficialRecord], *,
                       transfers: Sequence[Any] | None = None) -> list[StatementRecord]:
    """Every attributed utterance about arms supply in ``doc``, in text order.

    ``transfers`` are the article's transfer rows when the caller has them already
    (the pipeline does); otherwise they are extracted here."""
    return _extract(doc, actor_mentions, officials, transfers)


def _extract(doc: Doc, actor_mentions: Any, officials: Sequence[OfficialRecord],
             transfers: Sequence[Any] | None = None) -> list[StatementRecord]:
    mentions = sc.normalise_mentions(doc, actor_mentions)
    resolver = build_resolver(doc, list(officials) if officials is not None else None)
    orgs = OrgRegistry(doc)
    quotes = [q for q in find_quotes(doc_text(doc)) if not is_fragment(doc, q)]
    # reported speech first: it names institutions ("Turkey's Foreign Ministry")
    # that a later quote's "the ministry said" refers back to
    reported = [u for u in reported_speech(doc, resolver, orgs, quotes) + according_to(doc, resolver, orgs, quotes)
                + in_the_view_of(doc, resolver, orgs, quotes)
                if not overlaps_quote(quotes, u.start, u.end)]
    direct = direct_quotes(doc, resolver, orgs, quotes)
    # "According to the Kremlin, Putin explained that ...": the person's clause
    # wins over the body that relays it ("In his words, ... and the president
    # has announced that ...": a person's own claim keeps its speaker)
    reported = [u for u in reported if u.verb != "according" or u.speaker.is_person or not any(
        o is not u and o.verb != "according" and o.start < u.end and u.start < o.end for o in reported)]
    dateline = sc.dateline_span(doc)
    body_start = _body_start(doc_text(doc), dateline)
    reported = [u for u in reported if u.context_start >= body_start]
    direct = [u for u in direct if u.start >= body_start]
    if dateline:
        for u in direct + reported:
            # "NEW DELHI (Reuters) - BrahMos ...": the dateline is no part of what was said
            if dateline[0] <= u.start < dateline[1] < u.end:
                u.start, u.end = trim(doc_text(doc), dateline[1], u.end)
    utterances = _dedupe(direct + reported)
    # a transcript's turns: the sentences no quote or report above holds
    utterances += [u for u in introduced_remarks(doc, resolver, orgs, utterances) if u.start >= body_start]
    utterances = sorted(utterances + [u for u in transcript_turns(doc, resolver, utterances) if u.start >= body_start],
                        key=lambda u: (u.start, u.end))
    full_names(doc, utterances, resolver)
    last_speaker(utterances, resolver, doc_text(doc), quotes)
    utterances = _nested_reports(_sentence_openers(doc, utterances, quotes))
    rows = list(transfers) if transfers is not None else _transfers(doc, actor_mentions)
    ctx = sc.merge_transfers(sc.article_context(doc, mentions), rows)
    has_context = not ctx.empty()
    utterances = _about_supply(
        doc, utterances, has_context, quotes,
        partner=lambda u: _names_partner(u, ctx, mentions, resolver, _speaker_country(u.speaker, resolver)))
    # battlefield use, supply named only as not discussed, analysts on capability
    # (an analyst who names a party of the article's transfers speaks of them)
    parties = {c for pair in ctx.pairs for c in pair}
    utterances = [u for u in utterances if not off_topic(
        doc, u.start, u.end, (u.context_start, u.context_end),
        non_official=u.speaker.is_person and resolver.is_non_official(u.speaker.name)
        and not any(m.code in parties for m in mentions if u.start <= m.start and m.end <= u.end))]
    out: list[StatementRecord] = []
    for u in utterances:
        own = _first_person(doc, u, _speaker_country(u.speaker, resolver))
        roles, loose = sc.roles_in(doc, sorted(list(mentions) + own, key=lambda m: m.start) if own else mentions,
                                   u.start, u.end)
        supplier, recipients = sc.resolve_roles(
            roles, ctx, speaker_country=_speaker_country(u.speaker, resolver), speaker_supplies=u.speaker_supplies,
            loose=[m.code for m in loose], addressee_country=_person_country(u.addressee, resolver),
            weapon_origin=_weapon_origin(doc_text(doc)[u.start:u.end]) or _demonym_origin(doc, mentions, u))
        supplier = _named_other_supplier(supplier, recipients, roles, loose, ctx,
                                         _speaker_country(u.speaker, resolver),
                                         lambda m: _clause_subject(doc, m, u))
        out.append(StatementRecord(
            speaker=u.speaker.name,
            speaker_is_person=u.speaker.is_person,
            supplier=supplier,
            recipients=recipients,
            evidence=doc_text(doc)[u.start:u.end],
            start=u.start,
            end=u.end,
            direct_quote=u.direct,
            confidence=round(u.confidence, 2),
        ))
    return out
