"""Recording: one parse's extraction stored as the article's machine-made records, curated ones kept.

The Python decides what to write (actors and officials resolved, duplicates of
curated records dropped); ``record.sql`` beside this file writes it all,
history rows included, in one statement.
"""

from __future__ import annotations

import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import orjson
import psycopg
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from tracker.models import (
    Actor,
    ArticleStatus,
    Official,
    OfficialMention,
    ReviewState,
    Statement,
    Transfer,
)

if TYPE_CHECKING:
    from workers.parser.records import ActorRecord, Extraction

# Read once, on import; the statement is prepared once per connection.
WRITE_RECORDS_SQL = (Path(__file__).parent / "record.sql").read_text(encoding="utf-8")


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


def _write_records(*, article_id: int, version: str, records: dict[str, list], article: dict) -> None:
    """Insert one parse's records with their history, and mark the article parsed (``record.sql``)."""
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
        cursor.execute(WRITE_RECORDS_SQL, params, prepare=True)
    if connection.queries_logged:
        # Where Django's debug cursor would log it (DEBUG, tests' query counts).
        connection.queries_log.append({"sql": f"{WRITE_RECORDS_SQL} -- {params}",
                                       "time": f"{time.monotonic() - started:.3f}"})
