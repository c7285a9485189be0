"""Who supplies whom in a stretch of text, and whether it speaks of arms supply.

``statements.py`` needs, for each utterance, the supplier and recipients it is
about and a yes/no on "is this about arms supply at all". Both are read from the
actor mentions inside the utterance: their grammatical role around supply words
("Russia will supply the Syrian army", "exports to Turkey", "American weapons",
"buy ... from the United States"). What the utterance leaves open is filled from
the article's main transfer context: the pairs the headline and lead report.

Word lists live in ``data/statement_words.json``.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Sequence

from spacy.tokens import Doc, Span, Token

DATA_FILE = Path(__file__).parent / "data" / "statement_words.json"

SUPPLIER = "supplier"
RECIPIENT = "recipient"
PARTNER = "partner"  # the other side of a deal: supplier or recipient, whichever is missing


@lru_cache(maxsize=1)
def words() -> dict[str, Any]:
    with open(DATA_FILE, encoding="utf-8") as fh:
        data = json.load(fh)
    data.pop("_comment", None)
    return {k: (frozenset(v) if isinstance(v, list) else v) for k, v in data.items()}


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
        try:
            from .actors import find_actors

            raw = find_actors(doc)
        except Exception:  # no mentions is better than no statements
            raw = []
    out: list[Mention] = []
    for m in raw:
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


def has_supply_vocab(tokens: Iterable[Token], *, strong_only: bool = False) -> bool:
    """True when the tokens speak of arms supply or of weapons."""
    w = words()
    weak = w["weak_lemmas"]
    strong_hits = weak_hits = 0
    for t in tokens:
        low, lem = t.lower_, _lemma(t)
        if low == "armed":  # "armed better than the other" describes, it does not supply
            continue
        if low == "order" and t.i + 1 < len(t.doc) and t.doc[t.i + 1].lower_ in {"to", "that"}:
            continue  # "in order to"
        hit = lem in w["supply_lemmas"] or lem in w["weapon_lemmas"] or low in w["supply_lemmas"]
        if not hit and re.fullmatch(r"[A-Z][A-Za-z]*-?\d+[A-Za-z0-9\-]*", t.text):
            strong_hits += 1  # a designation: S-300, F-35, T-90S, MiG-29
            continue
        if not hit:
            continue
        if lem in weak or low in weak:
            weak_hits += 1
        else:
            strong_hits += 1
    if strong_only:
        return strong_hits > 0
    return strong_hits > 0 or weak_hits >= 2


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
        or bool(re.fullmatch(r"[A-Z][A-Za-z]*-?\d+[A-Za-z0-9\-]*", tok.text))


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


def _deal_partner(tok: Token) -> bool:
    """"an agreement with the United States", "a contract with Russia"."""
    cur = tok
    while cur.dep_ in {"conj", "compound", "amod"} and cur.head.i != cur.i:
        cur = cur.head
    if cur.dep_ != "pobj":
        return False
    prep = cur.head
    return prep.head.lemma_.lower() in {"deal", "agreement", "contract", "accord", "talks", "negotiation"}


def role_of(doc: Doc, m: Mention) -> str | None:
    """SUPPLIER, RECIPIENT or None for one mention, from its syntax."""
    w = words()
    tok = doc[m.token_end - 1]
    # "US Patriot missile defense", "Russian weapons": the maker's side, whatever
    # preposition the phrase hangs from
    if tok.dep_ in {"amod", "compound", "nmod"} and _is_weapon_noun(tok.head) and tok.head.dep_ != "dative":
        return SUPPLIER
    prep = _governing_prep(tok)
    if prep is not None and _names_person(tok):
        return None  # "handed a copy to U.S. Ambassador Paul W. Jones"
    if prep == "with" and _deal_partner(tok):
        return PARTNER
    if prep in w["supplier_preps"]:
        head = tok
        while head.dep_ != "pobj" and head.head.i != head.i:
            head = head.head
        # "from" after a receiving or supply word; "by" only as a passive agent
        if prep == "from" or head.head.dep_ == "agent":
            return SUPPLIER
    if prep in w["recipient_preps"]:
        return RECIPIENT
    # "Russian weapons", "Indian-made equipment", "Russia's deliveries"
    if tok.dep_ in {"amod", "compound", "nmod", "poss"} and _is_weapon_noun(tok.head):
        head = tok.head
        # "the Syrian army" is a recipient when it is what gets supplied
        return SUPPLIER if head.dep_ != "dative" else RECIPIENT
    verb, how = _verb_of(tok)
    if verb is None and tok.dep_ in {"amod", "compound", "poss"}:
        verb, how = _verb_of(tok.head)
    if verb is not None:
        lem = _lemma(verb)
        # "Israel has declined to provide Ukraine with ..." : climb xcomp chains
        if how == "subj":
            # "signed a contract to buy", "declined to provide", "plans to start selling"
            near = [c for c in verb.children if c.dep_ in {"xcomp", "advcl"}]
            near += [g for c in verb.children if c.dep_ == "dobj" for g in c.children if g.dep_ == "acl"]
            near += [g for c in near for g in c.children if g.dep_ == "xcomp"]
            for child in near:
                if _lemma(child) in w["supplier_verbs"] | w["recipient_verbs"]:
                    lem = _lemma(child)
                    break
        if lem in w["supplier_verbs"]:
            if how == "subj":
                return SUPPLIER
            if how == "dative" or (how == "obj" and any(c.dep_ == "prep" and c.lower_ == "with" for c in verb.children)):
                return RECIPIENT
        if lem in w["recipient_verbs"] or (lem == "take" and any(_lemma(c) == "delivery" for c in verb.children)):
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
    return cur.dep_ in {"nsubj", "nsubjpass"}


def _dateline(doc: Doc) -> tuple[int, int] | None:
    """Characters of the dateline ("DHAKA, Bangladesh (AP) —"): a place, not a party."""
    try:
        from .metadata import find_dateline

        m = find_dateline(doc.text)
    except Exception:
        return None
    if m is None:
        return None
    # the match indexes its own line: place the line in the text first
    at = doc.text.find(m.string)
    return (at + m.start(), at + m.end()) if at >= 0 else None


def roles_in(doc: Doc, mentions: Sequence[Mention], start: int, end: int) -> tuple[Roles, list[Mention]]:
    """Roles of the actor mentions between characters ``start`` and ``end``; also
    returns the mentions with no role (parties merely named)."""
    roles = Roles()
    loose: list[Mention] = []
    partners: list[Mention] = []
    skip = _dateline(doc)
    for m in mentions:
        if m.start < start or m.end > end or (skip and skip[0] <= m.start < skip[1]):
            continue
        role = role_of(doc, m)
        if role == SUPPLIER and roles.supplier is None:
            roles.supplier = m.code
        elif role == RECIPIENT and m.code not in roles.recipients:
            roles.recipients.append(m.code)
        elif role == PARTNER:
            partners.append(m)
        elif role is None:
            loose.append(m)
    # "Russia maintains parity in arms supply to Armenia": with one side found,
    # the subject of the clause is the other side.
    subjects = [m for m in loose if _is_subject(doc[m.token_end - 1])]
    if subjects and not roles.supplier and not roles.recipients and partners:
        # "Poland signed an agreement with the United States to buy ...": the
        # subject buys when the sentence buys, else it sells
        buys = any(t.lemma_.lower() in words()["recipient_verbs"]
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
        elif roles.supplier and not roles.recipients and first.code != roles.supplier:
            roles.recipients.append(first.code)
            loose.remove(first)
    if roles.supplier in roles.recipients:
        roles.recipients.remove(roles.supplier)
    text = doc.text[start:end].lower()
    roles.generic_recipient = any(p in text for p in words()["generic_country_phrases"])
    return roles, loose


@dataclass
class Context:
    """The article's main transfer pairs, strongest first."""

    pairs: list[tuple[str, str]] = field(default_factory=list)
    suppliers: list[str] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)

    def recipients_of(self, supplier: str | None) -> list[str]:
        if supplier is None:
            return list(self.recipients)
        out = [r for s, r in self.pairs if s == supplier]
        return out


def article_context(doc: Doc, mentions: Sequence[Mention]) -> Context:
    """Pairs reported in sentences with supply words, weighted towards the
    headline and lead where agencies state the news."""
    weights: Counter[tuple[str, str]] = Counter()
    sup_w: Counter[str] = Counter()
    rec_w: Counter[str] = Counter()
    lead_end = min(len(doc.text), 700)
    for sent in doc.sents:
        if not has_supply_vocab(sent, strong_only=False):
            continue
        roles, _loose = roles_in(doc, mentions, sent.start_char, sent.end_char)
        weight = 3 if sent.start_char < lead_end else 1
        if roles.supplier:
            sup_w[roles.supplier] += weight
        for r in roles.recipients:
            rec_w[r] += weight
            if roles.supplier:
                weights[(roles.supplier, r)] += weight
    ctx = Context()
    ctx.pairs = [p for p, _w in sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))]
    ctx.suppliers = [s for s, _w in sorted(sup_w.items(), key=lambda kv: (-kv[1], kv[0]))]
    ctx.recipients = [r for r, _w in sorted(rec_w.items(), key=lambda kv: (-kv[1], kv[0]))]
    if ctx.pairs:
        top = ctx.pairs[0][0]
        ctx.suppliers = [top] + [s for s in ctx.suppliers if s != top]
    return ctx


def resolve_roles(roles: Roles, ctx: Context, *, speaker_country: str | None = None,
                  speaker_supplies: bool = False) -> tuple[str | None, list[str]]:
    """Fill what an utterance leaves open from the article context.

    ``speaker_supplies`` says the utterance has the speaker's own side supplying
    ("his ministry would grant no new export licences"): the speaker's state is
    then the supplier."""
    supplier = roles.supplier
    recipients = list(roles.recipients)
    if supplier is None:
        if speaker_supplies and speaker_country and speaker_country not in recipients:
            supplier = speaker_country
        elif recipients:
            candidates = [s for s, r in ctx.pairs if r in recipients]
            if speaker_country in candidates:
                supplier = speaker_country
            elif candidates and len(set(candidates)) == 1:
                supplier = candidates[0]
            elif not candidates and ctx.suppliers:
                supplier = ctx.suppliers[0] if len(ctx.suppliers) == 1 or not ctx.pairs else ctx.pairs[0][0]
        else:
            if speaker_country in ctx.suppliers:
                supplier = speaker_country
            elif ctx.pairs:
                top = ctx.pairs[0][0]
                # several suppliers against one recipient ("Germany, France halt
                # arms sales to Turkey"): a recipient's official speaks of none of them
                if speaker_country and speaker_country in ctx.recipients and len(set(ctx.suppliers)) > 1:
                    supplier = None
                else:
                    supplier = top
            elif ctx.suppliers:
                supplier = ctx.suppliers[0]
    if not recipients and not roles.generic_recipient:
        recipients = [r for r in ctx.recipients_of(supplier) if r != supplier]
        if not recipients and supplier is None:
            recipients = list(ctx.recipients[:1])
        # keep only the recipients of the strongest pair when the context is wide
        if len(recipients) > 1 and ctx.pairs:
            top_w = [r for s, r in ctx.pairs if s == (supplier or ctx.pairs[0][0])]
            recipients = top_w[:2] if len(top_w) > 2 else top_w
    if supplier in recipients:
        recipients.remove(supplier)
    return supplier, recipients


def span_tokens(doc: Doc, start: int, end: int) -> Span | None:
    return doc.char_span(start, end, alignment_mode="expand")
