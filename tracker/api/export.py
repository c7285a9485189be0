"""Streaming CSV and JSON-lines export of transfers and statements.

Rows are read with a server-side cursor in chunks and written as they come, so
an export of any size runs in constant memory.
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


def transfer_row(t) -> dict[str, Any]:
    return {
        "id": t.id,
        "supplier": t.supplier.code,
        "supplier_name": t.supplier.name,
        "recipient": t.recipient.code,
        "recipient_name": t.recipient.name,
        "status": t.status,
        "weapons": "; ".join(t.weapons),
        "evidence": t.evidence,
        "confidence": t.confidence,
        "review_state": t.review_state,
        "article_id": t.article_id,
        "article_title": t.article.title,
        "article_source": t.article.source,
        "article_published": t.article.published.isoformat() if t.article.published else "",
        "article_url": t.article.url,
    }


def statement_row(s) -> dict[str, Any]:
    return {
        "id": s.id,
        "speaker": s.speaker_name,
        "speaker_title": s.speaker.title if s.speaker else "",
        "speaker_country": s.speaker.country.code if s.speaker and s.speaker.country else "",
        "supplier": s.supplier.code if s.supplier else "",
        "recipients": ";".join(sorted(r.code for r in s.recipients.all())),
        "evidence": s.evidence,
        "direct_quote": s.direct_quote,
        "confidence": s.confidence,
        "review_state": s.review_state,
        "article_id": s.article_id,
        "article_title": s.article.title,
        "article_source": s.article.source,
        "article_published": s.article.published.isoformat() if s.article.published else "",
        "article_url": s.article.url,
    }


def _csv_lines(rows: Iterable[dict[str, Any]]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = None
    for row in rows:
        if writer is None:
            writer = csv.DictWriter(buffer, fieldnames=list(row))
            writer.writeheader()
        writer.writerow(row)
        if buffer.tell() > 64 * 1024:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def _jsonl_lines(rows: Iterable[dict[str, Any]]) -> Iterator[str]:
    for row in rows:
        yield json.dumps(row, ensure_ascii=False) + "\n"


def stream_export(queryset: QuerySet, *, to_row: Callable[[Any], dict], fmt: str, name: str) -> StreamingHttpResponse:
    rows = (to_row(obj) for obj in queryset.iterator(chunk_size=CHUNK))
    if fmt == "csv":
        response = StreamingHttpResponse(_csv_lines(rows), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    else:
        response = StreamingHttpResponse(_jsonl_lines(rows), content_type="application/x-ndjson; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}.jsonl"'
    return response
