"""Pairs a list of parties adds to a supply report.

A sentence that names one recipient of a list names them all: "exports to
Saudi Arabia or to its coalition partners, the United Arab Emirates, Kuwait and
Egypt" gives a row for each, as "Turkey and Qatar were cited for arming the
GNA" gives one for each supplier. The list is read from the parse: parties
joined by "and"/"or"/commas (``conj``) or set beside a noun (``appos``: "the six
Gulf states - Saudi Arabia, Oman and Qatar").

A customer list that names no supplier ("The drone already flies with the
armed forces of Ethiopia, Morocco and Qatar"; "the munitions will be delivered
to Belgium, Denmark and Spain") takes the article's main supplier when the
sentence speaks of arms and names no other party besides the list.

Both give weaker rows than a trigger's, with a low confidence.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Span, Token

from ..catalogue.actors import DEMONYM, ActorMention, mention_index
from ..records import TransferRecord
from ..text import columns
from ..vocab import words
from .headline_parties import headline_origin, headline_supplier
from .phrases import arms_like
from .roles import resolve_pronoun
from .rows import WeakRows
from .secondary import _trigger
from .status import DELIVERED, trigger_status
from .supplier_lists import supplied_party
from .supply_roles import has_supply_vocab
from .weapons import origin_of

CONFIDENCE = 0.45
LIST_CONFIDENCE = 0.4
# Links that join the members of one list.
_LIST_DEPS = frozenset({"conj", "appos"})


def _head(doc: Doc, m: ActorMention) -> Token:
    return doc[m.token_end - 1]


def _list_root(tok: Token, index: dict[int, ActorMention]) -> Token:
    """The first member of the list ``tok`` belongs to: climb "and"/"or"/comma
    links and appositions through other party names ("the Netherlands" in
    "Belgium, the Netherlands and Denmark"), and an apposition to a common
    noun ("the six Gulf states - Saudi Arabia, ...")."""
    seen = 0
    while tok.dep_ in _LIST_DEPS and tok.head.i != tok.i and seen < 40:
        head = tok.head
        if tok.dep_ == "appos" and head.i < head.head.i < tok.i:
            # an apposition across the word that governs its head is misparsed:
            # in "A and B are reported to be getting weapons to the rebels,
            # chiefly the Free Syrian Army", the Army stands beside "the rebels"
            break
        if head.i in index or tok.dep_ == "appos" or head.pos_ in {"NOUN", "PROPN"}:
            tok = head
            seen += 1
            continue
        break
    return tok


def list_groups(sent: Span, index: dict[int, ActorMention]) -> list[tuple[int, list[str]]]:
    """The first token and the codes of each list of two or more parties in the
    sentence, in order."""
    doc = sent.doc
    groups: dict[int, list[str]] = {}
    for i in range(sent.start, sent.end):
        m = index.get(i)
        if m is None or i != m.token_end - 1 or m.form == DEMONYM:
            continue
        root = _list_root(_head(doc, m), index)
        bridge = root.head
        if root.dep_ == "pobj" and bridge.lower_ in words()["list_bridge_preps"] \
                and bridge.head.lemma_.lower() in words()["list_bridge_nouns"]:
            # "the armed forces of Belgium, the Czech Republic and Spain": the
            # parser may hang the later members on "forces"
            root = bridge.head
        members = groups.setdefault(root.i, [])
        if m.code not in members:
            members.append(m.code)
    return [(root, g) for root, g in groups.items() if len(g) >= 2]


def _buyers(noun: Token, w: dict) -> bool:
    """"countries that bought the jet": a noun whose relative clause buys or uses arms."""
    return any(g.dep_ == "relcl" and g.lemma_.lower() in w["acquire_verbs"] | w["operate_verbs"] for g in noun.children)


def _named_before(prep: Token) -> Token | None:
    """The noun a list opened by ", among them", ", including" or ", such as"
    stands for when the parser hangs the list on the verb: the last noun of
    parties ("countries", "states") before the preposition in its clause."""
    bridge = words()["list_bridge_nouns"]
    for t in reversed(prep.doc[prep.sent.start:prep.i]):
        if t.pos_ == "NOUN" and t.lemma_.lower() in bridge:
            return t
    return None


def _receives(root: Token) -> bool:
    """Whether a list stands where a supply's recipients stand: after "to" of a
    supply word ("delivered to A and B", "exported to countries including A
    and B", "sales to the armed forces of A and B"), as the subject of a verb
    of buying or using ("A and B ordered the jets"), or as the customers a
    sentence names ("its main partners are A and B", "operators include A
    and B")."""
    w = words()
    supply = w["supply_verbs"] | w["supply_nouns"]
    acquire = w["acquire_verbs"]
    customers = w["customer_nouns"]
    tok = root
    if root.lemma_.lower() in customers and any(
            c.dep_ == "prep" and c.lower_ in w["list_bridge_preps"] and c.lower_ != "of" for c in root.children):
        return True  # "export customers such as A and B": the list climbed to its noun
    before = root.doc[root.i - 1] if root.i >= 1 else None
    if before is not None and before.is_punct and root.i >= 2:
        before = root.doc[root.i - 2]
    if before is not None and before.pos_ == "PRON" and before.dep_ == "pobj" \
            and before.head.lower_ in w["list_bridge_preps"]:
        # ", among them A, B and C" with the list hung apart from "them"
        noun = _named_before(before.head)
        if noun is not None and _buyers(noun, w):
            return True
    for _ in range(6):
        head = tok.head
        if head.i == tok.i:
            return False
        if tok.dep_ == "pobj" and head.lower_ in w["list_beside_preps"] and head.head.lemma_.lower() in customers:
            return True  # "its fourth customer after A, B and C"
        if tok.dep_ == "pobj" and head.lower_ in w["list_bridge_preps"] and head.head.lemma_.lower() in customers \
                and head.lower_ != "of":
            return True  # "export customers such as A and B", "operators including A and B"
        if tok.dep_ == "pobj" and head.lower_ in w["list_bridge_preps"] and head.head.lemma_.lower() in w["list_bridge_nouns"]:
            tok = head.head  # "the armed forces of" A, "countries including" A
            continue
        if tok.dep_ == "pobj" and head.head.lemma_.lower() in w["list_bridge_nouns"] and head.dep_ == "prep" \
                and head.lower_ == "as" and head.head.i != head.i:
            tok = head.head
            continue
        if tok.dep_ == "pobj" and head.lower_ in w["list_bridge_preps"] | w["list_beside_preps"] \
                and head.head.pos_ in {"VERB", "AUX"}:
            gov = head.head
            if any(c.dep_ in {"nsubj", "attr"} and c.lemma_.lower() in customers for c in gov.children):
                return True  # "Malaysia was its fourth customer after A, B and C"
            noun = _named_before(head)
            if noun is not None and noun.i != tok.i:
                # "other countries that had bought the F-35, among them A, B and C"
                if _buyers(noun, w):
                    return True
                tok = noun
                continue
        if tok.dep_ == "pobj" and head.lower_ == "with" and (
                head.head.lemma_.lower() in w["service_verbs"] or head.head.lemma_.lower() in w["service_nouns"]):
            return True  # "the drone flies with the armed forces of A and B", "in service with A and B"
        if tok.dep_ == "pobj" and head.lower_ == "with" and head.head.lemma_.lower() in w["deal_verbs"] \
                and not any(c.dep_ == "nsubj" for c in head.head.children):
            return True  # "the contracts were signed with A, B and C": the seller is the story's
        if tok.dep_ == "pobj" and head.dep_ == "agent" and head.head.lemma_.lower() in \
                w["service_verbs"] | w["operate_verbs"] | acquire:
            return True  # "the Gripen is flown by A and B", "the jet has been ordered by A and B"
        if tok.dep_ in {"pobj", "dative"} and (head.lower_ == "to" or tok.dep_ == "dative"):
            gov = head.head if tok.dep_ == "pobj" else head
            if gov.lemma_.lower() in supply:
                return True
            # "will withhold consent for new weapons sales to A and B": the
            # parser hangs "to" on the verb that holds the supply noun
            held = [g for c in gov.children if c.dep_ in {"dobj", "prep", "nsubj"}
                    for g in [c, *c.children] if g.dep_ in {"dobj", "pobj", "nsubj"}]
            held += [g for h in held for c in h.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
            return gov.pos_ in {"VERB", "AUX"} and any(h.lemma_.lower() in w["supply_nouns"] for h in held)
        if tok.dep_ in {"nsubj", "nsubjpass"} and head.lemma_.lower() in acquire | w["operate_verbs"]:
            return tok.dep_ == "nsubj"  # "A and B ordered the jets", "A and B operate the F-16"
        if tok.dep_ in {"attr", "nsubj", "dobj"}:
            # "its partners are A and B", "A and B are its customers", "operators include A and B"
            # "countries that bought the jet include A and B"; "among its buyers are A and B"
            among = [g for c in head.children if c.dep_ == "prep" and c.lower_ == "among"
                     for g in c.children if g.dep_ == "pobj"]
            return any((c.lemma_.lower() in customers or _buyers(c, w))
                       for c in [*head.children, *among] if c.i != tok.i and c.dep_ in {"nsubj", "attr", "nsubjpass", "pobj"})
        return False
    return False


def _alike(root: Token) -> bool:
    """Whether a list does what the sentence's subject does: the subject of an
    elliptic "as have A and B" / "as do A and B", or ranked after it ("...,
    followed by A and B")."""
    head = root.head
    if root.dep_ == "nsubj" and head.dep_ == "advcl" and head.lemma_.lower() in {"have", "do", "be"} \
            and any(c.dep_ == "mark" and c.lower_ in {"as", "so"} for c in head.children):
        return True
    return root.dep_ == "pobj" and head.dep_ == "agent" and head.head.lemma_.lower() in words()["follow_verbs"] \
        and head.head.dep_ in {"acl", "advcl", "conj"}


def _operates(root: Token) -> bool:
    """"A and B operate ...", "the navies of A and B will operate ..."."""
    tok = root
    while tok.dep_ in {"conj", "appos"} and tok.head.i != tok.i:
        tok = tok.head
    if tok.dep_ == "pobj" and tok.head.head.dep_ == "nsubj":
        tok = tok.head.head
    return tok.dep_ == "nsubj" and tok.head.lemma_.lower() in words()["operate_verbs"]


# Clauses joined to the list's verb that report other events.
_OTHER_CLAUSES = frozenset({"advcl", "ccomp", "conj", "parataxis", "relcl"})


# Clauses inside the list's clause, under any of its words, that say something
# of their own ("The drone, which made its name in Syria, has been exported to").
_INNER_CLAUSES = frozenset({"advcl", "ccomp", "parataxis", "relcl", "acl"})


def _clause(root: Token) -> set[int]:
    """Token positions of the clause a list stands in, without the list's own
    phrase ("NATO ally Poland"), without clauses joined to it ("..., and
    Poland placed an order") and without clauses inside it ("The drone, which
    made its name in Syria, ..."): the parties that could be its supplier."""
    verb = root
    while verb.pos_ not in {"VERB", "AUX"} and verb.head.i != verb.i:
        verb = verb.head
    path = {t.i for t in root.ancestors}
    skip = {t.i for t in root.subtree}
    skip |= {t.i for c in verb.children if c.dep_ in _OTHER_CLAUSES for t in c.subtree}
    skip |= {t.i for c in verb.subtree if c.dep_ in _INNER_CLAUSES and c.i != verb.i and c.i not in path
             for t in c.subtree}
    return {t.i for t in verb.subtree} - skip


def _named_seller(sent: Span, mentions: list[ActorMention]) -> str | None:
    """The one party that modifies a supply or customer noun of the sentence:
    "U.S." in "new U.S. weapons sales to ...", "Britain's arms exports to ...",
    "Russia's main arms customers are ..."."""
    doc = sent.doc
    supply = words()["supply_nouns"] | words()["customer_nouns"]
    by_token = mention_index(mentions)
    found: set[str] = set()
    for i in range(sent.start, sent.end):
        tok = doc[i]
        if tok.pos_ != "NOUN" or tok.lemma_.lower() not in supply:
            continue
        mods = [c for c in tok.children if c.dep_ in {"compound", "amod", "poss", "nmod"}]
        mods += [g for c in mods for g in c.children if g.dep_ in {"compound", "amod", "poss"}]
        found |= {by_token[c.i].code for c in mods if c.i in by_token}
        # "India and China remain its most important customers": the seller "its" stands for
        found |= {code for c in mods if c.dep_ == "poss" and c.pos_ == "PRON" and c.lower_ in {"its", "their"}
                  and tok.lemma_.lower() in words()["strict_customer_nouns"]
                  for code in resolve_pronoun(c, by_token)[:1]}
    return next(iter(found)) if len(found) == 1 else None


def _market_ranking(sent: Span) -> bool:
    """Whether the sentence ranks the buyers of the whole market ("The top ten
    importers were A, B and C", "the largest buyers were A and B"): a ranked
    buyer noun that no seller or arms own ("its largest buyers", "the largest
    buyers of the jet" are one seller's)."""
    buyers = words()["market_buyer_nouns"]
    return any(t.lemma_.lower() in buyers and _ranked(t)
               and not any(c.dep_ == "poss" or c.dep_ == "prep" and c.lower_ == "of" for c in t.children)
               for t in sent)


def _ranked(noun: Token) -> bool:
    """"the top ten importers", "the largest buyers": a superlative or "top"."""
    mods = [c for c in noun.children if c.dep_ in {"amod", "compound", "nummod"}]
    mods += [g for c in mods for g in c.children if g.dep_ in {"amod", "advmod", "compound"}]
    return any(c.tag_ == "JJS" or c.lower_ == "top" for c in mods)


def _arms_maker(sent: Span, makers: dict[int, ActorMention]) -> str | None:
    """The one state that makes the arms the sentence names: a national word on
    an arms noun ("versions of the Korean jet"), a maker's name ("the Saab
    Gripen"), or the known maker of a named system ("the F-35")."""
    found: set[str] = set()
    for i in range(sent.start, sent.end):
        m = makers.get(i)
        if m is not None and sent.doc[i].dep_ in {"amod", "compound", "nmod", "poss"} and arms_like(sent.doc[i].head):
            found.add(m.code)
    origin = origin_of(columns.text_of(sent))
    if origin:
        found.add(origin)
    return next(iter(found)) if len(found) == 1 else None


def _the_arms(sent: Span) -> bool:
    """Whether the sentence speaks of "the jet", "these systems": arms named
    before, with no system of their own."""
    return any(t.lower_ in {"the", "these", "those"} and t.dep_ == "det" and arms_like(t.head)
               and not origin_of(t.head.text) for t in sent)


def _names_customers(sent: Span) -> bool:
    """"its fourth customer", "their biggest clients": a word that names a
    seller's buyers, on a pronoun for the seller, speaks of sales by itself."""
    strict = words()["strict_customer_nouns"]
    return any(t.lemma_.lower() in strict and any(c.dep_ == "poss" and c.pos_ == "PRON" for c in t.children)
               for t in sent)


def _seller_noun_subject(root: Token, index: dict[int, ActorMention]) -> str | None:
    """The party a supplier noun the list is "to" describes: "Israel is a buyer
    of American weapons and a major exporter to India and Azerbaijan"."""
    prep = root.head
    if root.dep_ != "pobj" or prep.lower_ != "to":
        return None
    noun = prep.head
    if noun.lemma_.lower() not in words()["supplier_nouns"]:
        return None
    owner = [index[t.i].code for c in noun.children if c.dep_ == "poss" for t in c.subtree if t.i in index]
    if owner:
        return owner[0]
    while noun.dep_ == "conj" and noun.head.i != noun.i:
        noun = noun.head
    if noun.dep_ not in {"attr", "pobj"}:
        return None
    verb = noun.head if noun.dep_ == "attr" else noun.head.head  # "emerged as a supplier to"
    subject = [index[t.i].code for c in verb.children if c.dep_ == "nsubj" for t in c.subtree if t.i in index]
    return subject[0] if subject else None


def _main_supplier(found: list[TransferRecord]) -> str | None:
    counts: dict[str, int] = {}
    for t in found:
        counts[t.supplier] = counts.get(t.supplier, 0) + 1
    return max(counts, key=lambda c: (counts[c], -list(counts).index(c))) if counts else None


def listed_transfers(doc: Doc, mentions: list[ActorMention], found: list[TransferRecord],
                     bounds: Callable[[Span], tuple[int, int]]) -> list[TransferRecord]:
    """Rows for the other members of a list one of whose members ``found`` has
    in that sentence, and for customer lists without a supplier."""
    index = mention_index([m for m in mentions if m.form != DEMONYM])
    if not index:
        return []
    rows = WeakRows(doc, found, bounds, CONFIDENCE)
    add = rows.add
    suppliers = {t.supplier for t in found}
    main = _main_supplier(found) or headline_supplier(list(doc.sents), index)
    supplied = {(t.supplier, t.recipient) for t in found}
    makers = mention_index(mentions)

    for sent in doc.sents:
        groups = list_groups(sent, index)
        if not groups:
            continue
        here = [t for t in found if sent.start_char <= t.start and t.end <= sent.end_char]
        # a member that supplies in the sentence ("to Ukraine, Poland 14 and
        # Norway 8", gapped) is no recipient, and the other way round
        here_suppliers, here_recipients = {t.supplier for t in here}, {t.recipient for t in here}
        for root, group in groups:
            expanded = False
            for t in here:
                if t.recipient in group and t.supplier not in group:
                    for r in group:
                        if r not in here_suppliers:
                            add(t.supplier, r, t.status, sent, CONFIDENCE)
                    expanded = True
                elif t.supplier in group and t.recipient not in group:
                    for s in group:
                        if s not in here_recipients:
                            add(s, t.recipient, t.status, sent, CONFIDENCE)
                    expanded = True
            if expanded:
                continue
            if _alike(doc[root]) and len(here) == 1:
                # "X has supplied Y for years, as have A and B", "X is Y's main
                # supplier, followed by A and B": the list stands where the subject does
                subject = {index[t.i].code for c in sent.root.children if c.dep_ == "nsubj"
                           for t in c.subtree if t.i in index}
                t = here[0]
                if t.supplier in subject and t.recipient not in group:
                    for s in group:
                        add(s, t.recipient, t.status, sent, CONFIDENCE)
                elif t.recipient in subject and t.supplier not in group:
                    for r in group:
                        add(t.supplier, r, t.status, sent, CONFIDENCE)
                continue
            named_for = supplied_party(doc[root], index)
            if len(named_for) == 1 and named_for[0] not in group:
                # "Ukraine's main suppliers are A, B and C"
                trigger = _trigger(sent)
                status = trigger_status(trigger)[0] if trigger is not None else DELIVERED
                for s in group:
                    add(s, named_for[0], status, sent, LIST_CONFIDENCE)
                continue
            if set(group) & suppliers:
                continue
            # the seller the supply word names ("new U.S. weapons sales to ..."),
            # else the seller of the sentence's other rows, else the article's
            supplier = _seller_noun_subject(doc[root], index) or _named_seller(sent, mentions)
            if supplier is None:
                sellers = {t.supplier for t in here}
                if len(sellers) == 1:
                    supplier = next(iter(sellers))
                elif not here:
                    supplier = _arms_maker(sent, makers)
                    if supplier is None and _the_arms(sent):
                        # "versions of the Korean jet": the system of the headline
                        supplier = headline_origin(list(doc.sents))
                    if supplier is None and not _operates(doc[root]) and not _market_ranking(sent):
                        # a list that only operates arms ("the navies of A and B will
                        # operate 15 submarines") says nothing of the story's seller
                        supplier = main
            if supplier is None or supplier in group:
                continue
            # a party the supplier's rows make a recipient stands beside the list
            # ("Malaysia was its fourth customer after A and B"), not against it
            others = {index[i].code for i in _clause(doc[root]) if i in index} - set(group)
            others = {o for o in others if (supplier, o) not in supplied}
            if others - {supplier} or not _receives(doc[root]) \
                    or not (has_supply_vocab(sent, strong_only=True) or _names_customers(sent)):
                continue
            trigger = _trigger(sent)
            status = trigger_status(trigger)[0] if trigger is not None else DELIVERED
            for r in group:
                add(supplier, r, status, sent, LIST_CONFIDENCE)
    return rows.out
