"""Filters for the admin's review queue.

Actors and officials are filtered through a text box rather than a list of
links: a list would name every one of them on every page (and count them).
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import Q, QuerySet
from django.http import HttpRequest

from tracker import selectors
from tracker.models import Article, Official, Statement


class TextFilter(admin.SimpleListFilter):
    """A filter typed into a box; the other active filters ride along as hidden inputs."""

    template = "admin/tracker/text_filter.html"
    placeholder = ""

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list:
        return []

    def has_output(self) -> bool:
        return True

    def choices(self, changelist: Any) -> Any:
        yield {
            "parameter_name": self.parameter_name,
            "value": self.value() or "",
            "placeholder": self.placeholder,
            "hidden": sorted((k, v) for k, v in changelist.params.items() if k != self.parameter_name),
            "clear_url": changelist.get_query_string(remove=[self.parameter_name]),
        }


class ActorFilter(TextFilter):
    """Supplier or recipient by code, name or alias ("RUS", "Russia", "Russian Federation")."""

    field = "supplier"
    placeholder = "code, name or alias"

    @classmethod
    def for_field(cls, field: str) -> type[ActorFilter]:
        return type(f"{field.title()}Filter", (cls,), {"field": field, "title": field, "parameter_name": field})

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if not self.value():
            return queryset
        return queryset.filter(**{f"{self.field}__code__in": selectors.actor_codes_for([self.value()])})


class StatementRecipientFilter(ActorFilter):
    title = "recipient"
    parameter_name = "recipient"

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if not self.value():
            return queryset
        # A subquery, not a join: a join would repeat a statement once per matching recipient.
        links = Statement.recipients.through.objects.filter(actor__code__in=selectors.actor_codes_for([self.value()]))
        return queryset.filter(pk__in=links.values("statement_id"))


class SpeakerFilter(TextFilter):
    title = "speaker"
    parameter_name = "speaker"
    placeholder = "name or alias"

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        value = (self.value() or "").strip()
        if not value:
            return queryset
        # Officials are matched in their own (small) table first; joining them to
        # every statement to compare names would scan both on each page.
        officials = Official.objects.filter(Q(name__icontains=value) | Q(aliases__contains=[value])).values("pk")
        return queryset.filter(Q(speaker__in=officials) | Q(speaker_name__icontains=value))


class ConfidenceFilter(admin.SimpleListFilter):
    title = "confidence"
    parameter_name = "confidence"
    BANDS = {"low": (0.0, 0.5), "medium": (0.5, 0.8), "high": (0.8, 1.01)}

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple[str, str]]:
        return [("low", "low (< 0.5)"), ("medium", "medium (0.5–0.8)"), ("high", "high (≥ 0.8)")]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if self.value() not in self.BANDS:
            return queryset
        low, high = self.BANDS[self.value()]
        return queryset.filter(confidence__gte=low, confidence__lt=high)


class PublishedYearFilter(admin.SimpleListFilter):
    """The year the article was published; the years are read from articles, not records."""

    title = "published"
    parameter_name = "published"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple[str, str]]:
        years = [str(d.year) for d in Article.objects.dates("published", "year", order="DESC")]
        return [(y, y) for y in years] + [("none", "no date")]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        value = self.value()
        if value == "none":
            return queryset.filter(article__published__isnull=True)
        if value and value.isdigit():
            return queryset.filter(article__published__year=int(value))
        return queryset
