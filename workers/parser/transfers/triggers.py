"""Supply triggers: one sentence's report of arms moving from some parties to others.

Each builder reads one trigger word and returns a ``Candidate`` with the parties
the parse gives it, or None: supply verbs ("X supplies/sells/hands Y", passives
and participles "tanks supplied by X"), acquisition verbs ("Y buys/orders/
receives from X"), arrival verbs ("the S-400s will reach India"), use of foreign
arms ("Egypt operates U.S.-made F-16s"), requests ("Kyiv asked Berlin for
Taurus missiles"), supply and purchase nouns ("X's deliveries of S-400s to Y",
"Y's purchase of Rafales from X"). Deals ("Y signed a contract with X for
Patriots") are ``deal_triggers.py``. Status is set later, by
``status.trigger_status``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from ..catalogue.actors import COMPANY, ActorMention
from ..vocab import words
from ..vocab.lexicon import (
    ACQUIRE_NOUNS,
    ACQUIRE_VERBS,
    ARMS_WORDS,
    ARRIVAL_VERBS,
    CARRY_VERBS,
    DEAL_NOUNS,
    JOIN_VERBS,
    LICENCE_NOUNS,
    OPERATE_VERBS,
    PERMISSION_NOUNS,
    PREP_DEPS,
    PROGRAMME_NOUNS,
    RECEIVE_NOUN_VERBS,
    NEGOTIATE_VERBS,
    RECIPIENT_OBJECT_VERBS,
    RECIPIENT_PREPS,
    REQUEST_VERBS,
    SOURCE_NOUNS,
    SUPPLIER_GOVERNORS,
    SUPPLIER_PREPS,
    SUPPLY_VERBS,
    WIN_VERBS,
)
from .phrases import (
    arms_like,
    deal_partners,
    governing_subject,
    in_arms,
    maker_codes,
    nearest_before,
    noun_is_arms,
    objects_of,
    owner_codes,
    phrase_text,
    pobj_codes,
    prep_codes,
    start_with,
    with_objects,
)
from .roles import MentionIndex, conj_group, phrase_codes, previous_subject, subject_codes, subject_token
from .status import CONTRACTED, DELIVERED
from .weapons import named_systems, origin_of


_RECEIVE_OR_NEGOTIATE = RECEIVE_NOUN_VERBS | NEGOTIATE_VERBS
COMPANY_NOUNS = words()["company_anaphors"]
GET_TO_VERBS = words()["get_to_verbs"]
APPROVAL_VERBS = words()["approval_verbs"]
FUNDING_VERBS = frozenset(words()["funding_verbs"])
TURN_TO_VERBS = frozenset(words()["turn_to_verbs"])
# Buyer nouns whose possessor is the seller: "Russia's customers", not "India's purchase".
SELLER_OWNED_NOUNS = frozenset({"customer", "client", "buyer"})


@dataclass
class Candidate:
    """One sentence's report of supplies from some parties to others."""

    suppliers: list[str]
    recipients: list[str]
    status: str
    strength: int
    sent: Span
    trigger: Token
    weapons: list[str] = field(default_factory=list)
    confidence: float = 0.7
    undirected: bool = False  # "X signed a deal with Y": direction still unknown


def _arms_subject(verb: Token) -> Token | None:
    """The arms that are the subject of a verb of use ("the Korean jet flies
    with Thailand", "versions of the Korean jet fly with ...")."""
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subj is None:
        return None
    if arms_like(subj):
        return subj
    if subj.lemma_.lower() in {"version", "variant", "model", "copy"}:
        return next((g for p in subj.children if p.dep_ == "prep" and p.lower_ == "of"
                     for g in p.children if g.dep_ == "pobj" and arms_like(g)), None)
    return None


def _deciders(noun: Token, index: MentionIndex) -> list[str]:
    """The party whose decision or plan a purchase is ("Croatia will annul its
    decision on the purchase of F-16s", "Peru's plan for the purchase of
    jets"): the noun's possessor, else the subject of the verb that takes it."""
    owners = [c for p in noun.children if p.dep_ == "poss" for c in phrase_codes(p, index)]
    if owners:
        return owners
    if noun.dep_ in {"dobj", "nsubjpass"} and noun.head.pos_ in {"VERB", "AUX"}:
        return subject_codes(noun.head, index)
    return []


def _previous_holder(sent: Span, index: MentionIndex) -> list[str]:
    """The parties in the subject of the sentence before (``previous_subject``),
    unless that subject is arms: "The Turkish ships will join the fleet" names
    their maker, who holds nothing the next sentence's arms came to."""
    if sent.start > 0 and any(t.dep_ in {"nsubj", "nsubjpass"} and t.head.dep_ == "ROOT" and (arms_like(t) or t.lemma_.lower() in ARMS_WORDS)
                              for t in sent.doc[sent.start - 1].sent):
        return []
    return previous_subject(sent, index)


def verb_candidate(verb: Token, index: MentionIndex, mentions: dict[int, ActorMention]) -> Candidate | None:
    lemma = verb.lemma_.lower()
    # "tanks supplied by X" is passive; "a report that it had shipped missiles" is not.
    passive = any(c.dep_ in {"auxpass", "nsubjpass"} for c in verb.children) or (
        verb.dep_ == "acl" and verb.tag_ == "VBN" and not any(c.dep_ in {"nsubj", "aux"} for c in verb.children)
    )
    suppliers: list[str] = []
    recipients: list[str] = []
    objects = objects_of(verb)
    arms_objects = [o for o in objects if arms_like(o)]
    if lemma in ARRIVAL_VERBS:
        subj = subject_token(verb)
        if subj is None or not arms_like(subj):
            return None
        recipients = [c for o in objects for c in phrase_codes(o, index)] or prep_codes(verb, frozenset({"in", "to"}), index, depth=0)
        suppliers = maker_codes(subj, index, mentions) or prep_codes(verb, frozenset({"from"}), index, depth=0)
        if not suppliers:
            # "Ukraine's tanks went to Pakistan": the owner gave them
            suppliers = [c for c in owner_codes(subj, index) if c not in recipients]
        if not suppliers and verb.dep_ in {"ccomp", "xcomp"} and (verb.head.lemma_.lower() == "let" or verb.head.lemma_.lower() in APPROVAL_VERBS):
            # "Germany declined to let the engines go to China": the state that
            # lets the arms go gives them
            suppliers = [c for c in subject_codes(verb.head, index) if c not in recipients]
        if not suppliers:
            origin = origin_of(phrase_text(subj))
            suppliers = [origin] if origin else []
        return Candidate(suppliers, recipients, "", 0, verb.sent, verb) if recipients else None

    if lemma in REQUEST_VERBS or lemma in TURN_TO_VERBS:
        if passive:
            return None
        recipients = subject_codes(verb, index)
        suppliers = []
        # "requested Taurus missiles from Berlin"
        if arms_objects:
            suppliers = prep_codes(verb, frozenset({"from"}), index, depth=0)
        asked = list(objects)
        if lemma in TURN_TO_VERBS:
            # "Armenia turned to France and India for weapons": the "to" party is asked
            asked = [g for p in verb.children if p.dep_ in PREP_DEPS and p.lower_ == "to"
                     for g in p.children if g.dep_ == "pobj"]
        # "asked Berlin for Taurus missiles"; not "asked Berlin for permission to
        # send its Leopards", where Berlin only licenses the asker's supply
        for p in verb.children:
            if p.dep_ in PREP_DEPS and p.lower_ == "for" and any(
                    arms_like(g) and g.lemma_.lower() not in PERMISSION_NOUNS for g in p.children if g.dep_ == "pobj"):
                suppliers += [c for o in asked for c in phrase_codes(o, index)]
        if not suppliers or not recipients:
            return None
        return Candidate(list(dict.fromkeys(suppliers)), recipients, "", 0, verb.sent, verb)

    if lemma in JOIN_VERBS:
        # "Athens wanted to join the F-35 programme": joining a weapon's programme
        # is buying into it, from the state that makes it.
        programme = [o for o in objects if o.lemma_.lower() in PROGRAMME_NOUNS]
        origin = origin_of(" ".join(phrase_text(o) for o in programme)) if programme else None
        recipients = subject_codes(verb, index)
        if origin is None or not recipients:
            return None
        return Candidate([origin], recipients, "", 0, verb.sent, verb, confidence=0.5)

    if lemma in OPERATE_VERBS:
        subj = None
        # "Egypt operates U.S.-made F-16s": a party using another's named arms has
        # received them. Only a national word on the arms counts, never the maker
        # of a system alone ("Israel operates F-16s" says nothing of the seller).
        if passive:
            # "South Korea's K9 howitzers are used by Poland": the agent holds them
            recipients = [c for a in verb.children if a.dep_ == "agent" for c in pobj_codes(a, index)]
            held = [c for c in verb.children if c.dep_ == "nsubjpass" and arms_like(c)]
        elif (subj := _arms_subject(verb)) is not None:
            # "versions of the Korean jet already fly with Thailand and Indonesia":
            # the arms serve with their holders
            recipients = [c for p in verb.children if p.dep_ == "prep" and p.lower_ == "with" for c in pobj_codes(p, index)]
            held = [subj]
        else:
            recipients = subject_codes(verb, index)
            # "flies the F-16 alongside French Rafales"
            held = arms_objects + [g for p in verb.children if p.dep_ == "prep" and p.lower_ in {"alongside", "besides"}
                                   for g in p.children if g.dep_ == "pobj" and arms_like(g)]
        used = [g for o in held for g in conj_group(o) if named_systems(phrase_text(g))]
        if not used and held and held[0].i == (subj.i if subj is not None else -1):
            used = held  # "the Korean jet flies with Thailand": the arms are the subject
        if not used:
            return None  # "used the Russian plane as cover" names no system
        # "operates U.S.-made F-16s" is sometimes parsed with the adjective on the verb.
        used += [c for c in verb.children if c.dep_ in {"advmod", "amod"} and c.i > verb.i]
        for o in used:
            for t in o.subtree:
                m = mentions.get(t.i)
                if m is not None and m.form != COMPANY and (t.dep_ in {"amod", "compound", "npadvmod", "nmod", "poss"} or t is o):
                    suppliers.append(m.code)
        if not suppliers or not recipients:
            return None
        return Candidate(list(dict.fromkeys(suppliers)), recipients, DELIVERED, 2, verb.sent, verb, confidence=0.5)

    if lemma in SUPPLY_VERBS or lemma in CARRY_VERBS:
        if not objects and any(c.dep_ == "xcomp" for c in verb.children):
            return None  # "offered to train pilots": the infinitive is the event
        if any(o.dep_ == "dobj" and o.lemma_.lower() in PERMISSION_NOUNS for o in verb.children):
            return None  # "gave Poland permission to send tanks": a consent (``permissions``), no gift
        if passive:
            agents = [g for a in verb.children if a.dep_ == "agent" for g in a.children if g.dep_ == "pobj"]
            if lemma in CARRY_VERBS and any(arms_like(g) for g in agents):
                return None  # "missiles carried by the Indian Rafales": a platform, not a supplier
            suppliers = [c for a in verb.children if a.dep_ == "agent" for c in pobj_codes(a, index)]
            subj = [c for c in verb.children if c.dep_ == "nsubjpass"]
            moved = subj[0] if subj else (verb.head if verb.dep_ == "acl" else None)
            if lemma in RECIPIENT_OBJECT_VERBS and subj:
                recipients = phrase_codes(subj[0], index)
                if not suppliers:
                    suppliers = [c for w in with_objects(verb) for c in maker_codes(w, index, mentions)]
            else:
                if moved is None or not arms_like(moved):
                    return None
                recipients = prep_codes(verb, RECIPIENT_PREPS, index, depth=0)
                if not recipients and verb.dep_ == "acl":
                    recipients = governing_subject(verb.head, index) or _previous_holder(verb.sent, index)
                if not suppliers:
                    owners = owner_codes(moved, index)
                    if owners and set(owners) <= set(recipients) and verb.dep_ == "acl":
                        # "Pakistan's 320 tanks, delivered in the late 1990s": arms
                        # that came to their owner, from a seller left unsaid
                        owners = []
                    suppliers = owners or maker_codes(moved, index, mentions)
        else:
            with_objs = with_objects(verb)
            object_parties = [o for o in objects if phrase_codes(o, index, pronouns=False) and not arms_like(o)]
            if lemma in CARRY_VERBS and lemma not in RECIPIENT_OBJECT_VERBS:
                has_arms = arms_objects or any(arms_like(w) for w in with_objs) or in_arms(verb)
                if not has_arms and not (lemma in SUPPLY_VERBS and not objects):
                    return None
            elif objects and not arms_objects and not object_parties and not with_objs and not in_arms(verb):
                return None
            suppliers = subject_codes(verb, index)
            recipients = prep_codes(verb, RECIPIENT_PREPS, index)
            if not suppliers and subject_token(verb) is None and verb.dep_ in {"ccomp", "relcl"}:
                # "countries, the UAE first among them, that it said were sending
                # weapons": the parser loses the relative subject; take the party
                # named last before the verb.
                suppliers = nearest_before(verb, index, exclude=set(recipients))
            # "the Mirage 2000s that France sold India": the arms are the relative
            # clause's head, so a party as object receives them
            arms_head = verb.dep_ == "relcl" and arms_like(verb.head)
            for o in objects:
                if o.dep_ == "dative" or lemma in RECIPIENT_OBJECT_VERBS or with_objs or len(objects) > 1 \
                        or (arms_head and o in object_parties):
                    if not arms_like(o) or o.dep_ == "dative":
                        recipients += phrase_codes(o, index)
            if object_parties and len(object_parties) == len(objects) and not arms_objects and not recipients:
                # "the states supplying Haftar's Libyan National Army": with no arms
                # named, the party the verb takes is the one supplied
                recipients += [c for o in object_parties for c in phrase_codes(o, index)]
            for o in arms_objects:
                # "promised Ukrainian President Zelenskiy air defence systems", parsed
                # as a modifier of the systems.
                for c in o.children:
                    if c.dep_ == "nmod" and c.pos_ == "PROPN" and c.i < o.i:
                        recipients += phrase_codes(c, index)
            recipients += start_with(verb, index)
    elif lemma in ACQUIRE_VERBS:
        if passive:
            moved = verb.head if verb.dep_ == "acl" else next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
            if moved is None or not arms_like(moved):
                return None
            suppliers = prep_codes(verb, SUPPLIER_PREPS, index, depth=0)
            recipients = [c for a in verb.children if a.dep_ == "agent" for c in pobj_codes(a, index)]
            if not recipients and verb.dep_ == "acl":
                recipients = governing_subject(verb.head, index) or _previous_holder(verb.sent, index)
        else:
            if objects and not arms_objects:
                return None
            recipients = subject_codes(verb, index)
            suppliers = prep_codes(verb, frozenset({"from"}), index)
            onward = [c for h in [verb, *arms_objects] for c in prep_codes(h, frozenset({"to"}), index, depth=0)] \
                if lemma in GET_TO_VERBS else []
            if onward and arms_objects and not suppliers:
                # "Saudi Arabia and Qatar are getting weapons to the rebels": getting
                # arms *to* a party delivers them
                return Candidate(recipients, onward, "", 0, verb.sent, verb)
            if not suppliers:
                for o in arms_objects:
                    suppliers += maker_codes(o, index, mentions)
            if not suppliers and arms_objects:
                # "buy Swedish JAS 39 Gripens", parsed as two objects: the
                # national word sits on the name's first part
                for o in objects:
                    suppliers += [c for c in maker_codes(o, index, mentions) if o not in arms_objects]
            if not suppliers:
                suppliers = deal_partners(verb, index)
    else:
        return None
    return Candidate(list(dict.fromkeys(suppliers)), list(dict.fromkeys(recipients)), "", 0, verb.sent, verb)


def _source_of_party(noun: Token, index: MentionIndex) -> bool:
    """"the main arms supplier of Saudi Arabia": a source noun whose "of" names
    a party (the recipient, not the goods), with no modifier naming other goods."""
    objects = [g for c in noun.children if c.dep_ in PREP_DEPS and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
    if not objects or not all(phrase_codes(g, index, pronouns=False) for g in objects):
        return False
    things = [m for m in noun.children if m.dep_ in {"compound", "amod", "nmod"} and m.pos_ == "NOUN"]
    return all(arms_like(m) for m in things)


_COPULAS = frozenset({"be", "become", "remain"})


def _ranked_subject(noun: Token, index: MentionIndex) -> list[str]:
    """The party a copula ranks among buyers or suppliers: "Algeria is one of the
    biggest buyers of Russian weapons", "Vietnam has been among the largest
    buyers", or a verb casts as one ("emerged as a key supplier")."""
    if noun.dep_ != "pobj" or noun.head.lower_ not in {"of", "among", "as"}:
        return []
    prep = noun.head
    verb = prep.head
    if prep.lower_ == "as":
        # "Turkey has emerged as a key arms supplier to African states", "India
        # serves as the main buyer": the subject of the verb "as" hangs on
        return subject_codes(verb, index) if verb.pos_ in {"AUX", "VERB"} else []
    if prep.lower_ == "of":
        if verb.dep_ != "attr" or verb.pos_ not in {"NUM", "PRON", "NOUN"}:
            return []
        verb = verb.head
    if verb.pos_ not in {"AUX", "VERB"} or verb.lemma_.lower() not in _COPULAS:
        return []
    return subject_codes(verb, index)


def _licensed_party(noun: Token, index: MentionIndex) -> list[str]:
    """The party export licences are for when the parse hangs it away from the
    noun: "approved licences worth 300 million euros for Israel", "suspended
    licences for items used by Israel"."""
    tokens = list(noun.subtree)
    if noun.dep_ == "dobj" and noun.head.pos_ in {"VERB", "AUX"}:
        # ("worth 300 million euros for Israel" hangs on the verb)
        tokens += [t for c in noun.head.children if c.dep_ in {"oprd", "npadvmod"} and c.i > noun.i for t in c.subtree]
    out: list[str] = []
    for t in tokens:
        if t.dep_ in PREP_DEPS and t.lower_ in {"for", "to"} or t.dep_ == "agent" and t.head.lemma_.lower() == "use":
            out += pobj_codes(t, index)
    return list(dict.fromkeys(out))


ONLOOKER_VERBS = frozenset(words()["onlooker_verbs"])


def _governing_verb(noun: Token) -> Token | None:
    """The verb a supply noun is the object or passive subject of, through
    prepositions ("halted shipments of arms to Kyiv", "a halt to arms sales")."""
    tok = noun
    while tok.dep_ in {"pobj", "prep", "dative"} or (tok.dep_ == "dobj" and tok.head.pos_ == "NOUN"):
        tok = tok.head
    if tok.dep_ in {"dobj", "nsubjpass", "pobj"} and tok.head.pos_ in {"VERB", "AUX"}:
        return tok.head
    if tok.dep_ in {"dobj", "pobj"} and tok.head.pos_ == "NOUN" and tok.head.dep_ in {"dobj"}:
        return tok.head.head
    return None


def onlooker_codes(noun: Token, index: MentionIndex) -> list[str]:
    """The parties that only react to a supply noun: the subject of a verb of
    seeing or judging ("Moscow could read a transfer of MiG-29s to Ukraine
    as escalatory"). Such a party is no giver, even when it made the arms."""
    gov = _governing_verb(noun)
    if gov is None or gov.lemma_.lower() not in ONLOOKER_VERBS:
        return []
    return subject_codes(gov, index)


def noun_candidate(noun: Token, index: MentionIndex, mentions: dict[int, ActorMention]) -> Candidate | None:
    lemma = noun.lemma_.lower()
    if noun.dep_ == "compound" and noun.head.lemma_.lower() not in DEAL_NOUNS:
        return None  # "arms sales": the head noun is the trigger
    if lemma in {"arm", "weapon"} and noun.dep_ in {"dobj", "pobj"} and noun.head.lemma_.lower() not in {"for", "to"}:
        # "supplied arms": the verb is the trigger; a bare "arms" only when it says
        # whose arms go where ("Indian arms for Armenia").
        if not any(c.dep_ in PREP_DEPS and c.lower_ in {"to", "for"} for c in noun.children):
            return None
    if not noun_is_arms(noun) and not (lemma in SOURCE_NOUNS and _source_of_party(noun, index)):
        return None
    acquire = lemma in ACQUIRE_NOUNS or (lemma in {"delivery", "shipment"} and noun.head.lemma_.lower() in RECEIVE_NOUN_VERBS)
    poss = [c for c in noun.children if c.dep_ == "poss"]
    poss_codes = [code for p in poss for code in phrase_codes(p, index)]
    adj_codes = [
        m.code for c in noun.children if c.dep_ in {"amod", "compound", "nmod"} and (m := mentions.get(c.i))
    ]
    if lemma in SOURCE_NOUNS:
        suppliers: list[str] = []
        if noun.dep_ in {"attr"}:
            suppliers = subject_codes(noun.head, index)
        elif noun.dep_ == "appos":
            suppliers = phrase_codes(noun.head, index)
        else:
            suppliers = _ranked_subject(noun, index)
        # "Iraq's main supplier", "the main supplier to Iraq", "the main arms supplier of the coalition"
        recipients = poss_codes + prep_codes(noun, frozenset({"to", "for", "of"}), index, depth=0)
        if not recipients:
            # "a supplier of drones to Azerbaijan": the parser may hang "to" on the goods
            recipients = [c for p in noun.children if p.dep_ in PREP_DEPS and p.lower_ == "of"
                          for g in p.children if g.dep_ == "pobj" and arms_like(g)
                          for c in prep_codes(g, frozenset({"to", "for"}), index, depth=0)]
        if not recipients and noun.dep_ == "pobj" and noun.head.lower_ == "as":
            # "Israel emerged as the main supplier of drones to Azerbaijan": or on the verb
            recipients = prep_codes(noun.head.head, frozenset({"to"}), index, depth=0)
        return Candidate(suppliers, recipients, "", 0, noun.sent, noun)
    if acquire and noun.dep_ == "dobj" and noun.head.lemma_.lower() in WIN_VERBS:
        # "Rheinmetall won an order from Hungary": the winner sells and "from" names
        # the buyer, the reverse of "an order from Paris" elsewhere; the signing
        # rules read the win
        return None
    payer = noun.head if noun.dep_ == "dobj" else noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ == "for" else None
    if acquire and payer is not None and payer.lemma_.lower() in FUNDING_VERBS:
        # "Germany will fund the purchase of shells for Ukraine from South Korea":
        # the buyer is the party the purchase is for, not its payer (a row of
        # its own, ``deal_triggers.funding_candidate``)
        return Candidate(prep_codes(noun, frozenset({"from"}), index, depth=2),
                         prep_codes(noun, frozenset({"for"}), index, depth=2), "", 0, noun.sent, noun)
    if acquire:
        # "Indian arms imports", "the Egyptian order": the nation on a buyer's noun buys
        recipients = poss_codes + adj_codes + prep_codes(noun, frozenset({"by"}), index, depth=0)
        suppliers = prep_codes(noun, frozenset({"from", "with"}), index, depth=1)
        if lemma in SELLER_OWNED_NOUNS and poss_codes:
            # "Vietnam is Russia's biggest arms customer": the owner of a customer sells
            recipients = [r for r in recipients if r not in poss_codes]
            suppliers = poss_codes + suppliers
        if not suppliers:
            for c in noun.children:
                if c.dep_ in PREP_DEPS and c.lower_ == "of":
                    for g in c.children:
                        suppliers += maker_codes(g, index, mentions)
                elif c.dep_ in PREP_DEPS and c.lower_ == "for":
                    # "customers for French arms"; not "an order for jets from
                    # Manila", where a company wins the order from its buyer
                    suppliers += [m.code for g in c.children if g.dep_ == "pobj" for a in g.children
                                  if a.dep_ == "amod" and (m := mentions.get(a.i))]
        approved = noun.dep_ == "dobj" and noun.head.lemma_.lower() in APPROVAL_VERBS
        if not recipients:
            if noun.dep_ == "appos":
                recipients = phrase_codes(noun.head, index)
            elif approved:
                # "approved the procurement of Arrow 3 by Germany": the parser may
                # hang the buyer's "by" on the verb; the approver is no buyer
                recipients = prep_codes(noun.head, frozenset({"by"}), index, depth=0)
            elif noun.dep_ in {"dobj", "attr"} and noun.head.pos_ in {"VERB", "AUX"}:
                recipients = subject_codes(noun.head, index)
            elif noun.dep_ == "pobj" and noun.head.head.pos_ in {"VERB", "AUX"} and (
                noun.head.head.lemma_.lower() in _RECEIVE_OR_NEGOTIATE
            ):
                recipients = subject_codes(noun.head.head, index)
            elif noun.dep_ == "pobj" and noun.head.lower_ in {"on", "for", "about"} and noun.head.head.pos_ == "NOUN":
                recipients = _deciders(noun.head.head, index)
            else:
                recipients = _ranked_subject(noun, index)
        if not suppliers:
            suppliers = deal_partners(noun, index)
        if not suppliers and approved:
            # "Washington approved Germany's purchase of the Arrow 3 system": the
            # state whose approval the purchase needs supplies (or lets it be supplied)
            suppliers = [c for c in subject_codes(noun.head, index) if c not in recipients]
        return Candidate(suppliers, recipients, "", 0, noun.sent, noun)
    suppliers = poss_codes + adj_codes + prep_codes(noun, frozenset({"from", "by"}), index, depth=0)
    recipients = prep_codes(noun, RECIPIENT_PREPS, index, depth=2)
    if not recipients and noun.dep_ == "dobj":
        # "halted arms sales to Saudi Arabia": the parser hangs "to" on the verb.
        recipients = prep_codes(noun.head, RECIPIENT_PREPS, index, depth=0)
    if not recipients and lemma in LICENCE_NOUNS:
        recipients = _licensed_party(noun, index)
    # With no recipient the report stays partial ("Norway is also weighing
    # contributions"): the sentences before may name the recipient.
    if not suppliers:
        # "the re-export of its Leopard tanks to Ukraine": the owner gives
        suppliers = [c for p in noun.children if p.dep_ in PREP_DEPS and p.lower_ == "of"
                     for g in p.children if g.dep_ == "pobj" for c in owner_codes(g, index) if c not in recipients]
    if not suppliers:
        gov = _governing_verb(noun)
        # Only a verb that manages supplies makes its subject the supplier:
        # "Germany approved arms exports to Turkey", not "the Kremlin said it would
        # treat shipments of arms to Ukraine as targets".
        if gov is not None and gov.lemma_.lower() in SUPPLIER_GOVERNORS:
            suppliers = subject_codes(gov, index)
    onlookers = onlooker_codes(noun, index)
    if not suppliers:
        for c in noun.children:
            if c.dep_ in PREP_DEPS and c.lower_ == "of":
                for g in c.children:
                    suppliers += [m for m in maker_codes(g, index, mentions) if m not in onlookers]
    if not recipients and not suppliers:
        return None
    return Candidate(list(dict.fromkeys(suppliers)), recipients, "", 0, noun.sent, noun)


def contents_candidate(verb: Token, index: MentionIndex, mentions: dict[int, ActorMention]) -> Candidate | None:
    """"The deal, signed in 2021, covers 30 Rafale jets for Egypt": a deal or
    package that includes arms for a party; the supplier is the deal's other
    party or the arms' maker."""
    subj = subject_token(verb)
    if subj is None or subj.lemma_.lower() not in DEAL_NOUNS | {"order", "package", "tranche"}:
        return None
    arms = [o for o in objects_of(verb) if arms_like(o)]
    if not arms:
        return None
    recipients = prep_codes(verb, RECIPIENT_PREPS, index, depth=0)
    recipients += [c for o in arms for c in prep_codes(o, RECIPIENT_PREPS, index, depth=0)]
    recipients += prep_codes(subj, RECIPIENT_PREPS, index, depth=0)
    suppliers = [c for o in arms for c in maker_codes(o, index, mentions)]
    suppliers += prep_codes(subj, frozenset({"with", "from"}), index, depth=0)
    if not suppliers:
        origin = origin_of(" ".join(phrase_text(o) for o in arms))
        suppliers = [origin] if origin else []
    suppliers = [s for s in dict.fromkeys(suppliers) if s not in recipients]
    if not recipients or not suppliers:
        return None
    # a contract's contents are contracted unless the article says more
    signed = subj.lemma_.lower() in {"contract", "deal", "order"}
    return Candidate(suppliers, list(dict.fromkeys(recipients)), CONTRACTED if signed else "", 1 if signed else 0,
                     verb.sent, verb, confidence=0.55)
