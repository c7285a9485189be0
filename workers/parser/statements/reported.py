"""Reported speech: "X said that ...", "..., X said", "X described the deal as a
mistake", "X urged Moscow to reconsider" ("according to X, ..." is read in
``according.py``).

Each reporting verb (``vocab/data/words.json``) with a speaker gives one
utterance: the clause it reports, or, for verbs that carry the utterance in
their own object ("described", "urged", "welcomed"), the verb and what it
governs. Verbs inside quotes are the speaker's own words, not reporting.
"""

from __future__ import annotations

import re
from typing import Sequence

from spacy.tokens import Doc, Token

from ..text import columns
from . import supply_context as sc
from ..people.persons import PersonResolver
from .quotes import Quote
from .organisations import OrgRegistry, is_media
from .speakers import DOCUMENT_WORDS, ISSUE_VERBS, Speaker, resolve_subject, subject_of
from .utterance import Utterance, inside, sentence_bounds, trim
from ..text.nlp import doc_text
from ..vocab import words

# "refused to say ...", "declined to comment ...": no utterance follows.
_WITHHOLD_VERBS = words()["withhold_verbs"]


def reported_speech(doc: Doc, resolver: PersonResolver, orgs: OrgRegistry, quotes: Sequence[Quote]) -> list[Utterance]:
    w = sc.words()
    clause_verbs, predicate_verbs = w["clause_verbs"], w["predicate_verbs"]
    out: list[Utterance] = []
    pos, tags, lemmas = columns.pos(doc), columns.tags(doc), columns.lemmas(doc)
    for i, lem in enumerate(lemmas):
        if pos[i] not in {"VERB", "AUX"} and tags[i] not in {"VBD", "VBZ", "VBP", "VBG", "VBN", "VB"}:
            continue
        # "X was clear that ...", "X is confident that ...": a stance adjective
        # after "be" reports its clause like a reporting verb
        stance = lem == "be" and _stance_clause(doc[i]) is not None
        if lem not in clause_verbs and lem not in predicate_verbs and not stance:
            continue
        tok = doc[i]
        if inside(quotes, tok.idx, tok.idx + 1):
            continue  # a verb inside a quote is the speaker's own wording
        if _question(tok):
            continue  # "Can the minister assure the House that ...?" asks, it does not report
        # ("ruled that", "found no evidence", "found in favour of"; "aircraft
        # found to have broken the embargo" says what was found, no one's finding)
        if lem == "find" and (tags[i] == "VBN" and tok.dep_ == "acl"
                              or any(c.dep_ in {"auxpass", "nsubjpass"} for c in tok.children)
                              or not any(c.dep_ in {"dobj", "ccomp", "prep"} for c in tok.children)):
            continue
        # "said A, and that it hoped B": a conjunct opened by "that" is a
        # second clause of the report above it, not a report of its own
        if tok.dep_ == "conj" and any(c.dep_ == "mark" and c.lower_ == "that" for c in tok.children):
            continue
        # "refused to say how much Serbia paid", "did not say whether", "the court
        # has not ruled on whether": what was not said is no utterance ("denied",
        # a verb of its own, is one; so is "did not rule out", a particle verb)
        if any(c.dep_ == "neg" for c in tok.children) and not any(c.dep_ == "prt" for c in tok.children) \
                or tok.dep_ == "xcomp" and tok.head.lemma_.lower() in _WITHHOLD_VERBS:
            continue
        # "The Chancellor backs the minister's position": a predicate verb in
        # the present tense describes a stance; what was said is reported in
        # the past (a headline's present tense is left out with the head lines)
        if lem not in clause_verbs and tags[i] in {"VBZ", "VBP"}:
            continue
        clause = _stance_clause(tok) if stance else _reported_clause(tok)
        if clause is None and lem in clause_verbs:
            clause = _nested_that_clause(tok)
        # relative clauses report only with a clause: "which the bloc said had been used"
        # ("when the State Department announced restrictions on ...", "a
        # breakthrough that Zelenskyy hailed as historic": a predicate with a
        # named subject of its own is an utterance still)
        if tok.dep_ == "relcl" and clause is None and not (lem in predicate_verbs and _named_subject(tok)):
            continue
        # "saying"/"adding" hanging from a reporting verb belong to its utterance
        # unless they report a clause of their own after a quote
        head = tok.head
        # ("called the move a first step and said Kyiv needed more tanks": a
        # conjoined "said" is a second utterance, cut from the first below)
        # ("announced the decision a day after Duda said ...": a "said" with a
        # subject of its own is another report)
        if tok.dep_ in {"advcl", "xcomp"} and head.i != tok.i and head.lemma_.lower() in predicate_verbs \
                and clause is not None and lem == "say" and not any(c.dep_ == "nsubj" for c in tok.children):
            continue
        by_title_gap = False
        subj = subject_of(tok)
        own_subject = any(c.dep_ in {"nsubj", "nsubjpass"} for c in tok.children)
        speaker = resolve_subject(doc, subj, tok, resolver, orgs) if subj is not None else None
        if (speaker is None or not own_subject) and tok.i > 0 and lem in clause_verbs:
            # "..., Chief of Staff ... Othman al-Ghanimi said on Monday, the outlet
            # reported": the parser lost the subject; the name just before counts
            prev = doc[tok.i - 1]
            name = resolver.person_at(prev.idx, prev.idx + len(prev.text))
            if name is None and not own_subject and tok.tag_ in {"VBD", "VBZ", "VBP"}:
                # "..., Sergei Shoigu, the defence minister, said": the name
                # before a title in commas (the parser joins it to the clause)
                prev, name = _name_before_title(doc, tok, resolver)
                by_title_gap = name is not None
            # ("Der Spiegel reported": news media tagged as a person stay out;
            # so does "the news site Actu Niger reported", a name in a media subject)
            in_media_subject = subj is not None and prev.i in {t.i for t in subj.subtree} \
                and resolver.person_at(subj.idx, subj.idx + len(subj.text)) is None \
                and is_media([subj] + [c for c in subj.children if c.dep_ == "compound"])
            if name and (resolver.is_official(name) or len(name.split()) >= 2) and not is_media([prev]) \
                    and not in_media_subject:
                subj, speaker = prev, Speaker(name, True)
                # a clause after the verb is still what was said ("State
                # Councilor and Defense Minister X said China would ...")
                if clause is None or clause.i < tok.i:
                    clause = None
        if speaker is None:
            continue
        if clause is not None and _relayed(doc, clause, speaker, resolver, orgs):
            continue
        # a passive participle ("Asked whether ..., X said") is a question put to
        # the speaker, not what the speaker said; opening its sentence it is
        # often tagged as a past tense ("Asked what share had arrived, X answered")
        if tok.dep_ == "advcl" and not any(c.dep_ in {"aux", "auxpass"} for c in tok.children) and (
                tok.tag_ == "VBN" or tok.tag_ == "VBD" and tok.i == tok.sent.start
                and not any(c.dep_ in {"nsubj", "nsubjpass"} for c in tok.children)):
            continue
        # "adding that ..." after a reported clause is the same utterance going on
        # ("A, X said, adding that B": after a clause before the verb, B is an utterance of its own)
        if lem in sc.words()["continuation_verbs"] and tok.dep_ in {"advcl", "xcomp", "conj"} \
                and any(c.dep_ == "ccomp" and c.i > tok.head.i and not inside(quotes, c.idx, c.idx + 1)
                        for c in tok.head.children):
            continue
        predicate = False
        extra: list[tuple[int, int]] = []
        if clause is not None and (lem in clause_verbs or stance):
            start, end = _clause_span(tok, clause)
            # "said the tanks would burn and that deliveries would change
            # nothing": each coordinated clause is an utterance of its own
            extra = _coordinated_clauses(tok, clause)
            if extra:
                end = _before_first_conj(doc, clause, extra[0][0], start)
        elif lem in predicate_verbs and any(c.dep_ in {"dobj", "xcomp", "dative", "prep", "ccomp"} for c in tok.children) \
                or _tells_to(tok):
            start, end = _predicate_span(tok, subj)
            predicate = True
        elif _as_said(tok) and lem in clause_verbs:
            # "As the Secretary has said, what is under consideration could ...":
            # the clause the "as" clause opens is what the speaker said
            start, end = _after_as_clause(tok)
        elif tok.dep_ == "parataxis" and lem in clause_verbs and subj is not None:
            # "The deal, the minister said, was signed last year": the sentence
            # around the parenthetical attribution is the utterance
            predicate = False
            start, end = tok.sent.start_char, tok.sent.end_char
        else:
            predicate = False
            found = _clause_before(doc, tok, subj)
            if found is None:
                continue
            start, end = found
        start, end = trim(doc_text(doc), start, end)
        if end - start < 8:
            continue
        if by_title_gap and not _supply_span(doc, start, end):
            continue  # a speaker found by this looser reading speaks of supply or not at all
        cs, ce = sentence_bounds(doc, tok)
        supplies = _speaker_side_supplies(doc, start, end)
        if lem in sc.words()["supplier_verbs"] and clause is None:
            supplies = True  # "Biden promised Zelenskiy air defence systems"
        addressee = None
        if lem == "tell":
            obj = next((c for c in tok.children if c.dep_ in {"dobj", "dative"}), None)
            if obj is not None:
                addressee = resolver.person_at(obj.left_edge.idx, obj.right_edge.idx + len(obj.right_edge.text))
        out.append(Utterance(speaker=speaker, start=start, end=end, direct=False, context_start=cs,
                              context_end=ce, verb=lem, confidence=0.7, speaker_supplies=supplies,
                              addressee=addressee, predicate=predicate))
        # "Tanaka ... and Mori ... explained that ...": each person of a
        # conjoined subject said it
        for other in _conjoined_people(doc, subj, tok, speaker, resolver, orgs):
            out.append(Utterance(speaker=other, start=start, end=end, direct=False, context_start=cs,
                                  context_end=ce, verb=lem, confidence=0.65, speaker_supplies=supplies,
                                  addressee=addressee, predicate=predicate))
        for x_start, x_end in extra:
            x_start, x_end = trim(doc_text(doc), x_start, x_end)
            if x_end - x_start < 8:
                continue
            out.append(Utterance(speaker=speaker, start=x_start, end=x_end, direct=False, context_start=cs,
                                  context_end=ce, verb=lem, confidence=0.65,
                                  speaker_supplies=_speaker_side_supplies(doc, x_start, x_end),
                                  addressee=addressee, predicate=False, coordinated=True))
    return out + _issued_statements(doc, resolver, orgs, quotes)


def _issued_statements(doc: Doc, resolver: PersonResolver, orgs: OrgRegistry,
                       quotes: Sequence[Quote]) -> list[Utterance]:
    """"X issued a statement that the principles did not apply": the clause a
    document noun opens with "that" is what its issuer said."""
    out: list[Utterance] = []
    for tok in doc:
        if tok.lemma_.lower() not in ISSUE_VERBS or tok.pos_ != "VERB" or inside(quotes, tok.idx, tok.idx + 1):
            continue
        issuer = next((c for c in tok.children if c.dep_ == "nsubj"), None)
        document = next((c for c in tok.children if c.dep_ == "dobj" and c.lemma_.lower() in DOCUMENT_WORDS), None)
        if issuer is None or document is None:
            continue
        clause = next((c for c in document.children if c.dep_ in {"acl", "relcl", "ccomp"} and c.i > document.i
                       and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)
                       and any(g.dep_ in {"nsubj", "nsubjpass"} for g in c.children)), None)
        if clause is None:
            continue
        speaker = resolve_subject(doc, issuer, tok, resolver, orgs)
        if speaker is None:
            continue
        start, end = trim(doc_text(doc), *_clause_span(tok, clause))
        if end - start < 8:
            continue
        cs, ce = sentence_bounds(doc, tok)
        out.append(Utterance(speaker=speaker, start=start, end=end, direct=False, context_start=cs,
                              context_end=ce, verb="state", confidence=0.7,
                              speaker_supplies=_speaker_side_supplies(doc, start, end)))
    return out


def _conjoined_people(doc: Doc, subj: Token | None, verb: Token, speaker: Speaker, resolver: PersonResolver,
                      orgs: OrgRegistry) -> list[Speaker]:
    """The other named persons joined to a person subject by "and"."""
    if subj is None or not speaker.is_person or subj.i > verb.i:
        return []
    out: list[Speaker] = []
    for c in subj.subtree:
        if c.dep_ != "conj" or c.head.i != subj.i and c.head.dep_ != "conj" or c.i > verb.i:
            continue
        other = resolve_subject(doc, c, verb, resolver, orgs)
        if other is not None and other.is_person and other.name != speaker.name \
                and other.name not in {o.name for o in out}:
            out.append(other)
    return out


def _reported_clause(verb: Token) -> Token | None:
    """The clause a verb reports. "How Beijing reacted: spokesman X said that
    China was indignant": a clause before the verb that a colon closes is a
    heading the parser hung on the verb, not what was said; so is one before
    the verb when another follows it."""
    clauses = [c for c in verb.children if c.dep_ == "ccomp"]
    doc = verb.doc
    said = [c for c in clauses if not (c.i < verb.i and c.right_edge.i + 1 < len(doc)
                                       and doc[c.right_edge.i + 1].text == ":")]
    # "Standing next to the ship, its name painted over, he said things had
    # gone well": with a clause on each side, the one before is an opening
    # phrase the parser took for a clause, and the one after is what was said
    after = [c for c in said if c.i > verb.i]
    if after and len(after) < len(said):
        return after[0]
    return said[0] if said else None


def _as_said(verb: Token) -> bool:
    """The verb heads an "As X has said," clause that opens its sentence ("As I
    said" in a speaker's own words is theirs already)."""
    return verb.dep_ == "advcl" and verb.i < verb.head.i and verb.head.i != verb.i \
        and any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children) \
        and not any(c.dep_ == "nsubj" and c.lower_ in {"i", "we"} for c in verb.children)


def _after_as_clause(verb: Token) -> tuple[int, int]:
    """Characters of the clause after an opening "As X said," clause."""
    own = {t.i for t in verb.subtree}
    toks = [t for t in verb.head.subtree if t.i not in own and t.i > verb.i]
    while toks and toks[0].is_punct:
        toks = toks[1:]
    if not toks:
        return verb.idx, verb.idx
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)


def _question(verb: Token) -> bool:
    """The verb's sentence is a question (it ends with a question mark)."""
    sent = verb.sent
    last = next((t for t in reversed(sent) if not t.is_space and t.text not in {'"', "\u201d", "'", "\u2019"}), None)
    return last is not None and last.text == "?"


def _named_subject(verb: Token) -> bool:
    """A relative clause in the past with a noun as subject; when it leaves
    its object to the noun it hangs on, it says what the subject called that
    noun ("hailed as historic", "condemned as an escalation")."""
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subj is not None and subj.lower_ == "who" and verb.tag_ == "VBD":
        # "Michael Fallon, who hailed it as the first major contract": the person
        # named, when the clause says what they called something
        return any(c.dep_ in {"oprd", "acomp"} or c.dep_ == "prep" and c.lower_ == "as" for c in verb.children)
    if subj is None or subj.pos_ not in {"PROPN", "NOUN"} or verb.tag_ != "VBD":
        return False
    if any(c.dep_ == "dobj" and c.lower_ not in {"that", "which"} for c in verb.children):
        return True
    return any(c.dep_ in {"oprd", "acomp"} or c.dep_ == "prep" and c.lower_ == "as" for c in verb.children)


def _relayed(doc: Doc, clause: Token, speaker: Speaker, resolver: PersonResolver, orgs: OrgRegistry) -> bool:
    """"Cohen said Jiang had voiced his concern", "Vucic said Putin had advised
    him to buy the Pantsir": the reported clause reports another speaker's
    words, which belong to that speaker (the clause's own verb gives them)."""
    w = sc.words()
    if clause.lemma_.lower() not in w["clause_verbs"] | w["predicate_verbs"] or clause.pos_ not in {"VERB", "AUX"}:
        return False
    subj = next((c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subj is None or subj.lower_ in {"he", "she", "it", "they", "we", "i", "you"}:
        return False
    # (what another report would give: a clause, or a predicate's object;
    # "had written to his counterparts to approve ..." is an act, not words)
    if not any(c.dep_ == "ccomp" or c.dep_ in {"dobj", "dative"} and clause.lemma_.lower() in w["predicate_verbs"]
               for c in clause.children):
        return False
    inner = resolve_subject(doc, subj, clause, resolver, orgs)
    # the convention is a person's words relayed ("Netanyahu's office said the
    # Israeli leader had warned ..."); a body's act ("Rosoboronexport has
    # concluded contracts") is what the speaker reports
    return inner is not None and inner.is_person and inner.name != speaker.name


def _tells_to(verb: Token) -> bool:
    """"told his defence minister to look into buying missiles": a reporting
    verb with an addressee and an infinitive carries an instruction, which is
    what was said."""
    if verb.lemma_.lower() not in sc.words()["clause_verbs"]:
        return False
    kids = list(verb.children)
    return any(c.dep_ in {"dobj", "dative"} for c in kids) and any(
        c.dep_ == "xcomp" and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children) for c in kids)


def _stance_clause(verb: Token) -> Token | None:
    """The "that" clause of "be" + a stance adjective ("was clear that ..."),
    hung on the verb or on the adjective."""
    adj = next((c for c in verb.children if c.dep_ == "acomp" and c.lower_ in sc.words()["stance_adjectives"]), None)
    if adj is None:
        return None
    for c in list(verb.children) + list(adj.children):
        if c.dep_ == "ccomp" and c.i > adj.i and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children):
            return c
    return None


# Between a speaker's name and the reporting verb: a title in commas
# (", the head of the Federal Service for Military-Technical Cooperation,").
_TITLE_GAP = re.compile(r"\s*,[^,.;:!?\"\u201c\u201d()]{2,120}(?:,[^,.;:!?\"\u201c\u201d()]{2,120})?,\s*")
_RELATIVE_WORDS = {"who", "whose", "which", "whom"}


def _supply_span(doc: Doc, start: int, end: int) -> bool:
    span = doc.char_span(start, end, alignment_mode="expand")
    return span is not None and sc.has_supply_vocab(span)


def _name_before_title(doc: Doc, verb: Token, resolver: PersonResolver) -> tuple[Token, str | None]:
    """The last token of a person's name that a title in commas separates from
    the verb, in the verb's sentence, and the person's full name."""
    text = doc_text(doc)
    sent_start = verb.sent.start_char
    found = None
    for s, e, name in resolver.mentions:
        if e > verb.idx:
            break
        if s >= sent_start:
            found = (s, e, name)
    if found is None or not _TITLE_GAP.fullmatch(text[found[1]:verb.idx]):
        return verb, None
    gap = doc.char_span(found[1], verb.idx, alignment_mode="expand")
    # ", CEO of Rostec, whose Almaz-Antey concern makes the systems,": a
    # relative clause may follow the title; another verb means another clause
    if gap is None or any(t.pos_ in {"VERB", "AUX"} and not any(g.lower_ in _RELATIVE_WORDS for g in t.subtree)
                          for t in gap if t.i != verb.i) \
            or gap.text.count(",") > 2 and not any(t.lower_ in _RELATIVE_WORDS for t in gap):
        return verb, None
    last = doc.char_span(found[0], found[1], alignment_mode="expand")
    if last is None:
        return verb, None
    return last[-1], found[2]


def _coordinated_clauses(verb: Token, clause: Token) -> list[tuple[int, int]]:
    """Character spans of clauses coordinated with a reported clause that have
    their own subject or "that" ("... would burn and that deliveries would ...")."""
    out: list[tuple[int, int]] = []
    for c in clause.children:
        if c.dep_ != "conj" or c.i < clause.i or c.pos_ not in {"VERB", "AUX"}:
            continue
        # "..., and Grigoryan said that ...": another speaker's report ("...,
        # and that it hoped ...", a clause of this report, opens with "that")
        if c.lemma_.lower() in sc.words()["clause_verbs"] \
                and not any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children):
            continue
        if not any(g.dep_ in {"nsubj", "nsubjpass", "mark"} for g in c.children):
            continue
        toks = [t for t in c.subtree if t.i != verb.i]
        while toks and (toks[0].dep_ in {"mark", "cc"} or toks[0].is_punct):
            toks = toks[1:]
        if toks:
            out.append((toks[0].idx, toks[-1].idx + len(toks[-1].text)))
    return out


def _before_first_conj(doc: Doc, clause: Token, conj_start: int, start: int) -> int:
    """End of the first clause: the last token before the coordinated clause,
    without the "and"/"that"/comma that joins them."""
    toks = [t for t in clause.subtree if start <= t.idx < conj_start]
    while toks and (toks[-1].dep_ in {"cc", "mark"} or toks[-1].is_punct):
        toks = toks[:-1]
    if not toks:
        return conj_start
    return toks[-1].idx + len(toks[-1].text)


def _nested_that_clause(verb: Token) -> Token | None:
    """"said at his confirmation hearing to become defense secretary that ...":
    the parser hangs the clause under a word between; take a "that" clause
    from the verb's right-hand subtree when no other reporting verb owns it."""
    for t in verb.subtree:
        # a "that" clause misread as a relative clause of a noun on the way
        # ("told X at a meeting in Baku that ...") still has "that" as its mark
        if t.i <= verb.i or t.dep_ not in {"ccomp", "relcl", "acl", "advcl"}:
            continue
        if not any(c.dep_ in {"mark", "advmod"} and c.lower_ == "that" for c in t.children) \
                and not _that_misread_as_relative(verb, t):
            continue
        cur = t.head
        while cur.i != verb.i and cur.head.i != cur.i:
            if cur.pos_ == "VERB" and any(c.dep_ in {"nsubj", "nsubjpass"} for c in cur.children):
                break
            cur = cur.head
        if cur.i == verb.i:
            return t
    return None


def _that_misread_as_relative(verb: Token, t: Token) -> bool:
    """"told a regular press briefing that the United States had declined to
    approve the transfer": the parser reads "that" as the relative pronoun of
    a clause on "briefing", though the clause has a subject of its own. After
    "tell" and its addressee, such a clause is what was told."""
    if verb.lemma_.lower() != "tell" or t.dep_ != "relcl" or t.head.dep_ != "dobj" or t.head.head.i != verb.i:
        return False
    return t.left_edge.lower_ == "that" and any(
        c.dep_ in {"nsubj", "nsubjpass"} and c.lower_ != "that" for c in t.children)


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
    text = doc_text(doc)
    window_start = max(0, left - 800)
    before = text[window_start:left]
    run = _TITLE_RUN.search(before)
    if run is None:
        return None
    comma = window_start + run.start()
    if "\n" in text[comma:left]:
        return None  # the speaker opens a paragraph: nothing before it is theirs
    ends = list(_SENTENCE_END.finditer(text, window_start, comma))
    start = ends[-1].end() if ends else window_start
    if text[start:comma].strip()[:1] in {'"', "\u201c"} or text[comma - 1:comma] in {'"', "\u201d"}:
        return None  # a quote before the attribution: quotes.py owns it
    start, end = trim(text, start, comma)
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


def _clause_span(verb: Token, clause: Token) -> tuple[int, int]:
    """Characters of a reported clause, without "that" and the reporting verb."""
    toks = [t for t in clause.subtree]
    # a clause before its verb ("X will happen, he said") never includes the verb
    toks = [t for t in toks if t.i != verb.i]
    # nor a further utterance hung on it ("..., adding: \"We will ...\"")
    reporting = sc.words()["clause_verbs"]
    cut = next((t.left_edge.i for t in clause.subtree if t.i != clause.i and t.dep_ in {"advcl", "conj"}
                and t.tag_ == "VBG" and t.lemma_.lower() in reporting), None)
    if cut is not None:
        toks = [t for t in toks if t.i < cut]
        while toks and toks[-1].is_punct:
            toks = toks[:-1]
    while toks and (toks[0].dep_ == "mark" or toks[0].is_punct):
        toks = toks[1:]
    if not toks:
        return clause.idx, clause.idx
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)


def _predicate_span(verb: Token, subject: Token | None) -> tuple[int, int]:
    """From the verb to the end of what it governs ("described the planned
    delivery as a major mistake ... and urged Moscow to reconsider")."""
    right = verb.right_edge
    # "called the move a first step and said ...": a conjoined reporting verb
    # starts an utterance of its own
    words = sc.words()
    own = [c for c in verb.children if c.dep_ == "conj" and c.i > verb.i
           and c.lemma_.lower() in words["clause_verbs"] | words["predicate_verbs"]]
    if own:
        cut = min(t.i for t in own[0].subtree)
        while cut - 1 > verb.i and verb.doc[cut - 1].dep_ in {"cc", "punct"}:
            cut -= 1
        right = verb.doc[cut - 1]
    # "announced the decision on March 17, a day after Duda said Warsaw would
    # give ...": another speaker's report inside the phrase is no part of it
    for t in verb.doc[verb.i + 1:right.i + 1]:
        if t.lemma_.lower() in words["clause_verbs"] and t.pos_ == "VERB" and any(
                c.dep_ == "nsubj" and c.pos_ == "PROPN" for c in t.children):
            top = t
            while top.head.i != verb.i and top.head.i != top.i:
                top = top.head
            if top.head.i == verb.i and top.left_edge.i > verb.i:
                cut = top.left_edge.i
                while cut - 1 > verb.i and verb.doc[cut - 1].is_punct:
                    cut -= 1
                right = verb.doc[cut - 1]
            break
    left = verb.i
    # "a breakthrough that Zelenskyy hailed as historic": the object the
    # relative clause leaves out is the noun it hangs on
    if verb.dep_ == "relcl" and not any(c.dep_ == "dobj" and c.lower_ not in {"that", "which"} for c in verb.children):
        left = verb.head.left_edge.i
    toks = [t for t in verb.doc[left:right.i + 1]]
    # a trailing attribution or time adverbial clause of another speaker is rare;
    # stop at a semicolon, which starts another statement
    for k, t in enumerate(toks):
        if t.text == ";":
            toks = toks[:k]
            break
    return verb.doc[left].idx, toks[-1].idx + len(toks[-1].text) if toks else verb.idx + len(verb.text)
