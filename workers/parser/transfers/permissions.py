"""Consent to pass arms on: the state whose permission a transfer needs gets a
row of its own beside the state that passes the arms on ("Germany allowed
Poland to send its Leopard tanks to Ukraine": Poland and Germany to Ukraine;
"Berlin gave Warsaw permission to send the tanks to Kyiv"; "Switzerland
refused to allow Denmark to send the vehicles to Ukraine"; "Washington
withheld its consent for the transfer of the jets to Croatia").

Granted consent is a plan (``planned``), refused consent a denial (``denied``)
for both rows: the train corpus's convention for re-export permission. The
consenting state is the subject of the verb of allowing or of giving or
refusing the permission; the state that passes the arms on is the one allowed
(the verb's object or the subject of its infinitive, "permission for Poland to
send"); the recipient comes after "to" on the verb of moving or on the
transfer noun. Asking for permission decides nothing and gives no row here.
Weaker than a trigger's row, with a middling confidence.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Span, Token

from ..catalogue.actors import DEMONYM, ActorMention, mention_index
from ..records import TransferRecord
from ..text import columns
from ..text.nlp import doc_text
from ..vocab import words
from ..vocab.lexicon import PERMISSION_NOUNS, PREP_DEPS
from .phrases import arms_like, pobj_codes
from .roles import MentionIndex, phrase_codes, subject_codes
from .status import DENIED, PLANNED

CONFIDENCE = 0.6


def _w(key: str) -> frozenset[str]:
    return frozenset(words()[key])


def _negated(tok: Token) -> bool:
    return any(c.dep_ == "neg" for c in tok.children)


def _refusing(verb: Token) -> bool:
    """``verb`` refuses ("refused", "blocked", "would not allow")."""
    return verb.lemma_.lower() in _w("refuse_permission_verbs") or _negated(verb)


def _moves(tok: Token) -> bool:
    """A verb or noun of passing arms on ("send", "re-export", "the transfer")."""
    return tok.lemma_.lower() in _w("pass_on_words")


def _recipients(move: Token, index: MentionIndex) -> list[str]:
    """Parties after "to" on the moving word (or its arms: "the jets to Croatia")."""
    out: list[str] = []
    for holder in [move, *(o for o in move.children if o.dep_ in {"dobj", "pobj"} or o.dep_ in PREP_DEPS)]:
        for p in holder.children:
            if p.dep_ in {"prep", "dative"} and p.lower_ == "to":
                out += pobj_codes(p, index)
    return list(dict.fromkeys(out))


def _moving_word(head: Token) -> Token | None:
    """The infinitive or transfer noun a permission governs: "allowed Poland to
    send", "permission to send", "consent for the transfer of"."""
    for c in head.children:
        if c.dep_ in {"xcomp", "ccomp", "acl"} and c.pos_ in {"VERB", "AUX"} and _moves(c):
            return c
        if c.dep_ == "dobj" and c.pos_ == "NOUN" and head.pos_ == "VERB" and _moves(c) \
                and any(d.dep_ == "det" and d.lower_ in {"the", "this", "that"} for d in c.children):
            return c  # "refused to approve the transfer": the story's transfer
        if c.dep_ in PREP_DEPS and c.lower_ == "for":
            for g in c.children:
                if g.dep_ == "pobj" and g.pos_ == "NOUN" and _moves(g):
                    return g
                # "permission for Poland to send"
                for v in g.children:
                    if v.dep_ in {"acl", "relcl"} and _moves(v):
                        return v
    return None


def _allowed(move: Token, head: Token, index: MentionIndex) -> list[str]:
    """The party allowed to pass the arms on: the mover's own subject, the
    verb's object ("allowed Poland to"), the dative of a given permission
    ("gave Poland permission"), or the "for" party ("permission for Poland")."""
    codes = [c for s in move.children if s.dep_ in {"nsubj", "nsubjpass"} for c in phrase_codes(s, index)]
    if codes:
        return codes
    holder = head.head if head.dep_ == "dobj" else head
    for c in [*head.children, *holder.children]:
        if c.dep_ in {"dobj", "dative", "iobj"} and not arms_like(c) and c.lemma_.lower() not in PERMISSION_NOUNS:
            codes += phrase_codes(c, index)
        if c.dep_ in PREP_DEPS and c.lower_ == "for":
            codes += [k for g in c.children if g.dep_ == "pobj" and not _moves(g) for k in phrase_codes(g, index)]
    passive = [s for s in holder.children if s.dep_ == "nsubjpass"]
    if not codes and passive and passive[0].lemma_.lower() not in PERMISSION_NOUNS:
        codes = phrase_codes(passive[0], index)  # "Denmark was allowed to send"
    return list(dict.fromkeys(codes))


def _consenting(verb: Token, index: MentionIndex) -> tuple[list[str], bool]:
    """The party that gives or refuses consent through ``verb``, and whether it
    refuses: through a verb of refusing above ("refused to allow")."""
    refused = _refusing(verb)
    if verb.dep_ == "xcomp" and verb.head.pos_ in {"VERB", "AUX"} and _refusing(verb.head):
        return subject_codes(verb.head, index), True
    if any(s.dep_ == "nsubjpass" for s in verb.children):
        return [c for a in verb.children if a.dep_ == "agent" for c in pobj_codes(a, index)], refused
    return subject_codes(verb, index), refused


def _story_recipient(sent: Span, consenting: list[str], known: set[tuple[str, str]],
                     index: MentionIndex) -> list[str]:
    """The recipient of "the transfer" a permission names without "to": the one
    recipient the rows so far give the sentence's other parties ("Israel could not
    resell the jets without Washington's approval, and the United States refused to
    approve the transfer", after Israel's sale to Croatia)."""
    parties = {m.code for i in range(sent.start, sent.end) if (m := index.get(i)) is not None} - set(consenting)
    found = {r for s, r in known if s in parties and r not in consenting}
    return list(found) if len(found) == 1 else []


def permission_transfers(doc: Doc, mentions: list[ActorMention], found: list[TransferRecord],
                         bounds: Callable[[Span], tuple[int, int]]) -> list[TransferRecord]:
    """Rows for the consents to pass arms on that ``found`` lacks."""
    index = mention_index([m for m in mentions if m.form != DEMONYM])
    if not index:
        return []
    allow_verbs = _w("approval_verbs") | {"let"}
    grant_verbs = _w("grant_permission_verbs") | _w("refuse_permission_verbs")
    known = {(t.supplier, t.recipient) for t in found}
    lemmas, pos = columns.lemmas(doc), columns.pos(doc)
    text = doc_text(doc)
    out: list[TransferRecord] = []
    for i, lemma in enumerate(lemmas):
        tok = doc[i]
        if pos[i] == "VERB" and lemma in allow_verbs:
            verb = head = tok
        elif pos[i] == "NOUN" and lemma in PERMISSION_NOUNS and tok.dep_ in {"dobj", "nsubjpass"} \
                and tok.head.lemma_.lower() in grant_verbs:
            verb, head = tok.head, tok
        else:
            continue
        move = _moving_word(head) or (_moving_word(verb) if verb is not head else None)
        if move is None or not any(arms_like(t) for t in move.subtree):
            continue  # "allowed Poland to send doctors": no arms
        recipients = _recipients(move, index)
        consenting, refused = _consenting(verb, index)
        if not recipients and move.pos_ == "NOUN" and consenting:
            recipients = _story_recipient(tok.sent, consenting, known, index)
        if not recipients:
            continue
        allowed = [c for c in _allowed(move, head, index) if c not in consenting]
        status = DENIED if refused else PLANNED
        start, end = bounds(tok.sent)
        for s in [*allowed, *consenting]:
            for r in recipients:
                if s == r or (s, r) in known:
                    continue
                known.add((s, r))
                out.append(TransferRecord(supplier=s, recipient=r, status=status, weapons=[],
                                          evidence=text[start:end], start=start, end=end, confidence=CONFIDENCE))
    return out
