"""Writes for many articles at once: batch submission and bulk re-parse.

Batch submission stores every acceptable item of a batch in one transaction
(a savepoint each, so that a refused or repeated item costs only its own) and
sends the parse tasks after the commit. Re-parse at scale queues articles in
batches of ``REPARSE_BATCH_SIZE``, one transaction each, pausing between
batches so the workers' queue does not swamp fresh submissions.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from tracker.models import Article, ArticleStatus
from tracker.services import (
    SubmissionError,
    SubmitResult,
    article_content_hash,
    article_enqueue,
    article_submit,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser


@dataclass(frozen=True)
class BatchItem:
    """One item of a batch: the values for ``article_submit``, or why it was refused before the service."""

    values: dict | None = None
    error: SubmissionError | None = None
    fields: dict | None = None


@dataclass(frozen=True)
class BatchOutcome:
    result: SubmitResult | None = None
    error: SubmissionError | None = None
    fields: dict | None = None


def article_submit_many(*, items: Iterable[BatchItem], submitted_by: AbstractBaseUser | None) -> list[BatchOutcome]:
    """Submit each item as ``article_submit`` would; one outcome per item, in order.

    A refused item does not stop the others: its error is its outcome. The
    stored articles are queued for parsing when the whole batch has committed.
    """
    items = list(items)
    # Texts already stored (a re-run import, a retried batch) are found in one
    # query rather than by an INSERT and a rolled-back savepoint each.
    hashes = {i: article_content_hash(item.values["text"]) for i, item in enumerate(items)
              if item.values is not None and isinstance(item.values.get("text"), str)}
    stored = {a.content_hash: a for a in Article.objects.filter(content_hash__in=set(hashes.values()))}
    outcomes: list[BatchOutcome] = []
    with transaction.atomic():
        for index, item in enumerate(items):
            if item.values is None:
                outcomes.append(BatchOutcome(error=item.error, fields=item.fields))
                continue
            known = stored.get(hashes.get(index))
            if known is not None:
                outcomes.append(BatchOutcome(result=SubmitResult(article=known, created=False)))
                continue
            try:
                # article_submit's own atomic block is a savepoint here, and its
                # on_commit enqueue waits for the outer commit.
                result = article_submit(**item.values, submitted_by=submitted_by)
            except SubmissionError as exc:
                outcomes.append(BatchOutcome(error=exc))
                continue
            stored[result.article.content_hash] = result.article  # the same text twice in one batch
            outcomes.append(BatchOutcome(result=result))
    return outcomes


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
