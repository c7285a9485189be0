"""API representations of deals: the list row, and the detail with its timeline and statements."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from tracker.api.serializers import (
    ActorRefSerializer,
    ArticleRefSerializer,
    IdentityUrlField,
    _RecordRepresentation,
)
from tracker.deals_models import Deal, DealEvent, WeaponSystem
from tracker.models import Statement


class WeaponSystemSerializer(serializers.ModelSerializer):
    class Meta:
        model = WeaponSystem
        fields = ["id", "designation", "category", "producer", "family"]
        read_only_fields = fields


class MoneySerializer(serializers.Serializer):
    amount = serializers.DecimalField(max_digits=20, decimal_places=2, coerce_to_string=True)
    currency = serializers.CharField(help_text="ISO 4217")


def _money(amount, currency) -> dict | None:
    return None if amount is None else {"amount": f"{amount:.2f}", "currency": currency}


class DealSerializer(_RecordRepresentation, serializers.ModelSerializer):
    url = IdentityUrlField(view_name="deal-detail")
    supplier = ActorRefSerializer(read_only=True)
    recipient = ActorRefSerializer(read_only=True)
    systems = WeaponSystemSerializer(many=True, read_only=True)
    value = serializers.SerializerMethodField(help_text="The deal's value as reported, in its currency")

    class Meta:
        model = Deal
        fields = [
            "url", "id", "supplier", "recipient", "systems", "description", "category", "quantity", "value",
            "status", "first_event_date", "last_event_date", "events_count", "confidence", "review_state",
            "curated",
        ]
        read_only_fields = fields

    @extend_schema_field(MoneySerializer(allow_null=True))
    def get_value(self, deal: Deal) -> dict | None:
        return _money(deal.value_amount, deal.value_currency)

    def to_representation(self, deal: Deal) -> dict:
        """Built by hand, key for key what DRF's generic representation gives (a test compares
        both): a page of 50 deals through DRF's field machinery took most of the request."""
        first, last = deal.first_event_date, deal.last_event_date
        return {
            "url": self._refs()[0].to_representation(deal), "id": deal.id,
            "supplier": self._actor(deal.supplier), "recipient": self._actor(deal.recipient),
            "systems": [{"id": w.id, "designation": w.designation, "category": w.category, "producer": w.producer,
                         "family": w.family} for w in deal.systems.all()],
            "description": deal.description, "category": deal.category, "quantity": deal.quantity,
            "value": _money(deal.value_amount, deal.value_currency), "status": deal.status,
            "first_event_date": first.isoformat() if first else None,
            "last_event_date": last.isoformat() if last else None,
            "events_count": deal.events_count, "confidence": float(deal.confidence),
            "review_state": deal.review_state, "curated": deal.curated,
        }

    def generic_representation(self, deal: Deal) -> dict:
        return serializers.ModelSerializer.to_representation(self, deal)


class SpanSerializer(serializers.Serializer):
    start = serializers.IntegerField()
    end = serializers.IntegerField()


class DealEventSerializer(serializers.ModelSerializer):
    article = ArticleRefSerializer(read_only=True)
    system = WeaponSystemSerializer(read_only=True, allow_null=True)
    value = serializers.SerializerMethodField()
    quantity_span = serializers.SerializerMethodField(
        help_text="Where the quantity is written in the article's clean text")
    value_span = serializers.SerializerMethodField(help_text="Where the value is written in the article's clean text")

    class Meta:
        model = DealEvent
        fields = [
            "id", "date", "status", "system", "weapons", "quantity", "quantity_span", "value", "value_span",
            "evidence", "evidence_start", "evidence_end", "confidence", "counted", "curated", "transfer",
            "article",
        ]
        read_only_fields = fields

    @extend_schema_field(MoneySerializer(allow_null=True))
    def get_value(self, event: DealEvent) -> dict | None:
        return _money(event.value_amount, event.value_currency)

    @extend_schema_field(SpanSerializer(allow_null=True))
    def get_quantity_span(self, event: DealEvent) -> dict | None:
        return None if event.quantity_start is None else {"start": event.quantity_start, "end": event.quantity_end}

    @extend_schema_field(SpanSerializer(allow_null=True))
    def get_value_span(self, event: DealEvent) -> dict | None:
        return None if event.value_start is None else {"start": event.value_start, "end": event.value_end}


class DealStatementSerializer(serializers.ModelSerializer):
    url = IdentityUrlField(view_name="statement-detail")
    article = ArticleRefSerializer(read_only=True)

    class Meta:
        model = Statement
        fields = ["url", "id", "speaker_name", "evidence", "direct_quote", "review_state", "article"]
        read_only_fields = fields


class DealDetailSerializer(DealSerializer):
    events = DealEventSerializer(many=True, read_only=True, help_text="The timeline, oldest first")
    statements = DealStatementSerializer(many=True, read_only=True)

    class Meta(DealSerializer.Meta):
        fields = [*DealSerializer.Meta.fields, "events", "statements"]
        read_only_fields = fields

    def to_representation(self, deal: Deal) -> dict:
        return self.generic_representation(deal)
