"""Reads of the register of deals: lists, details, and what curators should look at."""

from __future__ import annotations

from django.db import connection
from django.db.models import BooleanField, Prefetch, QuerySet
from django.db.models.expressions import RawSQL

from tracker.deals_models import Deal, DealEvent, WeaponSystem
from tracker.models import Statement


def deal_list() -> QuerySet[Deal]:
    return (
        Deal.objects.select_related("supplier", "recipient")
        .defer("supplier__aliases", "recipient__aliases")
        .prefetch_related(Prefetch("systems", queryset=WeaponSystem.objects.defer("aliases")))
    )


def deal_detail() -> QuerySet[Deal]:
    return deal_list().prefetch_related(
        Prefetch("events", queryset=DealEvent.objects.select_related("article", "system")
                 .defer("article__raw", "article__clean_text", "system__aliases").order_by("date", "id")),
        Prefetch("statements", queryset=Statement.objects.select_related("article")
                 .defer("article__raw", "article__clean_text", "evidence_search").order_by("id")),
    )


def weapon_systems_matching(value: str) -> list[int]:
    """Catalogue entries named by a designation or alias (case-insensitive), or by id."""
    if value.isdigit():
        return [int(value)]
    wanted = value.strip().lower()
    return list(WeaponSystem.objects.filter(RawSQL(
        "lower(tracker_weaponsystem.designation) = %s"
        " OR EXISTS (SELECT 1 FROM unnest(tracker_weaponsystem.aliases) a WHERE lower(a) = %s)",
        [wanted, wanted], output_field=BooleanField(),
    )).values_list("pk", flat=True))


_UNRESOLVED_SQL = """
SELECT w AS name, count(*) AS events, count(DISTINCT e.deal_id) AS deals
  FROM tracker_dealevent e, unnest(e.weapons) AS w
 WHERE e.system_key LIKE '?%%'
 GROUP BY w
 ORDER BY count(*) DESC, w
 LIMIT %s
"""


def weapon_names_unresolved(*, limit: int = 500) -> list[dict]:
    """Weapon names the catalogue does not know, as written, with how many events and deals name them."""
    with connection.cursor() as cursor:
        cursor.execute(_UNRESOLVED_SQL, [limit])
        return [{"name": name, "events": events, "deals": deals} for name, events, deals in cursor.fetchall()]
