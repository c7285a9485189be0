"""Filters for the list endpoints (django-filter); combinable, all optional."""

from __future__ import annotations

import django_filters as filters
from django.db.models import Q, QuerySet

from tracker.models import Actor, Article, ArticleStatus, Official, ReviewState, Statement, Transfer, TransferStatus
from tracker.selectors import actor_codes_for


def _split(value: str) -> list[str]:
    return [v for v in (value or "").split(",") if v.strip()]


class ActorValueFilter(filters.CharFilter):
    """``supplier=RUS``, ``supplier=Russia``, ``recipient=ARM,AZE``: codes, names or aliases."""

    def filter(self, qs: QuerySet, value: str) -> QuerySet:
        if not value:
            return qs
        qs = qs.filter(**{f"{self.field_name}__code__in": actor_codes_for(_split(value))})
        return qs.distinct() if self.distinct else qs


class RecordFilterSet(filters.FilterSet):
    article = filters.NumberFilter(field_name="article_id")
    review_state = filters.ChoiceFilter(choices=ReviewState.choices)
    min_confidence = filters.NumberFilter(field_name="confidence", lookup_expr="gte")
    published_after = filters.DateFilter(field_name="article__published", lookup_expr="gte")
    published_before = filters.DateFilter(field_name="article__published", lookup_expr="lte")
    supplier = ActorValueFilter(field_name="supplier")


class TransferFilterSet(RecordFilterSet):
    recipient = ActorValueFilter(field_name="recipient")
    status = filters.MultipleChoiceFilter(choices=TransferStatus.choices)
    weapon = filters.CharFilter(method="filter_weapon")

    class Meta:
        model = Transfer
        fields: list[str] = []

    def filter_weapon(self, qs: QuerySet, name: str, value: str) -> QuerySet:
        return qs.extra(
            where=["EXISTS (SELECT 1 FROM unnest(tracker_transfer.weapons) w WHERE w ILIKE %s)"],
            params=[f"%{value}%"],
        )


class StatementFilterSet(RecordFilterSet):
    recipient = ActorValueFilter(field_name="recipients", distinct=True)
    speaker = filters.CharFilter(method="filter_speaker")
    speaker_country = ActorValueFilter(field_name="speaker__country")
    direct_quote = filters.BooleanFilter()

    class Meta:
        model = Statement
        fields: list[str] = []

    def filter_speaker(self, qs: QuerySet, name: str, value: str) -> QuerySet:
        if value.isdigit():
            return qs.filter(speaker_id=int(value))
        return qs.filter(Q(speaker_name__icontains=value) | Q(speaker__name__icontains=value))


class ArticleFilterSet(filters.FilterSet):
    status = filters.ChoiceFilter(choices=ArticleStatus.choices)
    published_after = filters.DateFilter(field_name="published", lookup_expr="gte")
    published_before = filters.DateFilter(field_name="published", lookup_expr="lte")
    source = filters.CharFilter(lookup_expr="iexact")

    class Meta:
        model = Article
        fields: list[str] = []


class OfficialFilterSet(filters.FilterSet):
    name = filters.CharFilter(lookup_expr="icontains")
    country = ActorValueFilter(field_name="country")

    class Meta:
        model = Official
        fields: list[str] = []


class ActorFilterSet(filters.FilterSet):
    kind = filters.ChoiceFilter(choices=Actor._meta.get_field("kind").choices)
    q = filters.CharFilter(method="filter_q")

    class Meta:
        model = Actor
        fields: list[str] = []

    def filter_q(self, qs: QuerySet, name: str, value: str) -> QuerySet:
        return qs.filter(code__in=actor_codes_for([value]))
