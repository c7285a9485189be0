"""The review queue: transfers and statements, approved, rejected or corrected by curators."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from simple_history.admin import SimpleHistoryAdmin

from tracker.admin.evidence import evidence_in_context
from tracker.admin.filters import (
    ActorFilter,
    ConfidenceFilter,
    PublishedYearFilter,
    SpeakerFilter,
    StatementRecipientFilter,
)
from tracker.models import Actor, Statement, Transfer
from tracker.services import curation


class RecordAdmin(SimpleHistoryAdmin):
    """What the transfer and statement queues share: ordering, review actions, curation on edit."""

    # Unreviewed first, oldest first. The review states sort "unreviewed" >
    # "rejected" > "approved", so this walks the (review_state, -id) index backwards
    # instead of sorting 100,000 rows for every page.
    ordering = ["-review_state", "id"]
    actions = ["approve", "reject"]
    show_facets = admin.ShowFacets.NEVER
    show_full_result_count = False
    list_per_page = 50
    search_fields = ["evidence"]
    readonly_fields = ["article_link", "evidence_context", "evidence_start", "evidence_end", "confidence",
                       "curated", "parser_version", "created_at", "updated_at"]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).defer("article__raw", "article__clean_text", "evidence_search")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # records come from articles; a curator corrects them

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False  # a deleted record would come back with the next parse: reject it instead

    def save_model(self, request: HttpRequest, obj: Transfer | Statement, form: forms.Form, change: bool) -> None:
        curation.record_update(record=obj, updated_by=request.user)

    @admin.action(description="Approve the selected records", permissions=["change"])
    def approve(self, request: HttpRequest, queryset: QuerySet) -> None:
        changed = curation.record_approve(records=queryset, approved_by=request.user)
        messages.success(request, f"{changed} record(s) approved.")

    @admin.action(description="Reject the selected records", permissions=["change"])
    def reject(self, request: HttpRequest, queryset: QuerySet) -> None:
        changed = curation.record_reject(records=queryset, rejected_by=request.user)
        messages.success(request, f"{changed} record(s) rejected.")

    @admin.display(description="Article", ordering="article_id")
    def article_link(self, record: Transfer | Statement) -> SafeString:
        url = reverse("admin:tracker_article_change", args=[record.article_id])
        return format_html('<a href="{}">{}</a>', url, (record.article.title or f"Article {record.article_id}")[:80])

    @admin.display(description="Evidence in the article")
    def evidence_context(self, record: Transfer | Statement) -> SafeString:
        return evidence_in_context(record)

    @admin.display(description="Evidence")
    def short_evidence(self, record: Transfer | Statement) -> str:
        return record.evidence if len(record.evidence) <= 160 else record.evidence[:159] + "…"


class TransferForm(forms.ModelForm):
    class Meta:
        model = Transfer
        fields = ["supplier", "recipient", "status", "weapons", "review_state"]

    def clean(self) -> dict:
        data = super().clean()
        supplier, recipient = data.get("supplier"), data.get("recipient")
        if supplier and recipient:
            if supplier == recipient:
                raise ValidationError("The supplier and the recipient must differ.")
            # The article is not on the form, so the model's unique constraint is not checked for us.
            duplicate = Transfer.objects.filter(
                article_id=self.instance.article_id, supplier=supplier, recipient=recipient
            ).exclude(pk=self.instance.pk)
            if duplicate.exists():
                raise ValidationError("This article already has a transfer from this supplier to this recipient.")
        return data


@admin.register(Transfer)
class TransferAdmin(RecordAdmin):
    form = TransferForm
    list_display = ["short_evidence", "supplier", "recipient", "status", "weapon_list", "review_state", "curated",
                    "confidence", "article_link"]
    list_display_links = ["short_evidence"]
    list_filter = [
        "review_state",
        ActorFilter.for_field("supplier"),
        ActorFilter.for_field("recipient"),
        "status",
        ConfidenceFilter,
        PublishedYearFilter,
        "curated",
    ]
    list_select_related = ["supplier", "recipient", "article"]
    autocomplete_fields = ["supplier", "recipient"]
    fieldsets = [
        (None, {"fields": ["article_link", "evidence_context", "supplier", "recipient", "status", "weapons",
                           "review_state"]}),
        ("Parser", {"fields": ["confidence", "curated", "evidence_start", "evidence_end", "parser_version",
                               "created_at", "updated_at"]}),
    ]

    @admin.display(description="Weapons")
    def weapon_list(self, transfer: Transfer) -> str:
        return ", ".join(transfer.weapons)


@admin.register(Statement)
class StatementAdmin(RecordAdmin):
    list_display = ["short_evidence", "speaker_name", "supplier", "recipient_list", "review_state", "curated",
                    "confidence", "article_link"]
    list_display_links = ["short_evidence"]
    list_filter = [
        "review_state",
        SpeakerFilter,
        ActorFilter.for_field("supplier"),
        StatementRecipientFilter,
        ConfidenceFilter,
        PublishedYearFilter,
        "direct_quote",
        "curated",
    ]
    list_select_related = ["supplier", "article"]
    search_fields = ["evidence", "speaker_name"]
    autocomplete_fields = ["speaker", "supplier", "recipients"]
    fieldsets = [
        (None, {"fields": ["article_link", "evidence_context", "speaker_name", "speaker", "supplier", "recipients",
                           "direct_quote", "review_state"]}),
        ("Parser", {"fields": ["confidence", "curated", "evidence_start", "evidence_end", "parser_version",
                               "created_at", "updated_at"]}),
    ]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Statement]:
        return super().get_queryset(request).prefetch_related(Prefetch("recipients", Actor.objects.only("code")))

    @admin.display(description="Recipients")
    def recipient_list(self, statement: Statement) -> str:
        return ", ".join(a.code for a in statement.recipients.all())
