"""The Django admin: where curators review, correct and approve what the parser found."""

from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.html import format_html, format_html_join

from tracker import services
from tracker.models import Actor, Article, Official, OfficialMention, ReviewState, Statement, Transfer


def _highlighted(text: str, spans: list[tuple[int, int, str]]) -> str:
    """The clean text, escaped, with each (start, end, css class) span marked."""
    pieces: list[tuple[str, str]] = []
    cursor = 0
    for start, end, kind in sorted(spans):
        if start < cursor or end <= start:
            continue  # overlapping spans: the first one wins
        pieces.append(("", text[cursor:start]))
        pieces.append((kind, text[start:end]))
        cursor = end
    pieces.append(("", text[cursor:]))
    colours = {"transfer": "#ffe08a", "statement": "#b5e3ff", "official": "#d7f5c4"}
    return format_html(
        '<div style="white-space: pre-wrap; max-width: 60em; line-height: 1.5">{}</div>',
        format_html_join(
            "",
            "{}",
            (
                (format_html('<mark class="{}" style="background:{}">{}</mark>', k, colours[k], t) if k else t,)
                for k, t in pieces
            ),
        ),
    )


class TransferInline(admin.TabularInline):
    model = Transfer
    extra = 0
    fields = ["supplier", "recipient", "status", "weapons", "evidence", "confidence", "review_state", "curated"]
    readonly_fields = ["confidence"]
    autocomplete_fields = ["supplier", "recipient"]
    show_change_link = True


class StatementInline(admin.TabularInline):
    model = Statement
    extra = 0
    fields = ["speaker_name", "speaker", "supplier", "evidence", "direct_quote", "confidence", "review_state", "curated"]
    readonly_fields = ["confidence"]
    autocomplete_fields = ["speaker", "supplier"]
    show_change_link = True


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["id", "title", "source", "published", "status", "parser_version", "submitted_by", "created_at"]
    list_filter = ["status", "source", "published", "parser_version"]
    search_fields = ["title", "source", "url", "clean_text"]
    date_hierarchy = "created_at"
    list_select_related = ["submitted_by"]
    readonly_fields = [
        "status", "failure_reason", "parser_version", "content_hash", "content_type", "attempts",
        "created_at", "updated_at", "parsed_at", "submitted_by", "highlighted_text", "raw",
    ]
    exclude = ["clean_text", "claim_token", "claimed_at"]
    inlines = [TransferInline, StatementInline]
    actions = ["reparse"]

    @admin.display(description="Article text with evidence highlighted")
    def highlighted_text(self, article: Article) -> str:
        spans = [(t.evidence_start, t.evidence_end, "transfer") for t in article.transfers.all()]
        spans += [(s.evidence_start, s.evidence_end, "statement") for s in article.statements.all()]
        spans += [(m.evidence_start, m.evidence_end, "official") for m in article.official_mentions.all()]
        return _highlighted(article.clean_text or "", spans)

    @admin.action(description="Parse the selected articles again (curated records are kept)")
    def reparse(self, request: HttpRequest, queryset: QuerySet[Article]) -> None:
        for article in queryset:
            services.article_reparse(article=article)
        messages.success(request, f"{queryset.count()} article(s) queued for parsing.")


class ReviewActionsMixin:
    actions = ["approve", "reject"]

    @admin.action(description="Approve the selected records")
    def approve(self, request: HttpRequest, queryset: QuerySet) -> None:
        changed = queryset.update(review_state=ReviewState.APPROVED, curated=True)
        messages.success(request, f"{changed} record(s) approved.")

    @admin.action(description="Reject the selected records")
    def reject(self, request: HttpRequest, queryset: QuerySet) -> None:
        changed = queryset.update(review_state=ReviewState.REJECTED, curated=True)
        messages.success(request, f"{changed} record(s) rejected.")

    def save_model(self, request, obj, form, change):  # type: ignore[no-untyped-def]
        # A curator's edit protects the record from being replaced by a re-parse.
        if change:
            obj.curated = True
        super().save_model(request, obj, form, change)


@admin.register(Transfer)
class TransferAdmin(ReviewActionsMixin, admin.ModelAdmin):
    list_display = ["id", "supplier", "recipient", "status", "weapon_list", "confidence", "review_state",
                    "curated", "article"]
    list_filter = ["review_state", "status", "curated", "supplier", "recipient"]
    search_fields = ["evidence", "supplier__name", "recipient__name", "article__title"]
    list_select_related = ["supplier", "recipient", "article"]
    autocomplete_fields = ["supplier", "recipient", "article"]
    readonly_fields = ["parser_version", "created_at", "updated_at"]

    @admin.display(description="Weapons")
    def weapon_list(self, transfer: Transfer) -> str:
        return ", ".join(transfer.weapons)


@admin.register(Statement)
class StatementAdmin(ReviewActionsMixin, admin.ModelAdmin):
    list_display = ["id", "speaker_name", "supplier", "short_evidence", "direct_quote", "confidence",
                    "review_state", "curated", "article"]
    list_filter = ["review_state", "direct_quote", "curated", "supplier"]
    search_fields = ["evidence", "speaker_name", "article__title"]
    list_select_related = ["supplier", "article", "speaker"]
    autocomplete_fields = ["speaker", "supplier", "recipients", "article"]
    readonly_fields = ["parser_version", "created_at", "updated_at"]

    @admin.display(description="Evidence")
    def short_evidence(self, statement: Statement) -> str:
        return statement.evidence[:120]


@admin.register(Actor)
class ActorAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kind"]
    list_filter = ["kind"]
    search_fields = ["code", "name", "aliases"]


class OfficialMentionInline(admin.TabularInline):
    model = OfficialMention
    extra = 0
    fields = ["article", "name_as_given", "title", "organization", "country"]
    readonly_fields = fields
    can_delete = False


@admin.register(Official)
class OfficialAdmin(admin.ModelAdmin):
    list_display = ["name", "title", "organization", "country"]
    list_filter = ["country__kind"]
    search_fields = ["name", "title", "organization", "aliases"]
    list_select_related = ["country"]
    autocomplete_fields = ["country"]
    readonly_fields = ["name_key", "created_at"]
    inlines = [OfficialMentionInline]


@admin.register(OfficialMention)
class OfficialMentionAdmin(admin.ModelAdmin):
    list_display = ["official", "article", "title", "organization", "country"]
    search_fields = ["official__name", "name_as_given", "title"]
    list_select_related = ["official", "article", "country"]
    autocomplete_fields = ["official", "article", "country"]
