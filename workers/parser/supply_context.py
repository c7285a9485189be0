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
    suppliers: list[str] = field(default_factory=list)  # further suppliers beyond the first
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


def _named_weapon_spans(text: str) -> list[tuple[int, int]]:
    try:
        from .weapons import named_systems

        return [(s, e) for s, e, _n in named_systems(text)]
    except Exception:  # the weapon list is a help, not a requirement
        return []


def has_supply_vocab(tokens: Iterable[Token], *, strong_only: bool = False) -> bool:
    """True when the tokens speak of arms supply or of weapons: supply words,
    weapon words, named systems and designations ("S-300", "Rafales"), and
    phrases like "military cooperation" or "air defence"."""
    w = words()
    weak = w["weak_lemmas"]
    strong_hits = weak_hits = 0
    toks = [t for t in tokens]
    if toks:
        text = toks[0].doc.text[toks[0].idx:toks[-1].idx + len(toks[-1].text)]
        low = re.sub(r"\s+", " ", text.lower())
        if any(p in low for p in w["strong_phrases"]) or _named_weapon_spans(text):
            return True
    for t in toks:
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


def _transfer_head(tok: Token) -> bool:
    """Whether a word can carry a "to"/"from" party of a transfer ("supply ... to",
    "exports to", "bought from"), unlike "a visit to", "a reference to"."""
    w = words()
    lem = _lemma(tok)
    return (lem in w["supplier_verbs"] or lem in w["recipient_verbs"] or lem in w["supply_lemmas"]
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
    # "licence applications for military goods bound for Turkey"
    if prep.lower_ == "for" and head.lower_ == "bound":
        return head
    return head


def _possessor_blocked(tok: Token) -> bool:
    """"Armenia's allies failed to supply": the possessor is not the agent."""
    return tok.dep_ == "poss" and _lemma(tok.head) in words()["relational_nouns"]


def role_of(doc: Doc, m: Mention) -> str | None:
    """SUPPLIER, RECIPIENT, PARTNER or None for one mention, from its syntax."""
    w = words()
    tok = doc[m.token_end - 1]
    # "US Patriot missile defense", "Russian weapons": the maker's side, whatever
    # preposition the phrase hangs from; not "Russian missiles hit Kyiv"
    if tok.dep_ in {"amod", "compound", "nmod", "poss"} and _is_weapon_noun(tok.head) \
            and tok.head.dep_ not in {"dative", "nsubj"}:
        return SUPPLIER
    prep = _governing_prep(tok)
    if prep is not None and _names_person(tok):
        return None  # "handed a copy to U.S. Ambassador Paul W. Jones"
    if prep == "with" and _deal_partner(tok):
        return PARTNER
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
            near += [g for c in verb.children if c.dep_ in {"dobj", "prep"} for g in c.children
                     if g.dep_ == "pcomp" or (g.dep_ == "acl" and any(a.dep_ == "aux" and a.lower_ == "to" for a in g.children))]
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
            # "promised Ukrainian President Volodymyr Zelenskiy air defence systems"
            if how == "obj" and _names_person(tok):
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
    # the small model labels a listed subject "dep" ("Germany, France halt ...")
    return cur.dep_ in {"nsubj", "nsubjpass"} or (cur.dep_ == "dep" and cur.head.pos_ == "VERB" and cur.i < cur.head.i)


def _clause_has_supply(tok: Token) -> bool:
    """The clause this subject belongs to speaks of supply in strong words."""
    cur = tok
    for _ in range(4):
        if cur.dep_ in {"compound", "poss", "amod", "conj"} and cur.head.i != cur.i:
            cur = cur.head
            continue
        break
    verb = cur.head
    return has_supply_vocab([t for t in verb.subtree if t.i != tok.i], strong_only=True)


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
            # "Germany, France halt arms sales to Turkey": conjoined subjects supply too
            for other in subjects[1:]:
                if other.code not in roles.recipients and other.code not in roles.suppliers:
                    roles.suppliers.append(other.code)
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
    """The article's transfer pairs with their weight, strongest first."""

    weights: dict[tuple[str, str], float] = field(default_factory=dict)
    supplier_weights: dict[str, float] = field(default_factory=dict)
    recipient_weights: dict[str, float] = field(default_factory=dict)

    @property
    def pairs(self) -> list[tuple[str, str]]:
        return [p for p, _w in sorted(self.weights.items(), key=lambda kv: (-kv[1], kv[0]))]

    @property
    def suppliers(self) -> list[str]:
        return [c for c, _w in sorted(self.supplier_weights.items(), key=lambda kv: (-kv[1], kv[0]))]

    @property
    def recipients(self) -> list[str]:
        return [c for c, _w in sorted(self.recipient_weights.items(), key=lambda kv: (-kv[1], kv[0]))]

    def empty(self) -> bool:
        return not (self.weights or self.supplier_weights or self.recipient_weights)

    def main_recipients(self, supplier: str | None) -> list[str]:
        """Recipients of ``supplier`` (or of the top pair) that weigh at least half
        of its strongest pair: the headline's recipients, not a side remark's."""
        sup = supplier or (self.pairs[0][0] if self.pairs else None)
        ranked = [(r, w) for (s, r), w in sorted(self.weights.items(), key=lambda kv: (-kv[1], kv[0])) if s == sup]
        if not ranked:
            return []
        top = ranked[0][1]
        return [r for r, w in ranked if w >= top / 2]

    def suppliers_of(self, recipients: Sequence[str]) -> list[tuple[str, float]]:
        out: Counter[str] = Counter()
        for (s, r), w in self.weights.items():
            if r in recipients:
                out[s] += w
        return sorted(out.items(), key=lambda kv: (-kv[1], kv[0]))


def article_context(doc: Doc, mentions: Sequence[Mention]) -> Context:
    """Pairs reported in sentences with supply words, weighted towards the
    headline and lead where agencies state the news."""
    ctx = Context()
    weights: Counter[tuple[str, str]] = Counter()
    sup_w: Counter[str] = Counter()
    rec_w: Counter[str] = Counter()
    lead_end = min(len(doc.text), 700)
    for sent in doc.sents:
        if not has_supply_vocab(sent, strong_only=False):
            continue
        roles, _loose = roles_in(doc, mentions, sent.start_char, sent.end_char)
        weight = 3 if sent.start_char < lead_end else 1
        suppliers = ([roles.supplier] if roles.supplier else []) + roles.suppliers
        for sup in suppliers:
            sup_w[sup] += weight
        for r in roles.recipients:
            rec_w[r] += weight
            for sup in suppliers:
                if sup != r:
                    weights[(sup, r)] += weight
    ctx.weights = dict(weights)
    ctx.supplier_weights = dict(sup_w)
    ctx.recipient_weights = dict(rec_w)
    return ctx


def merge_transfers(ctx: Context, transfers: Iterable[Any], lead_end: int = 700) -> Context:
    """Prefer the pairs the transfer extractor settled on: keep this module's
    weights for salience but only for those pairs (a side remark's pair drops
    out), and add any pair it found that the sentences here missed."""
    pairs: dict[tuple[str, str], float] = {}
    for t in transfers or []:
        sup, rec = _get(t, "supplier"), _get(t, "recipient")
        if not sup or not rec or sup == rec:
            continue
        start = _get(t, "start") or 0
        bonus = 3.0 if int(start) < lead_end else 1.0
        pairs[(str(sup), str(rec))] = ctx.weights.get((str(sup), str(rec)), 0.0) + bonus
    if not pairs:
        return ctx
    out = Context(weights=pairs)
    for (sup, rec), w in pairs.items():
        out.supplier_weights[sup] = out.supplier_weights.get(sup, 0.0) + w
        out.recipient_weights[rec] = out.recipient_weights.get(rec, 0.0) + w
    return out


def resolve_roles(roles: Roles, ctx: Context, *, speaker_country: str | None = None,
                  speaker_supplies: bool = False, loose: Sequence[str] = (),
                  addressee_country: str | None = None) -> tuple[str | None, list[str]]:
    """Fill what an utterance leaves open from the article context.

    ``speaker_supplies`` says the utterance has the speaker's own side supplying
    ("his ministry would grant no new export licences"): the speaker's state is
    then the supplier. ``loose`` are parties the utterance names without a role.
    """
    supplier = roles.supplier
    recipients = list(roles.recipients)
    # a weak cue made a known recipient the supplier ("the Hellenic Air Force's
    # new squadron"): the article says it receives
    if supplier and supplier in ctx.recipient_weights and supplier not in ctx.supplier_weights:
        if supplier not in recipients:
            recipients.append(supplier)
        supplier = None
    if supplier is None and speaker_supplies and speaker_country and speaker_country not in recipients:
        supplier = speaker_country
    # "Mitsotakis told the US president that Athens wanted to join the F-35
    # programme": the side spoken to, when it is not a receiving side
    if supplier is None and addressee_country and addressee_country != speaker_country \
            and addressee_country not in ctx.recipient_weights and addressee_country not in recipients \
            and (recipients or speaker_country in loose):
        supplier = addressee_country
        if not recipients and speaker_country:
            recipients = [speaker_country]
    if supplier is None:
        wanted = recipients or ctx.main_recipients(None) or ctx.recipients[:1]
        candidates = ctx.suppliers_of(wanted)
        names = [c for c, _w in candidates]
        named = [c for c in loose if c in names]
        if named:
            supplier = named[0]
        elif speaker_country in names:
            supplier = speaker_country
        elif candidates:
            top_w = candidates[0][1]
            second_w = candidates[1][1] if len(candidates) > 1 else 0.0
            # several suppliers of equal weight ("Germany, France, Finland halt
            # sales to Turkey") and a recipient's official speaking: no one supplier
            speaker_receives = speaker_country is not None and speaker_country in wanted
            if not (speaker_receives and second_w >= top_w / 2):
                supplier = candidates[0][0]
        elif ctx.suppliers:
            supplier = ctx.suppliers[0]
    if not recipients and not roles.generic_recipient:
        recipients = ctx.main_recipients(supplier) or ctx.main_recipients(None)
        if not recipients and supplier is None:
            recipients = ctx.recipients[:1]
    if supplier in recipients:
        recipients.remove(supplier)
    return supplier, recipients


def span_tokens(doc: Doc, start: int, end: int) -> Span | None:
    return doc.char_span(start, end, alignment_mode="expand")
