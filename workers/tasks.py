"""Celery tasks: each takes a primary key, loads the row and calls services.

``article_parse`` is idempotent (a redelivery replaces the machine-made records
with the same ones), which is what makes ``acks_late`` with
``task_reject_on_worker_lost`` safe: a worker killed mid-parse leaves the
message in Redis for the next worker.
"""

from __future__ import annotations

import logging
import uuid

from celery.exceptions import SoftTimeLimitExceeded
from celery.signals import worker_process_init
from django.db import InterfaceError, OperationalError

from workers.celery import app

logger = logging.getLogger(__name__)

# Database or broker away: worth trying again later, with backoff.
TRANSIENT_ERRORS = (OperationalError, InterfaceError, ConnectionError, TimeoutError)


@worker_process_init.connect
def _load_model(**_kwargs: object) -> None:
    """Load the spaCy pipeline once per worker process, before the first task needs it."""
    from workers.parser.nlp import get_nlp

    get_nlp()


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
    from tracker.models import Article
    from workers.parser import ParseError, parse_article

    # Retries of one message keep its id, so a retry can take back its own claim.
    token = self.request.id or uuid.uuid4().hex
    if not services.article_claim(article_id=article_id, token=token):
        logger.info("article %s: not claimable (missing, parsed or held by another delivery)", article_id)
        return "skipped"
    article = Article.objects.only("raw", "content_type").get(pk=article_id)
    try:
        extraction = parse_article(article.raw, content_type=article.content_type)
    except ParseError as exc:
        services.article_mark_failed(article_id=article_id, token=token, reason=f"Parse error: {exc}")
        return "failed"
    except SoftTimeLimitExceeded:
        services.article_mark_failed(
            article_id=article_id,
            token=token,
            reason=f"Parsing took longer than the limit of {app.conf.task_soft_time_limit} s.",
        )
        return "failed"
    except Exception as exc:
        # The parser is deterministic: the same text would fail the same way again,
        # so this is permanent. Record it on the article rather than retrying.
        logger.exception("article %s: parser error", article_id)
        services.article_mark_failed(
            article_id=article_id, token=token, reason=f"Parser error: {type(exc).__name__}: {exc}"
        )
        return "failed"
    if not services.article_record_extraction(article_id=article_id, token=token, extraction=extraction):
        logger.info("article %s: claim lost before recording; another delivery owns it", article_id)
        return "skipped"
    return "parsed"


@app.task(name="workers.tasks.article_requeue_stale", ignore_result=True)
def article_requeue_stale() -> int:
    """Periodic sweep: send again the articles whose message was lost or whose worker died."""
    from tracker import services

    ids = services.article_requeue_stale()
    if ids:
        logger.info("re-queued %d stale articles", len(ids))
    return len(ids)
