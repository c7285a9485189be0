"""Curators' writes: reviewing and editing what the parser found, and merging duplicates.

Every function here marks what it touches as ``curated`` where that applies (so a
re-parse keeps it) and leaves a history entry naming the curator. The admin calls
these; it writes nothing itself.

Reviews and edits lock the records' articles (``FOR NO KEY UPDATE``, in id
order) before the records themselves. The recording holds its article's row
lock for its whole transaction, so a curator's write and a parse of the same
article never interleave: the curator waits for the parse to commit and then
works on what it left (records keep their ids across parses), and a record the
parse removed is reported (``RecordGone``, ``Reviewed.gone``), never written
back or claimed as done.

Merges move every reference from the loser to the survivor and keep the loser's
names as the survivor's aliases, so later mentions of those names resolve to
the survivor. The ``*_merge_plan`` functions compute what a merge would do
without doing it: the admin's confirmation page shows a plan, and the merge
itself carries out a fresh plan made under lock, so the two cannot disagree on
rules.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.apps import apps
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from tracker.models import Actor, Article, Official, OfficialMention, ReviewState, Statement, Transfer
from tracker.services.deals import deal_actor_merge
from tracker.services.queue import article_link_deals_enqueue

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser

    from tracker.models import ExtractedRecord

_BATCH = 500


class MergeError(ValueError):
    """A merge that cannot be done (the same record twice, say)."""


class RecordGone(LookupError):
    """The record a curator is changing no longer exists (a re-parse or a merge removed it)."""

    def __init__(self, model: type, pk: int) -> None:
        self.model, self.pk = model, pk
        name = model._meta.verbose_name
        super().__init__(f"This {name} (#{pk}) no longer exists: a re-parse or a merge removed it while it was "
                         f"open. Nothing was saved.")


# ---------------------------------------------------------------------------
# History


def _history_bulk(model: type[ExtractedRecord] | type[Official] | type[Actor], records: Sequence,
                  *, user: AbstractBaseUser | None, reason: str) -> None:
    """One "changed" history entry per record, written in bulk.

    ``bulk_history_create`` leaves out many-to-many snapshots, so a statement's
    history would show its recipients vanishing; they are copied here.
    """
    if not records:
        return
    rows = model.history.bulk_history_create(
        records, update=True, default_user=user, default_change_reason=reason, batch_size=_BATCH
    )
    if model is Statement:
        through = Statement.recipients.through
        links = defaultdict(list)
        for link in through.objects.filter(statement_id__in=[r.pk for r in records]):
            links[link.statement_id].append(link)
        m2m_history = apps.get_model("tracker", "HistoricalStatement_recipients")
        m2m_history.objects.bulk_create(
            [
                m2m_history(history=row, id=link.id, statement_id=link.statement_id, actor_id=link.actor_id)
                for row in rows
                for link in links[row.id]
            ],
            batch_size=_BATCH,
        )


def _delete_with_history(obj: object, *, user: AbstractBaseUser | None, reason: str) -> None:
    obj._history_user = user  # type: ignore[attr-defined]
    obj._change_reason = reason  # type: ignore[attr-defined]
    obj.delete()  # type: ignore[attr-defined]


# ---------------------------------------------------------------------------
# Review and edits


def _lock_articles(article_ids: Iterable[int]) -> None:
    """Lock articles in id order, as every curator's write does before touching their records.

    ``FOR NO KEY UPDATE`` conflicts with the recording's ``FOR UPDATE`` of its
    article, and one order for everyone means two curators never deadlock.
    """
    ids = sorted(set(article_ids))
    if ids:
        list(Article.objects.select_for_update(no_key=True).filter(pk__in=ids).order_by("pk")
             .values_list("pk", flat=True))


@dataclass(frozen=True)
class Reviewed:
    """What a review did: how many records changed, and which asked-for ones no longer exist."""

    changed: int
    gone: list[int] = field(default_factory=list)


def record_review(*, records: QuerySet, state: str, reviewed_by: AbstractBaseUser | None) -> Reviewed:
    """Set the review state of transfers or statements.

    Reviewed records are curated: a re-parse will neither replace nor delete
    them (a rejected record that the parser would find again stays rejected).
    Records deleted by a re-parse after ``records`` was read are not reviewed
    (nor brought back): they are listed in ``gone``.
    """
    if state not in ReviewState.values:
        raise ValueError(f"Unknown review state {state!r}")
    model = records.model
    pks = list(records.order_by().values_list("pk", flat=True))
    changed, gone = 0, []
    for start in range(0, len(pks), _BATCH):
        chunk = pks[start:start + _BATCH]
        with transaction.atomic():
            # A record's article never changes, so reading it before the lock is safe.
            _lock_articles(model.objects.filter(pk__in=chunk).values_list("article_id", flat=True))
            # Locked and re-read, so a concurrent edit is not overwritten with stale values.
            locked = list(model.objects.select_for_update().filter(pk__in=chunk).order_by("pk"))
            found = {r.pk for r in locked}
            gone += [pk for pk in chunk if pk not in found]
            batch = [r for r in locked if r.review_state != state or not r.curated]
            now = timezone.now()
            for record in batch:
                record.review_state, record.curated, record.updated_at = state, True, now
            model.objects.bulk_update(batch, ["review_state", "curated", "updated_at"])
            _history_bulk(model, batch, user=reviewed_by, reason=state)
            _relink_after_commit({r.article_id for r in batch})
            changed += len(batch)
    return Reviewed(changed=changed, gone=gone)


def _relink_after_commit(article_ids: Iterable[int]) -> None:
    """Link the articles' records to deals again once the curator's change is committed.

    A rejected transfer leaves its deal, an edited status or system moves it;
    without this the deals would wait for the article's next parse. The link
    task finds an unchanged article cheaply (its link digest) and does nothing.
    """
    for article_id in sorted(set(article_ids)):
        transaction.on_commit(functools.partial(article_link_deals_enqueue, article_id=article_id))


def record_approve(*, records: QuerySet, approved_by: AbstractBaseUser | None) -> Reviewed:
    return record_review(records=records, state=ReviewState.APPROVED, reviewed_by=approved_by)


def record_reject(*, records: QuerySet, rejected_by: AbstractBaseUser | None) -> Reviewed:
    return record_review(records=records, state=ReviewState.REJECTED, reviewed_by=rejected_by)


def _current(model: type, pk: int | None) -> object:
    """The row as it is now, locked; ``RecordGone`` when it was deleted meanwhile."""
    row = model.objects.select_for_update().filter(pk=pk).first() if pk is not None else None
    if row is None:
        raise RecordGone(model, pk)
    return row


def _edited_fields(obj: object, fields: Iterable[str] | None) -> list[str]:
    """The concrete fields to copy from an edited instance (all editable ones when not named)."""
    concrete = {f.name: f for f in obj._meta.concrete_fields if f.editable and not f.primary_key}  # type: ignore[attr-defined]
    names = concrete if fields is None else [f for f in fields if f in concrete]
    return [concrete[name].attname for name in names]


def record_update(*, record: ExtractedRecord, updated_by: AbstractBaseUser | None, reason: str = "edited",
                  fields: Iterable[str] | None = None) -> ExtractedRecord:
    """Save a curator's edit of a transfer or statement (already applied to ``record``).

    ``fields`` names what the curator edited (a form's fields); only those are
    copied onto the row as it is now, locked, so that values the curator did not
    see (a re-parse's new evidence) are not put back from a stale copy. The
    record becomes curated, whatever the edit, so that a re-parse keeps it.
    Raises ``RecordGone`` when the record was deleted meanwhile: it is never
    written back. Returns the saved row.
    """
    model = type(record)
    with transaction.atomic():
        _lock_articles([record.article_id])
        current = _current(model, record.pk)
        for attname in _edited_fields(record, fields):
            setattr(current, attname, getattr(record, attname))
        current.curated = True
        current._history_user = updated_by  # type: ignore[attr-defined]
        current._change_reason = reason  # type: ignore[attr-defined]
        current.save(force_update=True)
        _relink_after_commit([current.article_id])
    record.curated = True
    return current


def official_update(*, official: Official, updated_by: AbstractBaseUser | None, reason: str = "") -> None:
    """Save a curator's edit of an official; a replaced name stays on as an alias.

    ``name_key`` is left alone: it still matches the name the parser first saw.
    Raises ``RecordGone`` when the official was merged away meanwhile (a save
    would bring the loser back).
    """
    with transaction.atomic():
        existing = official.pk is not None
        if existing:
            _current(Official, official.pk)
        _keep_old_names(official, fields=["name"])
        official._history_user = updated_by  # type: ignore[attr-defined]
        official._change_reason = reason or None  # type: ignore[attr-defined]
        official.save(force_update=existing)


def actor_update(*, actor: Actor, updated_by: AbstractBaseUser | None, reason: str = "") -> None:
    """Save a curator's edit of an actor; a replaced name or code stays on as an alias.

    The parser names actors by code, so an old code must keep resolving here.
    Raises ``RecordGone`` when the actor was merged away meanwhile.
    """
    with transaction.atomic():
        existing = actor.pk is not None
        if existing:
            _current(Actor, actor.pk)
        _keep_old_names(actor, fields=["name", "code"])
        actor._history_user = updated_by  # type: ignore[attr-defined]
        actor._change_reason = reason or None  # type: ignore[attr-defined]
        actor.save(force_update=existing)


def _keep_old_names(obj: Official | Actor, *, fields: list[str]) -> None:
    if obj.pk is None:
        return
    old = type(obj).objects.filter(pk=obj.pk).values(*fields).first() or {}
    current = {getattr(obj, f) for f in fields}
    replaced = [v for f, v in old.items() if v and v not in current]
    obj.aliases = _merged_aliases(obj.aliases, exclude=current, new=replaced)


# ---------------------------------------------------------------------------
# Merges


def _merged_aliases(current: Iterable[str], *, exclude: Iterable[str], new: Iterable[str]) -> list[str]:
    skip = {*exclude}
    return [a for a in dict.fromkeys([*current, *new]) if a and a not in skip]


@dataclass
class OfficialMergePlan:
    survivor: Official
    loser: Official
    statements: list[Statement] = field(default_factory=list)  # speaker moves to the survivor
    mentions: list[OfficialMention] = field(default_factory=list)  # move to the survivor
    # The loser's mentions in articles that already mention the survivor: removed.
    mentions_dropped: list[OfficialMention] = field(default_factory=list)
    aliases_added: list[str] = field(default_factory=list)
    filled: dict[str, str] = field(default_factory=dict)  # survivor's blank fields taken from the loser


def official_merge_plan(*, survivor: Official, loser: Official) -> OfficialMergePlan:
    """What merging ``loser`` into ``survivor`` would change; changes nothing."""
    if survivor.pk == loser.pk:
        raise MergeError("An official cannot be merged into itself.")
    plan = OfficialMergePlan(survivor=survivor, loser=loser)
    plan.statements = list(Statement.objects.filter(speaker=loser).order_by("pk"))
    survivor_articles = set(OfficialMention.objects.filter(official=survivor).values_list("article_id", flat=True))
    mentions = OfficialMention.objects.filter(official=loser).select_related("article").defer(
        "article__raw", "article__clean_text"
    )
    for mention in mentions.order_by("pk"):
        (plan.mentions_dropped if mention.article_id in survivor_articles else plan.mentions).append(mention)
    plan.aliases_added = _merged_aliases([], exclude=[survivor.name, *survivor.aliases],
                                         new=[loser.name, *loser.aliases])
    for name in ("title", "organization"):
        if getattr(loser, name) and not getattr(survivor, name):
            plan.filled[name] = getattr(loser, name)
    if loser.country_id and not survivor.country_id:
        plan.filled["country"] = str(loser.country)
    return plan


def _locked(model: type, *pks: int) -> dict[int, object]:
    # Locked in primary-key order: two merges of the same pair in opposite
    # directions then queue behind each other instead of deadlocking.
    rows = {row.pk: row for row in model.objects.select_for_update().filter(pk__in=pks).order_by("pk")}
    if len(rows) != len(set(pks)):
        raise MergeError("One of the records to merge no longer exists.")
    return rows


def official_merge(*, survivor: Official, loser: Official, merged_by: AbstractBaseUser | None) -> OfficialMergePlan:
    """Merge two officials: statements and mentions move, the loser's names become aliases."""
    if survivor.pk == loser.pk:
        raise MergeError("An official cannot be merged into itself.")
    reason = f"merged {loser.name} (#{loser.pk}) into {survivor.name} (#{survivor.pk})"[:100]
    with transaction.atomic():
        rows = _locked(Official, survivor.pk, loser.pk)
        survivor, loser = rows[survivor.pk], rows[loser.pk]
        plan = official_merge_plan(survivor=survivor, loser=loser)

        now = timezone.now()
        for statement in plan.statements:
            statement.speaker, statement.updated_at = survivor, now
        Statement.objects.bulk_update(plan.statements, ["speaker", "updated_at"], batch_size=_BATCH)
        _history_bulk(Statement, plan.statements, user=merged_by, reason=reason)

        OfficialMention.objects.filter(pk__in=[m.pk for m in plan.mentions_dropped]).delete()
        OfficialMention.objects.filter(pk__in=[m.pk for m in plan.mentions]).update(official=survivor)

        survivor.aliases = [*survivor.aliases, *plan.aliases_added]
        survivor.title = survivor.title or loser.title
        survivor.organization = survivor.organization or loser.organization
        survivor.country_id = survivor.country_id or loser.country_id
        survivor._history_user, survivor._change_reason = merged_by, reason
        survivor.save()
        _delete_with_history(loser, user=merged_by, reason=reason)
    return plan


@dataclass
class ActorMergePlan:
    survivor: Actor
    loser: Actor
    transfers: list[Transfer] = field(default_factory=list)  # supplier or recipient moves
    # Transfers that would become a second record of the same pair in one article
    # (the best one is kept) or a transfer from the survivor to itself: removed.
    transfers_dropped: list[Transfer] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)  # supplier or a recipient moves
    officials: int = 0  # officials whose country moves
    mentions: int = 0  # mentions whose country moves
    aliases_added: list[str] = field(default_factory=list)


def _transfer_rank(transfer: Transfer) -> tuple:
    """The better of two duplicate transfers: a curator's work first, then the parser's confidence."""
    return (
        transfer.curated,
        transfer.review_state == ReviewState.APPROVED,
        transfer.review_state != ReviewState.REJECTED,
        transfer.confidence,
        -transfer.pk,
    )


def actor_merge_plan(*, survivor: Actor, loser: Actor) -> ActorMergePlan:
    """What merging ``loser`` into ``survivor`` would change; changes nothing."""
    if survivor.pk == loser.pk:
        raise MergeError("An actor cannot be merged into itself.")
    plan = ActorMergePlan(survivor=survivor, loser=loser)
    moving = list(
        Transfer.objects.filter(Q(supplier=loser) | Q(recipient=loser))
        .select_related("article", "supplier", "recipient")
        .defer("article__raw", "article__clean_text")
        .order_by("pk")
    )
    staying = Transfer.objects.filter(
        Q(supplier=survivor) | Q(recipient=survivor), article_id__in={t.article_id for t in moving}
    ).exclude(Q(supplier=loser) | Q(recipient=loser))

    def moved(actor_id: int) -> int:
        return survivor.pk if actor_id == loser.pk else actor_id

    groups: dict[tuple[int, int, int], list[Transfer]] = defaultdict(list)
    for transfer in [*staying, *moving]:
        pair = (transfer.article_id, moved(transfer.supplier_id), moved(transfer.recipient_id))
        if pair[1] == pair[2]:
            plan.transfers_dropped.append(transfer)
        else:
            groups[pair].append(transfer)
    for group in groups.values():
        best, *rest = sorted(group, key=_transfer_rank, reverse=True)
        plan.transfers_dropped.extend(rest)
        if best.supplier_id == loser.pk or best.recipient_id == loser.pk:
            plan.transfers.append(best)

    plan.statements = list(
        Statement.objects.filter(Q(supplier=loser) | Q(recipients=loser))
        .distinct()
        .order_by("pk")
    )
    plan.officials = Official.objects.filter(country=loser).count()
    plan.mentions = OfficialMention.objects.filter(country=loser).count()
    plan.aliases_added = _merged_aliases(
        [], exclude=[survivor.name, survivor.code, *survivor.aliases], new=[loser.name, loser.code, *loser.aliases]
    )
    return plan


def actor_merge(*, survivor: Actor, loser: Actor, merged_by: AbstractBaseUser | None) -> ActorMergePlan:
    """Merge two actors: every transfer, statement and official moves; the loser's names and code become aliases.

    The loser's code is kept as an alias so that the parser, which names actors
    by code, can still be resolved to the survivor.
    """
    if survivor.pk == loser.pk:
        raise MergeError("An actor cannot be merged into itself.")
    reason = f"merged {loser.code} into {survivor.code}"[:100]
    with transaction.atomic():
        rows = _locked(Actor, survivor.pk, loser.pk)
        survivor, loser = rows[survivor.pk], rows[loser.pk]
        plan = actor_merge_plan(survivor=survivor, loser=loser)
        now = timezone.now()

        # Duplicates go first: the moved pairs must be free under the unique constraint.
        for transfer in plan.transfers_dropped:
            _delete_with_history(transfer, user=merged_by, reason=reason)
        for transfer in plan.transfers:
            if transfer.supplier_id == loser.pk:
                transfer.supplier = survivor
            if transfer.recipient_id == loser.pk:
                transfer.recipient = survivor
            transfer.updated_at = now
        Transfer.objects.bulk_update(plan.transfers, ["supplier", "recipient", "updated_at"], batch_size=_BATCH)
        _history_bulk(Transfer, plan.transfers, user=merged_by, reason=reason)

        through = Statement.recipients.through
        ids = [s.pk for s in plan.statements]
        has_survivor = set(through.objects.filter(statement_id__in=ids, actor=survivor).values_list("statement_id", flat=True))
        through.objects.filter(statement_id__in=has_survivor, actor=loser).delete()
        through.objects.filter(statement_id__in=ids, actor=loser).update(actor=survivor)
        for statement in plan.statements:
            if statement.supplier_id == loser.pk:
                statement.supplier = survivor
            statement.updated_at = now
        Statement.objects.bulk_update(plan.statements, ["supplier", "updated_at"], batch_size=_BATCH)
        _history_bulk(Statement, plan.statements, user=merged_by, reason=reason)

        officials = list(Official.objects.filter(country=loser))
        for official in officials:
            official.country = survivor
        Official.objects.bulk_update(officials, ["country"], batch_size=_BATCH)
        _history_bulk(Official, officials, user=merged_by, reason=reason)
        OfficialMention.objects.filter(country=loser).update(country=survivor)
        # The loser's deals and their events go to the survivor too.
        deal_actor_merge(loser=loser, survivor=survivor)

        survivor.aliases = [*survivor.aliases, *plan.aliases_added]
        survivor._history_user, survivor._change_reason = merged_by, reason
        survivor.save()
        _delete_with_history(loser, user=merged_by, reason=reason)
    return plan
