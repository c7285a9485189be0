"""Who may see the explore pages: the API's readers.

Signed-in users (an admin session, or an API token in ``Authorization: Token``),
or everyone when ``PUBLIC_READ=true``. Anyone else is sent to the admin's
sign-in page and brought back.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from rest_framework.authentication import TokenAuthentication
from rest_framework.exceptions import AuthenticationFailed

from tracker.explore.rendering import route


def reader_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        if not request.user.is_authenticated:
            try:
                found = TokenAuthentication().authenticate(request)
            except AuthenticationFailed as exc:
                return HttpResponse(str(exc.detail), status=401, content_type="text/plain; charset=utf-8")
            if found is not None:
                request.user = found[0]
        if not (settings.PUBLIC_READ or request.user.is_authenticated):
            return redirect_to_login(request.get_full_path(), login_url=reverse("admin:login"))
        return view(request, *args, **kwargs)

    return wrapped


def article_url(request: HttpRequest) -> Callable[[int], str]:
    """Where an article's evidence is read in full, by article id: its admin page for staff who may
    view it, else the API. The reader's permission is looked up and the route reversed once."""
    user = request.user
    if user.is_authenticated and user.is_staff and user.has_perm("tracker.view_article"):
        return route("admin:tracker_article_change", 1)
    return route("article-detail", 1)
