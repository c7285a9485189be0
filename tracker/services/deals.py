"""Every write to the register of deals: linking an article's transfers, and curators' edits.

After an article is recorded, ``article_link_deals`` turns each of its transfer
rows into one event per system the row names and puts each event in a deal:
the deal of the same supplier and recipient with a compatible system and
time, or the pair's only open deal when the article names no system, or a new
one. Events are keyed by (article, supplier, recipient, system), so linking
the same article again updates its events in place: an event keeps its deal,
including one a curator moved. A deal's status, dates, counts and (unless a
curator set them) systems, quantity and value are derived from its events.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from tracker.deals_models import ArticleStory, Deal, DealEvent, WeaponSystem
from tracker.models import Actor, Article, ArticleStatus, ReviewState, Statement, Transfer, TransferStatus
from tracker.services.stories import article_story_assign
from tracker.services.weapons import catalogue_current

logger = logging.getLogger(__name__)

# Statuses of an order not yet delivered: one dated after a deal's delivery is a new order.
ORDER_STATUSES = frozenset({TransferStatus.PLANNED, TransferStatus.CONSIDERING, TransferStatus.CONTRACTED})
# A deal that is not delivered or denied may still take an article that names no system.
CLOSED_STATUSES = frozenset({TransferStatus.DELIVERED, TransferStatus.DENIED})
# Events of the same day: the further along the supply, the later.
_STATUS_RANK = {s: i for i, s in enumerate((
    TransferStatus.CONSIDERING, TransferStatus.PLANNED, TransferStatus.CONTRACTED, TransferStatus.SUSPENDED,
    TransferStatus.DENIED, TransferStatus.ONGOING, TransferStatus.DELIVERED,
))}
# Advisory locks (two-key form): one per article being linked, one per pair.
_ARTICLE_LOCK_CLASS = -1747


class DealError(ValueError):
    """A curator's request that cannot be done (merging deals of two pairs, say)."""


@dataclass
class _Want:
    """One event an article's transfer row gives."""

    supplier_id: int
    recipient_id: int
    system_key: str
    system_id: int | None
    family: str
    category: str
    weapons: list[str]
    transfer: Transfer
    quantity: tuple[int, int, int] | None = None  # value, start, end (in the article's clean text)
    value: tuple[Decimal, str, int, int] | None = None  # amount, currency, start, end

    @property
    def key(self) -> tuple[int, int, str]:
        return (self.supplier_id, self.recipient_id, self.system_key)


@dataclass
class LinkResult:
    article_id: int
    events: int = 0
    deals_created: int = 0
    deals: set[int] = field(default_factory=set)
    story_id: int | None = None


# A sentence ends at a stop followed by a space or the end ("$5.43 billion" is one sentence).
_SENTENCE = re.compile(r"(?:[^.!?\n]|[.!?](?![\s]|$))+(?:[.!?]+|\n|$)")
# Lines shorter than this (a date, a byline) are skipped when looking for a neighbour.
_SHORT = 25


def _window(text: str, start: int, end: int) -> tuple[str, int]:
    """The evidence with the sentence before and after it, and where that window starts.

    A headline's neighbour is the lead sentence, past the date and byline lines.
    """
    spans = [(m.start(), m.end()) for m in _SENTENCE.finditer(text) if len(m.group(0).strip()) >= _SHORT]
    before = [s for s in spans if s[1] <= start]
    after = [s for s in spans if s[0] >= end]
    lo = before[-1][0] if before else start
    hi = after[0][1] if after else end
    return text[lo:hi], lo


def _wants(article: Article, transfers: list[Transfer]) -> list[_Want]:
    from workers.parser.systems import quantity_for, resolve_all, value_of

    catalogue = catalogue_current()
    text = article.clean_text or ""
    out: list[_Want] = []
    for t in transfers:
        found = resolve_all(list(t.weapons), catalogue)
        groups: dict[str, tuple[int | None, str, str, list[str]]] = {}
        for r in found:
            if r.entry is not None:
                key, system, family, category = r.entry.designation, r.entry.key, r.entry.family, r.entry.category
            elif r.unknown:
                from workers.parser.systems import normalise

                key, system, family, category = f"?{normalise(r.text)}"[:200], None, "", r.category or ""
            else:
                continue
            groups.setdefault(key, (system, family, category, []))[3].append(r.text)
        if not groups:
            generic = next((r for r in found if r.category), None)
            groups[""] = (None, "", generic.category if generic else "", [r.text for r in found])
        window, offset = _window(text, t.evidence_start, t.evidence_end)
        first = True
        for key, (system, family, category, weapons) in groups.items():
            want = _Want(t.supplier_id, t.recipient_id, key, system, family, category, weapons, t)
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


def _lock(cursor, pairs: set[tuple[int, int]]) -> None:
    # Sorted, so that two workers linking articles of the same pairs never deadlock.
    for supplier_id, recipient_id in sorted(pairs):
        cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [supplier_id, recipient_id])


@dataclass
class _Candidate:
    deal: Deal
    system_ids: set[int]
    families: set[str]
    keys: set[str]  # its events' system keys ("?name" for systems the catalogue lacks)

    @property
    def bare(self) -> bool:
        """Reported so far with no system named."""
        return not self.system_ids and self.keys <= {""}


def _pair_candidates(pairs: set[tuple[int, int]]) -> dict[tuple[int, int], list[_Candidate]]:
    if not pairs:
        return {}
    from django.db.models import Q

    condition = Q()
    for s, r in pairs:
        condition |= Q(supplier_id=s, recipient_id=r)
    deals = list(Deal.objects.filter(condition).order_by("id"))
    systems: dict[int, list[WeaponSystem]] = defaultdict(list)
    through = Deal.systems.through
    for row in through.objects.filter(deal_id__in=[d.pk for d in deals]).select_related("weaponsystem"):
        systems[row.deal_id].append(row.weaponsystem)
    keys: dict[int, set[str]] = defaultdict(set)
    for deal_id, key in DealEvent.objects.filter(deal_id__in=[d.pk for d in deals]).values_list(
            "deal_id", "system_key").distinct():
        keys[deal_id].add(key)
    out: dict[tuple[int, int], list[_Candidate]] = defaultdict(list)
    for d in deals:
        own = systems.get(d.pk, [])
        out[(d.supplier_id, d.recipient_id)].append(
            _Candidate(d, {w.pk for w in own}, {w.family for w in own if w.family}, keys.get(d.pk, set())))
    return out


def _time_compatible(deal: Deal, date: dt.date, status: str) -> bool:
    if deal.first_event_date is None or deal.last_event_date is None:
        return True
    gap = dt.timedelta(days=365 * settings.DEAL_GAP_YEARS)
    if not deal.first_event_date - gap <= date <= deal.last_event_date + gap:
        return False
    # An order dated after the deal was delivered is a new order ("a second batch").
    return not (deal.status == TransferStatus.DELIVERED and status in ORDER_STATUSES
                and date > deal.last_event_date)


def _distance(deal: Deal, date: dt.date) -> int:
    if deal.first_event_date is None or deal.last_event_date is None:
        return 0
    if date < deal.first_event_date:
        return (deal.first_event_date - date).days
    return max((date - deal.last_event_date).days, 0)


def _match(want: _Want, date: dt.date, candidates: list[_Candidate]) -> Deal | None:
    """The deal an event joins, or None for a new one."""
    status = want.transfer.status
    timely = [c for c in candidates if _time_compatible(c.deal, date, status)]
    if want.system_id is not None:
        same = [c for c in timely if want.system_id in c.system_ids or (want.family and want.family in c.families)]
    elif want.system_key:
        same = [c for c in timely if not c.system_ids and want.system_key in c.keys]
    else:
        open_ = [c for c in timely if c.deal.status not in CLOSED_STATUSES]
        return open_[0].deal if len(open_) == 1 else None
    if not same:
        # A deal first reported with no system takes the first system named for the pair.
        bare = [c for c in timely if c.bare and c.deal.status not in CLOSED_STATUSES]
        return bare[0].deal if len(bare) == 1 else None
    return min(same, key=lambda c: (_distance(c.deal, date), -c.deal.pk)).deal


def _event_fields(want: _Want, date: dt.date) -> dict:
    t = want.transfer
    q, v = want.quantity, want.value
    return {
        "transfer": t, "system_id": want.system_id, "weapons": [w[:200] for w in want.weapons], "date": date,
        "status": t.status, "evidence": t.evidence, "evidence_start": t.evidence_start,
        "evidence_end": t.evidence_end, "confidence": t.confidence,
        "quantity": q[0] if q else None, "quantity_start": q[1] if q else None, "quantity_end": q[2] if q else None,
        "value_amount": v[0] if v else None, "value_currency": v[1] if v else "",
        "value_start": v[2] if v else None, "value_end": v[3] if v else None,
    }


def article_link_deals(*, article_id: int) -> LinkResult | None:
    """Link a recorded article's transfers to deals (see the module); None if the article is not parsed."""
    with transaction.atomic():
        article = Article.objects.only("id", "status", "published", "created_at", "clean_text").filter(
            pk=article_id).first()
        if article is None or article.status != ArticleStatus.PARSED:
            return None
        result = LinkResult(article_id=article_id)
        result.story_id = article_story_assign(article_id=article_id, clean_text=article.clean_text).story_id
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [_ARTICLE_LOCK_CLASS, article_id])
        transfers = list(Transfer.objects.filter(article_id=article_id).exclude(review_state=ReviewState.REJECTED))
        wants = _wants(article, transfers)
        existing = {(e.supplier_id, e.recipient_id, e.system_key): e
                    for e in DealEvent.objects.filter(article_id=article_id)}
        pairs = {(w.supplier_id, w.recipient_id) for w in wants} | {k[:2] for k in existing}
        with connection.cursor() as cursor:
            _lock(cursor, pairs)
        date = article.published or timezone.localdate(article.created_at)
        candidates = _pair_candidates(pairs)
        touched: set[int] = set()
        for want in wants:
            fields = _event_fields(want, date)
            event = existing.pop(want.key, None)
            if event is not None:
                for name, value in fields.items():
                    setattr(event, name, value)
                event.save()
            else:
                deal = _match(want, date, candidates[(want.supplier_id, want.recipient_id)])
                if deal is None:
                    deal = Deal.objects.create(
                        supplier_id=want.supplier_id, recipient_id=want.recipient_id, status=want.transfer.status,
                        description="" if want.system_id else ", ".join(want.weapons)[:300],
                        category=want.category, first_event_date=date, last_event_date=date,
                    )
                    result.deals_created += 1
                    candidates[(want.supplier_id, want.recipient_id)].append(_Candidate(deal, set(), set(), set()))
                event = DealEvent.objects.create(deal=deal, article_id=article_id, supplier_id=want.supplier_id,
                                                 recipient_id=want.recipient_id, system_key=want.system_key,
                                                 **fields)
                _candidate_add(candidates, deal, want, date)
            touched.add(event.deal_id)
            result.events += 1
        for event in existing.values():
            touched.add(event.deal_id)
            if event.curated:
                # A curator placed it: it stays, though the parse no longer gives its row.
                DealEvent.objects.filter(pk=event.pk).update(transfer=None)
            else:
                event.delete()
        deals_refresh(deal_ids=touched)
        result.deals = touched
        _link_statements(article_id=article_id)
        ArticleStory.objects.filter(article_id=article_id).update(linked_at=timezone.now())
    return result


def _candidate_add(candidates, deal: Deal, want: _Want, date: dt.date) -> None:
    """What linking this event changed in its deal, for the next events of the same article."""
    for c in candidates[(want.supplier_id, want.recipient_id)]:
        if c.deal.pk == deal.pk:
            c.keys.add(want.system_key)
            if want.system_id is not None:
                c.system_ids.add(want.system_id)
                if want.family:
                    c.families.add(want.family)
            d = c.deal
            d.first_event_date = min(filter(None, (d.first_event_date, date)))
            d.last_event_date = max(filter(None, (d.last_event_date, date)))


def _latest(events: list) -> _Ev:
    return max(events, key=lambda e: (e.date, _STATUS_RANK.get(e.status, 0), e.pk))


def _pick_quantity(events: list, attr: str):
    """The event whose number speaks for the deal: the latest contract's, else the latest order's, else any."""
    having = [e for e in events if getattr(e, attr) is not None]
    for statuses in ({TransferStatus.CONTRACTED}, ORDER_STATUSES, None):
        pool = [e for e in having if statuses is None or e.status in statuses]
        if pool:
            return max(pool, key=lambda e: (e.date, e.pk))
    return None


class _Ev(NamedTuple):
    """What deriving a deal needs of one event, read as a plain row."""

    pk: int
    deal_id: int
    date: dt.date
    status: str
    confidence: float
    counted: bool
    system_id: int | None
    quantity: int | None
    value_amount: Decimal | None
    value_currency: str
    story: int  # the article's story, or minus the article's id when it has none


# Every event of the deals, with its article's story, in one read (dates first).
_EVENTS_SQL = """
SELECT e.id, e.deal_id, e.date, e.status, e.confidence, e.counted, e.system_id, e.quantity, e.value_amount,
       e.value_currency, coalesce(s.story_id, -e.article_id)
  FROM tracker_dealevent e LEFT JOIN tracker_articlestory s ON s.article_id = e.article_id
 WHERE e.deal_id = ANY(%s)
 ORDER BY e.date, e.id
"""


def deals_refresh(*, deal_ids: set[int]) -> None:
    """Derive each deal's status, dates, counts and (unless curated) systems, quantity and value from its events.

    A near-duplicate story's events count once per deal: the earliest event of
    each story counts. A machine-made deal left with no event is deleted.
    """
    if not deal_ids:
        return
    events: dict[int, list[_Ev]] = defaultdict(list)
    with connection.cursor() as cursor:
        cursor.execute(_EVENTS_SQL, [sorted(deal_ids)])
        for row in cursor.fetchall():
            events[row[1]].append(_Ev(*row))
    categories = dict(WeaponSystem.objects.filter(
        pk__in={e.system_id for evs in events.values() for e in evs if e.system_id}).values_list("pk", "category"))
    through = Deal.systems.through
    linked: dict[int, set[int]] = defaultdict(set)
    for deal_id, system_id in through.objects.filter(deal_id__in=deal_ids).values_list("deal_id", "weaponsystem_id"):
        linked[deal_id].add(system_id)
    now_counted, now_uncounted = [], []
    for deal in Deal.objects.filter(pk__in=deal_ids):
        evs = events.get(deal.pk, [])
        if not evs:
            if not deal.curated:
                deal.delete()
            continue
        seen: set[int] = set()
        counted = 0
        for e in evs:
            first = e.story not in seen
            seen.add(e.story)
            counted += first
            if e.counted != first:
                (now_counted if first else now_uncounted).append(e.pk)
        latest = _latest(evs)
        deal.status = latest.status
        deal.first_event_date, deal.last_event_date = evs[0].date, max(e.date for e in evs)
        deal.events_count = counted
        deal.confidence = max(e.confidence for e in evs)
        if not deal.curated:
            ids = list(dict.fromkeys(e.system_id for e in evs if e.system_id))
            if set(ids) != linked[deal.pk]:
                through.objects.filter(deal_id=deal.pk).exclude(weaponsystem_id__in=ids).delete()
                through.objects.bulk_create([through(deal_id=deal.pk, weaponsystem_id=i) for i in ids
                                             if i not in linked[deal.pk]])
            if ids:
                deal.category = categories[ids[0]]
                deal.description = ""
            q = _pick_quantity(evs, "quantity")
            deal.quantity = q.quantity if q else None
            v = _pick_quantity(evs, "value_amount")
            deal.value_amount, deal.value_currency = (v.value_amount, v.value_currency) if v else (None, "")
        deal.save()
    for ids, value in ((now_counted, True), (now_uncounted, False)):
        if ids:
            DealEvent.objects.filter(pk__in=ids).update(counted=value)


def _link_statements(*, article_id: int) -> None:
    """Link the article's statements to the deals they speak about.

    A statement about supplier S supplying R speaks about the deals of that pair
    that have a system it names; naming none, about the pair's deals this
    article reports on, else the pair's only open deal.
    """
    from workers.parser.systems.resolver import find_systems

    statements = list(Statement.objects.filter(article_id=article_id, supplier__isnull=False)
                      .exclude(review_state=ReviewState.REJECTED).prefetch_related("recipients"))
    through = Deal.statements.through
    through.objects.filter(statement__article_id=article_id).delete()
    if not statements:
        return
    pairs = {(s.supplier_id, r.pk) for s in statements for r in s.recipients.all()}
    candidates = _pair_candidates(pairs)
    here = set(DealEvent.objects.filter(article_id=article_id).values_list("deal_id", flat=True))
    catalogue = catalogue_current()
    links = []
    for s in statements:
        named = {e.key for e in find_systems(s.evidence, catalogue)}
        for r in s.recipients.all():
            pool = candidates.get((s.supplier_id, r.pk), [])
            if named:
                chosen = [c.deal for c in pool if c.system_ids & named]
            else:
                chosen = [c.deal for c in pool if c.deal.pk in here]
                if not chosen:
                    open_ = [c.deal for c in pool if c.deal.status not in CLOSED_STATUSES]
                    chosen = open_ if len(open_) == 1 else []
            links += [through(deal_id=d.pk, statement_id=s.pk) for d in chosen]
    through.objects.bulk_create(links, ignore_conflicts=True)


def article_link_deals_logged(*, article_id: int) -> str:
    """``article_link_deals`` with one log line of where its time went (bench.ingest sums them)."""
    import time

    started, cpu = time.monotonic(), time.process_time()
    result = article_link_deals(article_id=article_id)
    if result is None:
        logger.info("article %s: not parsed (missing, re-queued or failed); no deals linked", article_id)
        return "skipped"
    link_ms = round((time.monotonic() - started) * 1000, 1)
    link_cpu_ms = round((time.process_time() - cpu) * 1000, 1)
    logger.info("article %s: linked %d events to %d deals (%d new), story %s",
                article_id, result.events, len(result.deals), result.deals_created, result.story_id,
                extra={"event": "deals_linked", "article_id": article_id, "events": result.events,
                       "deals": len(result.deals), "deals_created": result.deals_created,
                       "link_ms": link_ms, "link_cpu_ms": link_cpu_ms})
    return "linked"


def articles_link_pending(*, older_than: float = 60.0, limit: int = 1000) -> list[int]:
    """Parsed articles whose deals were never linked since their last parse (a lost message): their ids."""
    cutoff = timezone.now() - dt.timedelta(seconds=older_than)
    with connection.cursor() as cursor:
        cursor.execute(
            """SELECT a.id FROM tracker_article a LEFT JOIN tracker_articlestory s ON s.article_id = a.id
                WHERE a.status = %s AND a.parsed_at < %s AND (s.linked_at IS NULL OR s.linked_at < a.parsed_at)
                ORDER BY a.id LIMIT %s""",
            [ArticleStatus.PARSED.value, cutoff, limit],
        )
        return [pk for (pk,) in cursor.fetchall()]


def deal_actor_merge(*, loser: Actor, survivor: Actor) -> None:
    """Point the loser's deals and events at the survivor (``curation.actor_merge``, before the loser goes)."""
    for role in ("supplier", "recipient"):
        for event in DealEvent.objects.filter(**{role: loser}):
            clash = DealEvent.objects.filter(
                article_id=event.article_id, system_key=event.system_key,
                supplier=survivor if role == "supplier" else event.supplier_id,
                recipient=survivor if role == "recipient" else event.recipient_id).exists()
            if clash:
                event.delete()
            else:
                DealEvent.objects.filter(pk=event.pk).update(**{role: survivor})
        Deal.objects.filter(**{role: loser}).update(**{role: survivor})
