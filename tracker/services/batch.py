"""Submitting many articles at once (``POST /api/articles/batch/``, ``manage.py import_articles``).

Every acceptable item of a batch is stored in one transaction (a savepoint
each, so that a refused item costs only its own) and the parse tasks are sent
after the commit.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import transaction

from tracker.models import Article
from tracker.services.submission import SubmissionError, SubmitResult, article_content_hash, article_submit

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
