"""One JSON shape for every API error: ``{"error": {"code", "message", "fields"}}``."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import DataError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.views import defaults
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
    response = _handle(exc, context)
    request = context.get("request")
    if response is not None and getattr(getattr(request, "accepted_renderer", None), "format", "") in ("csv", "jsonl"):
        # An export that is refused answers in JSON, with a JSON content type, not as a "CSV" of JSON.
        from drf_orjson_renderer.renderers import ORJSONRenderer

        request.accepted_renderer = ORJSONRenderer()
        request.accepted_media_type = ORJSONRenderer.media_type
    return response


def _handle(exc: Exception, context: dict) -> Response | None:
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


# Django's own answers for what never reaches a DRF view (an unknown URL, an
# exception outside the API's handler) are HTML pages; under /api/ they take
# the error shape too.
def _is_api(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


def _json(code: str, message: str, http_status: int) -> JsonResponse:
    return JsonResponse({"error": {"code": code, "message": message, "fields": {}}}, status=http_status)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    if _is_api(request):
        return _json("not_found", "Not found.", 404)
    return defaults.page_not_found(request, exception)


def server_error(request: HttpRequest) -> HttpResponse:
    if _is_api(request):
        return _json("server_error", "The server could not answer this request.", 500)
    return defaults.server_error(request)


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    if _is_api(request):
        return _json("bad_request", "The request is not acceptable.", 400)
    return defaults.bad_request(request, exception)
