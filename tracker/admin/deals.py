"""The register of deals in the admin: deals with their timeline, merges and splits, the weapons catalogue.

Every change goes through the services in ``tracker.services.deal_curation`` and
``tracker.services.weapons``: an edited deal or catalogue entry is marked
curated, and linking or loading the data file again leaves it as it is.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import BooleanField, QuerySet
from django.db.models.expressions import RawSQL
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from tracker import deals_selectors
from tracker.admin.evidence import Span, highlighted
from tracker.deals_models import Deal, DealEvent, WeaponSystem
from tracker.models import Article
from tracker.services.deal_curation import deal_merge, deal_split_event, deal_update
from tracker.services.deals import DealError
from tracker.services.weapons import weapon_system_update


def _event_evidence(event: DealEvent, text: str, *, margin: int = 200) -> SafeString:
    """The event's sentence in its article, highlighted as on the article page, with the quantity and value marked."""
    start, end = max(0, event.evidence_start - margin), min(len(text), event.evidence_end + margin)
    starts = [event.evidence_start, *(s for s in (event.quantity_start, event.value_start) if s is not None)]
    ends = [event.evidence_end, *(e for e in (event.quantity_end, event.value_end) if e is not None)]
    start, end = max(0, min(start, min(starts))), min(len(text), max(end, max(ends)))
    spans = [Span(event.evidence_start - start, event.evidence_end - start, "transfer", "", "", "the evidence")]
    for s, e, label in ((event.quantity_start, event.quantity_end, "quantity"),
                        (event.value_start, event.value_end, "value")):
        if s is not None and e is not None:
            spans.append(Span(s - start, e - start, "official", "", "", label))
    prefix, suffix = ("… " if start > 0 else ""), (" …" if end < len(text) else "")
    shifted = [Span(s.start + len(prefix), s.end + len(prefix), s.kind, s.label, s.url, s.title) for s in spans]
    return highlighted(prefix + text[start:end] + suffix, shifted)


class DealForm(forms.ModelForm):
    class Meta:
        model = Deal
        fields = ["systems", "description", "quantity", "value_amount", "value_currency", "review_state"]


@admin.register(Deal)
class DealAdmin(admin.ModelAdmin):
    form = DealForm
    list_display = ["id", "supplier", "recipient", "system_list", "status", "quantity", "value",
                    "events_count", "first_event_date", "last_event_date", "curated"]
    list_filter = ["status", "category", "review_state", "curated"]
    search_fields = ["supplier__code", "supplier__name", "recipient__code", "recipient__name", "description",
                     "systems__designation"]
    list_select_related = ["supplier", "recipient"]
    autocomplete_fields = ["systems"]
    readonly_fields = ["supplier", "recipient", "status", "category", "first_event_date", "last_event_date",
                       "events_count", "confidence", "curated", "timeline"]
    fieldsets = [
        (None, {"fields": ["supplier", "recipient", "status", "category", "first_event_date", "last_event_date",
                           "events_count", "confidence", "curated"]}),
        ("What a curator may set (the deal is then curated: linking keeps it)",
         {"fields": ["systems", "description", "quantity", "value_amount", "value_currency", "review_state"]}),
        ("Timeline", {"fields": ["timeline"]}),
    ]
    actions = ["merge"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Deal]:
        return super().get_queryset(request).prefetch_related("systems")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # deals come from articles

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_merge_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("tracker.merge_deal")

    @admin.display(description="Systems")
    def system_list(self, deal: Deal) -> str:
        return ", ".join(s.designation for s in deal.systems.all()) or deal.description

    @admin.display(description="Value")
    def value(self, deal: Deal) -> str:
        return "" if deal.value_amount is None else f"{deal.value_amount:,.0f} {deal.value_currency}"

    @admin.display(description="Events, oldest first, with the evidence in each article")
    def timeline(self, deal: Deal) -> SafeString:
        events = list(deal.events.select_related("article", "system").order_by("date", "id"))
        texts = dict(Article.objects.filter(pk__in={e.article_id for e in events}).values_list("pk", "clean_text"))
        rows = [(
            e.pk, e.date, e.status, e.quantity if e.quantity is not None else "",
            reverse("admin:tracker_article_change", args=[e.article_id]), e.article.title or e.article_id,
            "" if e.counted else " (near-duplicate; not counted)", _event_evidence(e, texts.get(e.article_id) or ""),
        ) for e in events]
        return format_html(
            '<table class="deal-timeline"><thead><tr><th>Event</th><th>Date</th><th>Status</th><th>Quantity</th>'
            "<th>Article</th><th>Evidence</th></tr></thead><tbody>{}</tbody></table>",
            format_html_join("", "<tr><td>E{}</td><td>{}</td><td>{}</td><td>{}</td><td><a href=\"{}\">{}</a>{}</td>"
                                 "<td>{}</td></tr>", rows),
        )

    def save_model(self, request: HttpRequest, obj: Deal, form: forms.Form, change: bool) -> None:
        # The systems are set by save_related; the rest of the edit goes through the service.
        deal_update(deal=obj, quantity=obj.quantity, value_amount=obj.value_amount,
                    value_currency=obj.value_currency, description=obj.description)

    def save_related(self, request: HttpRequest, form: forms.Form, formsets, change: bool) -> None:
        deal_update(deal=form.instance, systems=list(form.cleaned_data["systems"]))

    def change_view(self, request: HttpRequest, object_id: str, form_url: str = "",
                    extra_context: dict | None = None) -> HttpResponse:
        deal = self.get_object(request, object_id)
        # Split buttons for curators only, and only while the deal has an event to spare.
        events = list(deal.events.order_by("date", "id")) if deal is not None else []
        can_split = len(events) > 1 and self.has_merge_permission(request)
        extra_context = {**(extra_context or {}), "split_events": events if can_split else []}
        return super().change_view(request, object_id, form_url, extra_context)

    def get_urls(self) -> list:
        return [
            path("<path:object_id>/split/<int:event_id>/", self.admin_site.admin_view(self.split_view),
                 name="tracker_deal_split"),
            *super().get_urls(),
        ]

    def split_view(self, request: HttpRequest, object_id: str, event_id: int) -> HttpResponse:
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not self.has_merge_permission(request):
            raise PermissionDenied
        event = get_object_or_404(DealEvent, pk=event_id, deal_id=object_id)
        try:
            new = deal_split_event(event=event)
        except DealError as exc:
            messages.error(request, str(exc))
            return HttpResponseRedirect(reverse("admin:tracker_deal_change", args=[object_id]))
        messages.success(request, f"The event is now deal {new.pk}.")
        return HttpResponseRedirect(reverse("admin:tracker_deal_change", args=[new.pk]))

    @admin.action(description="Merge the selected deals into the oldest", permissions=["merge"])
    def merge(self, request: HttpRequest, queryset: QuerySet[Deal]) -> None:
        deals = list(queryset.order_by("id"))
        try:
            survivor = deal_merge(survivor=deals[0], others=deals[1:])
        except DealError as exc:
            messages.error(request, str(exc))
            return
        messages.success(request, f"{len(deals)} deals merged into deal {survivor.pk}.")


@admin.register(WeaponSystem)
class WeaponSystemAdmin(admin.ModelAdmin):
    list_display = ["designation", "category", "producer", "family", "alias_list", "curated"]
    list_filter = ["category", "curated"]
    search_fields = ["designation", "family", "producer"]
    fields = ["designation", "aliases", "category", "producer", "family", "curated"]
    readonly_fields = ["curated"]
    change_list_template = "admin/tracker/weaponsystem/change_list.html"

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False  # deals point at entries; a wrong one is corrected, not removed

    def get_search_results(self, request: HttpRequest, queryset: QuerySet, search_term: str):
        found, duplicates = super().get_search_results(request, queryset, search_term)
        if search_term:
            # Aliases too: "SA-21" finds the S-400.
            found |= queryset.filter(RawSQL(
                "EXISTS (SELECT 1 FROM unnest(tracker_weaponsystem.aliases) a WHERE a ILIKE %s)",
                [f"%{search_term}%"], output_field=BooleanField()))
        return found, duplicates

    @admin.display(description="Aliases")
    def alias_list(self, system: WeaponSystem) -> str:
        return ", ".join(system.aliases[:6]) + (" …" if len(system.aliases) > 6 else "")

    def save_model(self, request: HttpRequest, obj: WeaponSystem, form: forms.Form, change: bool) -> None:
        weapon_system_update(system=obj)

    def get_urls(self) -> list:
        return [
            path("unresolved/", self.admin_site.admin_view(self.unresolved_view),
                 name="tracker_weaponsystem_unresolved"),
            *super().get_urls(),
        ]

    def unresolved_view(self, request: HttpRequest) -> HttpResponse:
        if not self.has_view_permission(request):
            raise PermissionDenied
        context = {**self.admin_site.each_context(request), "title": "Weapon names the catalogue lacks",
                   "rows": deals_selectors.weapon_names_unresolved(), "opts": self.model._meta}
        return TemplateResponse(request, "admin/tracker/weapon_names_unresolved.html", context)
