"""The status of a reported supply from tense, aspect, modality and negation.

A trigger's status comes from the words around it, nearest first: the trigger's
own negation and auxiliaries, then the verbs that govern it ("continue to
supply", "signed a contract to buy", "halted a delivery", "declined to provide",
"rejected a report that ... had been flying weapons"). Subordinate clauses of
time and cause ("after it took delivery of ...") keep their own status.
Stopping and denying words anywhere on that chain win over the rest: "Turkey,
which had planned to buy the jets, was suspended" is a suspension.

Returns (status, strength): strength 2 when a word decided it, 1 when it is only
the default for the kind of trigger, so that an explicit report elsewhere in the
article can win.
"""

from __future__ import annotations

from spacy.tokens import Token

from ..closed_sets import TransferStatus
from ..text import columns
from ..vocab.lexicon import (
    CLAIM_NOUNS,
    CONSIDERING_MODALS,
    CONSIDERING_NOUNS,
    CONSIDERING_VERBS,
    CONTRACTED_VERBS,
    DEAL_NOUNS,
    DELIVERED_VERBS,
    DEMAND_VERBS,
    DENY_FORMS,
    DENY_VERBS,
    DISMISSIVE_WORDS,
    DROPPED_OBJECTS,
    HEDGE_MODIFIERS,
    LICENCE_NOUNS,
    ONGOING_VERBS,
    PLANNED_MODALS,
    PLANNED_NOUNS,
    PERMISSION_NOUNS,
    PLANNED_VERBS,
    SUSPEND_VERBS,
)
from ..vocab import words

DELIVERED = TransferStatus.DELIVERED
ONGOING = TransferStatus.ONGOING
CONTRACTED = TransferStatus.CONTRACTED
PLANNED = TransferStatus.PLANNED
CONSIDERING = TransferStatus.CONSIDERING
SUSPENDED = TransferStatus.SUSPENDED
DENIED = TransferStatus.DENIED

# Trigger lemmas whose completed form means the arms changed hands.
HANDOVER_LEMMAS = words()["handover_lemmas"]
# In headlinese the present tense reports a finished event ("China hands over submarines").
HEADLINE_PAST = words()["headline_past"]
# Dependencies the status chain climbs; "advcl" is a separate event.
CLIMB_DEPS = frozenset({"acl", "agent", "amod", "appos", "attr", "ccomp", "compound", "conj", "dative", "dobj", "nsubj", "nsubjpass", "oprd", "pcomp", "pobj", "prep", "relcl", "xcomp"})
# Conjunctions that make a clause conditional: "could transfer jets if Belgrade pays".
CONDITION_MARKS = words()["condition_marks"]
# Verbs about supplies that already exist, which say nothing of their stage.
NEUTRAL_VERBS = words()["neutral_verbs"]
# Supply verbs that carry their own stage.
TRIGGER_STATUS = {
    "offer": CONSIDERING, "propose": CONSIDERING, "promise": PLANNED, "pledge": PLANNED,
    "request": CONSIDERING, "ask": CONSIDERING, "seek": CONSIDERING, "want": CONSIDERING,
    "demand": CONSIDERING, "beg": CONSIDERING,
}
ORDER_WORDS = words()["order_words"]
# Verbs that say a state has the arms in service: "the drone flies with the
# armed forces of ...", "has been fielding the batteries since 2016".
IN_SERVICE_VERBS = frozenset(words()["operate_verbs"]) | frozenset(words()["service_verbs"])
# A supply cleared by the state that must allow it is planned, however hedged
# the sale itself ("approving a possible Foreign Military Sale").
# Verbs only: permission asked for ("sought approval to send") is not granted.
APPROVAL_VERBS = words()["approval_verbs"]
_DROPPED_OR_DEALT = DROPPED_OBJECTS | DEAL_NOUNS | PLANNED_NOUNS | PERMISSION_NOUNS
# Verbs that dismiss a report: "rejects reports", "denied claims".
# "vetoed the sale" refuses a supply, it dismisses no report.
_CLAIM_DENY_VERBS = DENY_VERBS - {"decline", "refuse", "rule", "veto"}


def _negated(token: Token) -> bool:
    if any(c.dep_ == "neg" for c in token.children):
        return True
    # "no new export licences", "no longer"
    for c in token.children:
        if c.dep_ in {"dobj", "nsubjpass", "attr"} and any(g.lower_ == "no" and g.dep_ == "det" for g in c.children):
            return True
        if c.lower_ == "longer" and any(g.lower_ == "no" for g in c.children):
            return True
    return False


def _object_lemmas(token: Token) -> set[str]:
    return {t.lemma_.lower() for t in token.subtree}


def _modal(token: Token) -> str | None:
    for c in token.children:
        if c.dep_ == "aux":
            low = c.lower_
            if low in PLANNED_MODALS:
                return PLANNED
            if low in CONSIDERING_MODALS:
                return CONSIDERING
    return None


def _demanded(tok: Token) -> bool:
    """"We urge the U.S. side to cancel the planned sale", "called on Berlin to
    halt deliveries": a stop someone asks for has not happened."""
    head = tok.head
    if tok.dep_ in {"xcomp", "ccomp", "advcl"} and head.lemma_.lower() in DEMAND_VERBS:
        return True
    # "called on Washington to cancel": the infinitive hangs off "on"'s object
    return tok.dep_ in {"acl", "relcl", "xcomp"} and head.dep_ == "pobj" and head.head.head.lemma_.lower() in DEMAND_VERBS


def _dropped_later(tok: Token) -> bool:
    """"explored buying Su-35s from Russia but dropped the plan": a later verb of
    the same subject gives the plan up."""
    for c in tok.children:
        if c.dep_ == "conj" and c.i > tok.i and c.lemma_.lower() in SUSPEND_VERBS | {"drop"}:
            if any(o.dep_ in {"dobj", "nsubjpass"} and (o.lemma_.lower() in DROPPED_OBJECTS or o.lower_ in {"it", "them"})
                   for o in c.children):
                return True
    return False


def _claim_denied(trigger: Token) -> bool:
    """"Iran rejects reports it is arming Russia", "called the reports that it
    supplied weapons fabricated": the supply is a report its subject dismisses,
    read from the words when the parse of the headline-style sentence fails."""
    sent = trigger.sent
    lemmas, lowers = columns.lemmas(trigger.doc), columns.lowers(trigger.doc)
    # token positions in the sentence, before the trigger
    first = next((i for i in range(sent.start, trigger.i) if lemmas[i] in CLAIM_NOUNS or lowers[i] in CLAIM_NOUNS),
                 None)
    if first is None:
        return False
    if any(lowers[i] in {"but", ";", "while", "although", "though"} for i in range(first + 1, trigger.i)):
        return False
    deny = any((lemmas[i] in _CLAIM_DENY_VERBS or lowers[i] in DENY_FORMS)
               for i in range(max(sent.start, first - 4), first))
    return deny or any(lowers[i] in DISMISSIVE_WORDS for i in range(sent.start, sent.end))


def _chain(trigger: Token) -> list[Token]:
    """The trigger and the words governing it, nearest first, up to a new event."""
    chain = [trigger]
    tok = trigger
    while tok.head.i != tok.i and (tok.dep_ in CLIMB_DEPS or _deal_infinitive(tok)) and len(chain) < 8:
        tok = tok.head
        chain.append(tok)
    return chain


def _deal_infinitive(tok: Token) -> bool:
    """"scrapped the deal to buy S-400s", "sought approval to send its jets",
    parsed with the infinitive on the verb: it belongs to the deal, plan or
    permission that the verb acts on."""
    if tok.dep_ != "advcl" or tok.tag_ != "VB" or not any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
        return False
    return any(c.dep_ == "dobj" and c.i < tok.i and c.lemma_.lower() in _DROPPED_OR_DEALT
               for c in tok.head.children)


def _lexical(tok: Token, is_trigger: bool) -> str | None:
    lemma = tok.lemma_.lower()
    if is_trigger:
        if tok.pos_ in {"NOUN", "PROPN"}:
            return _noun_modifier_status(tok)
        if tok.pos_ not in {"VERB", "AUX"}:
            return None
        # A signing is itself the contract ("Poland signs deal for F-35s"); an
        # offer awaits an answer; a pledge is a plan.
        if lemma in CONTRACTED_VERBS and lemma != "order":
            return CONTRACTED
        if lemma in TRIGGER_STATUS:
            return TRIGGER_STATUS[lemma]
        return None
    if lemma in DENY_VERBS:
        return DENIED
    if lemma == "drop" and any(c.dep_ == "dobj" and c.lemma_.lower() in DROPPED_OBJECTS for c in tok.children):
        return SUSPENDED  # "dropped plans to buy the jets"; not "dropped bombs"
    if lemma in SUSPEND_VERBS:
        if lemma == "hold" and not any(c.lower_ in {"back", "up", "off"} for c in tok.children):
            return None
        return SUSPENDED
    if tok.pos_ in {"VERB", "AUX", "ADJ"}:
        if lemma in CONTRACTED_VERBS:
            return CONTRACTED
        if lemma in ONGOING_VERBS:
            return ONGOING
        if lemma in {"start", "begin"} and tok.tag_ == "VBD":
            return ONGOING  # "deliveries began in 2019"
        if lemma in CONSIDERING_VERBS:
            return CONSIDERING
        if lemma in PLANNED_VERBS or (lemma == "due" and tok.pos_ == "ADJ"):
            return PLANNED
        if lemma in DELIVERED_VERBS:
            return DELIVERED
    if tok.pos_ == "NOUN":
        if lemma in DEAL_NOUNS:
            return CONTRACTED
        if lemma in CONSIDERING_NOUNS:
            return CONSIDERING
        if lemma in PLANNED_NOUNS:
            return PLANNED
    return None


def _noun_modifier_status(noun: Token) -> str | None:
    """A supply noun's own adjective: "the potential sale" is considered, "the
    planned arms sale" planned, "the cancelled deal" suspended."""
    for c in noun.children:
        if c.dep_ not in {"amod", "compound"}:
            continue
        lemma = c.lemma_.lower()
        if lemma in HEDGE_MODIFIERS or c.lower_ in HEDGE_MODIFIERS:
            return CONSIDERING
        if c.tag_ in {"VBN", "JJ"} and lemma in SUSPEND_VERBS:
            return SUSPENDED
        if c.tag_ in {"VBN", "JJ"} and lemma in PLANNED_VERBS - {"start", "begin", "expect"}:
            return PLANNED
    return None


def _approved(chain: list[Token]) -> bool:
    """A trigger that a verb of approval governs, with no plan, deal or stage of
    its own in between: "approving a possible sale to India", "allowing Japan
    to buy"."""
    for i, tok in enumerate(chain[:4]):
        lemma = tok.lemma_.lower()
        if i > 0 and lemma in APPROVAL_VERBS and tok.pos_ == "VERB":
            # "..., which does not mean a deal will be signed": the sentence
            # itself keeps the sale open
            return not any(t.dep_ == "neg" for t in chain[0].sent)
        if i > 0 and (_lexical(tok, False) or _modal(tok)):
            return False
    return False


def _tense_status(trigger: Token, headline: bool) -> tuple[str, int]:
    """Status from the trigger's own form when no word around it decides."""
    lemma = trigger.lemma_.lower()
    aux = {c.lower_ for c in trigger.children if c.dep_ in {"aux", "auxpass"}}
    if trigger.pos_ not in {"VERB", "AUX"}:
        return ONGOING, 1
    if lemma in IN_SERVICE_VERBS and trigger.tag_ in {"VBZ", "VBP", "VBG", "VBN"}:
        # a state that flies or fields the arms has them: they were delivered
        return DELIVERED, 2
    if trigger.tag_ == "VBG" and aux & {"is", "are", "was", "were", "be", "been", "'re", "'s"}:
        return ONGOING, 2
    if lemma == "order":
        return CONTRACTED, 2
    if trigger.tag_ in {"VBD", "VBN"}:
        return (DELIVERED, 2) if lemma in HANDOVER_LEMMAS else (ONGOING, 1)
    if trigger.tag_ in {"VBZ", "VBP"}:
        if headline and lemma in HEADLINE_PAST:
            return DELIVERED, 2
        return ONGOING, 2 if not headline else 1
    if trigger.tag_ == "VB" and "to" in aux and trigger.dep_ == "ROOT":
        # Headline "Russia to hand Syria S-300": the infinitive announces a plan.
        return PLANNED, 2
    if trigger.tag_ == "VB" and "to" in aux and trigger.dep_ == "xcomp" and (
            trigger.head.lemma_.lower() == "be" or (trigger.head.lemma_.lower() == "set" and trigger.head.tag_ == "VBN")):
        # "Romania is to receive 54 Abrams tanks", "Manila is set to buy"
        return PLANNED, 2
    return ONGOING, 1


def trigger_status(trigger: Token, *, headline: bool = False) -> tuple[str, int]:
    """(status, strength) of the supply ``trigger`` reports."""
    chain = _chain(trigger)
    # A condition on the trigger or its verb: "could transfer ... if Belgrade pays".
    for tok in chain[:2]:
        for c in tok.children:
            if c.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ in CONDITION_MARKS for g in c.children):
                return CONSIDERING, 2
    if _claim_denied(trigger):
        return DENIED, 2
    # A demand ("urged Washington to cancel the sale") ends the chain: what is
    # demanded has not happened.
    for i, tok in enumerate(chain):
        if i > 0 and _demanded(tok):
            chain = chain[:i]
            break
    # Stopping and denying win wherever they are on the chain.
    for i, tok in enumerate(chain):
        if _dropped_later(tok):
            return SUSPENDED, 2
        if _negated(tok):
            sentence_lemmas = {t.lemma_.lower() for t in trigger.sent}
            if sentence_lemmas & ORDER_WORDS and tok.lemma_.lower() in {"receive", "get", "deliver", "supply"}:
                return CONTRACTED, 2
            if _object_lemmas(tok) & LICENCE_NOUNS or tok.lemma_.lower() in LICENCE_NOUNS | {"process", "grant", "approve", "license", "licence"}:
                return SUSPENDED, 2
            return DENIED, 2
        if i > 0 and tok.lemma_.lower() in NEUTRAL_VERBS:
            break
        status = _lexical(tok, i == 0)
        if status in {DENIED, SUSPENDED}:
            return status, 2
    if _approved(chain):
        return PLANNED, 2
    for i, tok in enumerate(chain):
        if i > 0 and tok.lemma_.lower() in NEUTRAL_VERBS:
            break  # "urged India to reconsider arms supplies": supplies that exist already
        status = _lexical(tok, i == 0)
        modal = _modal(tok)
        if status == DELIVERED and modal:
            return modal, 2  # "will take delivery of 66 jets by 2026" is yet to happen
        if status:
            return status, 2
        if modal:
            return modal, 2
        # A participle ("fighters ordered from France landed") takes the status of
        # the clause it modifies; other verbs decide by their own tense first.
        if i == 0 and trigger.pos_ in {"VERB", "AUX"} and trigger.dep_ != "acl":
            tense = _tense_status(trigger, headline)
            if tense[1] == 2:
                return tense
    return _tense_status(trigger, headline)


def is_denial(verb: Token) -> bool:
    """Whether ``verb`` denies a reported supply: "denied that the ship was carrying
    arms", "rejected a report that ...", "dismissed the charge"."""
    if verb.lemma_.lower() not in DENY_VERBS or verb.lemma_.lower() in {"decline", "refuse", "veto"}:
        return False
    if verb.dep_ in {"relcl", "acl"} and verb.head.lemma_.lower() in CLAIM_NOUNS:
        return True  # "a charge Abu Dhabi has denied"
    for c in verb.children:
        if c.dep_ == "dobj" and c.lemma_.lower() in CLAIM_NOUNS:
            return True
        if c.dep_ == "ccomp":
            return True
        # "Iran again denied supplying the group with weapons"
        if c.dep_ in {"xcomp", "dobj", "pcomp"} and c.tag_ == "VBG" and c.lemma_.lower() in HANDOVER_LEMMAS:
            return True
    if not any(c.dep_ in {"dobj", "ccomp", "xcomp"} for c in verb.children):
        # "..., a charge Abu Dhabi has denied" parsed without its object.
        return any(t.lemma_.lower() in CLAIM_NOUNS for t in verb.sent if t.i < verb.i)
    return False
