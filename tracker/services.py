"""Every function that changes the tracker's data.

Views, admin actions, commands and Celery tasks call these; nothing else writes.
The parser itself lives in ``workers.parser`` and knows nothing of Django: these
services store what it returns.
"""

from __future__ import annotations

import datetime
import functools
import hashlib
import logging
import re
import time
import unicodedata
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING

import orjson
import psycopg
from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models import Q
from django.utils import timezone

from tracker.models import (
    Actor,
    Article,
    ArticleStatus,
    MetadataSource,
    Official,
    OfficialMention,
    ReviewState,
    Statement,
    Transfer,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser

    from workers.parser.records import ActorRecord, Extraction

logger = logging.getLogger(__name__)

CONTENT_TYPES = ("text/plain", "text/html")
# Checked over the whole text of every submission: in C, not character by character.
_SURROGATE = re.compile("[\ud800-\udfff]")
# C0 controls and DEL, less tabs and line breaks: no text has them. (C1 controls
# are left alone: text decoded with the wrong code page is full of them.) The
# API schema states the same rule as a pattern (ARTICLE_TEXT_PATTERN).
_CONTROL = re.compile("[\x01-\x08\x0e-\x1f\x7f]")
# A letter, as the schema's pattern says it (str.isalpha, less a few numeric signs).
_LETTER = re.compile(r"[^\W\d_]")
ARTICLE_TEXT_PATTERN = "^[^\\x00-\\x08\\x0e-\\x1f\\x7f]*[^\\W\\d_][^\\x00-\\x08\\x0e-\\x1f\\x7f]*$"
_FAILURE_REASON_MAX = 2000


class SubmissionError(ValueError):
    """A submission that cannot be accepted; ``code`` is stable for API clients."""

    def __init__(self, message: str, *, code: str = "invalid", status: int = 400) -> None:
        super().__init__(message)
        self.code = code
        self.status = status


@dataclass(frozen=True)
class SubmitResult:
    article: Article
    created: bool


def _validate_text(text: str) -> None:
    if not isinstance(text, str):
        raise SubmissionError("The article must be text.", code="invalid_text")
    if len(text.encode("utf-8", errors="surrogatepass")) > settings.ARTICLE_MAX_BYTES:
        raise SubmissionError(
            f"The article is larger than the limit of {settings.ARTICLE_MAX_BYTES} bytes.",
            code="too_large",
            status=413,
        )
    if "\x00" in text:
        raise SubmissionError("The article contains NUL characters; submit text, not binary data.",
                              code="binary_content")
    if _SURROGATE.search(text):
        raise SubmissionError("The article is not valid Unicode text.", code="invalid_text")
    if not text.strip():
        raise SubmissionError("The article is empty.", code="empty")
    # Control characters other than line breaks and tabs mean binary data.
    if _CONTROL.search(text):
        raise SubmissionError("The article looks like binary data, not text.", code="binary_content")
    # Digits and punctuation alone cannot hold a sentence; refuse them now rather
    # than store an article that can only fail. (Text with words but no sentence
    # is the parser's to judge: it ends failed, with the reason.)
    if not _LETTER.search(text):  # stops at the first letter
        raise SubmissionError("The article has no words in it.", code="no_text")


def article_content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def article_submit(
    *,
    text: str,
    content_type: str = "text/plain",
    url: str = "",
    source: str = "",
    title: str = "",
    published: datetime.date | None = None,
    submitted_by: AbstractBaseUser | None = None,
) -> SubmitResult:
    """Store an article exactly as given and queue it for parsing after the commit.

    The same text submitted twice is one article: the second call returns the first.
    Metadata given here (title, source, published, url) wins over what the parser
    reads, and ``metadata_source`` says so.
    """
    if content_type not in CONTENT_TYPES:
        raise SubmissionError(f"Unsupported content type {content_type!r}.", code="unsupported_media_type",
                              status=415)
    _validate_text(text)
    content_hash = article_content_hash(text)
    # Insert first: nearly every submission is new, and the unique content hash
    # turns a repeat (or a concurrent copy) into an IntegrityError, answered with
    # the stored article. One INSERT, where get_or_create reads first.
    try:
        with transaction.atomic():
            article = Article.objects.create(
                content_hash=content_hash,
                raw=text,
                content_type=content_type,
                url=url or "",
                source=source or "",
                title=title or "",
                published=published,
                metadata_source={field: MetadataSource.CLIENT.value
                                 for field, value in (("title", title), ("source", source),
                                                      ("published", published), ("url", url)) if value},
                submitted_by=submitted_by,
                status=ArticleStatus.QUEUED,
            )
            transaction.on_commit(lambda: article_enqueue(article_id=article.pk))
    except IntegrityError:
        existing = Article.objects.filter(content_hash=content_hash).first()
        if existing is None:
            raise  # not the content hash: another constraint refused the row
        return SubmitResult(article=existing, created=False)
    return SubmitResult(article=article, created=True)


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


def article_reparse(*, article: Article) -> None:
    """Queue an article for parsing again; curated records will be kept."""
    with transaction.atomic():
        # A fresh start: the attempts cap counts the claims of one parse request.
        Article.objects.filter(pk=article.pk).update(
            status=ArticleStatus.QUEUED, claim_token="", failure_reason="", attempts=0, updated_at=timezone.now()
        )
        transaction.on_commit(lambda: article_enqueue(article_id=article.pk))


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


def name_key(name: str) -> str:
    """Fold a person's name for matching: case, accents, punctuation and middle initials."""
    decomposed = unicodedata.normalize("NFKD", name)
    letters = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    cleaned = "".join(ch.lower() if ch.isalnum() else " " for ch in letters)
    words = [w for w in cleaned.split() if len(w) > 1]
    return " ".join(words)[:200]


class _Actors:
    """Actor rows by the codes an extraction uses, read in one query.

    A merged actor's code lives on as an alias of the survivor
    (``curation.actor_merge``), so a code resolves to the actor that has it as
    its code, else to the one that has it as an alias. A code nobody has yet
    (a new armed group) gets a new actor.
    """

    def __init__(self, codes: set[str], records: dict[str, ActorRecord]) -> None:
        self.records = records
        self.by_code: dict[str, Actor] = {}
        codes = {c for c in codes if c}
        if not codes:
            return
        by_alias: dict[str, Actor] = {}
        for actor in Actor.objects.filter(Q(code__in=codes) | Q(aliases__overlap=list(codes))).order_by("pk"):
            if actor.code in codes:
                self.by_code[actor.code] = actor
            for alias in actor.aliases:
                if alias in codes:
                    by_alias.setdefault(alias, actor)
        for code, actor in by_alias.items():
            self.by_code.setdefault(code, actor)

    def get(self, code: str | None) -> Actor | None:
        if not code:
            return None
        actor = self.by_code.get(code)
        if actor is None:
            record = self.records.get(code)
            name = record.name if record else code
            kind = record.kind if record else "non-state"
            actor, _ = Actor.objects.get_or_create(code=code, defaults={"name": name, "kind": kind})
            self.by_code[code] = actor
        return actor


def _officials_for(names: list[str]) -> dict[str, Official]:
    """The official each name stands for, read in one query; new people get a row.

    A name matches the official with its folded form as ``name_key``, or with the
    name among its aliases (the loser's names after a merge); the oldest wins.
    """
    keys = {name: name_key(name) for name in names}
    keys = {name: key for name, key in keys.items() if key}
    if not keys:
        return {}
    candidates = list(
        Official.objects.filter(Q(name_key__in=set(keys.values())) | Q(aliases__overlap=list(keys))).order_by("pk")
    )
    out: dict[str, Official] = {}
    for name, key in keys.items():
        official = next((o for o in candidates if o.name_key == key or name in o.aliases), None)
        if official is None:
            # get_or_create: another worker may be creating the same person right now.
            official, _ = Official.objects.get_or_create(name_key=key, defaults={"name": name, "aliases": []})
            candidates.append(official)
        out[name] = official
    return out


@dataclass(frozen=True)
class _RecordingStart:
    status: str
    claim_token: str
    transfers: list[tuple[int, bool, int, int]]  # pk, curated, supplier, recipient
    statements: list[tuple[int, bool, int, int]]  # pk, curated, evidence start, evidence end
    has_mentions: bool


# The article locked, with what a previous parse left of its records, in one round trip.
#
# The recording commits without waiting for its WAL to reach the disk
# (synchronous_commit off, for this transaction only). Everything it writes can
# be made again from the article, which was stored durably on submission: if
# PostgreSQL crashes in the few hundred milliseconds before the flush, the
# article is back to ``parsing`` under its old claim and the sweep
# (``article_requeue_stale``) parses it again. The worker no longer waits for an
# fsync per article; submissions and curators' edits still do.
_RECORDING_START_SQL = """
SELECT set_config('synchronous_commit', 'off', true), a.status, a.claim_token,
       (SELECT coalesce(json_agg(json_build_array(t.id, t.curated, t.supplier_id, t.recipient_id) ORDER BY t.id),
                        '[]') FROM tracker_transfer t WHERE t.article_id = a.id),
       (SELECT coalesce(json_agg(json_build_array(s.id, s.curated, s.evidence_start, s.evidence_end) ORDER BY s.id),
                        '[]') FROM tracker_statement s WHERE s.article_id = a.id),
       EXISTS (SELECT 1 FROM tracker_officialmention m WHERE m.article_id = a.id)
  FROM tracker_article a
 WHERE a.id = %s
   FOR UPDATE OF a
"""


def _recording_start(article_id: int) -> _RecordingStart | None:
    with connection.cursor() as cursor:
        cursor.execute(_RECORDING_START_SQL, [article_id])
        row = cursor.fetchone()
    if row is None:
        return None
    _off, status, claim_token, transfers, statements, has_mentions = row
    # Django's connection hands JSON back as text.
    transfers, statements = (orjson.loads(v) if isinstance(v, (str, bytes)) else v for v in (transfers, statements))
    return _RecordingStart(status, claim_token, [tuple(t) for t in transfers], [tuple(s) for s in statements],
                           has_mentions)


def article_record_extraction(*, article_id: int, token: str, extraction: Extraction) -> bool:
    """Replace the article's machine-made records with a new extraction, in one transaction.

    Returns False (and writes nothing) when this delivery no longer holds the
    article. Curated records stay as they are; a machine record that would
    duplicate a curated one is dropped. The Python here decides what to write;
    ``_write_records`` writes it all, history rows included, in one statement.
    """
    with transaction.atomic():
        current = _recording_start(article_id)
        if current is None or current.status != ArticleStatus.PARSING or current.claim_token != token:
            return False
        version = extraction.parser_version
        meta = extraction.article

        # What a previous parse left: curated records stay, the rest is replaced.
        old_transfers, old_statements = current.transfers, current.statements
        if stale := [pk for pk, curated, *_ in old_transfers if not curated]:
            Transfer.objects.filter(pk__in=stale).delete()
        if stale := [pk for pk, curated, *_ in old_statements if not curated]:
            Statement.objects.filter(pk__in=stale).delete()
        if current.has_mentions:
            # One DELETE: mentions have no signals or history.
            OfficialMention.objects.filter(article_id=article_id).delete()

        codes = {c for t in extraction.transfers for c in (t.supplier, t.recipient)}
        codes |= {o.country for o in extraction.officials if o.country}
        codes |= {c for s in extraction.statements for c in (s.supplier, *s.recipients) if c}
        actors = _Actors(codes, {a.code: a for a in extraction.actors})

        # Pairs compare resolved actors, not codes: after a merge two codes name one actor.
        kept_pairs = {(supplier, recipient) for _pk, curated, supplier, recipient in old_transfers if curated}
        transfers = []
        for t in extraction.transfers:
            supplier, recipient = actors.get(t.supplier), actors.get(t.recipient)
            if supplier is None or recipient is None or supplier.pk == recipient.pk:
                continue
            if (supplier.pk, recipient.pk) in kept_pairs:
                continue
            kept_pairs.add((supplier.pk, recipient.pk))
            transfers.append({
                "supplier_id": supplier.pk, "recipient_id": recipient.pk, "status": t.status,
                "weapons": list(t.weapons), "evidence": t.evidence, "evidence_start": t.start,
                "evidence_end": t.end, "confidence": t.confidence,
            })

        officials = _officials_for([o.name for o in extraction.officials])
        mentions = []
        mentioned: set[int] = set()
        for o in extraction.officials:
            official = officials.get(o.name)
            # Two names for one person (an alias after a merge): both give the
            # speaker, one mention is recorded.
            if official is None or official.pk in mentioned:
                continue
            mentioned.add(official.pk)
            new_aliases = [a for a in o.aliases if a and a != official.name and a not in official.aliases]
            country = actors.get(o.country)
            changed = []
            if new_aliases:
                official.aliases = [*official.aliases, *new_aliases]
                changed.append("aliases")
            for field, value in (("title", o.title), ("organization", o.organization)):
                if value and not getattr(official, field):
                    setattr(official, field, value[:300])
                    changed.append(field)
            if country and official.country_id is None:
                official.country = country
                changed.append("country")
            if changed:
                official.save(update_fields=changed)
            mentions.append({
                "official_id": official.pk, "name_as_given": o.name[:200], "title": (o.title or "")[:200],
                "organization": (o.organization or "")[:300], "country_id": country.pk if country else None,
                "evidence_start": o.start, "evidence_end": o.end, "confidence": o.confidence,
            })

        kept_spans = {(start, end) for _pk, curated, start, end in old_statements if curated}
        statements = []
        for s in extraction.statements:
            if (s.start, s.end) in kept_spans:
                continue
            kept_spans.add((s.start, s.end))
            speaker = officials.get(s.speaker) if s.speaker_is_person else None
            supplier = actors.get(s.supplier)
            statements.append({
                "speaker_id": speaker.pk if speaker else None, "speaker_name": s.speaker[:300],
                "supplier_id": supplier.pk if supplier else None,
                "recipients": list(dict.fromkeys(a.pk for c in s.recipients if (a := actors.get(c)))),
                "evidence": s.evidence, "evidence_start": s.start, "evidence_end": s.end,
                "direct_quote": s.direct_quote, "confidence": s.confidence,
            })

        _write_records(
            article_id=article_id,
            version=version,
            records={"transfers": transfers, "mentions": mentions, "statements": statements},
            article={
                "clean_text": extraction.clean_text,
                "title": (meta.title or "")[:500],
                "source": (meta.source or "")[:200],
                "published": meta.published.isoformat() if meta.published else None,
                "dateline": (meta.dateline or "")[:100],
            },
        )
    return True


# Every new record of one parse, its history rows and the article's own update,
# in one statement: each CTE inserts one table from the JSON document the
# recording built, and the RETURNING rows link a statement to its recipients
# and its history. It is prepared once per connection. The ORM's bulk_create did
# the same in seven queries, with most of the worker's recording time spent
# building model instances and quoting their values.
# The history rows are what simple_history's bulk_history_create writes: a "+"
# row per record, no user, an empty reason; for a statement, one row per
# recipient link in its m2m history table.
_WRITE_RECORDS_SQL = """
WITH doc AS (SELECT %(doc)s::jsonb AS d),
transfer_in AS (
    SELECT x.* FROM doc, ROWS FROM (jsonb_to_recordset(d -> 'transfers') AS (
        supplier_id bigint, recipient_id bigint, status text, weapons text[], evidence text,
        evidence_start integer, evidence_end integer, confidence double precision)) WITH ORDINALITY AS x
),
transfer AS (
    INSERT INTO tracker_transfer (article_id, supplier_id, recipient_id, status, weapons, evidence, evidence_start,
                                  evidence_end, confidence, review_state, curated, parser_version, created_at,
                                  updated_at)
    SELECT %(article)s, supplier_id, recipient_id, status, weapons, evidence, evidence_start, evidence_end,
           confidence, %(unreviewed)s, false, %(version)s, %(now)s, %(now)s
    FROM transfer_in ORDER BY ordinality
    RETURNING *
),
transfer_history AS (
    INSERT INTO tracker_historicaltransfer (id, article_id, supplier_id, recipient_id, status, weapons, evidence,
                                            evidence_start, evidence_end, confidence, review_state, curated,
                                            parser_version, created_at, history_date, history_change_reason,
                                            history_type, history_user_id)
    SELECT id, article_id, supplier_id, recipient_id, status, weapons, evidence, evidence_start, evidence_end,
           confidence, review_state, curated, parser_version, created_at, %(now)s, '', '+', NULL
    FROM transfer ORDER BY id
),
mention AS (
    INSERT INTO tracker_officialmention (article_id, official_id, name_as_given, title, organization, country_id,
                                         evidence_start, evidence_end, confidence)
    SELECT %(article)s, x.official_id, x.name_as_given, x.title, x.organization, x.country_id, x.evidence_start,
           x.evidence_end, x.confidence
    FROM doc, ROWS FROM (jsonb_to_recordset(d -> 'mentions') AS (
        official_id bigint, name_as_given text, title text, organization text, country_id bigint,
        evidence_start integer, evidence_end integer, confidence double precision)) WITH ORDINALITY AS x
    ORDER BY x.ordinality
),
statement_in AS (
    SELECT x.* FROM doc, ROWS FROM (jsonb_to_recordset(d -> 'statements') AS (
        speaker_id bigint, speaker_name text, supplier_id bigint, recipients bigint[], evidence text,
        evidence_start integer, evidence_end integer, direct_quote boolean, confidence double precision))
        WITH ORDINALITY AS x
),
statement AS (
    INSERT INTO tracker_statement (article_id, speaker_id, speaker_name, supplier_id, evidence, evidence_start,
                                   evidence_end, direct_quote, confidence, review_state, curated, parser_version,
                                   created_at, updated_at)
    SELECT %(article)s, speaker_id, speaker_name, supplier_id, evidence, evidence_start, evidence_end,
           direct_quote, confidence, %(unreviewed)s, false, %(version)s, %(now)s, %(now)s
    FROM statement_in ORDER BY ordinality
    RETURNING *
),
-- A statement's span is unique within its article: it finds the input row again.
link AS (
    INSERT INTO tracker_statement_recipients (statement_id, actor_id)
    SELECT statement.id, recipient.actor_id
    FROM statement
    JOIN statement_in USING (evidence_start, evidence_end)
    CROSS JOIN LATERAL unnest(statement_in.recipients) WITH ORDINALITY AS recipient(actor_id, ord)
    ORDER BY statement.id, recipient.ord
    RETURNING id, statement_id, actor_id
),
statement_history AS (
    INSERT INTO tracker_historicalstatement (id, article_id, speaker_id, speaker_name, supplier_id, evidence,
                                             evidence_start, evidence_end, direct_quote, confidence, review_state,
                                             curated, parser_version, created_at, history_date,
                                             history_change_reason, history_type, history_user_id)
    SELECT id, article_id, speaker_id, speaker_name, supplier_id, evidence, evidence_start, evidence_end,
           direct_quote, confidence, review_state, curated, parser_version, created_at, %(now)s, '', '+', NULL
    FROM statement ORDER BY id
    RETURNING history_id, id
),
link_history AS (
    INSERT INTO tracker_historicalstatement_recipients (id, statement_id, actor_id, history_id)
    SELECT link.id, link.statement_id, link.actor_id, statement_history.history_id
    FROM link JOIN statement_history ON statement_history.id = link.statement_id
    ORDER BY link.id
)
UPDATE tracker_article SET
    clean_text = d ->> 'clean_text',
    -- What the client gave wins (metadata_source); a source of unknown origin is kept.
    title = CASE WHEN metadata_source ->> 'title' = 'client' THEN title ELSE d ->> 'title' END,
    source = CASE WHEN metadata_source ->> 'source' = 'client'
                    OR (source <> '' AND NOT metadata_source ? 'source') THEN source ELSE d ->> 'source' END,
    published = CASE WHEN metadata_source ->> 'published' = 'client' THEN published
                     ELSE (d ->> 'published')::date END,
    metadata_source = metadata_source || jsonb_build_object(
        'title', CASE WHEN metadata_source ->> 'title' = 'client' THEN 'client'
                      WHEN d ->> 'title' <> '' THEN 'parser' END,
        'source', CASE WHEN metadata_source ->> 'source' = 'client'
                         OR (source <> '' AND NOT metadata_source ? 'source') THEN metadata_source ->> 'source'
                       WHEN d ->> 'source' <> '' THEN 'parser' END,
        'published', CASE WHEN metadata_source ->> 'published' = 'client' THEN 'client'
                          WHEN d ->> 'published' IS NOT NULL THEN 'parser' END),
    dateline = d ->> 'dateline',
    status = %(parsed)s,
    failure_reason = '',
    parser_version = %(version)s,
    claim_token = '',
    parsed_at = %(now)s,
    updated_at = %(now)s
FROM doc
WHERE id = %(article)s
"""


def _write_records(*, article_id: int, version: str, records: dict[str, list], article: dict) -> None:
    """Insert one parse's records with their history, and mark the article parsed (see the SQL above)."""
    params = {
        "doc": orjson.dumps({**records, **article}).decode(),
        "article": article_id,
        "version": version,
        "now": timezone.now(),
        "unreviewed": ReviewState.UNREVIEWED.value,
        "parsed": ArticleStatus.PARSED.value,
    }
    connection.ensure_connection()
    started = time.monotonic()
    # A server-side binding cursor on Django's own connection (so in its
    # transaction): Django's cursors bind on the client, which cannot prepare.
    with psycopg.Cursor(connection.connection) as cursor:
        cursor.execute(_WRITE_RECORDS_SQL, params, prepare=True)
    if connection.queries_logged:
        # Where Django's debug cursor would log it (DEBUG, tests' query counts).
        connection.queries_log.append({"sql": f"{_WRITE_RECORDS_SQL} -- {params}",
                                       "time": f"{time.monotonic() - started:.3f}"})


# Any number that is the same in every process: the key of the advisory lock
# that keeps two refreshes of the relations summary from running at once.
_RELATIONS_LOCK = 0x7472_6C72


def relations_refresh(*, force: bool = False) -> bool:
    """Bring the relations summary (``tracker_relation``) up to date; True if it was refreshed.

    Triggers on the record tables add a row to ``tracker_relation_dirty`` in
    each writing transaction; no such row means nothing to do. The rows are
    deleted before the refresh reads the records, in the same transaction, so
    a writer that commits in between leaves its row for the next refresh. The
    refresh is ``CONCURRENTLY``: readers keep the old rows until it commits.
    A refresh already running elsewhere makes this one return at once.
    """

    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_xact_lock(%s)", [_RELATIONS_LOCK])
        if not cursor.fetchone()[0]:
            return False
        cursor.execute("DELETE FROM tracker_relation_dirty")
        if not cursor.rowcount and not force:
            return False
        cursor.execute("SET LOCAL work_mem = '256MB'")
        cursor.execute("REFRESH MATERIALIZED VIEW CONCURRENTLY tracker_relation")
        cursor.execute("UPDATE tracker_relation_refresh SET refreshed_at = now()")
    return True
