"""Re-parsing at scale (``manage.py reparse``, the admin action): throttled batches.

Articles are queued in batches of ``REPARSE_BATCH_SIZE``, one transaction each,
and a batch waits while the queue is longer than ``REPARSE_MAX_QUEUED``, so
fresh submissions are never stuck behind the whole corpus.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from tracker.models import Article, ArticleStatus
from tracker.services.queue import article_enqueue


@dataclass(frozen=True)
class ReparseProgress:
    queued: int  # articles queued so far
    total: int


def article_reparse_many(
    *,
    articles: QuerySet[Article],
    batch_size: int | None = None,
    pause: float | None = None,
    max_queued: int | None = None,
    progress: Callable[[ReparseProgress], None] | None = None,
) -> int:
    """Queue every article of ``articles`` for parsing again, in throttled batches; how many were queued.

    Records a curator touched are kept, as with a single re-parse. Articles
    already waiting or being parsed are left alone (their parse is coming). Each
    batch is one UPDATE and one commit, then its tasks are sent. Before each
    batch it waits, ``pause`` seconds at a time (``REPARSE_PAUSE_SECONDS``), while
    more than ``max_queued`` articles (``REPARSE_MAX_QUEUED``; 0 for no limit)
    wait for a worker: the queue stays short, so fresh submissions are not
    stuck behind the whole corpus.
    """
    batch_size = batch_size or settings.REPARSE_BATCH_SIZE
    pause = settings.REPARSE_PAUSE_SECONDS if pause is None else pause
    max_queued = settings.REPARSE_MAX_QUEUED if max_queued is None else max_queued
    idle = [ArticleStatus.QUEUED, ArticleStatus.PARSING]
    # The ids first, once: a re-parse changes the rows the filter reads (status,
    # parser version), and a moving selection would skip or repeat articles.
    ids = list(articles.exclude(status__in=idle).order_by("id").values_list("id", flat=True))
    queued = 0
    for chunk in _chunks(ids, batch_size):
        while max_queued and Article.objects.filter(status=ArticleStatus.QUEUED).count() >= max_queued:
            time.sleep(pause or 1.0)
        with transaction.atomic():
            # Locked, so that a worker's claim cannot slip between this read and the update.
            changed = list(Article.objects.select_for_update().filter(pk__in=chunk).exclude(status__in=idle)
                           .values_list("id", flat=True))
            Article.objects.filter(pk__in=changed).update(
                status=ArticleStatus.QUEUED, claim_token="", failure_reason="", attempts=0,
                updated_at=timezone.now(),
            )
            transaction.on_commit(functools.partial(_enqueue_all, changed))
        queued += len(changed)
        if progress is not None:
            progress(ReparseProgress(queued=queued, total=len(ids)))
    return queued


def _enqueue_all(article_ids: list[int]) -> None:
    for article_id in article_ids:
        article_enqueue(article_id=article_id)


def _chunks(values: list[int], size: int) -> Iterator[list[int]]:
    for start in range(0, len(values), size):
        yield values[start:start + size]
