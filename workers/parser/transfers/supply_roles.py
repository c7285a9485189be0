"""Roles of the parties named in a stretch of text: who supplies, who receives.

Read from syntax around supply words: the subject of "supply"/"sell" supplies
and of "buy"/"receive" receives; "to"/"for" after a transfer word marks the
recipient and "from"/"by" the supplier; a state qualifying a weapon ("Russian
weapons", "US Patriot missiles") is its maker's side. Also decides whether text
speaks of arms supply at all (``has_supply_vocab``).

Word lists live in ``vocab/data/words.json``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Iterable, Sequence

from spacy.tokens import Doc, Span, Token

from ..text import columns
from ..text.nlp import doc_text
from ..catalogue.actors import ActorMention, find_actors
from ..text.metadata import find_dateline
from .weapons import named_systems
from ..vocab import words

SUPPLIER = "supplier"


RECIPIENT = "recipient"


PARTNER = "partner"  # the other side of a deal: supplier or recipient, whichever is missing



@dataclass(frozen=True)
class Mention:
    """An actor mention reduced to what roles need."""

    code: str
    kind: str
    start: int  # characters
    end: int
    token_start: int
    token_end: int


@dataclass
class Roles:
    supplier: str | None = None
    recipients: list[str] = field(default_factory=list)
    suppliers: list[str] = field(default_factory=list)  # further suppliers beyond the first
    visitors: list[str] = field(default_factory=list)  # "a delegation from Egypt": a possible buyer
    generic_recipient: bool = False  # "to one or another country"

    def empty(self) -> bool:
        return self.supplier is None and not self.recipients


def _get(m: Any, *names: str) -> Any:
    for n in names:
        if isinstance(m, dict) and n in m:
            return m[n]
        if hasattr(m, n):
            return getattr(m, n)
    return None


def normalise_mentions(doc: Doc, actor_mentions: Iterable[Any] | None) -> list[Mention]:
    """Accept the pipeline's ``ActorMention`` objects (or dicts with the same
    keys); find mentions with ``actors.find_actors`` when none are given."""
    raw = list(actor_mentions or [])
    if not raw:
        raw = find_actors(doc)
    out: list[Mention] = []
    for m in raw:
        if isinstance(m, ActorMention):
            # the pipeline's mentions carry their tokens already: no char_span
            if m.code:
                out.append(Mention(code=m.code, kind=m.kind or "state", start=m.start, end=m.end,
                                   token_start=m.token_start, token_end=m.token_end))
            continue
        code, start, end = _get(m, "code"), _get(m, "start", "start_char"), _get(m, "end", "end_char")
        if not code or start is None or end is None:
            continue
        span = doc.char_span(int(start), int(end), alignment_mode="expand")
        if span is None:
            continue
        out.append(Mention(code=str(code), kind=str(_get(m, "kind") or "state"), start=int(start), end=int(end),
                           token_start=span.start, token_end=span.end))
    out.sort(key=lambda m: (m.start, m.end))
    return out


def _lemma(tok: Token) -> str:
    return tok.lemma_.lower()


def _named_weapon_spans(text: str) -> list[tuple[int, int]]:
    return [(s, e) for s, e, _n in named_systems(text)]


# A designation: S-300, F-35, T-90S, MiG-29
_DESIGNATION_SHAPE = re.compile(r"[A-Z][A-Za-z]*-?\d+[A-Za-z0-9\-]*")
_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=4096)
def _text_speaks_of_arms(text: str) -> bool:
    """A strong phrase ("military cooperation", "air defence") or a named system in ``text``."""
    low = _SPACES.sub(" ", text.lower())
    return any(p in low for p in words()["strong_phrases"]) or bool(_named_weapon_spans(text))


def has_supply_vocab(tokens: Iterable[Token], *, strong_only: bool = False, weak_enough: bool = False) -> bool:
    """True when the tokens speak of arms supply or of weapons: supply words,
    weapon words, named systems and designations ("S-300", "Rafales"), and
    phrases like "military cooperation" or "air defence"."""
    # token positions, read against the Doc's columns: no Token built per word
    if isinstance(tokens, Span):
        doc, ids = tokens.doc, range(tokens.start, tokens.end)
    else:
        toks = list(tokens)
        doc, ids = (toks[0].doc if toks else None), [t.i for t in toks]
    return _has_supply_vocab_at(doc, ids, strong_only=strong_only, weak_enough=weak_enough)


def _has_supply_vocab_at(doc: Doc | None, ids: Sequence[int], *, strong_only: bool = False,
                         weak_enough: bool = False) -> bool:
    """``has_supply_vocab`` of the tokens at positions ``ids`` of ``doc``; the text
    checked for phrases runs from the first of them to the last."""
    if not ids:
        return False
    w = words()
    weak, supply, weapon = w["weak_lemmas"], w["supply_lemmas"], w["weapon_lemmas"]
    texts, lowers, lemmas = columns.texts(doc), columns.lowers(doc), columns.lemmas(doc)
    starts = columns.starts(doc)
    text = doc_text(doc)[starts[ids[0]]:starts[ids[-1]] + len(texts[ids[-1]])]
    if _text_speaks_of_arms(text):
        return True
    weak_hits = 0
    # one strong hit decides in every mode, two weak ones unless ``strong_only``
    for i in ids:
        low, lem = lowers[i], lemmas[i]
        if low == "armed":  # "armed better than the other" describes, it does not supply
            continue
        if low == "order" and i + 1 < len(doc) and lowers[i + 1] in {"to", "that"}:
            continue  # "in order to"
        if not (lem in supply or lem in weapon or low in supply):
            if _DESIGNATION_SHAPE.fullmatch(texts[i]):
                return True  # a designation is a strong hit
            continue
        if lem not in weak and low not in weak:
            return True
        weak_hits += 1
        if weak_hits >= 2 and not strong_only:
            return True
    if strong_only:
        return False
    return weak_enough and any(lemmas[i] in w["weak_supply_lemmas"] for i in ids)


def _governing_prep(tok: Token) -> str | None:
    """The preposition a noun hangs from, looking through conjunctions and
    appositions ("to Armenia and Azerbaijan", "to the GNA, Libya's government")."""
    cur = tok
    for _ in range(4):
        if cur.dep_ in {"conj", "appos", "compound", "amod", "poss", "nmod"} and cur.head.i != cur.i:
            cur = cur.head
            continue
        break
    if cur.dep_ == "pobj":
        prep = cur.head.lower_
        if prep == "for" and cur.head.head.lower_ == "bound":
            return "to"
        return prep
    return None


def _verb_of(tok: Token) -> tuple[Token | None, str]:
    """The verb a noun is an argument of, and how: (verb, 'subj'|'obj'|'dative')."""
    cur = tok
    for _ in range(4):
        if cur.dep_ in {"conj", "appos", "compound", "amod", "poss", "nmod"} and cur.head.i != cur.i:
            cur = cur.head
            continue
        break
    if cur.dep_ in {"nsubj", "csubj"}:
        return cur.head, "subj"
    if cur.dep_ == "nsubjpass":
        return cur.head, "obj"
    if cur.dep_ in {"dobj", "obj"}:
        return cur.head, "obj"
    if cur.dep_ == "dative":
        return cur.head, "dative"
    if cur.dep_ == "pobj" and cur.head.dep_ == "agent":
        return cur.head.head, "subj"
    return None, ""


def _is_weapon_noun(tok: Token) -> bool:
    w = words()
    lem = _lemma(tok)
    return lem in w["weapon_lemmas"] or lem in {"weapon", "arm", "arms", "equipment", "hardware", "materiel", "munition",
                                                "ammunition", "export", "supply", "delivery", "sale"} \
        or bool(_DESIGNATION_SHAPE.fullmatch(tok.text))


def _names_person(tok: Token) -> bool:
    cur = tok
    for _ in range(4):
        if cur.ent_type_ == "PERSON" or (cur.pos_ == "PROPN" and cur.dep_ == "compound" and cur.head.ent_type_ == "PERSON"):
            return True
        if cur.dep_ in {"compound", "amod", "nmod"} and cur.head.i != cur.i:
            cur = cur.head
            continue
        break
    return cur.ent_type_ == "PERSON"


def _phrase_object(tok: Token) -> Token | None:
    """The object of the prepositional phrase ``tok`` stands in (through conjuncts and modifiers), if any."""
    cur = tok
    while cur.dep_ in {"conj", "compound", "amod"} and cur.head.i != cur.i:
        cur = cur.head
    return cur if cur.dep_ == "pobj" else None


def _deal_partner(tok: Token) -> bool:
    """"an agreement with the United States", "a contract with Russia"."""
    obj = _phrase_object(tok)
    return obj is not None and obj.head.head.lemma_.lower() in {
        "deal", "agreement", "contract", "accord", "talks", "negotiation"}


def _transfer_head(tok: Token) -> bool:
    """Whether a word can carry a "to"/"from" party of a transfer ("supply ... to",
    "exports to", "bought from"), unlike "a visit to", "a reference to"."""
    w = words()
    lem = _lemma(tok)
    return (lem in w["supplier_verbs"] or lem in w["acquire_verbs"] or lem in w["supply_lemmas"]
            or lem in w["weapon_lemmas"] or lem in w["transfer_heads"] or _is_weapon_noun(tok))


def _pp_head(tok: Token) -> Token | None:
    """The word a prepositional phrase holding ``tok`` attaches to."""
    cur = tok
    for _ in range(4):
        if cur.dep_ in {"conj", "appos", "compound", "amod", "poss", "nmod"} and cur.head.i != cur.i:
            cur = cur.head
            continue
        break
    if cur.dep_ != "pobj":
        return None
    prep = cur.head
    head = prep.head
    if head.dep_ == "agent":
        head = head.head
    return head


def _possessor_blocked(tok: Token) -> bool:
    """"Armenia's allies failed to supply": the possessor is not the agent."""
    return tok.dep_ == "poss" and _lemma(tok.head) in words()["relational_nouns"]


def _first_customer(tok: Token) -> bool:
    """"start exporting them ..., beginning with the Philippines", "with India first"."""
    obj = _phrase_object(tok)
    if obj is None:
        return False
    if obj.head.head.lemma_.lower() in {"begin", "start"}:
        return True
    return any(t.lower_ == "first" for t in obj.doc[obj.i + 1:obj.i + 3])


# "to countries in Asia", "to more than 40 countries", "for foreign customers"
_GENERIC_RECIPIENT = re.compile(
    r"\b(?:to|for|with)\s+(?:(?:more than|over|about|some|around|nearly)\s+)?(?:\d[\d,]*\s+|many\s+|several\s+"
    r"|other\s+|foreign\s+|third\s+|new\s+)?(?:countries|customers|partners|buyers|clients|states)\b")


def _sentence_supplies(tok: Token) -> bool:
    """The sentence speaks of supplying, not only of weapons ("to counter Russian
    missiles" names a maker's weapons without any transfer)."""
    w = words()
    lems = w["supply_lemmas"] | w["supplier_verbs"] | w["acquire_verbs"]
    return any(_lemma(t) in lems or t.lower_ in lems for t in tok.sent)


def role_of(doc: Doc, m: Mention) -> str | None:
    """SUPPLIER, RECIPIENT, PARTNER or None for one mention, from its syntax."""
    # asked again for the same mention by every stretch of text around it (its
    # sentence, clause, quote, the pair model): the answer is the Doc's, keep it there
    known = doc.user_data.setdefault("_role_of", {})
    if m not in known:
        known[m] = _find_role(doc, m)
    return known[m]


def _find_role(doc: Doc, m: Mention) -> str | None:
    w = words()
    tok = doc[m.token_end - 1]
    if tok.dep_ == "poss" and tok.head.lemma_.lower() in w["region_nouns"] \
            and any(c.dep_ in {"compound", "nmod"} and c.pos_ == "PROPN" for c in tok.head.children):
        return None  # "China's Taiwan region": the region is the party, not the state claiming it
    # "US Patriot missile defense", "Russian weapons": the maker's side, whatever
    # preposition the phrase hangs from; not "Russian missiles hit Kyiv"
    if tok.dep_ in {"amod", "compound", "nmod", "poss"} and _is_weapon_noun(tok.head) \
            and tok.head.dep_ not in {"dative", "nsubj"} and _sentence_supplies(tok):
        return SUPPLIER
    prep = _governing_prep(tok)
    if prep is not None and _names_person(tok):
        return None  # "handed a copy to U.S. Ambassador Paul W. Jones"
    if prep == "with" and _deal_partner(tok):
        return PARTNER
    if prep == "with" and _first_customer(tok):
        return RECIPIENT
    head = _pp_head(tok) if prep else None
    # "stopping exports of weapons to Turkey": the verb's object carries the transfer
    if head is not None and not _transfer_head(head) and head.pos_ in {"VERB", "AUX"}:
        obj = next((c for c in head.children if c.dep_ in {"dobj", "nsubjpass"}), None)
        if obj is not None and _transfer_head(obj):
            head = obj
    if head is not None and _transfer_head(head):
        if prep == "from" or (prep == "by" and _lemma(head) in w["supplier_verbs"]):
            return SUPPLIER
        if prep in w["recipient_preps"]:
            return RECIPIENT
    if _possessor_blocked(tok):
        return None
    verb, how = _verb_of(tok)
    if verb is None and tok.dep_ in {"amod", "compound", "poss"}:
        verb, how = _verb_of(tok.head)
    if verb is not None:
        lem = _lemma(verb)
        if how == "subj":
            # "signed a contract to buy", "declined to provide", "committed to sending"
            near = [c for c in verb.children if c.dep_ in {"xcomp", "advcl"}]
            # only infinitives and gerunds after a preposition: "a report that X
            # had been flying weapons" is someone else's claim, not the subject's act
            # (not "accused Washington of arming Kyiv": the act is the object's)
            if lem not in w["accuse_verbs"]:
                near += [g for c in verb.children if c.dep_ in {"dobj", "prep"} for g in c.children
                         if g.dep_ == "pcomp" or (g.dep_ == "acl" and any(a.dep_ == "aux" and a.lower_ == "to" for a in g.children))]
            near += [g for c in near for g in c.children if g.dep_ == "xcomp"]
            for child in near:
                if _lemma(child) in w["supplier_verbs"] | w["acquire_verbs"]:
                    lem = _lemma(child)
                    break
        if lem in w["supplier_verbs"]:
            if how == "subj":
                return SUPPLIER
            if how == "dative" or (how == "obj" and any(c.dep_ == "prep" and c.lower_ == "with" for c in verb.children)):
                return RECIPIENT
            # "promised Ukrainian President Volodymyr Zelenskiy air defence systems"
            if how == "obj" and _names_person(tok):
                return RECIPIENT
        if lem in w["acquire_verbs"] or (lem == "take" and any(_lemma(c) == "delivery" for c in verb.children)):
            if how == "subj":
                return RECIPIENT
    return None


def _is_subject(tok: Token) -> bool:
    cur = tok
    for _ in range(3):
        if cur.dep_ in {"compound", "poss", "amod"} and cur.head.i != cur.i:
            cur = cur.head
            continue
        break
    # the small model labels a listed subject "dep" ("Germany, France halt ...")
    return cur.dep_ in {"nsubj", "nsubjpass"} or (cur.dep_ == "dep" and cur.head.pos_ == "VERB" and cur.i < cur.head.i)


def _clause_has_supply(tok: Token) -> bool:
    """The clause this subject belongs to speaks of supply in strong words."""
    # asked again for the same mention by every stretch of text around it
    known = tok.doc.user_data.setdefault("_clause_has_supply", {})
    if tok.i not in known:
        known[tok.i] = _find_clause_supply(tok)
    return known[tok.i]


def _find_clause_supply(tok: Token) -> bool:
    cur = tok
    for _ in range(4):
        if cur.dep_ in {"compound", "poss", "amod", "conj"} and cur.head.i != cur.i:
            cur = cur.head
            continue
        break
    verb = cur.head
    return _has_supply_vocab_at(tok.doc, [t.i for t in verb.subtree if t.i != tok.i], strong_only=True)


def dateline_span(doc: Doc) -> tuple[int, int] | None:
    """Characters of the dateline ("DHAKA, Bangladesh (AP) —"): a place, not a party."""
    # asked for every sentence; the answer is the Doc's, so keep it there
    if "dateline_span" in doc.user_data:
        return doc.user_data["dateline_span"]
    doc.user_data["dateline_span"] = _find_dateline_span(doc)
    return doc.user_data["dateline_span"]


def _find_dateline_span(doc: Doc) -> tuple[int, int] | None:
    m = find_dateline(doc_text(doc))
    if m is None:
        return None
    # the match indexes its own line: place the line in the text first
    at = doc_text(doc).find(m.string)
    return (at + m.start(), at + m.end()) if at >= 0 else None


def roles_in(doc: Doc, mentions: Sequence[Mention], start: int, end: int) -> tuple[Roles, list[Mention]]:
    """Roles of the actor mentions between characters ``start`` and ``end``; also
    returns the mentions with no role (parties merely named)."""
    roles = Roles()
    loose: list[Mention] = []
    partners: list[Mention] = []
    skip = dateline_span(doc)
    inside = [m for m in mentions if start <= m.start and m.end <= end]
    for m in mentions:
        if m.start < start or m.end > end or (skip and skip[0] <= m.start < skip[1]):
            continue
        # "Lebanon's Hezbollah": the state only qualifies the party named next to it
        last = doc[m.token_end - 1]
        if last.dep_ in {"poss", "compound", "amod", "nmod"} and any(
                o is not m and o.token_start <= last.head.i < o.token_end for o in inside):
            continue
        role = role_of(doc, m)
        if role == SUPPLIER and roles.supplier is None:
            roles.supplier = m.code
        elif role == SUPPLIER and m.code != roles.supplier and m.code not in roles.suppliers:
            roles.suppliers.append(m.code)
        elif role == RECIPIENT and m.code not in roles.recipients:
            roles.recipients.append(m.code)
        elif role == PARTNER:
            partners.append(m)
        elif role is None:
            loose.append(m)
    # "Russia maintains parity in arms supply to Armenia": with one side found,
    # the subject of the clause is the other side.
    subjects = [m for m in loose if _is_subject(doc[m.token_end - 1])
                and _clause_has_supply(doc[m.token_end - 1])]
    # only when the other side hangs from a transfer word ("supply to Armenia");
    # "Israel would not allow Iran to obtain weapons" makes no supplier of Israel
    if roles.recipients and not any(
            _governing_prep(doc[m.token_end - 1]) in words()["recipient_preps"]
            for m in inside if m.code in roles.recipients):
        subjects = []
    if subjects and not roles.supplier and not roles.recipients and partners:
        # "Poland signed an agreement with the United States to buy ...": the
        # subject buys when the sentence buys, else it sells
        buys = any(t.lemma_.lower() in words()["acquire_verbs"]
                   for t in (doc.char_span(start, end, alignment_mode="expand") or []))
        if buys:
            roles.recipients.append(subjects[0].code)
            roles.supplier = partners[0].code
        else:
            roles.supplier = subjects[0].code
            roles.recipients.append(partners[0].code)
        loose.remove(subjects[0])
        partners = []
    for p in partners:
        if roles.recipients and roles.supplier is None:
            roles.supplier = p.code
        elif roles.supplier and not roles.recipients:
            roles.recipients.append(p.code)
    if subjects and has_supply_vocab(doc.char_span(start, end, alignment_mode="expand") or []):
        first = subjects[0]
        if roles.recipients and roles.supplier is None and first.code not in roles.recipients:
            roles.supplier = first.code
            loose.remove(first)
            # "Germany, France halt arms sales to Turkey": conjoined subjects supply too
            for other in subjects[1:]:
                if other.code not in roles.recipients and other.code not in roles.suppliers:
                    roles.suppliers.append(other.code)
        elif roles.supplier and not roles.recipients and first.code != roles.supplier:
            roles.recipients.append(first.code)
            loose.remove(first)
    if roles.supplier in roles.recipients:
        roles.recipients.remove(roles.supplier)
    text = doc_text(doc)[start:end].lower()
    for m in loose:
        last = doc[m.token_end - 1]
        if last.dep_ == "pobj" and last.head.lower_ == "from" and last.head.head.pos_ == "NOUN" \
                and not _transfer_head(last.head.head):
            roles.visitors.append(m.code)
    roles.generic_recipient = any(p in text for p in words()["generic_country_phrases"]) or bool(
        _GENERIC_RECIPIENT.search(text))
    return roles, loose
