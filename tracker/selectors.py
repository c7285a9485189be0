"""Every non-trivial read of the tracker's data."""

from __future__ import annotations

from django.db.models import Prefetch, Q, QuerySet

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
    return Transfer.objects.select_related("supplier", "recipient", "article").defer(
        "article__raw", "article__clean_text"
    )


def statement_list() -> QuerySet[Statement]:
    return (
        Statement.objects.select_related("speaker__country", "supplier", "article")
        .defer("article__raw", "article__clean_text")
        .prefetch_related("recipients")
    )


def official_list() -> QuerySet[Official]:
    return Official.objects.select_related("country")


def actor_list() -> QuerySet[Actor]:
    return Actor.objects.all()
