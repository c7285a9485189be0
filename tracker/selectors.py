"""Every non-trivial read of the tracker's data."""

from __future__ import annotations

import datetime
import re

import orjson
from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import BooleanField, Exists, F, OuterRef, Prefetch, QuerySet
from django.db.models.expressions import RawSQL

from tracker.models import Actor, Article, Official, OfficialMention, Statement, Transfer
from workers.parser.closed_sets import TransferStatus


def _actors_named(values: list[str]) -> list[tuple[int, str]]:
    """(id, code) of the actors named by codes, names or aliases, case-insensitively, in one query."""
    wanted = [v.strip().lower() for v in values if v.strip()]
    if not wanted:
        return []
    # Aliases are stored as written; compare them folded to lower case in SQL.
    return list(
        Actor.objects.filter(RawSQL(
            "lower(code) = ANY(%s) OR lower(name) = ANY(%s)"
            " OR EXISTS (SELECT 1 FROM unnest(aliases) a WHERE lower(a) = ANY(%s))",
            [wanted, wanted, wanted], output_field=BooleanField(),
        )).order_by("code").values_list("pk", "code")
    )


def actor_codes_for(values: list[str]) -> list[str]:
    """Actor codes named by codes, names or aliases, case-insensitively ("RUS", "Russia", "russian")."""
    return [code for _pk, code in _actors_named(values)]


def actor_ids_for(values: list[str]) -> list[int]:
    """Like ``actor_codes_for``, but the primary keys, so filters hit the (actor, -id) indexes."""
    return [pk for pk, _code in _actors_named(values)]


def article_list() -> QuerySet[Article]:
    return Article.objects.defer("raw", "clean_text").order_by("-id")


def article_detail() -> QuerySet[Article]:
    return Article.objects.prefetch_related(
        Prefetch("transfers", queryset=Transfer.objects.select_related("supplier", "recipient")),
        Prefetch(
            "statements",
            queryset=Statement.objects.select_related("speaker__country", "supplier").prefetch_related(
                "recipients"
            ),
        ),
        Prefetch("official_mentions", queryset=OfficialMention.objects.select_related("official", "country")),
    )


# What the list endpoints never show: article bodies, the stored search vector
# and the actors' alias lists (dozens of names each, parsed for every row).
_LIST_DEFER = ("article__raw", "article__clean_text", "evidence_search")


def _deal_ids(through) -> ArraySubquery:
    """The ids of the deals a record belongs to (tracker.deals_models), read with the row."""
    return ArraySubquery(through.order_by("deal_id").values("deal_id").distinct())


def transfer_list() -> QuerySet[Transfer]:
    from tracker.deals_models import DealEvent

    return (
        Transfer.objects.select_related("supplier", "recipient", "article")
        .defer(*_LIST_DEFER, "supplier__aliases", "recipient__aliases")
        .annotate(published=F("article__published"),
                  deal_ids=_deal_ids(DealEvent.objects.filter(transfer_id=OuterRef("pk"))))
    )


def statement_list() -> QuerySet[Statement]:
    from tracker.deals_models import Deal

    return (
        Statement.objects.select_related("speaker__country", "supplier", "article")
        .defer(*_LIST_DEFER, "supplier__aliases", "speaker__aliases", "speaker__country__aliases")
        .annotate(published=F("article__published"),
                  deal_ids=_deal_ids(Deal.statements.through.objects.filter(statement_id=OuterRef("pk"))))
        .prefetch_related(Prefetch("recipients", queryset=Actor.objects.defer("aliases")))
    )


def official_list() -> QuerySet[Official]:
    return Official.objects.select_related("country")


def actor_list() -> QuerySet[Actor]:
    return Actor.objects.all()


# tracker_relation is a materialized view (migration 0007), refreshed in the
# background by services.relations_refresh.
# One column per transfer status, named after it (tests/test_closed_sets.py checks
# the migration's SQL against the closed set).
STATUS_COLUMNS = tuple(status.value for status in TransferStatus)

_RELATIONS_SQL = """
SELECT sup.code, sup.name, rec.code, rec.name,
       """ + ", ".join(f"r.{status}" for status in STATUS_COLUMNS) + """,
       r.transfers, r.statements, r.first_date, r.last_date, r.weapons,
       r.deals, r.deals_by_status, r.deals_by_category
  FROM tracker_relation r
  JOIN tracker_actor sup ON sup.id = r.supplier_id
  JOIN tracker_actor rec ON rec.id = r.recipient_id
 WHERE true {where}
 ORDER BY r.records DESC, sup.code, rec.code
 LIMIT %(limit)s
"""


def relation_list(*, suppliers: list[str] | None = None, recipients: list[str] | None = None,
                  limit: int = 1000) -> list[dict]:
    """One row per supplier–recipient pair: transfers by status, statements, dates, weapons.

    ``suppliers``/``recipients`` are actor codes (already resolved from aliases);
    ``None`` means any. Rejected records are left out. The figures are those of
    the last refresh of the summary (``relations_refreshed_at``).
    """
    from django.db import connection

    params: dict[str, object] = {"limit": limit}
    where = []
    if suppliers is not None:
        params["suppliers"] = suppliers
        where.append("r.supplier_id IN (SELECT id FROM tracker_actor WHERE code = ANY(%(suppliers)s))")
    if recipients is not None:
        params["recipients"] = recipients
        where.append("r.recipient_id IN (SELECT id FROM tracker_actor WHERE code = ANY(%(recipients)s))")
    with connection.cursor() as cursor:
        cursor.execute(_RELATIONS_SQL.format(where="".join(f" AND {w}" for w in where)), params)
        rows = cursor.fetchall()
    result = []
    for row in rows:
        sup_code, sup_name, rec_code, rec_name, *counts = row
        n = len(STATUS_COLUMNS)
        by_status = dict(zip(STATUS_COLUMNS, counts[:n], strict=True))
        transfers, statements, first, last, weapons, deals, deals_by_status, deals_by_category = counts[n:]
        result.append({
            "supplier": {"code": sup_code, "name": sup_name},
            "recipient": {"code": rec_code, "name": rec_name},
            "transfers": transfers,
            "transfers_by_status": by_status,
            "statements": statements,
            "first_article_date": first,
            "last_article_date": last,
            "weapons": list(weapons or []),
            "deals": deals,
            # Every status present, zeros included, as transfers_by_status.
            "deals_by_status": {status: _json(deals_by_status).get(status, 0) for status in STATUS_COLUMNS},
            "deals_by_category": _json(deals_by_category),
        })
    return result


def _json(value) -> dict:
    # Django's connection hands jsonb back as text.
    return orjson.loads(value) if isinstance(value, (str, bytes)) else dict(value or {})


def relations_refreshed_at() -> datetime.datetime:
    """When the relations summary was last brought up to date."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT refreshed_at FROM tracker_relation_refresh")
        return cursor.fetchone()[0]


# A parser version as PARSER_VERSION writes it; the API's schema states the same pattern.
VERSION_PATTERN = r"^[0-9]{1,9}(\.[0-9]{1,9}){0,5}$"
_VERSION = re.compile(VERSION_PATTERN, re.ASCII)


def article_parsed_before(articles: QuerySet[Article], version: str) -> QuerySet[Article]:
    """The articles last parsed by a parser older than ``version`` (dotted numbers, compared
    part by part: 0.10 is newer than 0.9), or never parsed. ValueError for a malformed version."""
    if not _VERSION.search(version):
        raise ValueError(f"Enter a version as dotted numbers (0.2.0), not {version!r}.")
    parts = [int(p) for p in version.split(".")]
    return articles.filter(RawSQL(
        "tracker_article.parser_version !~ '^[0-9]{1,9}(\\.[0-9]{1,9}){0,5}$'"
        " OR string_to_array(tracker_article.parser_version, '.')::int[] < %s::int[]",
        [parts], output_field=BooleanField(),
    ))


def article_with_supplier(articles: QuerySet[Article], supplier_ids: list[int]) -> QuerySet[Article]:
    """The articles with a transfer or a statement from one of these suppliers."""
    transfers = Transfer.objects.filter(article_id=OuterRef("pk"), supplier_id__in=supplier_ids)
    statements = Statement.objects.filter(article_id=OuterRef("pk"), supplier_id__in=supplier_ids)
    return articles.filter(Exists(transfers) | Exists(statements))
