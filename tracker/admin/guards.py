"""What every tracker admin page shares: only curators' POSTs write, and a vanished record is a message.

Django's admin checks the change, add and delete permissions on its own views,
but two ways in did not: an action POSTed to a list page by someone who may not
run it (Django answers with the list page again), and django-simple-history's
revert form, which checks only view-or-change permission and saves what it is
sent, with every field of the form editable even to a viewer. Here both answer 403
unless the user may change the model, and a revert saves through the same
curation service as an edit, with a history entry naming the version.

A record a re-parse or a merge deleted while a curator had it open is never
written back: the curation services raise ``RecordGone`` and the page says so.
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from simple_history.admin import SimpleHistoryAdmin

from tracker.services import curation


class GuardedAdmin(admin.ModelAdmin):
    """A model admin whose list page refuses, with 403, any action the user may not run."""

    def changelist_view(self, request: HttpRequest, extra_context: dict | None = None) -> HttpResponse:
        if request.method == "POST":
            allowed = self.get_actions(request)
            names = [name for name in request.POST.getlist("action") if name]
            if any(name not in allowed for name in names):
                raise PermissionDenied
            if not names and not self.has_change_permission(request):
                raise PermissionDenied
        return super().changelist_view(request, extra_context)

    def changeform_view(self, request: HttpRequest, object_id: str | None = None, form_url: str = "",
                        extra_context: dict | None = None) -> HttpResponse:
        # Django runs the save in a transaction; the exception rolls it all back first.
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except curation.RecordGone as exc:
            return self.gone_response(request, exc)

    def gone_response(self, request: HttpRequest, exc: curation.RecordGone) -> HttpResponse:
        messages.error(request, str(exc))
        opts = self.model._meta
        return HttpResponseRedirect(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))


class GuardedHistoryAdmin(GuardedAdmin, SimpleHistoryAdmin):
    """A model admin with history whose revert form only curators may POST."""

    def history_form_view(self, request: HttpRequest, object_id: str, version_id: str,
                          extra_context: dict | None = None) -> HttpResponse:
        if request.method != "POST":
            return super().history_form_view(request, object_id, version_id, extra_context)
        current = self.get_object(request, unquote(object_id))
        if not self.has_change_permission(request, current):
            raise PermissionDenied
        if current is None:
            return self.gone_response(request, curation.RecordGone(self.model, object_id))
        try:
            with transaction.atomic():
                return super().history_form_view(request, object_id, version_id, extra_context)
        except curation.RecordGone as exc:
            return self.gone_response(request, exc)

    @staticmethod
    def reverted_version(request: HttpRequest) -> str | None:
        """The history version a POST reverts to, when it comes from the revert form."""
        match = request.resolver_match
        if match is not None and match.url_name and match.url_name.endswith("_simple_history"):
            return str(match.args[1] if len(match.args) > 1 else match.kwargs.get("version_id", ""))
        return None

    def change_reason(self, request: HttpRequest, default: str = "edited") -> str:
        version = self.reverted_version(request)
        return f"reverted to version {version}"[:100] if version else default
