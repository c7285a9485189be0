"""Every non-trivial read of the tracker's data."""

from __future__ import annotations

from django.db.models import F, Prefetch, Q, QuerySet

from tracker.models import Actor, Article, Official, OfficialMention, Statement, Transfer


def actor_codes_for(values: list[str]) -> list[str]:
    """Actor codes named by codes, names or aliases, case-insensitively ("RUS", "Russia", "russian")."""
    wanted = [v.strip() for v in values if v.strip()]
    if not wanted:
        return []
    query = Q()
    for value in wanted:
        query |= Q(code__iexact=value) | Q(name__iexact=value)
    codes = set(Actor.objects.filter(query).values_list("code", flat=True))
    lowered = [v.lower() for v in wanted]
    # Aliases are stored as written; compare them folded to lower case in SQL.
    codes.update(
        Actor.objects.extra(
            where=["EXISTS (SELECT 1 FROM unnest(aliases) a WHERE lower(a) = ANY(%s))"], params=[lowered]
        ).values_list("code", flat=True)
    )
    return sorted(codes)


def actor_ids_for(values: list[str]) -> list[int]:
    """Like ``actor_codes_for``, but the primary keys, so filters hit the (actor, -id) indexes."""
    return list(Actor.objects.filter(code__in=actor_codes_for(values)).values_list("pk", flat=True))


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


def transfer_list() -> QuerySet[Transfer]:
    return (
        Transfer.objects.select_related("supplier", "recipient", "article")
        .defer("article__raw", "article__clean_text")
        .annotate(published=F("article__published"))
    )


def statement_list() -> QuerySet[Statement]:
    return (
        Statement.objects.select_related("speaker__country", "supplier", "article")
        .defer("article__raw", "article__clean_text")
        .annotate(published=F("article__published"))
        .prefetch_related("recipients")
    )


def official_list() -> QuerySet[Official]:
    return Official.objects.select_related("country")


def actor_list() -> QuerySet[Actor]:
    return Actor.objects.all()


_RELATIONS_SQL = """
WITH t AS (
    SELECT tr.supplier_id, tr.recipient_id,
           count(*) FILTER (WHERE tr.status = 'delivered') AS delivered,
           count(*) FILTER (WHERE tr.status = 'ongoing') AS ongoing,
           count(*) FILTER (WHERE tr.status = 'contracted') AS contracted,
           count(*) FILTER (WHERE tr.status = 'planned') AS planned,
           count(*) FILTER (WHERE tr.status = 'considering') AS considering,
           count(*) FILTER (WHERE tr.status = 'suspended') AS suspended,
           count(*) FILTER (WHERE tr.status = 'denied') AS denied,
           count(*) AS transfers,
           min(a.published) AS first_date, max(a.published) AS last_date,
           (SELECT array_agg(DISTINCT w ORDER BY w)
              FROM tracker_transfer t2, unnest(t2.weapons) AS w
             WHERE t2.supplier_id = tr.supplier_id AND t2.recipient_id = tr.recipient_id
               AND t2.review_state <> 'rejected') AS weapons
      FROM tracker_transfer tr JOIN tracker_article a ON a.id = tr.article_id
     WHERE tr.review_state <> 'rejected' {transfer_where}
     GROUP BY tr.supplier_id, tr.recipient_id
), s AS (
    SELECT st.supplier_id, r.actor_id AS recipient_id, count(*) AS statements,
           min(a.published) AS first_date, max(a.published) AS last_date
      FROM tracker_statement st
      JOIN tracker_statement_recipients r ON r.statement_id = st.id
      JOIN tracker_article a ON a.id = st.article_id
     WHERE st.review_state <> 'rejected' AND st.supplier_id IS NOT NULL {statement_where}
     GROUP BY st.supplier_id, r.actor_id
)
SELECT sup.code, sup.name, rec.code, rec.name,
       coalesce(t.delivered, 0), coalesce(t.ongoing, 0), coalesce(t.contracted, 0), coalesce(t.planned, 0),
       coalesce(t.considering, 0), coalesce(t.suspended, 0), coalesce(t.denied, 0), coalesce(t.transfers, 0),
       coalesce(s.statements, 0),
       least(t.first_date, s.first_date), greatest(t.last_date, s.last_date),
       coalesce(t.weapons, '{{}}')
  FROM t FULL OUTER JOIN s ON s.supplier_id = t.supplier_id AND s.recipient_id = t.recipient_id
  JOIN tracker_actor sup ON sup.id = coalesce(t.supplier_id, s.supplier_id)
  JOIN tracker_actor rec ON rec.id = coalesce(t.recipient_id, s.recipient_id)
 ORDER BY coalesce(t.transfers, 0) + coalesce(s.statements, 0) DESC, sup.code, rec.code
 LIMIT %(limit)s
"""

STATUS_COLUMNS = ("delivered", "ongoing", "contracted", "planned", "considering", "suspended", "denied")


def relation_list(*, suppliers: list[str] | None = None, recipients: list[str] | None = None,
                  limit: int = 1000) -> list[dict]:
    """One row per supplier–recipient pair: transfers by status, statements, dates, weapons.

    ``suppliers``/``recipients`` are actor codes (already resolved from aliases);
    ``None`` means any. Rejected records are left out.
    """
    from django.db import connection

    params: dict[str, object] = {"limit": limit}
    transfer_where, statement_where = [], []
    if suppliers is not None:
        params["suppliers"] = suppliers
        transfer_where.append("tr.supplier_id IN (SELECT id FROM tracker_actor WHERE code = ANY(%(suppliers)s))")
        statement_where.append("st.supplier_id IN (SELECT id FROM tracker_actor WHERE code = ANY(%(suppliers)s))")
    if recipients is not None:
        params["recipients"] = recipients
        transfer_where.append("tr.recipient_id IN (SELECT id FROM tracker_actor WHERE code = ANY(%(recipients)s))")
        statement_where.append("r.actor_id IN (SELECT id FROM tracker_actor WHERE code = ANY(%(recipients)s))")
    sql = _RELATIONS_SQL.format(
        transfer_where="".join(f" AND {w}" for w in transfer_where),
        statement_where="".join(f" AND {w}" for w in statement_where),
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    result = []
    for row in rows:
        sup_code, sup_name, rec_code, rec_name, *counts = row
        by_status = dict(zip(STATUS_COLUMNS, counts[:7], strict=True))
        transfers, statements, first, last, weapons = counts[7:]
        result.append({
            "supplier": {"code": sup_code, "name": sup_name},
            "recipient": {"code": rec_code, "name": rec_name},
            "transfers": transfers,
            "transfers_by_status": by_status,
            "statements": statements,
            "first_article_date": first,
            "last_article_date": last,
            "weapons": list(weapons or []),
        })
    return result
