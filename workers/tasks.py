"""Celery tasks: each takes a primary key, loads the row and calls services.

``article_parse`` is idempotent (a redelivery replaces the machine-made records
with the same ones), which is what makes ``acks_late`` with
``task_reject_on_worker_lost`` safe: a worker killed mid-parse leaves the
message in Redis for the next worker.
"""

from __future__ import annotations

import gc
import logging
import time
import uuid
from typing import TYPE_CHECKING

from celery.exceptions import SoftTimeLimitExceeded
from celery.signals import worker_init, worker_process_init
from django.db import InterfaceError, OperationalError

from django.conf import settings as django_settings

from workers.celery import app

if TYPE_CHECKING:
    from tracker.services import Claim
    from workers.parser import Extraction

logger = logging.getLogger(__name__)

# Database or broker away: worth trying again later, with backoff.
TRANSIENT_ERRORS = (OperationalError, InterfaceError, ConnectionError, TimeoutError)


@worker_init.connect
def _preload_model(**_kwargs: object) -> None:
    """Load the spaCy pipeline in the main worker process, before the pool forks.

    Every pool process, and every replacement for one that died, then starts
    with the model already in memory (shared copy-on-write). Loading it in each
    new pool process instead takes longer than the pool waits for a new process
    to report (``worker_proc_alive_timeout``) on a busy machine, and the pool
    kills and replaces it again and again.
    """
    from workers.parser.nlp import get_nlp

    get_nlp()
    # The deal linking's libraries too (MinHash and the catalogue's resolver),
    # or the first link in each pool process pays for their import.
    from tracker.services.stories import preload as preload_stories

    preload_stories()
    # Frozen, the model's objects are left out of every full collection in the
    # pool processes; the collector's walks would also write to their pages and
    # copy them into each process, where fork shares them.
    gc.collect()
    gc.freeze()


@worker_process_init.connect
def _load_model(**_kwargs: object) -> None:
    """Make sure each pool process has the model (a no-op when it was preloaded)."""
    from workers.parser.nlp import get_nlp

    get_nlp()


def _time_limit_reason() -> str:
    return f"Parsing took longer than the limit of {app.conf.task_soft_time_limit} s."


@app.task(
    bind=True,
    name="workers.tasks.article_parse",
    autoretry_for=TRANSIENT_ERRORS,
    retry_backoff=2,
    retry_backoff_max=60,
    retry_jitter=True,
    max_retries=10,
)
def article_parse(self, article_id: int) -> str:
    """Parse one stored article and record what it says; returns what happened."""
    from tracker import services

    started = time.monotonic()
    # Retries of one message keep its id, so a retry can take back its own claim.
    token = self.request.id or uuid.uuid4().hex
    claim = services.article_claim(article_id=article_id, token=token)
    if claim is None:
        logger.info("article %s: not claimable (missing, parsed or held by another delivery)", article_id)
        return "skipped"
    batch = [(article_id, token, claim)]
    if claim.attempts == 1:
        # A backlog is parsed several articles to a spaCy pass (settings.PARSE_BATCH_SIZE).
        limit = django_settings.PARSE_BATCH_SIZE - 1
        batch += services.article_claim_queued(token=token, exclude=article_id, limit=limit)
    else:
        # Redelivered or retried: what the earlier run took along goes back to the
        # queue, and this article is parsed alone.
        if released := services.article_release_batch(token=token):
            logger.info("article %s: gave back %d articles an earlier run had batched: %s",
                        article_id, len(released), released)
    try:
        if len(batch) > 1:
            return _parse_batch(batch, started)
        return _parse_claimed(article_id, token, claim, started)
    except SoftTimeLimitExceeded:
        # The limit can land outside the parse too: in the middle of recording,
        # whose transaction then rolls back, storing nothing. Left uncaught, the
        # article would stay ``parsing`` until the stale sweep.
        logger.warning("article %s: the soft time limit passed outside the parse", article_id)
        services.article_mark_failed(article_id=article_id, token=token, reason=_time_limit_reason())
        return "failed"


def _parse_claimed(article_id: int, token: str, claim: Claim, started: float) -> str:
    """Parse and record an article this delivery has claimed."""
    from tracker import services
    from workers.parser import ParseError, parse_article

    parse_started, parse_cpu = time.monotonic(), time.process_time()
    try:
        extraction = parse_article(claim.raw, content_type=claim.content_type)
    except ParseError as exc:
        services.article_mark_failed(article_id=article_id, token=token, reason=f"Parse error: {exc}")
        return "failed"
    except SoftTimeLimitExceeded:
        services.article_mark_failed(article_id=article_id, token=token, reason=_time_limit_reason())
        return "failed"
    except Exception as exc:
        # The parser is deterministic: the same text would fail the same way again,
        # so this is permanent. Record it on the article rather than retrying.
        logger.exception("article %s: parser error", article_id)
        services.article_mark_failed(
            article_id=article_id, token=token, reason=f"Parser error: {type(exc).__name__}: {exc}"
        )
        return "failed"
    soft_limit = app.conf.task_soft_time_limit
    if soft_limit and time.monotonic() - started >= soft_limit:
        # The soft limit was raised inside the parser and caught there (it is an
        # Exception, and parts of the parser keep going on errors): what came
        # back may be missing whole kinds of record. Never store a partial parse.
        logger.warning("article %s: the soft time limit passed during the parse", article_id)
        services.article_mark_failed(article_id=article_id, token=token, reason=_time_limit_reason())
        return "failed"
    done, done_cpu = time.monotonic(), time.process_time()
    return _record(article_id, token, extraction, claim_ms=(parse_started - started) * 1000,
                   parse_ms=(done - parse_started) * 1000, parse_cpu_ms=(done_cpu - parse_cpu) * 1000)


def _record(article_id: int, token: str, extraction: Extraction, *, claim_ms: float, parse_ms: float,
            parse_cpu_ms: float, batch: int = 1) -> str:
    """Store one article's extraction and log where its time went."""
    from tracker import services

    record_started, record_cpu = time.monotonic(), time.process_time()
    if not services.article_record_extraction(article_id=article_id, token=token, extraction=extraction):
        logger.info("article %s: claim lost before recording; another delivery owns it", article_id)
        return "skipped"
    _link_deals_later(article_id)
    done, done_cpu = time.monotonic(), time.process_time()
    # One line per article, with where its time went (bench.ingest sums these);
    # in a batch, claim and parse are the batch's shares.
    logger.info(
        "article %s: parsed, %d transfers, %d statements, %d officials; claim %.1f ms, "
        "parse %.1f ms (cpu %.1f), record %.1f ms (cpu %.1f); batch of %d",
        article_id, len(extraction.transfers), len(extraction.statements), len(extraction.officials),
        claim_ms, parse_ms, parse_cpu_ms, (done - record_started) * 1000, (done_cpu - record_cpu) * 1000, batch,
    )
    return "parsed"


def _parse_batch(batch: list[tuple[int, str, Claim]], started: float) -> str:
    """Parse several claimed articles in one ``parse_many`` and record each; the first is this task's own.

    Anything that stops the batch as a whole (a time limit, an error the parser
    should not raise) fails none of its articles: they go back to the queue,
    each to be parsed alone, where the one at fault fails by itself.
    """
    from tracker import services
    from workers.parser import ParseError, parse_many

    own_id = batch[0][0]
    pending = {pk: token for pk, token, _claim in batch}
    outcome = "requeued"
    n = len(batch)
    parse_started, parse_cpu = time.monotonic(), time.process_time()
    try:
        try:
            results = parse_many([c.raw for _pk, _t, c in batch], content_types=[c.content_type for *_, c in batch])
        except SoftTimeLimitExceeded:
            raise
        except Exception:
            logger.exception("articles %s: the batched parse failed; each goes back to be parsed alone",
                             list(pending))
            return outcome
        done, done_cpu = time.monotonic(), time.process_time()
        soft_limit = app.conf.task_soft_time_limit
        if soft_limit and done - started >= soft_limit:
            # As in _parse_claimed: a limit swallowed inside the parser may have cut records out.
            logger.warning("articles %s: the soft time limit passed during the batched parse", list(pending))
            return outcome
        shares = {"claim_ms": (parse_started - started) * 1000 / n, "parse_ms": (done - parse_started) * 1000 / n,
                  "parse_cpu_ms": (done_cpu - parse_cpu) * 1000 / n}
        for (pk, token, _claim), result in zip(batch, results, strict=True):
            if isinstance(result, ParseError):
                services.article_mark_failed(article_id=pk, token=token, reason=f"Parse error: {result}")
                status = "failed"
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
            services.article_release(claims=list(pending.items()))


def _link_deals_later(article_id: int) -> None:
    """Send the deal-linking task for a recorded article; if the broker is away the sweep sends it later."""
    try:
        article_link_deals.delay(article_id)
    except Exception as exc:  # kombu raises several unrelated types for a broker that is away
        logger.warning("article %s: could not send the deal linking (%s); the sweep will", article_id, exc)


@app.task(
    bind=True,
    name="workers.tasks.article_link_deals",
    autoretry_for=TRANSIENT_ERRORS,
    retry_backoff=2,
    retry_backoff_max=60,
    retry_jitter=True,
    max_retries=10,
)
def article_link_deals(self, article_id: int) -> str:
    """Link a recorded article's transfers to deals (tracker.services.deals); idempotent."""
    from tracker.services import deals as deals_services

    started, cpu = time.monotonic(), time.process_time()
    result = deals_services.article_link_deals(article_id=article_id)
    if result is None:
        logger.info("article %s: not parsed (missing, re-queued or failed); no deals linked", article_id)
        return "skipped"
    # One line per article (bench.ingest sums these against the parse lines).
    logger.info("article %s: linked %d events to %d deals (%d new), story %s; link %.1f ms (cpu %.1f)",
                article_id, result.events, len(result.deals), result.deals_created, result.story_id,
                (time.monotonic() - started) * 1000, (time.process_time() - cpu) * 1000)
    return "linked"


@app.task(name="workers.tasks.articles_link_pending", ignore_result=True)
def articles_link_pending() -> int:
    """Periodic sweep: link the deals of parsed articles whose linking message was lost."""
    from tracker.services import deals as deals_services

    ids = deals_services.articles_link_pending()
    for article_id in ids:
        _link_deals_later(article_id)
    if ids:
        logger.info("sent the deal linking of %d articles again", len(ids))
    return len(ids)


@app.task(name="workers.tasks.article_requeue_stale", ignore_result=True)
def article_requeue_stale() -> int:
    """Periodic sweep: send again the articles whose message was lost or whose worker died."""
    from tracker import services

    ids = services.article_requeue_stale()
    if ids:
        logger.info("re-queued %d stale articles", len(ids))
    return len(ids)


@app.task(name="workers.tasks.relations_refresh", ignore_result=True)
def relations_refresh() -> bool:
    """Periodic: refresh the relations summary if records changed since the last time."""
    from tracker import services

    started = time.monotonic()
    refreshed = services.relations_refresh()
    if refreshed:
        logger.info("relations summary refreshed in %.1f s", time.monotonic() - started)
    return refreshed
