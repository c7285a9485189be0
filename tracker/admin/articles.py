"""Articles in the admin: the text with what the parser found marked in it, and re-parsing."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString

from tracker import services
from tracker.services.reparse import article_reparse_many
from tracker.admin.evidence import article_spans, highlighted
from tracker.admin.filters import SourceFilter
from tracker.admin.guards import GuardedAdmin
from tracker.models import Article, Statement, Transfer
from tracker.services import curation


class RecordInlineMixin:
    extra = 0
    can_delete = False  # curators reject records; a deleted one would come back with the next parse
    show_change_link = True

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


class TransferInline(RecordInlineMixin, admin.TabularInline):
    model = Transfer
    fields = ["supplier", "recipient", "status", "weapons", "review_state", "evidence", "confidence", "curated"]
    readonly_fields = ["evidence", "confidence", "curated"]
    autocomplete_fields = ["supplier", "recipient"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Transfer]:
        return super().get_queryset(request).select_related("supplier", "recipient")


class StatementInline(RecordInlineMixin, admin.TabularInline):
    model = Statement
    fields = ["speaker_name", "speaker", "supplier", "recipients", "direct_quote", "review_state", "evidence",
              "confidence", "curated"]
    readonly_fields = ["evidence", "confidence", "curated"]
    autocomplete_fields = ["speaker", "supplier", "recipients"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Statement]:
        return super().get_queryset(request).select_related("speaker", "supplier").prefetch_related("recipients")


@admin.register(Article)
class ArticleAdmin(GuardedAdmin):
    list_display = ["id", "title", "source", "published", "status", "parser_version", "submitted_by", "created_at"]
    list_filter = ["status", SourceFilter, "parser_version"]
    search_fields = ["id__exact", "title", "source", "url"]
    list_select_related = ["submitted_by"]
    show_facets = admin.ShowFacets.NEVER
    show_full_result_count = False
    # The article is evidence: nothing on it is edited here. Records are, in the inlines.
    fieldsets = [
        (None, {"fields": ["title", "status", "failure_reason", "parser_version", "highlighted_text"]}),
        ("Metadata", {"fields": ["source", "published", "dateline", "url", "content_type", "content_hash",
                                 "submitted_by", "attempts", "created_at", "updated_at", "parsed_at"]}),
        ("As submitted", {"classes": ["collapse"], "fields": ["raw"]}),
    ]
    readonly_fields = [f for _, opts in fieldsets for f in opts["fields"]]
    inlines = [TransferInline, StatementInline]
    actions = ["reparse"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Article]:
        # Bodies can be megabytes; the change page loads them when it shows them.
        return super().get_queryset(request).defer("raw", "clean_text")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # articles arrive through the API, which validates and queues them

    def has_reparse_permission(self, request: HttpRequest, obj: Article | None = None) -> bool:
        return request.user.has_perm("tracker.reparse_article")

    @admin.display(description="Text, with what the parser found")
    def highlighted_text(self, article: Article) -> SafeString:
        if not article.clean_text:
            return format_html("<p>{}</p>", "Not parsed yet." if article.status != "failed" else "Parsing failed.")
        legend = format_html(
            '<p class="ev-legend"><mark class="ev ev-transfer">transfer</mark> '
            '<mark class="ev ev-statement">statement</mark> <mark class="ev ev-official">official</mark> '
            "{}</p>",
            "Each tag links to its record.",
        )
        return format_html("{}{}", legend, highlighted(article.clean_text, article_spans(article)))

    def save_model(self, request: HttpRequest, obj: Article, form: forms.Form, change: bool) -> None:
        # Every article field is read-only here, so there is nothing of the
        # article's own to save; saving it would write back the status and claim
        # this page loaded over a parse that committed meanwhile. The inlines are
        # saved by save_formset.
        return

    def save_formset(self, request: HttpRequest, form: forms.Form, formset: forms.BaseModelFormSet,
                     change: bool) -> None:
        formset.save(commit=False)
        for record, changed in formset.changed_objects:
            curation.record_update(record=record, updated_by=request.user, fields=changed)
        formset.save_m2m()

    def change_view(self, request: HttpRequest, object_id: str, form_url: str = "",
                    extra_context: dict | None = None) -> HttpResponse:
        extra_context = {**(extra_context or {}), "can_reparse": self.has_reparse_permission(request)}
        return super().change_view(request, object_id, form_url, extra_context)

    def get_urls(self) -> list:
        return [
            path("<path:object_id>/reparse/", self.admin_site.admin_view(self.reparse_view),
                 name="tracker_article_reparse"),
            *super().get_urls(),
        ]

    def reparse_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not self.has_reparse_permission(request):
            raise PermissionDenied
        article = get_object_or_404(Article.objects.only("pk"), pk=object_id)
        services.article_reparse(article=article)
        messages.success(request, "The article is queued for parsing again; curated records will be kept.")
        return HttpResponseRedirect(reverse("admin:tracker_article_change", args=[article.pk]))

    @admin.action(description="Parse the selected articles again (curated records are kept)",
                  permissions=["reparse"])
    def reparse(self, request: HttpRequest, queryset: QuerySet[Article]) -> None:
        # In batches of REPARSE_BATCH_SIZE, one commit each; a web request does not wait
        # for the queue to drain (max_queued=0): ``manage.py reparse`` does, for a corpus.
        queued = article_reparse_many(articles=queryset, max_queued=0)
        skipped = queryset.count() - queued
        note = f" ({skipped} already waiting or being parsed)" if skipped > 0 else ""
        messages.success(request, f"{queued} article(s) queued for parsing{note}; curated records will be kept. "
                                  "Filter by status to follow them.")
