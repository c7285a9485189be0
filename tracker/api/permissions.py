"""Who may do what through the API.

- reading: any signed-in user (anyone at all when ``PUBLIC_READ=true``);
- submitting articles: users with ``tracker.add_article`` (the ``submitter`` and
  ``curator`` groups);
- re-parsing: users with ``tracker.reparse_article`` (``curator``).
"""

from __future__ import annotations

from django.conf import settings
from rest_framework import permissions
from rest_framework.request import Request


class ReadPermission(permissions.BasePermission):
    """Safe methods for signed-in users, or for everyone when the data is public."""

    def has_permission(self, request: Request, view: object) -> bool:
        if request.method in permissions.SAFE_METHODS and settings.PUBLIC_READ:
            return True
        return bool(request.user and request.user.is_authenticated)


class CanSubmit(ReadPermission):
    def has_permission(self, request: Request, view: object) -> bool:
        if request.method in permissions.SAFE_METHODS:
            return super().has_permission(request, view)
        user = request.user
        return bool(user and user.is_authenticated and user.has_perm("tracker.add_article"))


class IsCurator(permissions.BasePermission):
    def has_permission(self, request: Request, view: object) -> bool:
        user = request.user
        return bool(user and user.is_authenticated and user.has_perm("tracker.reparse_article"))
