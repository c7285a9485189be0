"""Pairs the trigger rules leave out, proposed generously and scored by a small
learned model.

Every ordered pair of parties named in one sentence that speaks of arms supply
is a candidate, unless the rules already gave the pair in either direction. A
candidate is described by what the parse says of each side (its supply role,
the preposition it hangs from, its dependency label, the word that governs it,
whether it is a name, a national adjective or a company), by the supply words of
the sentence, by whether a system named there is made by one side, and by the
rows the rules found elsewhere in the article (a party the rules already know as
a supplier, the article's main supplier). A logistic regression over these
features gives each candidate a probability; a pair is kept when its best
sentence passes the model's threshold, as a weak row (its confidence stays below
the rules').

The model learns from every candidate pair of the train split, the pairs the
rules find included (their features of the article's other rows leave out their
own), and is applied only to the pairs the rules leave out: a model fitted on
the rules' leftovers alone learnt the corpus's odd cases rather than what a
supply pair looks like, and on the validation split it found 57 of 89 pairs
against 62 for this one.

The weights are trained by ``make train-parser`` (``bench/train_pairs.py``) from
the annotated train split, never from the validation split, and stored as JSON
beside this module (``pair_model.json``): scoring is a dot product, so the
parser needs no learning library at run time, and the file is read once per
process.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Doc, Span, Token

from ..catalogue.actors import ActorMention
from ..records import TransferRecord
from ..text import columns
from ..text.nlp import doc_text
from ..vocab import words
from .lists import list_groups
from .roles import REGION_NOUNS
from .secondary import _trigger
from .status import DELIVERED, trigger_status
from .supply_roles import Mention, _governing_prep, has_supply_vocab, role_of
from .weapons import named_systems, weapon_origin

MODEL_PATH = Path(__file__).with_name("pair_model.json")
# Rows from the model stay weaker than any rule's: confidence in [LOW, LOW + SPAN].
LOW, SPAN = 0.3, 0.3
# Links inside one noun phrase: the party's phrase is climbed to its head.
# Words that negate a clause (dependency "neg"), and "no"/"never" wherever they stand.
_NEGATIONS = frozenset({"not", "n't", "never", "no", "nor", "neither", "nt"})
_PHRASE_DEPS = frozenset({"conj", "appos", "compound", "amod", "poss", "nmod"})


@dataclass
class PairCandidate:
    """One ordered pair of parties in one sentence, with its features."""

    supplier: str
    recipient: str
    sent: Span
    features: list[str]


@lru_cache(maxsize=1)
def load_model(path: Path = MODEL_PATH) -> dict:
    """The trained weights and threshold (``{"weights": {...}, "threshold": p}``),
    read once; no model file means no scored rows."""
    if not path.is_file():
        return {"weights": {}, "threshold": 1.0}
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


def probability(features: list[str], model: dict) -> float:
    weights = model["weights"]
    z = weights.get("bias", 0.0) + sum(weights.get(f, 0.0) for f in features)
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def _phrase_head(tok: Token) -> Token:
    cur = tok
    for _ in range(4):
        if cur.dep_ in _PHRASE_DEPS and cur.head.i != cur.i:
            cur = cur.head
            continue
        break
    return cur


def _governor(tok: Token) -> Token:
    """The word the party's phrase is an argument of, through a preposition."""
    top = _phrase_head(tok)
    gov = top.head
    if top.dep_ == "pobj" and gov.head.i != gov.i:
        gov = gov.head
    if gov.dep_ == "agent":
        gov = gov.head
    return gov


def _side_features(tag: str, m: Mention, form: str, doc: Doc, supply_words: frozenset[str]) -> list[str]:
    tok = doc[m.token_end - 1]
    top = _phrase_head(tok)
    gov = _governor(tok)
    gov_lemma = gov.lemma_.lower()
    prep = _governing_prep(tok) or "-"
    role = role_of(doc, m) or "-"
    return [
        f"{tag}role={role}",
        f"{tag}prep={prep}",
        f"{tag}dep={top.dep_}",
        f"{tag}own={tok.dep_}",
        f"{tag}gov={gov_lemma if gov_lemma in supply_words else gov.pos_}",
        f"{tag}govprep={gov_lemma if gov_lemma in supply_words else gov.pos_}|{prep}",
        f"{tag}form={form}",
        f"{tag}kind={m.kind}",
    ]


def _tree_distance(heads: list[int], a: int, b: int) -> int:
    """Arcs between tokens ``a`` and ``b`` through their lowest common head
    (``heads``: ``columns.heads``), counting at most 30 up from either."""
    up = {}
    cur, d = a, 0
    while True:
        up[cur] = d
        if heads[cur] == cur or d > 30:
            break
        cur, d = heads[cur], d + 1
    cur, d = b, 0
    while cur not in up and heads[cur] != cur and d <= 30:
        cur, d = heads[cur], d + 1
    return d + up.get(cur, 30)


def claimed_state(doc: Doc, m: Mention, index: dict[int, ActorMention]) -> bool:
    """Whether the mention is the state that claims a region another party
    names ("China" in "arms sales to China's Taiwan region"): no side of a pair."""
    head = doc[m.token_end - 1]
    if head.dep_ != "poss" or head.head.lemma_.lower() not in REGION_NOUNS:
        return False
    return any(c.dep_ in {"compound", "nmod"} and c.i in index and index[c.i].code != m.code for c in head.head.children)


def _found_context(found: list[TransferRecord]) -> tuple[set[str], set[str], str | None]:
    """The suppliers and recipients of ``found`` and its main supplier (the one
    with most rows; the first of them on a tie)."""
    counts: dict[str, int] = {}
    for t in found:
        counts[t.supplier] = counts.get(t.supplier, 0) + 1
    main = max(counts, key=lambda c: (counts[c], -list(counts).index(c))) if counts else None
    return {t.supplier for t in found}, {t.recipient for t in found}, main


def pair_candidates(doc: Doc, mentions: list[ActorMention], found: list[TransferRecord], *,
                    with_found: bool = False) -> list[PairCandidate]:
    """Every ordered pair of parties of a supply sentence that ``found`` lacks in
    both directions, with its features.

    With ``with_found`` (training), the pairs ``found`` has are candidates too, and
    each pair's features of the article's other rows leave out the pair's own rows:
    the model learns from every pair what a supply pair looks like, not only from
    the pairs the rules missed."""
    known = set() if with_found else {(t.supplier, t.recipient) for t in found}
    known |= {(r, s) for s, r in known}
    # the pipeline's mentions carry token offsets already: no char_span per mention
    norm = sorted((Mention(m.code, m.kind, m.start, m.end, m.token_start, m.token_end) for m in mentions),
                  key=lambda m: (m.start, m.end))
    if len({m.code for m in norm}) < 2:
        return []
    forms = {m.token_start: m.form for m in mentions}
    w = words()
    supply_words = w["supply_lemmas"] | w["supplier_verbs"] | w["acquire_verbs"] | w["weapon_lemmas"]
    trigger_words = w["supply_lemmas"] | w["supplier_verbs"] | w["acquire_verbs"]
    everything = _found_context(found)
    own_pair = {frozenset((t.supplier, t.recipient)) for t in found} if with_found else set()
    without: dict[frozenset[str], tuple[set[str], set[str], str | None]] = {}
    index_for_lists = {i: m for m in mentions if m.form != "demonym" for i in range(m.token_start, m.token_end)}
    lemma_column, lower_column, head_column = columns.lemmas(doc), columns.lowers(doc), columns.heads(doc)
    out: list[PairCandidate] = []
    at = 0
    for sent in doc.sents:
        # mentions are in text order: walk them once along the sentences
        while at < len(norm) and norm[at].token_start < sent.start:
            at += 1
        inside = []
        for m in norm[at:]:
            if m.token_start >= sent.end:
                break
            if m.token_end <= sent.end and not claimed_state(doc, m, index_for_lists):
                inside.append(m)
        codes = list(dict.fromkeys(m.code for m in inside))
        if len(codes) < 2 or not has_supply_vocab(sent):
            continue
        lemmas = set(lemma_column[sent.start:sent.end])
        common = [f"t={lem}" for lem in sorted(lemmas & trigger_words)]
        common.append(f"n={min(len(codes), 5)}")
        if any(lower_column[i] in _NEGATIONS and (lower_column[i] in {"no", "never"} or doc[i].dep_ == "neg")
               for i in range(sent.start, sent.end)):
            common.append("neg")
        origins = {weapon_origin(name) for _s, _e, name in named_systems(columns.text_of(sent))} - {None}
        groups = [set(g) for _root, g in list_groups(sent, index_for_lists)]
        sides = {m.token_start: _side_features("", m, forms.get(m.token_start, "name"), doc, supply_words)
                 for m in inside}
        for ms in inside:
            for mr in inside:
                s, r = ms.code, mr.code
                if s == r or (s, r) in known:
                    continue
                feats = list(common)
                feats += ["s:" + f for f in sides[ms.token_start]]
                feats += ["r:" + f for f in sides[mr.token_start]]
                srole = sides[ms.token_start][0].split("=", 1)[1]
                rrole = sides[mr.token_start][0].split("=", 1)[1]
                feats.append(f"roles={srole}|{rrole}")
                feats.append(f"preps={sides[ms.token_start][1].split('=', 1)[1]}|{sides[mr.token_start][1].split('=', 1)[1]}")
                feats.append("order=sr" if ms.token_start < mr.token_start else "order=rs")
                dist = _tree_distance(head_column, ms.token_end - 1, mr.token_end - 1)
                feats.append(f"dist={min(dist, 6)}")
                pair = frozenset((s, r))
                if pair in own_pair:
                    if pair not in without:
                        without[pair] = _found_context([t for t in found if {t.supplier, t.recipient} != pair])
                    found_suppliers, found_recipients, main = without[pair]
                else:
                    found_suppliers, found_recipients, main = everything
                if s in found_suppliers:
                    feats.append("s_found_supplier")
                if s in found_recipients:
                    feats.append("s_found_recipient")
                if r in found_recipients:
                    feats.append("r_found_recipient")
                if r in found_suppliers:
                    feats.append("r_found_supplier")
                if s == main:
                    feats.append("s_main")
                if s in origins:
                    feats.append("s_makes")
                if r in origins:
                    feats.append("r_makes")
                if any(s in g and r in g for g in groups):
                    feats.append("same_list")
                out.append(PairCandidate(s, r, sent, feats))
    return out


def paired_sides(found: list[TransferRecord]) -> dict[int, set[tuple[str, str]]]:
    """Per evidence start, the suppliers ("s") and recipients ("r") the rows
    there already pair."""
    paired: dict[int, set[tuple[str, str]]] = {}
    for t in found:
        paired.setdefault(t.start, set()).update({(t.supplier, "s"), (t.recipient, "r")})
    return paired


def settled(c: PairCandidate, paired: dict[int, set[tuple[str, str]]],
            bounds: Callable[[Span], tuple[int, int]]) -> bool:
    """Whether both sides of ``c`` already have their partners in its sentence:
    in "Israel buys American weapons and exports to India" the United States
    sells to Israel and Israel to India, and no row joins the United States to
    India. Such candidates are not scored."""
    used = paired.get(bounds(c.sent)[0], set())
    return (c.supplier, "s") in used and (c.recipient, "r") in used


def scored_transfers(doc: Doc, mentions: list[ActorMention], found: list[TransferRecord],
                     bounds: Callable[[Span], tuple[int, int]]) -> list[TransferRecord]:
    """Rows for the candidates the model scores above its threshold, one per
    pair (its best sentence), in text order."""
    model = load_model()
    if not model["weights"]:
        return []
    paired = paired_sides(found)
    best: dict[tuple[str, str], tuple[float, PairCandidate]] = {}
    for c in pair_candidates(doc, mentions, found):
        if settled(c, paired, bounds):
            continue
        p = probability(c.features, model)
        key = (c.supplier, c.recipient)
        if p >= model["threshold"] and (key not in best or p > best[key][0]):
            best[key] = (p, c)
    # one direction per pair: the likelier
    chosen = [(p, c) for (s, r), (p, c) in best.items() if (r, s) not in best or best[(r, s)][0] < p]
    chosen.sort(key=lambda x: (x[1].sent.start, x[1].supplier, x[1].recipient))
    text = doc_text(doc)
    out: list[TransferRecord] = []
    for p, c in chosen:
        trigger = _trigger(c.sent)
        status = trigger_status(trigger)[0] if trigger is not None else DELIVERED
        start, end = bounds(c.sent)
        out.append(TransferRecord(supplier=c.supplier, recipient=c.recipient, status=status, weapons=[],
                                  evidence=text[start:end], start=start, end=end,
                                  confidence=round(LOW + SPAN * p, 2)))
    return out
