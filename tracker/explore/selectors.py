"""Reads behind the explore pages: aggregates from the relation summaries, records by index.

Every aggregate here reads the materialized summaries (``tracker_relation``,
migration 0007; ``tracker_relation_weapon``, 0019; ``tracker_relation_year``
and ``tracker_relation_actor_year``, 0027), never the record tables: at a
million statements a GROUP BY over the records takes seconds. Record lists (a
pair's timeline, an actor's officials' statements) walk an index newest first
and stop at a limit. Figures are those of the last summary refresh
(``summary_generation``); what is computed from the summaries alone can be
cached under that refresh's generation (``summary_cached``), since the
summaries change only when it changes.
"""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.core.cache import cache
from django.db import connection, models

from tracker.models import Actor, Official, Statement, Transfer, TransferStatus

STATUSES: tuple[str, ...] = tuple(TransferStatus.values)

# Bumped when what a cached selector returns changes shape, so that a new
# release never reads an older one's entries.
_CACHE_VERSION = 1
# Entries of past generations are never read again; they only wait to expire.
CACHE_SECONDS = 6 * 3600

T = TypeVar("T")


@dataclass(frozen=True)
class Generation:
    """The summaries' contents as of one refresh: when, and the refresh's number."""

    refreshed_at: datetime.datetime
    number: int

    @property
    def key(self) -> str:
        # The number alone would repeat in a database made again from scratch
        # (a test run, say) while the cache kept the older one's entries.
        return f"{self.number}.{self.refreshed_at.timestamp():.6f}"


def summary_generation() -> Generation:
    """The last refresh of the relations summaries (``services.relations_refresh``)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT refreshed_at, generation FROM tracker_relation_refresh")
        return Generation(*cursor.fetchone())


def _key_part(value: Any) -> Any:
    return (type(value).__name__, value.pk) if isinstance(value, models.Model) else value


def summary_cached(generation: Generation, selector: Callable[..., T], **kwargs: Any) -> T:
    """``selector(**kwargs)``, computed once per summary generation and kept in the cache.

    Only for selectors that read nothing but the summaries: their result cannot
    change until the next refresh, which starts a new generation. Without the
    cache (Redis away) it is simply computed.
    """
    args = repr(sorted((k, _key_part(v)) for k, v in kwargs.items()))
    key = (f"explore:{_CACHE_VERSION}:{generation.key}:{selector.__name__}:"
           f"{hashlib.sha1(args.encode()).hexdigest()}")
    value = cache.get(key)
    if value is None:
        value = selector(**kwargs)
        cache.set(key, value, CACHE_SECONDS)
    return value


@dataclass(frozen=True)
class RelationFilters:
    """What the matrix and the network are narrowed to; empty means any.

    Status and weapon narrow the transfers; statements have neither, so they are
    counted only when neither is given.
    """

    year_from: int | None = None
    year_to: int | None = None
    statuses: tuple[str, ...] = ()
    weapon: str = ""

    @property
    def counts_statements(self) -> bool:
        return not self.statuses and not self.weapon


@dataclass
class Matrix:
    suppliers: list[dict] = field(default_factory=list)  # {code, name, total}, largest first
    recipients: list[dict] = field(default_factory=list)
    cells: list[dict] = field(default_factory=list)  # {supplier, recipient, transfers, statements}
    pairs: int = 0  # pairs with any record under the filters, shown or not
    records: int = 0


def _pairs_sql(filters: RelationFilters, params: dict, *, only_shown: bool = False) -> str:
    """A query of (supplier_id, recipient_id, transfers, statements) per pair under ``filters``.

    ``only_shown``: only the pairs of the suppliers ``%(suppliers)s`` and the
    recipients ``%(recipients)s`` (read through each summary's pair index).
    """
    statuses = [s for s in filters.statuses if s in STATUSES]
    pairs = ["supplier_id = ANY(%(suppliers)s) AND recipient_id = ANY(%(recipients)s)"] if only_shown else []
    if filters.weapon:
        params["weapon"] = filters.weapon.strip().lower()
        where = ["weapon_key = %(weapon)s", *pairs]
        if statuses:
            params["statuses"] = statuses
            where.append("status = ANY(%(statuses)s)")
        where += _year_where(filters, params)
        return (f"SELECT supplier_id, recipient_id, sum(transfers)::bigint AS transfers, 0::bigint AS statements"
                f" FROM tracker_relation_weapon WHERE {' AND '.join(where)} GROUP BY supplier_id, recipient_id")
    if filters.year_from is None and filters.year_to is None:
        # All time: the pair summary already holds one row per pair.
        columns = statuses or list(STATUSES)
        transfers = " + ".join(columns)  # names from the closed set of statuses, never from input
        statements = "statements" if filters.counts_statements else "0"
        return (f"SELECT supplier_id, recipient_id, ({transfers})::bigint AS transfers,"
                f" {statements}::bigint AS statements FROM tracker_relation WHERE {' AND '.join(pairs or ['true'])}")
    transfers, statements = _year_columns(filters)
    return (f"SELECT supplier_id, recipient_id, sum({transfers})::bigint AS transfers,"
            f" sum({statements})::bigint AS statements FROM tracker_relation_year"
            f" WHERE {' AND '.join(pairs + _year_where(filters, params))} GROUP BY supplier_id, recipient_id")


def _year_columns(filters: RelationFilters) -> tuple[str, str]:
    """The per-year summaries' expressions of the transfers and the statements counted under ``filters``.

    One column per status: names from the closed set, never from input.
    """
    statuses = [s for s in filters.statuses if s in STATUSES]
    return (" + ".join(statuses) if statuses else "transfers"), ("statements" if filters.counts_statements else "0")


def _year_where(filters: RelationFilters, params: dict) -> list[str]:
    where = []
    if filters.year_from is not None:
        params["year_from"] = filters.year_from
        where.append("year >= %(year_from)s")
    if filters.year_to is not None:
        params["year_to"] = filters.year_to
        where.append("year <= %(year_to)s")
    return where or ["true"]


# Each supplier's and each recipient's records, and the number of pairs and
# records, in one pass over the pairs (no pair row leaves the database); then
# the cells of the shown suppliers and recipients alone. Every count is a
# bigint: a sum of bigints is numeric, which psycopg would return as Decimal.
_MATRIX_TOTALS_SQL = """
SELECT supplier_id, recipient_id, sum(transfers + statements)::bigint, count(*)
  FROM ({pairs}) p WHERE transfers + statements > 0
 GROUP BY GROUPING SETS ((supplier_id), (recipient_id), ())
"""
_MATRIX_CELLS_SQL = "SELECT * FROM ({pairs}) p WHERE transfers + statements > 0"
# With years and no weapon the same totals come from the per-actor summary,
# which is the per-pair one summed, and the pairs are counted without summing.
_MATRIX_ACTOR_TOTALS_SQL = """
SELECT CASE side WHEN 'supplied' THEN actor_id END, CASE side WHEN 'received' THEN actor_id END,
       sum({records})::bigint, NULL
  FROM tracker_relation_actor_year WHERE {years}
 GROUP BY side, actor_id HAVING sum({records}) > 0
UNION ALL
SELECT NULL, NULL, (SELECT sum({records})::bigint FROM tracker_relation_actor_year WHERE side = 'supplied' AND {years}),
       count(*) FROM (SELECT DISTINCT supplier_id, recipient_id FROM tracker_relation_year
                       WHERE {years} AND {records} > 0) p
"""


def _actors(ids: set[int]) -> dict[int, Actor]:
    return {a.pk: a for a in Actor.objects.filter(pk__in=ids).only("code", "name", "kind")}


def _largest(totals: dict[int, int], top: int) -> list[int]:
    return sorted(totals, key=lambda pk: (-totals[pk], pk))[:top]


def relation_matrix(*, filters: RelationFilters, top: int = 25) -> Matrix:
    """The ``top`` largest suppliers by the ``top`` largest recipients, with every pair's counts."""
    matrix = Matrix()
    params: dict = {}
    supplied: dict[int, int] = {}
    received: dict[int, int] = {}
    with connection.cursor() as cursor:
        if filters.weapon or (filters.year_from is None and filters.year_to is None):
            sql = _MATRIX_TOTALS_SQL.format(pairs=_pairs_sql(filters, params))
        else:
            sql = _MATRIX_ACTOR_TOTALS_SQL.format(records=" + ".join(_year_columns(filters)),
                                                  years=" AND ".join(_year_where(filters, params)))
        cursor.execute(sql, params)
        for supplier, recipient, records, pairs in cursor.fetchall():
            if supplier is not None:
                supplied[supplier] = records
            elif recipient is not None:
                received[recipient] = records
            else:
                matrix.pairs, matrix.records = pairs, records or 0
        suppliers, recipients = _largest(supplied, top), _largest(received, top)
        params = {"suppliers": suppliers, "recipients": recipients}
        cursor.execute(_MATRIX_CELLS_SQL.format(pairs=_pairs_sql(filters, params, only_shown=True)), params)
        cells = cursor.fetchall()
    actors = _actors(set(suppliers) | set(recipients))
    matrix.cells = [{"supplier": actors[a].code, "recipient": actors[b].code, "transfers": t, "statements": st}
                    for a, b, t, st in cells]
    matrix.suppliers = [{"code": actors[pk].code, "name": actors[pk].name, "total": supplied[pk]} for pk in suppliers]
    matrix.recipients = [{"code": actors[pk].code, "name": actors[pk].name, "total": received[pk]}
                         for pk in recipients]
    for axis in (matrix.suppliers, matrix.recipients):
        axis.sort(key=lambda row: (-row["total"], row["code"]))
    return matrix


_NETWORK_SQL = """
SELECT p.supplier_id, p.recipient_id, p.transfers, p.statements
  FROM ({pairs}) p
 WHERE p.transfers + p.statements > 0 AND p.supplier_id <> p.recipient_id
 ORDER BY p.transfers + p.statements DESC, p.supplier_id, p.recipient_id
 LIMIT %(links)s
"""


def relation_network(*, filters: RelationFilters, links: int = 150) -> dict:
    """The ``links`` strongest supplier -> recipient links under ``filters``, and their actors."""
    params: dict = {"links": links}
    with connection.cursor() as cursor:
        cursor.execute(_NETWORK_SQL.format(pairs=_pairs_sql(filters, params)), params)
        rows = cursor.fetchall()
    actors = _actors({r[0] for r in rows} | {r[1] for r in rows})
    supplied: dict[int, int] = {}
    received: dict[int, int] = {}
    for s, r, t, st in rows:
        supplied[s] = supplied.get(s, 0) + t + st
        received[r] = received.get(r, 0) + t + st
    nodes = [{"code": a.code, "name": a.name, "supplied": supplied.get(pk, 0), "received": received.get(pk, 0)}
             for pk, a in sorted(actors.items(), key=lambda kv: kv[1].code)]
    edges = [{"supplier": actors[s].code, "recipient": actors[r].code, "transfers": t, "statements": st}
             for s, r, t, st in rows]
    return {"nodes": nodes, "links": edges}


def year_bounds() -> tuple[int | None, int | None]:
    """The first and last year any summarised record was published in."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT min(year), max(year) FROM tracker_relation_year")
        return cursor.fetchone()


# The distinct weapons, one index probe each (a "loose index scan"): a DISTINCT
# over the summary would read every one of its rows, hundreds of thousands at a
# million statements, for a few dozen names.
_WEAPON_NAMES = """
WITH RECURSIVE k AS (
    (SELECT weapon_key, weapon FROM tracker_relation_weapon ORDER BY weapon_key LIMIT 1)
    UNION ALL
    SELECT n.weapon_key, n.weapon FROM k CROSS JOIN LATERAL (
        SELECT weapon_key, weapon FROM tracker_relation_weapon w
         WHERE w.weapon_key > k.weapon_key ORDER BY w.weapon_key LIMIT 1) n
)
SELECT weapon FROM k LIMIT %s
"""


def weapon_names(*, limit: int = 300) -> list[str]:
    """Weapon names as written, for the filter's suggestions (distinct by case-folded name)."""
    with connection.cursor() as cursor:
        cursor.execute(_WEAPON_NAMES, [limit])
        return [r[0] for r in cursor.fetchall()]


def filter_choices() -> dict:
    """What the filter forms offer: the years on record and the weapon names."""
    first, last = year_bounds()
    return {"first_year": first, "last_year": last, "weapon_names": weapon_names()}


def actor_by_code(code: str) -> Actor | None:
    return Actor.objects.filter(code=code).only("code", "name", "kind").first()


_YEAR_COLUMNS = ", ".join(STATUSES) + ", transfers, statements"


def _by_year(rows: list[tuple]) -> list[dict]:
    """(year, *each status's transfers, transfers, statements) rows as one dict per year, undated last."""
    years = []
    for year, *counts in rows:
        by_status = counts[:len(STATUSES)]
        years.append({"year": year, **dict(zip(STATUSES, by_status, strict=True)), "by_status": by_status,
                      "transfers": counts[-2], "statements": counts[-1]})
    return sorted(years, key=lambda e: (e["year"] is None, e["year"] or 0))


def pair_years(*, supplier: Actor, recipient: Actor) -> list[dict]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT year, {_YEAR_COLUMNS} FROM tracker_relation_year"
                       " WHERE supplier_id = %s AND recipient_id = %s", [supplier.pk, recipient.pk])
        return _by_year(cursor.fetchall())


def pair_totals(*, supplier: Actor, recipient: Actor) -> dict:
    with connection.cursor() as cursor:
        cursor.execute("SELECT transfers, statements FROM tracker_relation"
                       " WHERE supplier_id = %s AND recipient_id = %s", [supplier.pk, recipient.pk])
        row = cursor.fetchone() or (0, 0)
    return {"transfers": row[0], "statements": row[1]}


# Records are read as plain rows (``values``): a page lists hundreds, and a model
# instance per record and per related row would cost more than the query.
_ARTICLE_FIELDS = ("article_id", "article__title", "article__source", "article__published")
_TRANSFER_FIELDS = ("id", "status", "weapons", "evidence", "review_state", *_ARTICLE_FIELDS)
_STATEMENT_FIELDS = ("id", "speaker_name", "direct_quote", "evidence", "review_state", "speaker__name",
                     "speaker__title", *_ARTICLE_FIELDS)


def pair_transfers(*, supplier: Actor, recipient: Actor, limit: int) -> list[dict]:
    """The pair's newest transfers (the ``(supplier, recipient, -id)`` index), rejected ones left out."""
    return list(
        Transfer.objects.filter(supplier=supplier, recipient=recipient).exclude(review_state="rejected")
        .order_by("-id").values(*_TRANSFER_FIELDS)[:limit]
    )


_PAIR_STATEMENT_IDS = """
SELECT r.statement_id FROM tracker_statement_recipients r
  JOIN tracker_statement s ON s.id = r.statement_id
 WHERE r.actor_id = %s AND r.supplier_id = %s AND s.review_state <> 'rejected'
 ORDER BY r.statement_id DESC LIMIT %s
"""


def _statements(ids: list[int]) -> list[dict]:
    return list(Statement.objects.filter(pk__in=ids).order_by("-id").values(*_STATEMENT_FIELDS))


def pair_statements(*, supplier: Actor, recipient: Actor, limit: int) -> list[dict]:
    """The pair's newest statements, read from the ``(recipient, supplier, statement)`` index."""
    with connection.cursor() as cursor:
        cursor.execute(_PAIR_STATEMENT_IDS, [recipient.pk, supplier.pk, limit])
        return _statements([r[0] for r in cursor.fetchall()])


def actor_years(*, actor: Actor) -> dict[str, list[dict]]:
    """What the actor supplied and received, per year: transfers by status, and statements."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT side, year, {_YEAR_COLUMNS} FROM tracker_relation_actor_year"
                       " WHERE actor_id = %s", [actor.pk])
        rows = cursor.fetchall()
    return {side: _by_year([r[1:] for r in rows if r[0] == side]) for side in ("supplied", "received")}


def actor_partners(*, actor: Actor, limit: int = 15) -> dict[str, list[dict]]:
    """The actor's largest recipients and suppliers, from the pair summary."""
    out = {}
    with connection.cursor() as cursor:
        for side, mine, other in (("recipients", "supplier_id", "recipient_id"),
                                  ("suppliers", "recipient_id", "supplier_id")):
            cursor.execute(f"SELECT a.code, a.name, r.transfers, r.statements FROM tracker_relation r"
                           f" JOIN tracker_actor a ON a.id = r.{other} WHERE r.{mine} = %s"
                           f" ORDER BY r.records DESC, a.code LIMIT %s", [actor.pk, limit])
            out[side] = [{"code": c, "name": n, "transfers": t, "statements": s} for c, n, t, s in cursor.fetchall()]
    return out


def actor_officials(*, actor: Actor, limit: int = 100) -> tuple[list[Official], int]:
    """The officials of the actor (by name, up to ``limit``) and how many there are."""
    officials = Official.objects.filter(country=actor).only("name", "title", "organization").order_by("name", "id")
    return list(officials[:limit]), officials.count()


# The newest statement ids of the actor's officials, from the (speaker, -id)
# index alone. With the actor's id as a constant the planner knows how many
# officials it has: for a country with thousands of them it walks the newest
# statements and keeps its officials', for a few it reads theirs and sorts.
# Rejected ones are left out afterwards, from the few rows read in full (twice
# as many ids are taken for them).
_OFFICIAL_STATEMENT_IDS = """
SELECT st.id FROM tracker_statement st
 WHERE st.speaker_id IN (SELECT id FROM tracker_official WHERE country_id = %(actor)s)
 ORDER BY st.id DESC LIMIT %(limit)s
"""


def actor_statements(*, actor: Actor, limit: int = 30) -> list[dict]:
    """The newest statements by the actor's officials (up to ``limit``)."""
    with connection.cursor() as cursor:
        cursor.execute(_OFFICIAL_STATEMENT_IDS, {"actor": actor.pk, "limit": 2 * limit})
        ids = [r[0] for r in cursor.fetchall()]
    return [s for s in _statements(ids) if s["review_state"] != "rejected"][:limit]
