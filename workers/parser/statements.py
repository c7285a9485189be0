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
    if text[start:start + 5].lower() == "that ":
        start += 5
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
        if clause is None and lem in clause_verbs:
            clause = _nested_that_clause(tok)
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
        if speaker is None and tok.i > 0 and lem in clause_verbs:
            # "..., Chief of Staff ... Othman al-Ghanimi said on Monday, the outlet
            # reported": the parser lost the subject; the name just before counts
            prev = doc[tok.i - 1]
            name = resolver.person_at(prev.idx, prev.idx + len(prev.text))
            if name and (resolver.is_official(name) or len(name.split()) >= 2):
                subj, speaker = prev, Speaker(name, True)
                clause = None
        if speaker is None:
            continue
        # a passive participle ("Asked whether ..., X said") is a question put to
        # the speaker, not what the speaker said
        if tok.tag_ == "VBN" and not any(c.dep_ in {"aux", "auxpass"} for c in tok.children) and tok.dep_ == "advcl":
            continue
        # "adding that ..." after a reported clause is the same utterance going on
        if lem in sc.words()["continuation_verbs"] and tok.dep_ in {"advcl", "xcomp", "conj"} \
                and any(c.dep_ == "ccomp" and not _inside(quotes, c.idx, c.idx + 1) for c in tok.head.children):
            continue
        if clause is not None and lem in clause_verbs:
            start, end = _clause_span(tok, clause)
        elif lem in predicate_verbs and any(c.dep_ in {"dobj", "xcomp", "dative", "prep", "ccomp"} for c in tok.children):
            start, end = _predicate_span(tok, subj)
        else:
            found = _clause_before(doc, tok, subj)
            if found is None:
                continue
            start, end = found
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


def _nested_that_clause(verb: Token) -> Token | None:
    """"said at his confirmation hearing to become defense secretary that ...":
    the parser hangs the clause under a word between; take a "that" clause
    from the verb's right-hand subtree when no other reporting verb owns it."""
    for t in verb.subtree:
        # a "that" clause misread as a relative clause of a noun on the way
        # ("told X at a meeting in Baku that ...") still has "that" as its mark
        if t.i <= verb.i or t.dep_ not in {"ccomp", "relcl", "acl", "advcl"}:
            continue
        if not any(c.dep_ in {"mark", "advmod"} and c.lower_ == "that" for c in t.children):
            continue
        cur = t.head
        while cur.i != verb.i and cur.head.i != cur.i:
            if cur.pos_ == "VERB" and any(c.dep_ in {"nsubj", "nsubjpass"} for c in cur.children):
                break
            cur = cur.head
        if cur.i == verb.i:
            return t
    return None


# Text that ends a sentence: where a reported clause before "..., X said" starts.
_SENTENCE_END = re.compile(r"[.!?][\"\u201d\u2019']?\s+|\n+")
# A title run before a speaker's name: "Director of the Russian ... (FSMTC)".
_TITLE_RUN = re.compile(r",\s*(?:[A-Z(][\w().'\-]*\s*|(?:of|the|for|and|de|al)\s+)*$")


def _clause_before(doc: Doc, verb: Token, subj: Token | None) -> tuple[int, int] | None:
    """"Russia is committed to ..., Director ... Alexander Fomin said": the small
    model sometimes ends the sentence inside the title, leaving "said" without
    its clause. Take the text from the sentence start to the comma before the
    speaker's title."""
    if subj is None or verb.lemma_.lower() not in {"say", "tell", "announce", "add", "stress", "note"}:
        return None
    left = min(t.idx for t in subj.subtree if t.i < verb.i) if any(t.i < verb.i for t in subj.subtree) else subj.idx
    text = doc.text
    window_start = max(0, left - 800)
    before = text[window_start:left]
    run = _TITLE_RUN.search(before)
    if run is None:
        return None
    comma = window_start + run.start()
    ends = list(_SENTENCE_END.finditer(text, window_start, comma))
    start = ends[-1].end() if ends else window_start
    if text[start:comma].strip()[:1] in {'"', "\u201c"} or text[comma - 1:comma] in {'"', "\u201d"}:
        return None  # a quote before the attribution: quotes.py owns it
    start, end = _trim(text, start, comma)
    return (start, end) if end - start >= 12 else None


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
                    return sp, min(q.start, tok.sent.start_char), max(tok.sent.end_char, q.end)
            break
    before = tokens_before(doc, q)
    for tok in reversed(before):
        if tok.lemma_.lower() in verbs and tok.pos_ in {"VERB", "AUX"}:
            subj = subject_of(tok)
            if subj is not None:
                sp = resolve_subject(doc, subj, tok, resolver, orgs)
                if sp:
                    return sp, min(before[0].idx, tok.sent.start_char), max(q.end, tok.sent.end_char)
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


def _context_has_vocab(doc: Doc, u: _Utterance, quotes: Sequence[Quote]) -> bool:
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


def _about_supply(doc: Doc, us: list[_Utterance], has_context: bool, quotes: Sequence[Quote]) -> list[_Utterance]:
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
            if _context_has_vocab(doc, u, quotes):
                keep, u.confidence = True, min(u.confidence, 0.55)
            elif u.verb in _DENIAL:
                keep, u.confidence = True, min(u.confidence, 0.5)
            elif prev_kept is not None and _continues(prev_kept, u, text) and not (u.direct and u.group == prev_kept.group):
                keep, u.confidence = True, min(u.confidence, 0.5)
        if keep:
            kept.append(u)
            prev_kept = u
    # a quote that opens a paragraph whose next utterance by the same speaker is
    # about supply belongs to the same remarks ("security has no price," Duda said.
    # He said the system would ...)
    if has_context:
        for i, u in enumerate(us[:-1]):
            nxt = us[i + 1]
            if u in kept or nxt not in kept or u.group == nxt.group and u.direct:
                continue
            if nxt.speaker.name == u.speaker.name and paragraph_index(text, u.start) == paragraph_index(text, nxt.start):
                u.confidence = min(u.confidence, 0.5)
                kept.append(u)
        kept.sort(key=lambda x: (x.start, x.end))
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


def _transfers(doc: Doc, actor_mentions: Any) -> list[Any]:
    """The transfer extractor's rows, the best account of the article's pairs;
    none when it is unavailable or fails (this module then reads the pairs itself)."""
    try:
        from .actors import find_actors
        from .transfers import extract_transfers

        mentions = list(actor_mentions) if actor_mentions else find_actors(doc)
        return list(extract_transfers(doc, mentions))
    except Exception:
        return []


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
    # reported speech first: it names institutions ("Turkey's Foreign Ministry")
    # that a later quote's "the ministry said" refers back to
    reported = [u for u in _reported(doc, resolver, orgs, quotes) + _according(doc, resolver, orgs, quotes)
                if not _overlaps_quote(quotes, u.start, u.end)]
    direct = _direct(doc, resolver, orgs, quotes)
    # "According to the Kremlin, Putin explained that ...": the person's clause wins
    reported = [u for u in reported if u.verb != "according" or not any(
        o is not u and o.verb != "according" and o.start < u.end and u.start < o.end for o in reported)]
    utterances = _dedupe(direct + reported)
    ctx = sc.merge_transfers(sc.article_context(doc, mentions), _transfers(doc, actor_mentions))
    has_context = not ctx.empty()
    utterances = _about_supply(doc, utterances, has_context, quotes)
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
