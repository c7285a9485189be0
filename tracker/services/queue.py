"""The parse queue: claims on articles, giving them back, failing them, and the stale sweep.

An article is ``queued`` until a delivery of its parse task claims it
(``parsing``, under the delivery's token); only the holder of the claim may
record a parse or mark it failed. Anything that loses a claim's holder leaves
the article for the sweep (``article_requeue_stale``), so no article is lost.
"""

from __future__ import annotations

import functools
import logging
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from tracker.models import Article, ArticleStatus

logger = logging.getLogger(__name__)

_FAILURE_REASON_MAX = 2000


def article_enqueue(*, article_id: int) -> bool:
    """Send the parse task; the article is already stored, so a broker failure loses nothing.

    When Redis is away the article stays ``queued`` and the periodic sweep
    (``article_requeue_stale``) sends it later.
    """
    from workers.tasks import article_parse

    try:
        article_parse.delay(article_id)
    except Exception as exc:  # kombu raises several unrelated types for a broker that is away
        logger.warning("Could not enqueue article %s (%s); the sweep will retry", article_id, exc)
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
    return None


# Queued articles nobody has tried yet, oldest first, taken for a delivery's batch.
# SKIP LOCKED: rows another delivery is claiming right now are left to it.
_CLAIM_QUEUED_SQL = """
UPDATE tracker_article a
   SET status = %(parsing)s, claim_token = %(token)s || ':' || a.id, claimed_at = %(now)s,
       attempts = a.attempts + 1, updated_at = %(now)s
  FROM (SELECT id FROM tracker_article
         WHERE status = %(queued)s AND attempts = 0 AND id <> %(exclude)s
         ORDER BY id LIMIT %(limit)s
           FOR UPDATE SKIP LOCKED) untried
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
    return ids
