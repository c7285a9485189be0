"""One JSON shape for every API error: ``{"error": {"code", "message", "fields"}}``."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import DataError
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler
from rest_framework.views import set_rollback

from tracker.services import SubmissionError


def error_response(*, code: str, message: str, http_status: int, fields: dict | None = None) -> Response:
    return Response({"error": {"code": code, "message": message, "fields": fields or {}}}, status=http_status)


def first_message(detail: Any) -> str:
    """The first message of a DRF error detail (a string, or lists and dicts of them)."""
    if isinstance(detail, list) and detail:
        return first_message(detail[0])
    if isinstance(detail, dict) and detail:
        return first_message(next(iter(detail.values())))
    return str(detail)


def exception_handler(exc: Exception, context: dict) -> Response | None:
    if isinstance(exc, SubmissionError):
        return error_response(code=exc.code, message=str(exc), http_status=exc.status)
    if isinstance(exc, DataError):
        # A value PostgreSQL cannot take (a NUL character in a query parameter, a
        # number out of range) that no validation caught: the client's input, so
        # a 400, not a 500. Views should still validate; this is the safety net.
        set_rollback()
        return error_response(code="invalid", message="A request value is not acceptable.",
                              http_status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        fields = exc.detail if isinstance(exc.detail, dict) else {"non_field_errors": exc.detail}
        response.data = {
            "error": {"code": "invalid", "message": first_message(exc.detail), "fields": fields}
        }
    else:
        detail = getattr(exc, "detail", str(exc))
        code = getattr(detail, "code", None) or getattr(exc, "default_code", "error")
        if response.status_code == status.HTTP_413_REQUEST_ENTITY_TOO_LARGE:
            code = "too_large"
        fields = detail if isinstance(detail, dict) else {}  # a parameter named (an unknown cursor)
        response.data = {"error": {"code": str(code), "message": first_message(detail), "fields": fields}}
    return response


def not_found(request, exception=None):
    """Django's 404 for a URL no route matches: the JSON error under /api/, the HTML page elsewhere."""
    from django.http import JsonResponse
    from django.views.defaults import page_not_found

    if request.path.startswith("/api/"):
        return JsonResponse({"error": {"code": "not_found", "message": "Not found.", "fields": {}}}, status=404)
    return page_not_found(request, exception)
