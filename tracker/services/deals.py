"""Every write to the register of deals when an article is linked (curators' edits: ``deal_curation``).

After an article is recorded, ``article_link_deals`` turns each of its transfer
rows into one event per system the row names and puts each event in a deal:
the deal of the same supplier and recipient with a compatible system and
time, or the pair's only open deal when the article names no system, or a new
one (``deal_matching`` decides). Events are keyed by (article, supplier,
recipient, system), so linking the same article again updates its events in
place: an event keeps its deal, including one a curator moved. A deal's status,
dates, counts and (unless a curator set them) systems, quantity and value are
derived from its events, in PostgreSQL (``deals.sql``, ``refresh``).

Linking runs once per recorded article, on the same workers as the parse, so
it is a fixed, small number of statements whatever the article holds: one read
of everything it needs, one write per kind of row. An article whose inputs
(transfers, statements, events, date, text, catalogue, and the deals its
statements speak about) are what they were at its last link is not linked
again: a re-parse that finds the same records writes nothing but the time it
was linked.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass, field
from hashlib import blake2b
from pathlib import Path

import orjson
from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from tracker.deals_models import Deal, DealEvent
from tracker.models import Actor, ArticleStatus, ReviewState, TransferStatus
from tracker.services import deal_matching as matching
from tracker.services.deal_matching import Candidate, TransferRow, Want
from tracker.services.stories import StoryState, article_story_assign
from tracker.services.weapons import catalogue_current

logger = logging.getLogger(__name__)

# Advisory locks (two-key form): one per article being linked; pairs take (supplier, recipient).
_ARTICLE_LOCK_CLASS = -1747


def _statements(path: Path) -> dict[str, str]:
    """The SQL file's statements by the name on their "-- name:" line."""
    parts = re.split(r"^-- name: (\w+)\n", path.read_text(encoding="utf-8"), flags=re.M)
    return {name: body.strip().rstrip(";") for name, body in zip(parts[1::2], parts[2::2], strict=True)}


# Read once, on import.
SQL = _statements(Path(__file__).with_suffix(".sql"))


class DealError(ValueError):
    """A curator's request that cannot be done (merging deals of two pairs, say)."""


@dataclass
class LinkResult:
    article_id: int
    events: int = 0
    deals_created: int = 0
    deals: set[int] = field(default_factory=set)
    story_id: int | None = None
    unchanged: bool = False  # the inputs were those of the last link: nothing was written but the time


@dataclass
class _Article:
    """What ``SQL["article"]`` reads of an article."""

    status: str
    date: dt.date
    text: str
    story: StoryState
    link_digest: str
    catalogue_version: tuple[int, object]
    transfers_json: str
    events: list[list]  # [id, supplier, recipient, system key, deal, curated]
    statements_json: str

    @property
    def transfers(self) -> list[TransferRow]:
        return [TransferRow(*row) for row in orjson.loads(self.transfers_json)]

    @property
    def statements(self) -> list[tuple[int, int, str, list[int]]]:
        return [tuple(row) for row in orjson.loads(self.statements_json)]


def _read(cursor, article_id: int) -> _Article | None:
    cursor.execute(SQL["article"], {"article": article_id, "rejected": ReviewState.REJECTED.value})
    row = cursor.fetchone()
    if row is None:
        return None
    (status, published, created_at, text, story_id, text_hash, first_article_id, digest, n_systems, changed,
     transfers, events, statements) = row
    return _Article(status=status, date=published or timezone.localdate(created_at), text=text or "",
                    story=StoryState(story_id, text_hash, first_article_id), link_digest=digest or "",
                    catalogue_version=(n_systems, changed), transfers_json=transfers,
                    events=orjson.loads(events), statements_json=statements)


def _digest(article: _Article, events: list[tuple[int, int]],
            spoken: dict[tuple[int, int], list[Candidate]]) -> str:
    """What a link's outcome depends on, hashed: the same digest, the same link.

    The article's own rows and events, its date, text and the catalogue; and the
    deals of its statements' pairs as statement linking sees them (a deal opened
    or given a system since, by another article, changes what they speak about).
    """
    from tracker.services.stories import text_hash

    deals = sorted((c.deal_id, c.status, sorted(c.system_ids)) for pool in spoken.values() for c in pool)
    parts = [article.date.isoformat(), text_hash(article.text), article.transfers_json, article.statements_json,
             sorted(events), deals, [article.catalogue_version[0], str(article.catalogue_version[1])],
             settings.DEAL_GAP_YEARS]
    return blake2b(orjson.dumps(parts), digest_size=16).hexdigest()


def _spoken_pairs(statements: list) -> list[tuple[int, int]]:
    """The (supplier, recipient) pairs the statements speak about."""
    return sorted({(supplier, r) for _pk, supplier, _ev, recipients in statements for r in recipients})


def article_link_deals(*, article_id: int) -> LinkResult | None:
    """Link a recorded article's transfers to deals (see the module); None if the article is not parsed."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [_ARTICLE_LOCK_CLASS, article_id])
        article = _read(cursor, article_id)
        if article is None or article.status != ArticleStatus.PARSED:
            return None
        result = LinkResult(article_id=article_id)
        before = [(e[0], e[4]) for e in article.events]
        statements = article.statements
        now = timezone.now()
        if article.link_digest and article.link_digest == _digest(
                article, before, _candidates(cursor, _spoken_pairs(statements))):
            cursor.execute(SQL["linked"], {"now": now, "digest": article.link_digest, "article": article_id})
            return LinkResult(article_id=article_id, events=len(before), deals={d for _e, d in before},
                              story_id=article.story.story_id, unchanged=True)
        result.story_id = article_story_assign(article_id=article_id, clean_text=article.text,
                                               current=article.story)
        catalogue = catalogue_current(version=article.catalogue_version)
        wants = matching.wants(article.text, article.transfers, catalogue)
        existing = {(e[1], e[2], e[3]): e for e in article.events}
        pairs = sorted({w.pair for w in wants} | {k[:2] for k in existing})
        if pairs:
            cursor.execute(SQL["lock_pairs"], {"suppliers": [p[0] for p in pairs],
                                               "recipients": [p[1] for p in pairs]})
        candidates = _candidates(cursor, pairs) if wants else {}
        deal_of = _place(cursor, wants, existing, candidates, article.date, result)
        after = _write_events(cursor, article_id, article.date, wants, deal_of, now) if wants else []
        given = {w.key for w in wants}
        kept = [e for key, e in existing.items() if key not in given]
        if kept:
            cursor.execute(SQL["drop_events"], {"events": [e[0] for e in kept]})
            after += [(e[0], e[4]) for e in kept if e[5]]
        touched = {d for _e, d in after} | {e[4] for e in kept}
        deals_refresh(deal_ids=touched)
        result.events, result.deals = len(wants), touched
        spoken: dict[tuple[int, int], list[Candidate]] = {}
        if statements or article.story.story_id is not None:  # linked before: its old links may go
            spoken = _link_statements(cursor, catalogue, article_id, statements, here={d for _e, d in after})
        cursor.execute(SQL["linked"], {"now": now, "digest": _digest(article, after, spoken),
                                       "article": article_id})
    return result


def _candidates(cursor, pairs: list[tuple[int, int]]) -> dict[tuple[int, int], list[Candidate]]:
    """The pairs' deals, oldest first, as matching sees them."""
    out: dict[tuple[int, int], list[Candidate]] = {p: [] for p in pairs}
    if not pairs:
        return out
    cursor.execute(SQL["candidates"], {"suppliers": [p[0] for p in pairs], "recipients": [p[1] for p in pairs]})
    for deal_id, supplier_id, recipient_id, status, first, last, system_ids, families, keys in cursor.fetchall():
        out[(supplier_id, recipient_id)].append(
            Candidate(deal_id, status, first, last, set(system_ids), set(families), set(keys or ())))
    return out


def _place(cursor, wants: list[Want], existing: dict, candidates: dict[tuple[int, int], list[Candidate]],
           date: dt.date, result: LinkResult) -> list[int]:
    """The deal of each wanted event: its own if it exists, else the one it joins, else a new one (written here)."""
    deal_of: list[int] = []
    opened: list[tuple[Want, Candidate]] = []
    for want in wants:
        event = existing.get(want.key)
        if event is not None:
            deal_of.append(event[4])
            continue
        pool = candidates[want.pair]
        deal = matching.match(want, date, pool)
        if deal is None:
            deal = Candidate(-1 - len(opened), want.transfer.status, date, date, set(), set(), set())
            opened.append((want, deal))
            pool.append(deal)
        deal.add(want, date)
        deal_of.append(deal.deal_id)
    if opened:
        cursor.execute(SQL["insert_deals"], {
            "date": date, "now": timezone.now(), "unreviewed": ReviewState.UNREVIEWED.value,
            "suppliers": [w.supplier_id for w, _d in opened], "recipients": [w.recipient_id for w, _d in opened],
            "statuses": [w.transfer.status for w, _d in opened],
            "descriptions": ["" if w.system_id else ", ".join(w.weapons)[:300] for w, _d in opened],
            "categories": [w.category for w, _d in opened],
        })
        ids = {deal.deal_id: pk for (_w, deal), (pk,) in zip(opened, cursor.fetchall(), strict=True)}
        for _w, deal in opened:
            deal.deal_id = ids[deal.deal_id]
        deal_of = [ids.get(d, d) for d in deal_of]
        result.deals_created = len(opened)
    return deal_of


def _write_events(cursor, article_id: int, date: dt.date, wants: list[Want], deal_of: list[int],
                  now: dt.datetime) -> list[tuple[int, int]]:
    """Insert or update the article's events in one statement; (event, deal) of each."""
    rows = []
    for i, (w, deal) in enumerate(zip(wants, deal_of, strict=True)):
        t, q, v = w.transfer, w.quantity or (None, None, None), w.value or (None, "", None, None)
        rows.append({
            "i": i, "deal": deal, "transfer": t.pk, "s": w.supplier_id, "r": w.recipient_id, "key": w.system_key,
            "sys": w.system_id, "weapons": [x[:200] for x in w.weapons], "st": t.status,
            "q": q[0], "qs": q[1], "qe": q[2], "va": None if v[0] is None else str(v[0]), "vc": v[1],
            "vs": v[2], "ve": v[3], "ev": t.evidence, "es": t.evidence_start, "ee": t.evidence_end,
            "conf": t.confidence,
        })
    cursor.execute(SQL["upsert_events"], {"article": article_id, "date": date,
                                          "events": orjson.dumps(rows).decode()})
    return [(pk, deal) for pk, deal in cursor.fetchall()]


def deals_refresh(*, deal_ids: set[int]) -> None:
    """Derive each deal's status, dates, counts and (unless curated) systems, quantity and value from its events.

    A near-duplicate story's events count once per deal: the earliest event of
    each story counts. A machine-made deal left with no event is deleted. One
    statement (``deals.sql``, ``refresh``), however many events the deals have.
    """
    if not deal_ids:
        return
    with connection.cursor() as cursor:
        cursor.execute(SQL["refresh"], {
            "deals": sorted(deal_ids), "now": timezone.now(),
            "status_order": [s.value for s in matching.STATUS_ORDER],
            "contracted": TransferStatus.CONTRACTED.value, "orders": sorted(s.value for s in matching.ORDER_STATUSES),
        })


def _link_statements(cursor, catalogue, article_id: int, statements: list, *,
                     here: set[int]) -> dict[tuple[int, int], list[Candidate]]:
    """Link the article's statements to the deals they speak about (``deal_matching.statement_deals``).

    A statement about supplier S supplying R speaks about the deals of that pair
    that have a system it names; naming none, about the pair's deals this
    article reports on, else the pair's only open deal. Returns the pairs' deals as it read them.
    """
    from workers.parser.systems.resolver import find_systems

    candidates = _candidates(cursor, _spoken_pairs(statements))
    links: list[tuple[int, int]] = []
    for pk, supplier, evidence, recipients in statements:
        pools = [candidates[(supplier, r)] for r in recipients]
        if not any(pools):
            continue  # no deal of its pairs: nothing to link, whatever it names
        named = {e.key for e in find_systems(evidence, catalogue)}
        for pool in pools:
            links += [(deal, pk) for deal in matching.statement_deals(named, here, pool)]
    links = sorted(set(links))
    cursor.execute(SQL["link_statements"], {"article": article_id, "deals": [d for d, _s in links],
                                            "statements": [s for _d, s in links]})
    return candidates


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
    logger.info("article %s: linked %d events to %d deals (%d new), story %s%s",
                article_id, result.events, len(result.deals), result.deals_created, result.story_id,
                " (unchanged since the last link)" if result.unchanged else "",
                extra={"event": "deals_linked", "article_id": article_id, "events": result.events,
                       "deals": len(result.deals), "deals_created": result.deals_created,
                       "unchanged": result.unchanged, "link_ms": link_ms, "link_cpu_ms": link_cpu_ms})
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
