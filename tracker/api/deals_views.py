"""The register of deals over the API: ``/api/deals/`` (filters, cursor pages, CSV/JSONL) and its detail."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import django_filters as filters
from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import OuterRef, Q, QuerySet
from rest_framework import viewsets

from tracker import deals_selectors
from tracker.api import export
from tracker.api.deals_serializers import DealDetailSerializer, DealSerializer
from tracker.api.filters import ActorValueFilter, _filter_few, _in
from tracker.api.params import BoundedNumberFilter, IdFilter, MultipleChoiceFilter
from tracker.api.views import ExportMixin
from tracker.deals_models import Deal, DealEvent, WeaponCategory, WeaponSystem
from tracker.models import ReviewState, TransferStatus


class DealFilterSet(filters.FilterSet):
    supplier = ActorValueFilter(field_name="supplier",
                                help_text="Supplier codes, names or aliases, comma-separated (RUS, Russia)")
    recipient = ActorValueFilter(field_name="recipient",
                                 help_text="Recipient codes, names or aliases, comma-separated (IND,CHN)")
    system = filters.CharFilter(method="filter_system",
                                help_text="A catalogue system: designation, alias or id (S-400, SA-21, 12)")
    # The same parameter kinds as the other lists (tracker.api.params): an empty value
    # means "not given", anything else outside the schema is a 400 naming the parameter.
    category = MultipleChoiceFilter(choices=WeaponCategory.choices,
                                    help_text="SIPRI weapon category; repeat for several")
    status = MultipleChoiceFilter(choices=TransferStatus.choices,
                                  help_text="Current status; repeat the parameter for several")
    first_year = BoundedNumberFilter(method="filter_year", minimum=1, maximum=9999,
                                     help_text="Year of the deal's first event")
    last_year = BoundedNumberFilter(method="filter_year", minimum=1, maximum=9999,
                                    help_text="Year of the deal's latest event")
    min_confidence = BoundedNumberFilter(field_name="confidence", lookup_expr="gte", minimum=0, maximum=1,
                                         help_text="Only deals with at least this confidence (0–1)")
    review_state = filters.ChoiceFilter(choices=ReviewState.choices, help_text="Curation state")
    article = IdFilter(method="filter_event", help_text="Deals an article reports on (article id)")
    transfer = IdFilter(method="filter_event", help_text="The deals a transfer row belongs to")
    statement = IdFilter(method="filter_statement", help_text="The deals a statement speaks about")

    class Meta:
        model = Deal
        fields: list[str] = []

    def filter_system(self, qs: QuerySet, name: str, value: str) -> QuerySet:
        systems = deals_selectors.weapon_systems_matching(value)
        if not systems:
            return qs.none()
        return qs.filter(_in("pk", _deal_ids(Deal.systems.through.objects.filter(weaponsystem_id__in=systems))))

    def filter_year(self, qs: QuerySet, name: str, value: object) -> QuerySet:
        field = "first_event_date" if name == "first_year" else "last_event_date"
        year = int(value)
        if not 1 <= year <= 9999:
            return qs.none()
        return _filter_few(qs, Q(**{f"{field}__gte": dt.date(year, 1, 1), f"{field}__lte": dt.date(year, 12, 31)}))

    def filter_event(self, qs: QuerySet, name: str, value: object) -> QuerySet:
        field = "article_id" if name == "article" else "transfer_id"
        return qs.filter(_in("pk", _deal_ids(DealEvent.objects.filter(**{field: int(value)}))))

    def filter_statement(self, qs: QuerySet, name: str, value: object) -> QuerySet:
        return qs.filter(_in("pk", _deal_ids(Deal.statements.through.objects.filter(statement_id=int(value)))))


def _deal_ids(rows: QuerySet) -> list[int] | QuerySet:
    """The deal ids of link rows (events, system or statement links): a list when few, else a subquery."""
    ids = list(rows.order_by().values_list("deal_id", flat=True).distinct()[:1001])
    return ids if len(ids) <= 1000 else rows.order_by().values_list("deal_id", flat=True)


DEAL_COLUMNS = {
    "id": "id",
    "supplier": "supplier__code",
    "supplier_name": "supplier__name",
    "recipient": "recipient__code",
    "recipient_name": "recipient__name",
    "systems": "system_names",
    "description": "description",
    "category": "category",
    "quantity": "quantity",
    "value_amount": "value_amount",
    "value_currency": "value_currency",
    "status": "status",
    "first_event_date": "first_event_date",
    "last_event_date": "last_event_date",
    "events": "events_count",
    "confidence": "confidence",
    "review_state": "review_state",
}


def deal_rows(queryset: QuerySet) -> Iterator[dict[str, Any]]:
    names = list(DEAL_COLUMNS)
    systems = ArraySubquery(WeaponSystem.objects.filter(deals=OuterRef("pk")).order_by("designation")
                            .values("designation"))
    rows = queryset.prefetch_related(None).annotate(system_names=systems).values_list(*DEAL_COLUMNS.values())
    for values in rows.iterator(chunk_size=export.CHUNK):
        row = dict(zip(names, values, strict=True))
        row["systems"] = "; ".join(row["systems"] or [])
        for key in ("first_event_date", "last_event_date"):
            row[key] = row[key].isoformat() if row[key] else ""
        row["value_amount"] = "" if row["value_amount"] is None else f"{row['value_amount']:.2f}"
        yield row


class DealViewSet(ExportMixin, viewsets.ReadOnlyModelViewSet):
    """Deals: one supply across all the articles that report it, with its current status.

    The detail adds the timeline of events (each article's date, status,
    quantity, value and evidence) and the statements that speak about the deal.
    ``?format=csv`` or ``?format=jsonl`` streams every matching deal.
    """

    filterset_class = DealFilterSet
    ordering_fields = ["id", "first_event_date", "last_event_date", "confidence", "events_count"]
    ordering = ["-id"]
    export_rows = deal_rows
    export_name = "deals"

    def get_queryset(self):
        return deals_selectors.deal_detail() if self.action == "retrieve" else deals_selectors.deal_list()

    def get_serializer_class(self):
        return DealDetailSerializer if self.action == "retrieve" else DealSerializer
