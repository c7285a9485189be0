"""Noun-phrase tests and prepositional look-ups shared by the transfer rules.

Whether a phrase is about arms ("military equipment", "S-300", "about 100 of the
jets", "$1 billion in military aid") and not gas, aid or documents; which parties
sit in its "to"/"from"/"with" phrases; which state made the arms it names
("Russian S-400 systems", "U.S.-made jets", "built by Lockheed Martin").
"""

from __future__ import annotations

from spacy.tokens import Token

from ..catalogue.actors import COMPANY, ActorMention
from ..catalogue.gazetteer import resolve_actor
from ..vocab.lexicon import (
    AID_NOUNS,
    ARMS_WORDS,
    CONTEXT_AID_NOUNS,
    DEAL_NOUNS,
    EXPORT_MODIFIERS,
    LICENCE_NOUNS,
    MILITARY_MODIFIERS,
    NEGOTIATE_VERBS,
    NEGOTIATION_NOUNS,
    PREP_DEPS,
    QUANTITY_NOUNS,
)
from .roles import MentionIndex, phrase_codes, subject_codes
from ..text.nlp import doc_text
from .weapons import named_systems
from ..vocab import load, words


# Quantity words that stand for the arms of the story when they count nothing else.
ANAPHORIC_LOTS = words()["anaphoric_lots"]


_ARMS_OR_MODIFIERS = ARMS_WORDS | MILITARY_MODIFIERS | EXPORT_MODIFIERS
# "rebel fighters", "militia fighters": people, not jets (vocab/data/groups.json).
FIGHTER_MODIFIERS = frozenset(load("groups.json")["fighter_modifiers"])


def _group_fighters(token: Token) -> bool:
    """"Houthi fighters", "Hezbollah fighters", "rebel fighters" are a group's men."""
    if token.lower_ != "fighters":
        return False
    for child in token.children:
        if child.dep_ not in {"compound", "amod", "nmod"} or child.i > token.i:
            continue
        if child.lower_ in FIGHTER_MODIFIERS:
            return True
        actor = resolve_actor(token.doc[child.left_edge.i:child.i + 1].text)
        if actor is not None and actor.kind == "non-state":
            return True
    return False


def arms_like(token: Token) -> bool:
    """Whether a noun phrase is about arms ("military equipment", "S-300", "jets")."""
    if named_systems(token.text):
        return True  # "F-35" tagged as a number
    if token.pos_ == "NUM" or token.lemma_.lower() in QUANTITY_NOUNS or token.lower_ in QUANTITY_NOUNS:
        # ("hundreds" has the lemma "hundred")
        # "about 100 of the jets", "the first of four systems", "$1 billion in military aid"
        # "a package of military aid worth $500 million"
        if any(
            # a system's name may be tagged a number: "F-35 parts"
            t.i != token.i and (t.pos_ in {"NOUN", "PROPN"} or named_systems(t.text)) and (
                t.lemma_.lower() in ARMS_WORDS or named_systems(t.text)
                or (t.lemma_.lower() in AID_NOUNS and any(c.lemma_.lower() in MILITARY_MODIFIERS | {"security"} for c in t.children)))
            for t in token.subtree
        ):
            return True
        # "received its first batch": a batch or shipment of the story's arms.
        return token.lemma_.lower() in ANAPHORIC_LOTS and not any(
            c.dep_ in PREP_DEPS and c.lower_ in {"of", "in"} for c in token.children
        )
    if token.lemma_.lower() in AID_NOUNS:
        return any(c.lemma_.lower() in MILITARY_MODIFIERS | {"security"} for c in token.children)
    if token.lemma_.lower() in ARMS_WORDS or token.lower_ in ARMS_WORDS:
        if _group_fighters(token):
            return False
        mods = {c.lemma_.lower() for c in token.children}
        # "equipment", "material", "goods", "aid" need a military word; the rest stand alone.
        if token.lemma_.lower() in {"equipment", "material", "goods", "technology", "part", "vessel", "ship", "vehicle", "unit", "batch", "platform", "capability", "system"}:
            return bool(mods & MILITARY_MODIFIERS) or bool(named_systems(phrase_text(token))) or token.lemma_.lower() in {"system", "capability", "batch", "unit", "vehicle", "vessel"} \
                or _for_arms(token) or _for_arms(_carrier(token))
        return True
    if named_systems(phrase_text(token)):
        return True
    return token.lower_ in {"them", "it", "these", "those"}


def _for_arms(token: Token | None) -> bool:
    """"equipment for the F-35", "parts for fighter jets": a general word is arms
    when it serves arms."""
    if token is None:
        return False
    return any(
        c.dep_ in PREP_DEPS and c.lower_ == "for" and any(
            g.dep_ == "pobj" and (named_systems(phrase_text(g)) or g.lemma_.lower() in ARMS_WORDS - {"equipment", "part", "goods"})
            for g in c.children)
        for c in token.children
    )


def _carrier(token: Token) -> Token | None:
    """The word a "for" phrase about ``token`` may hang from instead: the supply
    noun in "the delivery of equipment for the F-35", the verb in "sent parts for
    the F-16"."""
    if token.dep_ == "pobj" and token.head.lower_ == "of":
        return token.head.head
    if token.dep_ in {"dobj", "nsubjpass"}:
        return token.head
    return None


def _subtree_ends(token: Token) -> tuple[Token, Token]:
    """The first and the last token ``token.subtree`` yields, without walking
    the whole subtree. (Not ``left_edge``/``right_edge``: in a non-projective
    parse the subtree's order is not the text's.)"""
    first = token
    while (left := next(first.lefts, None)) is not None:
        first = left
    last = token
    while rights := list(last.rights):
        last = rights[-1]
    return first, last


def phrase_text(token: Token) -> str:
    first, last = _subtree_ends(token)
    if last.i < first.i:
        return ""  # an empty slice of the Doc
    # the text of ``doc[first.i : last.i + 1]``, cut from the Doc's text
    return doc_text(token.doc)[first.idx:last.idx + len(last.text)]


def pobj_codes(prep: Token, index: MentionIndex) -> list[str]:
    out: list[str] = []
    for c in prep.children:
        if c.dep_ == "pobj":
            out += phrase_codes(c, index) or _examples(c, index)
    return out


# Words that introduce the members of a group: "countries including Poland",
# "nations such as Qatar", "buyers like Egypt".
_EXAMPLE_PREPS = frozenset({"including", "like", "as"})


def _examples(group: Token, index: MentionIndex) -> list[str]:
    """The parties a plural group noun lists ("to countries including Poland and
    Qatar", "to states such as Egypt"): they stand for the group."""
    if group.tag_ not in {"NNS", "NNPS"}:
        return []
    return [c for p in group.children if p.dep_ == "prep" and p.lower_ in _EXAMPLE_PREPS
            and (p.lower_ != "as" or any(a.lower_ == "such" for a in p.children))
            for g in p.children if g.dep_ == "pobj" for c in phrase_codes(g, index)]


def prep_codes(token: Token, preps: frozenset[str], index: MentionIndex, *, depth: int = 2) -> list[str]:
    """Parties in ``preps`` phrases on ``token``, its objects and their modifiers
    ("deliveries of the system to Iran", "systems promised to Ukraine")."""
    out: list[str] = []
    frontier = [token]
    for _ in range(depth + 1):
        nxt = []
        for t in frontier:
            for c in t.children:
                if c.dep_ in PREP_DEPS and c.lower_ in preps:
                    found = pobj_codes(c, index)
                    out += found
                    if not found:
                        nxt.append(c)  # "for military goods bound for Turkey"
                elif c.dep_ in PREP_DEPS and c.lower_ == "of" or c.dep_ in {"dobj", "acl", "pobj", "amod", "appos"}:
                    nxt.append(c)
                elif c.dep_ in PREP_DEPS and c.lower_ in {"with"} and t.pos_ == "NOUN":
                    nxt.append(c)
        frontier = [g for t in nxt for g in ([t] + [x for x in t.children if x.dep_ == "pobj"])]
    return list(dict.fromkeys(out))


def owner_codes(token: Token, index: MentionIndex) -> list[str]:
    """The possessor of arms that move: "Poland's older armour ... has been sent",
    "much of Spain's Leopard fleet": the owner gives them away."""
    heads = [token]
    if token.pos_ == "NUM" or token.lemma_.lower() in QUANTITY_NOUNS or token.pos_ in {"ADJ", "DET", "PRON"}:
        heads += [g for c in token.children if c.dep_ in PREP_DEPS and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
    out: list[str] = []
    for h in heads:
        for c in h.children:
            if c.dep_ == "poss":
                out += phrase_codes(c, index)
    return list(dict.fromkeys(out))


# Help given to a maker, whose source makes nothing itself.
_HELP_NOUNS = frozenset({"support", "help", "assistance", "input", "cooperation", "expertise"})


def helps_maker(t: Token, top: Token) -> bool:
    """Whether ``t`` lies in the source of help to the maker ("developed by KAI
    with technical support from Lockheed Martin of the United States")."""
    tok, steps = t, 0
    while tok.i != top.i and tok.head.i != tok.i and steps < 8:
        if tok.dep_ == "pobj" and tok.head.lower_ == "from" and tok.head.head.lemma_.lower() in _HELP_NOUNS:
            return True
        tok, steps = tok.head, steps + 1
    return False


def maker_codes(token: Token, index: MentionIndex, mentions: dict[int, ActorMention]) -> list[str]:
    """Suppliers named on a weapon phrase: "Russian S-400 systems", "U.S. weapons",
    "jets built by Lockheed Martin", "Indian-made equipment"."""
    out: list[str] = []
    for t in token.subtree:
        m = mentions.get(t.i)
        if m is None:
            continue
        if helps_maker(t, token):
            continue
        if t.dep_ in {"amod", "compound", "npadvmod", "nmod"} or m.form == COMPANY:
            out.append(m.code)
        elif t.dep_ == "pobj" and t.head.lower_ in {"by", "from"}:
            out.append(m.code)
    return list(dict.fromkeys(out))


def objects_of(verb: Token) -> list[Token]:
    return [c for c in verb.children if c.dep_ in {"dobj", "dative", "attr", "oprd"} and c.pos_ != "ADP"]


def in_arms(verb: Token) -> bool:
    """"sent billions of dollars in weapons": the arms hang off the verb."""
    return any(
        arms_like(g) for p in verb.children if p.dep_ in PREP_DEPS and p.lower_ == "in" for g in p.children if g.dep_ == "pobj"
    )


def with_objects(verb: Token) -> list[Token]:
    return [g for c in verb.children if c.dep_ in PREP_DEPS and c.lower_ == "with" for g in c.children if g.dep_ == "pobj"]


def nearest_before(token: Token, index: MentionIndex, *, exclude: set[str]) -> list[str]:
    for i in range(token.i - 1, token.sent.start - 1, -1):
        m = index.get(i)
        if m is not None and m.code not in exclude and m.form != COMPANY:
            return [m.code]
    return []


def deal_partners(token: Token, index: MentionIndex) -> list[str]:
    """"with X" on a deal that governs the trigger: "signed an agreement with the
    United States to buy Patriots", "took delivery under a contract with Russia"."""
    out: list[str] = []
    anchors = [token] + [a for a in token.ancestors][:4]
    partner_nouns = DEAL_NOUNS | NEGOTIATION_NOUNS
    for a in anchors:
        if a.pos_ == "VERB" and a.lemma_.lower() in NEGOTIATE_VERBS:
            # "is negotiating with China over the purchase of drones"
            out += [c for p in a.children if p.dep_ in PREP_DEPS and p.lower_ == "with" for c in pobj_codes(p, index)]
        nouns = [a] if a.lemma_.lower() in partner_nouns else []
        nouns += [c for c in a.children if c.lemma_.lower() in partner_nouns]
        for c in a.children:
            if c.dep_ in PREP_DEPS and c.lower_ in {"under", "through", "in"}:
                nouns += [g for g in c.children if g.lemma_.lower() in DEAL_NOUNS]
        for n in nouns:
            for c in n.children:
                if c.dep_ in PREP_DEPS and c.lower_ == "with":
                    out += pobj_codes(c, index)
    return list(dict.fromkeys(out))


def start_with(verb: Token, index: MentionIndex) -> list[str]:
    """"plans to start selling abroad, beginning with the Philippines"."""
    out: list[str] = []
    for t in list(verb.subtree) + list(verb.head.subtree):
        if t.lemma_.lower() in {"begin", "start"} and t.pos_ == "VERB":
            for c in t.children:
                if c.dep_ in PREP_DEPS and c.lower_ == "with":
                    out += pobj_codes(c, index)
    return out


def governing_subject(noun: Token, index: MentionIndex) -> list[str]:
    """Parties in the subject of the clause a noun phrase sits in ("Azerbaijan
    deployed drones bought from Turkey": Azerbaijan)."""
    tok = noun
    for _ in range(8):
        if tok.dep_ in {"conj", "appos", "pobj", "prep", "dative", "acl"}:
            tok = tok.head
            continue
        break
    if tok.dep_ in {"dobj", "attr"} and tok.head.pos_ in {"VERB", "AUX"}:
        return subject_codes(tok.head, index)
    if tok.dep_ in {"nsubj", "nsubjpass"}:
        return phrase_codes(tok, index)
    return []


def noun_is_arms(noun: Token) -> bool:
    """Whether a supply noun is about arms. "Gas supplies", "supply of grain",
    "humanitarian aid" are not; a bare "deliveries to Iran" is taken to be, and
    "aid"/"assistance" need a military word ("military aid", "lethal assistance")."""
    lemma = noun.lemma_.lower()
    mods = [c for c in noun.children if c.dep_ in {"compound", "amod", "nmod"} and c.ent_type_ not in {"NORP", "GPE"}]
    objects = [g for c in noun.children if c.dep_ in PREP_DEPS and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
    if lemma in AID_NOUNS:
        # "military aid", "a $1 billion weapons package", "security assistance"
        military = MILITARY_MODIFIERS | ARMS_WORDS | {"security"}
        if lemma in CONTEXT_AID_NOUNS and not mods and not objects and not any(c.dep_ in PREP_DEPS for c in noun.children):
            return True  # the recipient and the arms come from the sentences before
        return any(t.lemma_.lower() in military for m in mods for t in m.subtree) or any(arms_like(o) for o in objects)
    if objects:
        return any(arms_like(o) for o in objects)
    things = [m for m in mods if m.pos_ == "NOUN"]
    if things and lemma not in LICENCE_NOUNS:
        return any(m.lemma_.lower() in _ARMS_OR_MODIFIERS or arms_like(m) for m in things)
    return True


def names_exports(noun: Token) -> bool:
    """"export licences", "licence applications for military goods"."""
    if any(c.dep_ == "compound" and c.lemma_.lower() in EXPORT_MODIFIERS for c in noun.children):
        return True
    return any(
        c.dep_ in PREP_DEPS and c.lower_ in {"for", "of"} and any(arms_like(g) for g in c.children if g.dep_ == "pobj")
        for c in noun.children
    )
