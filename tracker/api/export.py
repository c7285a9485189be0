"""Streaming CSV and JSON-lines export of transfers and statements.

Rows are read with a server-side cursor in chunks and written as they come, so
an export of any size runs in constant memory. CSV cells that a spreadsheet
would run as formulas are neutralised; JSON lines carry the values as stored.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from django.db.models import QuerySet
from django.http import StreamingHttpResponse
from rest_framework.renderers import BaseRenderer

CHUNK = 2000


class CSVRenderer(BaseRenderer):
    """Selects ``?format=csv``; list views stream the body themselves, errors come here."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data: Any, accepted_media_type: str | None = None, renderer_context: dict | None = None):
        return json.dumps(data, default=str).encode()


class JSONLinesRenderer(CSVRenderer):
    media_type = "application/x-ndjson"
    format = "jsonl"


# Columns as ``values()`` lookups: exports read plain tuples, not model instances,
# which is what keeps them fast (thousands of rows a second) and flat in memory.
ARTICLE_COLUMNS = {
    "article_id": "article_id",
    "article_title": "article__title",
    "article_source": "article__source",
    "article_published": "article__published",
    "article_url": "article__url",
}
TRANSFER_COLUMNS = {
    "id": "id",
    "supplier": "supplier__code",
    "supplier_name": "supplier__name",
    "recipient": "recipient__code",
    "recipient_name": "recipient__name",
    "status": "status",
    "weapons": "weapons",
    "evidence": "evidence",
    "confidence": "confidence",
    "review_state": "review_state",
    **ARTICLE_COLUMNS,
}
STATEMENT_COLUMNS = {
    "id": "id",
    "speaker": "speaker_name",
    "speaker_title": "speaker__title",
    "speaker_country": "speaker__country__code",
    "supplier": "supplier__code",
    "recipients": "recipient_codes",
    "evidence": "evidence",
    "direct_quote": "direct_quote",
    "confidence": "confidence",
    "review_state": "review_state",
    **ARTICLE_COLUMNS,
}


def transfer_rows(queryset: QuerySet) -> Iterator[dict[str, Any]]:
    names = list(TRANSFER_COLUMNS)
    lookups = list(TRANSFER_COLUMNS.values())
    for values in queryset.prefetch_related(None).values_list(*lookups).iterator(chunk_size=CHUNK):
        row = dict(zip(names, values, strict=True))
        row["weapons"] = "; ".join(row["weapons"] or [])
        row["article_published"] = row["article_published"].isoformat() if row["article_published"] else ""
        yield row


def statement_rows(queryset: QuerySet) -> Iterator[dict[str, Any]]:
    from django.contrib.postgres.expressions import ArraySubquery
    from django.db.models import OuterRef

    from tracker.models import Statement

    codes = (
        Statement.recipients.through.objects.filter(statement_id=OuterRef("pk"))
        .order_by("actor__code")
        .values("actor__code")
    )
    names = list(STATEMENT_COLUMNS)
    lookups = list(STATEMENT_COLUMNS.values())
    queryset = queryset.prefetch_related(None).annotate(recipient_codes=ArraySubquery(codes))
    for values in queryset.values_list(*lookups).iterator(chunk_size=CHUNK):
        row = dict(zip(names, values, strict=True))
        row["recipients"] = ";".join(row["recipients"] or [])
        row["article_published"] = row["article_published"].isoformat() if row["article_published"] else ""
        for key in ("speaker_title", "speaker_country", "supplier", "article_url"):
            row[key] = row[key] or ""
        yield row


# A spreadsheet runs a cell that starts with one of these as a formula
# (=HYPERLINK(...), @SUM(...), =cmd|...); article text, titles and the submitted
# source are anyone's words. OWASP's advice: prefix such cells with a quote.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any) -> Any:
    """``value`` made safe to open in a spreadsheet; numbers and other cells unchanged."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _csv_lines(rows: Iterable[dict[str, Any]]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = None
    for row in rows:
        if writer is None:
            writer = csv.DictWriter(buffer, fieldnames=list(row))
            writer.writeheader()
        writer.writerow({key: csv_cell(value) for key, value in row.items()})
        if buffer.tell() > 64 * 1024:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def _jsonl_lines(rows: Iterable[dict[str, Any]]) -> Iterator[str]:
    for row in rows:
        yield json.dumps(row, ensure_ascii=False) + "\n"


def stream_export(
    queryset: QuerySet, *, rows: Callable[[QuerySet], Iterator[dict]], fmt: str, name: str
) -> StreamingHttpResponse:
    rows = rows(queryset)
    if fmt == "csv":
        response = StreamingHttpResponse(_csv_lines(rows), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    else:
        response = StreamingHttpResponse(_jsonl_lines(rows), content_type="application/x-ndjson; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}.jsonl"'
    return response
