"""``POST /api/articles/batch/``: reading a batch (a JSON array or NDJSON) and answering it item by item."""

from __future__ import annotations

from collections.abc import Callable

import orjson
from django.conf import settings
from rest_framework import exceptions
from rest_framework.parsers import BaseParser

from tracker.api.errors import first_message
from tracker.api.parsers import read_limited
from tracker.api.serializers import ArticleSubmitSerializer
from tracker.services import SubmissionError
from tracker.services.batch import BatchItem, BatchOutcome


class _Unreadable:
    """An NDJSON line that is not JSON: an error for that item alone."""

    def __init__(self, message: str) -> None:
        self.message = message


class BatchJSONParser(BaseParser):
    """A JSON array of submissions, read up to ``BATCH_MAX_BYTES``."""

    media_type = "application/json"

    def parse(self, stream, media_type=None, parser_context=None):
        data = read_limited(stream, limit=settings.BATCH_MAX_BYTES)
        try:
            return orjson.loads(data)
        except orjson.JSONDecodeError as exc:
            raise exceptions.ParseError(f"The body is not valid JSON: {exc}") from None


class NDJSONParser(BaseParser):
    """One JSON object a line (blank lines skipped); a line that is not JSON is refused on its own."""

    media_type = "application/x-ndjson"

    def parse(self, stream, media_type=None, parser_context=None):
        data = read_limited(stream, limit=settings.BATCH_MAX_BYTES)
        items: list[object] = []
        for number, line in enumerate(data.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                items.append(orjson.loads(line))
            except orjson.JSONDecodeError as exc:
                items.append(_Unreadable(f"Line {number} is not valid JSON: {exc}"))
        return items


def items_from(data: object) -> list[BatchItem]:
    """Each item of the batch validated like a single submission; a batch that is not a list of
    1 to ``BATCH_MAX_ITEMS`` items is refused as a whole (400)."""
    if not isinstance(data, list):
        raise exceptions.ValidationError({"items": ["Send a JSON array of articles, or NDJSON."]})
    if not data:
        raise exceptions.ValidationError({"items": ["The batch is empty."]})
    if len(data) > settings.BATCH_MAX_ITEMS:
        raise exceptions.ValidationError(
            {"items": [f"A batch holds at most {settings.BATCH_MAX_ITEMS} articles; this one has {len(data)}."]})
    return [item_from(raw) for raw in data]


def item_from(raw: object) -> BatchItem:
    """One item validated as ``POST /api/articles/`` validates its body (the import command uses it too)."""
    if isinstance(raw, _Unreadable):
        return BatchItem(error=SubmissionError(raw.message, code="parse_error"))
    if not isinstance(raw, dict):
        return BatchItem(error=SubmissionError("Each item must be a JSON object.", code="invalid"))
    serializer = ArticleSubmitSerializer(data=raw)
    if serializer.is_valid():
        return BatchItem(values=serializer.submission())
    return BatchItem(error=SubmissionError(first_message(serializer.errors), code="invalid"),
                     fields=serializer.errors)


def result_body(outcomes: list[BatchOutcome], *, submit_result: Callable) -> dict:
    results, created, existing, refused = [], 0, 0, 0
    for index, outcome in enumerate(outcomes):
        if outcome.result is not None:
            created += outcome.result.created
            existing += not outcome.result.created
            results.append({"index": index, **submit_result(outcome.result)})
        else:
            refused += 1
            error = outcome.error
            results.append({"index": index, "error": {"code": error.code, "message": str(error),
                                                      "fields": outcome.fields or {}}})
    return {"created": created, "existing": existing, "refused": refused, "results": results}
