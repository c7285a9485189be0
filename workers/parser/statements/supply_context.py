"""The article's transfer context, and the supplier and recipients of an utterance.

``statements/extract.py`` needs, for each utterance, the supplier and recipients it is
about. The parties the utterance names with a role come first
(``supply_roles.py``); what it leaves open is filled from the article's transfer
pairs, weighted towards the headline and lead where the news is stated, and
from the speaker: an official speaks for their own state's side.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Iterable, Sequence

from spacy.tokens import Doc

# The role readers are re-exported: callers see one module for "who supplies whom".
from ..transfers.supply_roles import (  # noqa: F401
    Mention,
    Roles,
    _get,
    dateline_span,
    has_supply_vocab,
    normalise_mentions,
    roles_in,
    words,
)
from ..text.nlp import doc_text


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
    lead_end = min(len(doc_text(doc)), 700)
    for sent in doc.sents:
        # a sentence that names no party gives no roles
        if not any(sent.start_char <= m.start and m.end <= sent.end_char for m in mentions):
            continue
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
                  addressee_country: str | None = None, weapon_origin: str | None = None
                  ) -> tuple[str | None, list[str]]:
    """Fill what an utterance leaves open, in this order: the parties it names
    with a role; a named system's maker ("join the F-35 programme"); the
    article's pairs (preferring the speaker's own state or a party the utterance
    names); the speaker's own state when the speaker's side supplies; the state
    of the person spoken to.

    ``loose`` are parties the utterance names without a role.
    """
    supplier = roles.supplier
    recipients = list(roles.recipients)
    # a weak cue made a known recipient the supplier ("the Hellenic Air Force's
    # new squadron"): the article says it receives
    if supplier and supplier in ctx.recipient_weights and supplier not in ctx.supplier_weights:
        if supplier not in recipients:
            recipients.append(supplier)
        supplier = None
    speaker_receives = bool(speaker_country) and speaker_country in ctx.main_recipients(None) \
        and speaker_country not in ctx.supplier_weights
    # a receiving side's official who names no party speaks of their own side's
    # purchase ("the country had inquired about the missile")
    if not recipients and supplier is None and speaker_receives and not roles.generic_recipient \
            and not [c for c in loose if c != speaker_country]:
        recipients = [speaker_country]
    if supplier is None and weapon_origin and weapon_origin not in recipients \
            and weapon_origin not in ctx.recipient_weights:
        supplier = weapon_origin
    # "Moscow's defence cooperation with New Delhi": two parties the article
    # already pairs
    if supplier is None and not recipients:
        for sup, rec in ctx.pairs:
            if sup in loose and rec in loose:
                supplier, recipients = sup, [rec]
                break
    if supplier is None:
        wanted = recipients or ctx.main_recipients(None) or ctx.recipients[:1]
        candidates = ctx.suppliers_of(wanted)
        names = [c for c, _w in candidates]
        named = [c for c in loose if c in names]
        if named:
            supplier = named[0]
        elif speaker_country in names:
            supplier = speaker_country
        elif speaker_supplies and speaker_country and speaker_country not in recipients:
            supplier = speaker_country
        elif candidates:
            top_w = candidates[0][1]
            second_w = candidates[1][1] if len(candidates) > 1 else 0.0
            # several suppliers of equal weight ("Germany, France, Finland halt
            # sales to Turkey") and a recipient's official speaking: no one supplier
            receives = speaker_country is not None and speaker_country in wanted
            if not (receives and second_w >= top_w / 2):
                supplier = candidates[0][0]
        elif ctx.suppliers:
            supplier = ctx.suppliers[0]
    # the state of the person spoken to, when nothing else names a supplier
    if supplier is None and addressee_country and addressee_country != speaker_country \
            and addressee_country not in ctx.recipient_weights and addressee_country not in recipients \
            and recipients:
        supplier = addressee_country
    # "a delegation from Egypt ... to discuss purchases": the one other party named
    others = [c for c in dict.fromkeys(roles.visitors) if c not in (supplier, speaker_country)]
    if not recipients and supplier and len(others) == 1 and (supplier, others[0]) not in ctx.weights \
            and (others[0], supplier) not in ctx.weights and others[0] not in ctx.supplier_weights:
        recipients = others
    if not recipients and not roles.generic_recipient:
        recipients = ctx.main_recipients(supplier) or ctx.main_recipients(None)
        if not recipients and supplier is None:
            recipients = ctx.recipients[:1]
    if supplier in recipients:
        recipients.remove(supplier)
    return supplier, recipients
