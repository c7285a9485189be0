"""The Django admin: where curators review, correct, merge and approve what the parser found.

Everything that changes data goes through ``tracker.curation`` or
``tracker.services``. Everything an article contains is shown escaped (built
with ``format_html``): submitted HTML is evidence, never markup.

List pages must stay fast on 100,000 records: related rows are joined
(``list_select_related``) or prefetched, article bodies are deferred, filters
that would list every actor or official are text boxes, and facet counts are off.
"""

from __future__ import annotations


from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from simple_history.admin import SimpleHistoryAdmin

from tracker import curation, services
from tracker.admin_evidence import article_spans, evidence_in_context, highlighted
from tracker.admin_filters import (
    ActorFilter,
    ConfidenceFilter,
    PublishedYearFilter,
    SpeakerFilter,
    StatementRecipientFilter,
)
from tracker.models import Actor, Article, Official, OfficialMention, Statement, Transfer

# ---------------------------------------------------------------------------
# Articles


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
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["id", "title", "source", "published", "status", "parser_version", "submitted_by", "created_at"]
    list_filter = ["status", "source", "parser_version"]
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

    def save_formset(self, request: HttpRequest, form: forms.Form, formset: forms.BaseModelFormSet,
                     change: bool) -> None:
        for record in formset.save(commit=False):
            curation.record_update(record=record, updated_by=request.user)
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
        articles = list(queryset.only("pk"))
        for article in articles:
            services.article_reparse(article=article)
        messages.success(request, f"{len(articles)} article(s) queued for parsing; curated records will be kept.")


# ---------------------------------------------------------------------------
# The review queue: transfers and statements


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


# ---------------------------------------------------------------------------
# Officials and actors, with merges


def _merge_action(model_admin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet, *, plan, merge,
                  noun: str) -> HttpResponse | None:
    """Select two, confirm on a page that shows what moves, then merge."""
    pair = list(queryset.order_by("pk")[:3])
    if len(pair) != 2:
        messages.error(request, f"Select exactly two {noun}s to merge.")
        return None
    if request.POST.get("post") == "yes":
        chosen = request.POST.get("survivor")
        survivor = next((o for o in pair if str(o.pk) == chosen), None)
        if survivor is None:
            messages.error(request, f"Choose which {noun} to keep.")
            return None
        loser = pair[1] if survivor is pair[0] else pair[0]
        try:
            merge(survivor=survivor, loser=loser, merged_by=request.user)
        except curation.MergeError as exc:
            messages.error(request, str(exc))
            return None
        model_admin.log_change(request, survivor, f"Merged {loser} (#{loser.pk}) into this {noun}.")
        messages.success(request, format_html("Merged {} into {}.", str(loser), str(survivor)))
        return HttpResponseRedirect(reverse(f"admin:tracker_{noun}_change", args=[survivor.pk]))
    opts = model_admin.model._meta
    context = {
        **model_admin.admin_site.each_context(request),
        "title": f"Merge two {noun}s",
        "opts": opts,
        "noun": noun,
        "plans": [plan(survivor=pair[0], loser=pair[1]), plan(survivor=pair[1], loser=pair[0])],
        "queryset": pair,
        "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        "media": model_admin.media,
    }
    request.current_app = model_admin.admin_site.name
    return TemplateResponse(request, f"admin/tracker/{noun}_merge.html", context)


class OfficialMentionInline(admin.TabularInline):
    model = OfficialMention
    extra = 0
    fields = ["article", "name_as_given", "title", "organization", "country"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def get_queryset(self, request: HttpRequest) -> QuerySet[OfficialMention]:
        return super().get_queryset(request).select_related("article", "country").defer(
            "article__raw", "article__clean_text")


@admin.register(Official)
class OfficialAdmin(SimpleHistoryAdmin):
    list_display = ["name", "title", "organization", "country", "alias_list"]
    list_filter = ["country__kind"]
    search_fields = ["name", "title", "organization", "aliases"]
    list_select_related = ["country"]
    autocomplete_fields = ["country"]
    readonly_fields = ["name_key", "created_at"]
    inlines = [OfficialMentionInline]
    actions = ["merge"]
    show_facets = admin.ShowFacets.NEVER

    def has_merge_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("tracker.merge_official")

    def save_model(self, request: HttpRequest, obj: Official, form: forms.Form, change: bool) -> None:
        curation.official_update(official=obj, updated_by=request.user)

    @admin.display(description="Aliases")
    def alias_list(self, official: Official) -> str:
        return ", ".join(official.aliases)

    @admin.action(description="Merge the two selected officials…", permissions=["merge"])
    def merge(self, request: HttpRequest, queryset: QuerySet[Official]) -> HttpResponse | None:
        return _merge_action(self, request, queryset, plan=curation.official_merge_plan,
                             merge=curation.official_merge, noun="official")


@admin.register(Actor)
class ActorAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name", "kind", "alias_list"]
    list_filter = ["kind"]
    search_fields = ["code", "name", "aliases"]
    actions = ["merge"]
    show_facets = admin.ShowFacets.NEVER

    def has_merge_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("tracker.merge_actor")

    def save_model(self, request: HttpRequest, obj: Actor, form: forms.Form, change: bool) -> None:
        curation.actor_update(actor=obj, updated_by=request.user)

    @admin.display(description="Aliases")
    def alias_list(self, actor: Actor) -> str:
        shown = actor.aliases[:8]
        return ", ".join(shown) + (" …" if len(actor.aliases) > len(shown) else "")

    @admin.action(description="Merge the two selected actors…", permissions=["merge"])
    def merge(self, request: HttpRequest, queryset: QuerySet[Actor]) -> HttpResponse | None:
        return _merge_action(self, request, queryset, plan=curation.actor_merge_plan,
                             merge=curation.actor_merge, noun="actor")


@admin.register(OfficialMention)
class OfficialMentionAdmin(admin.ModelAdmin):
    list_display = ["official", "article", "title", "organization", "country"]
    search_fields = ["official__name", "name_as_given", "title"]
    list_select_related = ["official", "article", "country"]
    autocomplete_fields = ["official", "article", "country"]
    show_facets = admin.ShowFacets.NEVER
    show_full_result_count = False

    def get_queryset(self, request: HttpRequest) -> QuerySet[OfficialMention]:
        return super().get_queryset(request).defer("article__raw", "article__clean_text", "evidence_search")

# The register of deals has its own admin module (deals and the weapons catalogue).
from tracker import deals_admin  # noqa: E402,F401
