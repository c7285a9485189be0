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

from workers.celery import app

if TYPE_CHECKING:
    from tracker.services import Claim

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
    try:
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
    record_started, record_cpu = time.monotonic(), time.process_time()
    if not services.article_record_extraction(article_id=article_id, token=token, extraction=extraction):
        logger.info("article %s: claim lost before recording; another delivery owns it", article_id)
        return "skipped"
    done, done_cpu = time.monotonic(), time.process_time()
    # One line per article, with where its time went (bench.ingest sums these).
    logger.info(
        "article %s: parsed, %d transfers, %d statements, %d officials; claim %.1f ms, "
        "parse %.1f ms (cpu %.1f), record %.1f ms (cpu %.1f)",
        article_id, len(extraction.transfers), len(extraction.statements), len(extraction.officials),
        (parse_started - started) * 1000, (record_started - parse_started) * 1000,
        (record_cpu - parse_cpu) * 1000, (done - record_started) * 1000, (done_cpu - record_cpu) * 1000,
    )
    return "parsed"


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
