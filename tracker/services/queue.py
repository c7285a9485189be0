"""The parse queue: claims on articles, giving them back, failing them, and the stale sweep.

An article is ``queued`` until a delivery of its parse task claims it
(``parsing``, under the delivery's token); only the holder of the claim may
record a parse or mark it failed. Anything that loses a claim's holder leaves
the article for the sweep (``article_requeue_stale``), so no article is lost.

``article_parse_delivery`` is what the parse task runs: claims, a batch of
articles for one spaCy pass, the parse, the recording, and what a time limit
or a parser error leaves.
"""

from __future__ import annotations

import functools
import logging
import time
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.db import InterfaceError, OperationalError, connection, transaction
from django.db.models import Q
from django.utils import timezone

from tracker.models import Article, ArticleStatus
from tracker.services.recording import article_record_extraction
from workers import task_names
from workers.celery import app

if TYPE_CHECKING:
    from workers.parser import Extraction
from tracker.monitoring import worker_metrics

logger = logging.getLogger(__name__)

_FAILURE_REASON_MAX = 2000


def article_enqueue(*, article_id: int) -> bool:
    """Send the parse task; the article is already stored, so a broker failure loses nothing.

    When Redis is away the article stays ``queued`` and the periodic sweep
    (``article_requeue_stale``) sends it later.
    """
    try:
        app.send_task(task_names.PARSE, args=[article_id])
    except Exception as exc:  # kombu raises several unrelated types for a broker that is away
        logger.warning("Could not enqueue article %s (%s); the sweep will retry", article_id, exc)
        return False
    return True


def article_link_deals_enqueue(*, article_id: int) -> bool:
    """Send the deal-linking task for a recorded article (tracker.services.deals); a lost one the sweep sends."""
    try:
        app.send_task(task_names.LINK_DEALS, args=[article_id])
    except Exception as exc:  # kombu raises several unrelated types for a broker that is away
        logger.warning("article %s: could not send the deal linking (%s); the sweep will", article_id, exc)
        return False
    return True


@dataclass(frozen=True)
class Claim:
    """What a delivery that holds an article needs to parse it."""

    raw: str
    content_type: str
    attempts: int = 1  # claims so far, this one included


# article_claim's conditional update, with the text to parse in the same round trip.
_CLAIM_SQL = """
UPDATE tracker_article
   SET status = %(parsing)s, claim_token = %(token)s, claimed_at = %(now)s, attempts = attempts + 1,
       updated_at = %(now)s
 WHERE id = %(id)s AND attempts < %(max_attempts)s
   AND (status = %(queued)s OR (status = %(parsing)s AND (claim_token = %(token)s OR claimed_at < %(stale)s)))
RETURNING raw, content_type, attempts
"""


def article_claim(*, article_id: int, token: str) -> Claim | None:
    """Take an article for parsing with one conditional update; what to parse if this delivery holds it, else None.

    A queued article can be claimed by anyone. One that is ``parsing`` can be taken
    back by a redelivery of the same message (a worker died holding it), or by
    anyone once it is stale. Any other concurrent delivery finds nothing to claim.

    Claims are capped at ``ARTICLE_MAX_ATTEMPTS``: a text that kills its worker
    (memory) or outlives the hard time limit would otherwise come back forever,
    through the broker's redelivery or the sweep. Past the cap a redelivery of
    the same message just gives up its turn (it cannot tell whether the holder
    it replaces is dead or a concurrent copy of itself that is still running);
    a claim that finds the article abandoned (queued, or its claim stale, so the
    holder is surely dead) marks it failed.
    """
    now = timezone.now()
    stale = now - timedelta(seconds=settings.ARTICLE_STALE_SECONDS)
    with connection.cursor() as cursor:
        cursor.execute(_CLAIM_SQL, {
            "id": article_id, "token": token, "now": now, "stale": stale,
            "max_attempts": settings.ARTICLE_MAX_ATTEMPTS,
            "queued": ArticleStatus.QUEUED.value, "parsing": ArticleStatus.PARSING.value,
        })
        row = cursor.fetchone()
    if row is not None:
        return Claim(raw=row[0], content_type=row[1], attempts=row[2])
    abandoned = Q(status=ArticleStatus.QUEUED) | Q(status=ArticleStatus.PARSING, claimed_at__lt=stale)
    gave_up = Article.objects.filter(abandoned, pk=article_id, attempts__gte=settings.ARTICLE_MAX_ATTEMPTS).update(
        status=ArticleStatus.FAILED,
        failure_reason=(
            f"Gave up after {settings.ARTICLE_MAX_ATTEMPTS} attempts: each one lost its worker "
            f"or passed the hard time limit of {settings.CELERY_TASK_TIME_LIMIT} s."
        ),
        claim_token="",
        updated_at=now,
    )
    if gave_up:
        logger.warning("article %s: gave up after %s attempts", article_id, settings.ARTICLE_MAX_ATTEMPTS)
        worker_metrics.article_failed(reason="attempts_exhausted")
    return None


# Queued articles nobody has tried yet, oldest first, taken for a delivery's batch.
# SKIP LOCKED: rows another delivery is claiming right now are left to it.
# MATERIALIZED: the choice is made once. As a subquery in FROM, the planner may
# scan it again per row of the join; a second scan skips the rows this UPDATE
# has just changed and returns the next ones, claiming more than ``limit``.
_CLAIM_QUEUED_SQL = """
WITH untried AS MATERIALIZED (
    SELECT id FROM tracker_article
     WHERE status = %(queued)s AND attempts = 0 AND id <> %(exclude)s
     ORDER BY id LIMIT %(limit)s
       FOR UPDATE SKIP LOCKED
)
UPDATE tracker_article a
   SET status = %(parsing)s, claim_token = %(token)s || ':' || a.id, claimed_at = %(now)s,
       attempts = a.attempts + 1, updated_at = %(now)s
  FROM untried
 WHERE a.id = untried.id
RETURNING a.id, a.claim_token, a.raw, a.content_type, a.attempts
"""


def article_claim_queued(*, token: str, exclude: int, limit: int) -> list[tuple[int, str, Claim]]:
    """Claim up to ``limit`` more queued articles for the delivery holding ``token``, to parse in one batch.

    Only articles never tried before are taken: one that lost a worker, hit a
    time limit or came back from a released batch is parsed alone, so that a text
    that kills its worker cannot take others down with it more than once. Each
    gets a token of its own (``token:id``); its own message, when it comes, finds
    it held and does nothing. Returns (id, token, claim) per article, oldest first.
    """
    if limit <= 0:
        return []
    now = timezone.now()
    with connection.cursor() as cursor:
        cursor.execute(_CLAIM_QUEUED_SQL, {
            "token": token, "now": now, "exclude": exclude, "limit": limit,
            "queued": ArticleStatus.QUEUED.value, "parsing": ArticleStatus.PARSING.value,
        })
        rows = cursor.fetchall()
    return sorted((pk, claim_token, Claim(raw=raw, content_type=ctype, attempts=attempts))
                  for pk, claim_token, raw, ctype, attempts in rows)


# Articles a delivery holds, back to the queue in one statement: by their tokens,
# or by the prefix of the tokens a delivery gave the articles it batched.
_RELEASE_SQL = """
UPDATE tracker_article SET status = %(queued)s, claim_token = '', updated_at = %(now)s
 WHERE status = %(parsing)s AND (claim_token = ANY(%(tokens)s) OR claim_token LIKE %(prefix)s)
RETURNING id
"""


def _release(*, tokens: list[str], prefix: str | None = None) -> list[int]:
    with connection.cursor() as cursor:
        cursor.execute(_RELEASE_SQL, {
            "tokens": tokens, "prefix": prefix, "now": timezone.now(),
            "queued": ArticleStatus.QUEUED.value, "parsing": ArticleStatus.PARSING.value,
        })
        released = sorted(pk for (pk,) in cursor.fetchall())
    for article_id in released:
        transaction.on_commit(functools.partial(article_enqueue, article_id=article_id))
    return released


def article_release(*, claims: list[tuple[int, str]]) -> list[int]:
    """Give articles this delivery holds back to the queue and send them again (a batch that could not finish).

    Their attempts stay counted, so each is parsed alone next time. A token
    belongs to one article (``article_claim_queued``), so the tokens are enough.
    """
    return _release(tokens=[token for _pk, token in claims]) if claims else []


def article_release_batch(*, token: str) -> list[int]:
    """Give back what an earlier run of this delivery took into its batch and still holds.

    A redelivered message (its worker died) or a retried one (the database went
    away) finds the articles it took along still ``parsing`` under ``token:id``;
    without this they would wait for the stale sweep.
    """
    escaped = token.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return _release(tokens=[], prefix=f"{escaped}:%")


def article_mark_failed(*, article_id: int, token: str, reason: str) -> bool:
    """Record a permanent failure on the article, if this delivery still holds it."""
    changed = Article.objects.filter(pk=article_id, status=ArticleStatus.PARSING, claim_token=token).update(
        status=ArticleStatus.FAILED,
        failure_reason=reason[:_FAILURE_REASON_MAX],
        claim_token="",
        updated_at=timezone.now(),
    )
    return changed == 1


def article_requeue_stale() -> list[int]:
    """Send again every article left queued or parsing for too long (lost message, dead worker)."""
    stale = timezone.now() - timedelta(seconds=settings.ARTICLE_STALE_SECONDS)
    ids = list(
        Article.objects.filter(
            Q(status=ArticleStatus.QUEUED, updated_at__lt=stale)
            | Q(status=ArticleStatus.PARSING, claimed_at__lt=stale)
        ).values_list("pk", flat=True)[:1000]
    )
    for article_id in ids:
        if article_enqueue(article_id=article_id):
            # Touch the row so the next sweep waits a full period before sending again.
            Article.objects.filter(pk=article_id, status=ArticleStatus.QUEUED).update(updated_at=timezone.now())
    if ids:
        logger.info("re-queued %d stale articles", len(ids), extra={"event": "stale_requeued", "articles": len(ids)})
    return ids


# ---------------------------------------------------------------------------
# One delivery of the parse task: claim, batch, parse, record.

# Database or broker away: worth trying again later (the task's retry policy).
TRANSIENT_ERRORS = (OperationalError, InterfaceError, ConnectionError, TimeoutError)


def _time_limit_reason(soft_time_limit: float | None) -> str:
    return f"Parsing took longer than the limit of {soft_time_limit} s."


def _ms(seconds: float) -> float:
    return round(seconds * 1000, 1)


def _fail(article_id: int, token: str, *, kind: str, reason: str, parse_seconds: float | None = None) -> str:
    """Mark a claimed article failed, and count it by ``kind`` (worker_metrics.FAILURE_REASONS) for /metrics."""
    article_mark_failed(article_id=article_id, token=token, reason=reason)
    worker_metrics.article_failed(reason=kind, parse_seconds=parse_seconds)
    return "failed"


def article_parse_delivery(*, article_id: int, token: str, soft_time_limit: float | None) -> str:
    """What one delivery of an article's parse message does; returns what happened to that article.

    ``parsed``, ``failed`` (for good, with the reason on the article), ``skipped``
    (another delivery holds it, or it is done) or ``requeued`` (its batch could
    not finish; it goes back to be parsed alone). A delivery claims its article
    and, on a first attempt, up to ``PARSE_BATCH_SIZE - 1`` never-tried others to
    parse in one spaCy pass; a redelivery (its worker died) or a retry gives back
    what an earlier run of it took along and parses its own article alone.

    ``soft_time_limit`` is the limit in seconds after which Celery raises
    ``SoftTimeLimitExceeded`` wherever this is: a parse cut short by it is never
    stored. Transient errors (``TRANSIENT_ERRORS``) propagate for the task to
    retry under the same token.
    """
    started = time.monotonic()
    claim = article_claim(article_id=article_id, token=token)
    if claim is None:
        logger.info("article %s: not claimable (missing, parsed or held by another delivery)", article_id)
        worker_metrics.article_outcome("skipped")
        return "skipped"
    batch = [(article_id, token, claim)]
    if claim.attempts == 1:
        # A backlog is parsed several articles to a spaCy pass (settings.PARSE_BATCH_SIZE).
        batch += article_claim_queued(token=token, exclude=article_id, limit=settings.PARSE_BATCH_SIZE - 1)
    elif released := article_release_batch(token=token):
        logger.info("article %s: gave back %d articles an earlier run had batched: %s",
                    article_id, len(released), released)
    try:
        if len(batch) > 1:
            return _parse_batch(batch, started, soft_time_limit)
        return _parse_claimed(article_id, token, claim, started, soft_time_limit)
    except SoftTimeLimitExceeded:
        # The limit can land outside the parse too: in the middle of recording,
        # whose transaction then rolls back, storing nothing. Left uncaught, the
        # article would stay ``parsing`` until the stale sweep.
        logger.warning("article %s: the soft time limit passed outside the parse", article_id)
        return _fail(article_id, token, kind="time_limit", reason=_time_limit_reason(soft_time_limit))


def _parse_claimed(article_id: int, token: str, claim: Claim, started: float, soft_time_limit: float | None) -> str:
    """Parse and record an article this delivery has claimed."""
    from workers.parser import ParseError, parse_article

    parse_started, parse_cpu = time.monotonic(), time.process_time()
    try:
        extraction = parse_article(claim.raw, content_type=claim.content_type)
    except ParseError as exc:
        return _fail(article_id, token, kind="parse_error", reason=f"Parse error: {exc}",
                     parse_seconds=time.monotonic() - parse_started)
    except SoftTimeLimitExceeded:
        return _fail(article_id, token, kind="time_limit", reason=_time_limit_reason(soft_time_limit),
                     parse_seconds=time.monotonic() - parse_started)
    except Exception as exc:
        # The parser is deterministic: the same text would fail the same way again,
        # so this is permanent. Record it on the article rather than retrying.
        logger.exception("article %s: parser error", article_id)
        return _fail(article_id, token, kind="parser_error", reason=f"Parser error: {type(exc).__name__}: {exc}",
                     parse_seconds=time.monotonic() - parse_started)
    if soft_time_limit and time.monotonic() - started >= soft_time_limit:
        # The soft limit was raised inside the parser and caught there (it is an
        # Exception, and parts of the parser keep going on errors): what came
        # back may be missing whole kinds of record. Never store a partial parse.
        logger.warning("article %s: the soft time limit passed during the parse", article_id)
        return _fail(article_id, token, kind="time_limit", reason=_time_limit_reason(soft_time_limit),
                     parse_seconds=time.monotonic() - parse_started)
    done, done_cpu = time.monotonic(), time.process_time()
    return _record(article_id, token, extraction, claim_ms=_ms(parse_started - started),
                   parse_ms=_ms(done - parse_started), parse_cpu_ms=_ms(done_cpu - parse_cpu))


def _record(article_id: int, token: str, extraction: Extraction, *, claim_ms: float, parse_ms: float,
            parse_cpu_ms: float, batch: int = 1) -> str:
    """Store one article's extraction and log where its time went, as structured fields."""
    record_started, record_cpu = time.monotonic(), time.process_time()
    if not article_record_extraction(article_id=article_id, token=token, extraction=extraction):
        logger.info("article %s: claim lost before recording; another delivery owns it", article_id)
        worker_metrics.article_outcome("skipped")
        return "skipped"
    article_link_deals_enqueue(article_id=article_id)
    done, done_cpu = time.monotonic(), time.process_time()
    worker_metrics.article_parsed(parse_seconds=parse_ms / 1000, record_seconds=done - record_started)
    # One line per article (bench.ingest sums the fields); in a batch, claim and
    # parse are the batch's shares.
    logger.info(
        "article %s: parsed, %d transfers, %d statements, %d officials",
        article_id, len(extraction.transfers), len(extraction.statements), len(extraction.officials),
        extra={"event": "article_parsed", "article_id": article_id, "batch": batch, "claim_ms": claim_ms,
               "parse_ms": parse_ms, "parse_cpu_ms": parse_cpu_ms, "record_ms": _ms(done - record_started),
               "record_cpu_ms": _ms(done_cpu - record_cpu)},
    )
    return "parsed"


def _parse_batch(batch: list[tuple[int, str, Claim]], started: float, soft_time_limit: float | None) -> str:
    """Parse several claimed articles in one ``parse_many`` and record each; the first is this delivery's own.

    Anything that stops the batch as a whole (a time limit, an error the parser
    should not raise) fails none of its articles: they go back to the queue,
    each to be parsed alone, where the one at fault fails by itself.
    """
    from workers import parser

    own_id = batch[0][0]
    pending = {pk: token for pk, token, _claim in batch}
    outcome = "requeued"
    n = len(batch)
    parse_started, parse_cpu = time.monotonic(), time.process_time()
    try:
        try:
            results = parser.parse_many([c.raw for _pk, _t, c in batch],
                                        content_types=[c.content_type for *_, c in batch])
        except SoftTimeLimitExceeded:
            raise
        except Exception:
            logger.exception("articles %s: the batched parse failed; each goes back to be parsed alone",
                             list(pending))
            return outcome
        done, done_cpu = time.monotonic(), time.process_time()
        if soft_time_limit and done - started >= soft_time_limit:
            # As in _parse_claimed: a limit swallowed inside the parser may have cut records out.
            logger.warning("articles %s: the soft time limit passed during the batched parse", list(pending))
            return outcome
        shares = {"claim_ms": _ms((parse_started - started) / n), "parse_ms": _ms((done - parse_started) / n),
                  "parse_cpu_ms": _ms((done_cpu - parse_cpu) / n)}
        for (pk, token, _claim), result in zip(batch, results, strict=True):
            if isinstance(result, parser.ParseError):
                status = _fail(pk, token, kind="parse_error", reason=f"Parse error: {result}",
                               parse_seconds=shares["parse_ms"] / 1000)
            else:
                status = _record(pk, token, result, batch=n, **shares)
            del pending[pk]
            if pk == own_id:
                outcome = status
        return outcome
    except SoftTimeLimitExceeded:
        logger.warning("articles %s: the soft time limit passed in a batch; each goes back to be parsed alone",
                       list(pending))
        return outcome
    except TRANSIENT_ERRORS:
        # The task is retried under the same token: it takes its own article back
        # and gives the others back then (article_release_batch), database willing.
        pending.clear()
        raise
    finally:
        if pending:
            article_release(claims=list(pending.items()))
            worker_metrics.article_outcome("requeued", len(pending))
