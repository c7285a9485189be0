"""What deal linking decides, without the database: an article's events, and the deal each one joins.

``wants`` turns an article's transfer rows into the events they give (one per
catalogue system a row names, with the quantity and value its sentence, or the
sentences around it, give); ``match`` picks, among the pair's deals, the one a
new event joins, or none (a new deal). ``tracker.services.deals`` reads the
rows, calls these and writes what they decide.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import NamedTuple

from django.conf import settings

from tracker.models import TransferStatus

# Statuses of an order not yet delivered: one dated after a deal's delivery is a new order.
ORDER_STATUSES = frozenset({TransferStatus.PLANNED, TransferStatus.CONSIDERING, TransferStatus.CONTRACTED})
# A deal that is not delivered or denied may still take an article that names no system.
CLOSED_STATUSES = frozenset({TransferStatus.DELIVERED, TransferStatus.DENIED})
# Events of the same day: the further along the supply, the later.
STATUS_ORDER = (
    TransferStatus.CONSIDERING, TransferStatus.PLANNED, TransferStatus.CONTRACTED, TransferStatus.SUSPENDED,
    TransferStatus.DENIED, TransferStatus.ONGOING, TransferStatus.DELIVERED,
)


# Above any real id: deals opened by the article being linked are the newest.
_NEW = 1 << 62


class TransferRow(NamedTuple):
    """What linking reads of one transfer row."""

    pk: int
    supplier_id: int
    recipient_id: int
    status: str
    weapons: list[str]
    evidence: str
    evidence_start: int
    evidence_end: int
    confidence: float


@dataclass
class Want:
    """One event an article's transfer row gives."""

    supplier_id: int
    recipient_id: int
    system_key: str
    system_id: int | None
    family: str
    category: str
    weapons: list[str]
    transfer: TransferRow
    quantity: tuple[int, int, int] | None = None  # value, start, end (in the article's clean text)
    value: tuple[Decimal, str, int, int] | None = None  # amount, currency, start, end

    @property
    def key(self) -> tuple[int, int, str]:
        return (self.supplier_id, self.recipient_id, self.system_key)

    @property
    def pair(self) -> tuple[int, int]:
        return (self.supplier_id, self.recipient_id)


# A sentence ends at a stop followed by a space or the end ("$5.43 billion" is one sentence).
_SENTENCE = re.compile(r"(?:[^.!?\n]|[.!?](?![\s]|$))+(?:[.!?]+|\n|$)")
# Lines shorter than this (a date, a byline) are skipped when looking for a neighbour.
_SHORT = 25


def _sentences(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _SENTENCE.finditer(text) if len(m.group(0).strip()) >= _SHORT]


def _window(text: str, spans: list[tuple[int, int]], start: int, end: int) -> tuple[str, int]:
    """The evidence with the sentence before and after it, and where that window starts.

    A headline's neighbour is the lead sentence, past the date and byline lines.
    """
    before = [s for s in spans if s[1] <= start]
    after = [s for s in spans if s[0] >= end]
    lo = before[-1][0] if before else start
    hi = after[0][1] if after else end
    return text[lo:hi], lo


def wants(text: str, transfers: list[TransferRow], catalogue) -> list[Want]:
    """The events an article's transfer rows give, in the rows' order."""
    from workers.parser.systems import normalise, quantity_for, resolve_all, value_of

    spans: list[tuple[int, int]] | None = None
    out: list[Want] = []
    for t in transfers:
        found = resolve_all(list(t.weapons), catalogue)
        groups: dict[str, tuple[int | None, str, str, list[str]]] = {}
        for r in found:
            if r.entry is not None:
                key, system, family, category = r.entry.designation, r.entry.key, r.entry.family, r.entry.category
            elif r.unknown:
                key, system, family, category = f"?{normalise(r.text)}"[:200], None, "", r.category or ""
            else:
                continue
            groups.setdefault(key, (system, family, category, []))[3].append(r.text)
        if not groups:
            generic = next((r for r in found if r.category), None)
            groups[""] = (None, "", generic.category if generic else "", [r.text for r in found])
        if spans is None:
            spans = _sentences(text)
        window, offset = _window(text, spans, t.evidence_start, t.evidence_end)
        first = True
        for key, (system, family, category, weapons) in groups.items():
            want = Want(t.supplier_id, t.recipient_id, key, system, family, category, weapons, t)
            q = quantity_for(t.evidence, weapons)
            q_offset = t.evidence_start
            if q is None:
                q, q_offset = quantity_for(window, weapons), offset
            if q is not None and (len(groups) == 1 or any(w.split()[0].lower() in q.text.lower() for w in weapons)):
                want.quantity = (q.value, q_offset + q.start, q_offset + q.end)
            if first:
                v, v_offset = value_of(t.evidence), t.evidence_start
                if v is None:
                    v, v_offset = value_of(window), offset
                if v is not None:
                    want.value = (v.amount, v.currency, v_offset + v.start, v_offset + v.end)
            first = False
            out.append(want)
    return out


@dataclass
class Candidate:
    """A deal of the pair as matching sees it (a new one has a negative id until it is written)."""

    deal_id: int
    status: str
    first_event_date: dt.date | None
    last_event_date: dt.date | None
    system_ids: set[int]
    families: set[str]
    keys: set[str]  # a system-less deal's events' system keys ("?name" for systems the catalogue lacks)

    @property
    def bare(self) -> bool:
        """Reported so far with no system named."""
        return not self.system_ids and self.keys <= {""}

    def add(self, want: Want, date: dt.date) -> None:
        """What linking this event changed in the deal, for the next events of the same article."""
        self.keys.add(want.system_key)
        if want.system_id is not None:
            self.system_ids.add(want.system_id)
            if want.family:
                self.families.add(want.family)
        self.first_event_date = min(filter(None, (self.first_event_date, date)))
        self.last_event_date = max(filter(None, (self.last_event_date, date)))


def _time_compatible(deal: Candidate, date: dt.date, status: str) -> bool:
    if deal.first_event_date is None or deal.last_event_date is None:
        return True
    gap = dt.timedelta(days=365 * settings.DEAL_GAP_YEARS)
    if not deal.first_event_date - gap <= date <= deal.last_event_date + gap:
        return False
    # An order dated after the deal was delivered is a new order ("a second batch").
    return not (deal.status == TransferStatus.DELIVERED and status in ORDER_STATUSES
                and date > deal.last_event_date)


def _distance(deal: Candidate, date: dt.date) -> int:
    if deal.first_event_date is None or deal.last_event_date is None:
        return 0
    if date < deal.first_event_date:
        return (deal.first_event_date - date).days
    return max((date - deal.last_event_date).days, 0)


def match(want: Want, date: dt.date, candidates: list[Candidate]) -> Candidate | None:
    """The deal an event joins, or None for a new one."""
    status = want.transfer.status
    timely = [c for c in candidates if _time_compatible(c, date, status)]
    if want.system_id is not None:
        same = [c for c in timely if want.system_id in c.system_ids or (want.family and want.family in c.families)]
    elif want.system_key:
        same = [c for c in timely if not c.system_ids and want.system_key in c.keys]
    else:
        open_ = [c for c in timely if c.status not in CLOSED_STATUSES]
        return open_[0] if len(open_) == 1 else None
    if not same:
        # A deal first reported with no system takes the first system named for the pair.
        bare = [c for c in timely if c.bare and c.status not in CLOSED_STATUSES]
        return bare[0] if len(bare) == 1 else None
    # The nearest in time; of equals, the newest (a deal opened by this article, its id still negative, newer still).
    return min(same, key=lambda c: (_distance(c, date), -(c.deal_id if c.deal_id > 0 else _NEW - c.deal_id)))


def statement_deals(named: set[int], here: set[int], pool: list[Candidate]) -> list[int]:
    """The deals of a pair a statement speaks about: those with a system it names; naming none, the
    pair's deals its own article reports on, else the pair's only open deal."""
    if named:
        return [c.deal_id for c in pool if c.system_ids & named]
    chosen = [c.deal_id for c in pool if c.deal_id in here]
    if not chosen:
        open_ = [c.deal_id for c in pool if c.status not in CLOSED_STATUSES]
        chosen = open_ if len(open_) == 1 else []
    return chosen
