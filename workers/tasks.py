"""Celery tasks: the Celery side only (names, retry policy, time limits); each calls one service.

``article_parse`` is idempotent (a redelivery replaces the machine-made records
with the same ones), which is what makes ``acks_late`` with
``task_reject_on_worker_lost`` safe: a worker killed mid-parse leaves the
message in Redis for the next worker. What a delivery does (claims, batches,
parse, recording) is ``tracker.services.queue.article_parse_delivery``.
"""

from __future__ import annotations

import gc
import uuid

from celery.signals import worker_init, worker_process_init

from tracker import services
from workers import task_names
from workers.celery import app


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


@app.task(
    bind=True,
    name=task_names.PARSE,
    autoretry_for=services.TRANSIENT_ERRORS,
    retry_backoff=2,
    retry_backoff_max=60,
    retry_jitter=True,
    max_retries=10,
)
def article_parse(self, article_id: int) -> str:
    """Parse one stored article (and a batch of others, with a backlog); returns what happened to it."""
    # Retries of one message keep its id, so a retry can take back its own claim.
    token = self.request.id or uuid.uuid4().hex
    return services.article_parse_delivery(article_id=article_id, token=token,
                                           soft_time_limit=app.conf.task_soft_time_limit)


@app.task(name=task_names.REQUEUE_STALE, ignore_result=True)
def article_requeue_stale() -> int:
    """Periodic sweep: send again the articles whose message was lost or whose worker died."""
    return len(services.article_requeue_stale())


@app.task(name=task_names.RELATIONS_REFRESH, ignore_result=True)
def relations_refresh() -> bool:
    """Periodic: refresh the relations summary if records changed since the last time."""
    return services.relations_refresh()


@app.task(
    name=task_names.LINK_DEALS,
    autoretry_for=services.TRANSIENT_ERRORS,
    retry_backoff=2,
    retry_backoff_max=60,
    retry_jitter=True,
    max_retries=10,
)
def article_link_deals(article_id: int) -> str:
    """Link a recorded article's transfers to deals (tracker.services.deals); idempotent."""
    from tracker.services import deals

    return deals.article_link_deals_logged(article_id=article_id)


@app.task(name=task_names.LINK_PENDING, ignore_result=True)
def articles_link_pending() -> int:
    """Periodic sweep: link the deals of parsed articles whose linking message was lost."""
    from tracker.services import deals
    from tracker.services.queue import article_link_deals_enqueue

    ids = deals.articles_link_pending()
    for article_id in ids:
        article_link_deals_enqueue(article_id=article_id)
    return len(ids)
