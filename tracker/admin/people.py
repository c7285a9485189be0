"""Officials and actors in the admin, with merges of duplicates."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from tracker.models import Actor, Official, OfficialMention
from tracker.services import curation


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
