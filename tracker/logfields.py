"""Structured fields on log lines: ``logger.info("...", extra={"event": "name", "field": value})``.

A record that carries an ``event`` (a name) gets its extra fields written after
the message as `` | event=name key=value ...``, each value JSON-encoded (numbers
bare, strings quoted and escaped, no spaces outside strings), so a program reads them back with
``parse_fields`` instead of matching the wording of the message. Records
without an ``event`` are left as they are.

Django-free: the worker's logging (Celery's formatter, wrapped) and the
benchmarks use it too.
"""

from __future__ import annotations

import json
import logging
import re
from typing import Any

# What every LogRecord has: anything else on a record came in through ``extra``.
_STANDARD = frozenset(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime", "taskName"}
_SEPARATOR = " | event="
_NAME = re.compile(r"[A-Za-z_]\w*")
_FIELD = re.compile(r' ([A-Za-z_]\w*)=("(?:[^"\\]|\\.)*"|[^\s"]+)')


def fields_of(record: logging.LogRecord) -> dict[str, Any]:
    """The structured fields of a record (``event`` first), or {} when it has no event."""
    if "event" not in record.__dict__:
        return {}
    extra = {k: v for k, v in record.__dict__.items() if k not in _STANDARD and k != "event"}
    return {"event": record.__dict__["event"], **extra}


def render_fields(fields: dict[str, Any]) -> str:
    """``event=name key=value ...``: the event bare (a name), values as compact JSON (what ``parse_fields`` reads)."""
    event = str(fields.get("event", ""))
    if not _NAME.fullmatch(event):
        raise ValueError(f"a log event is a name (letters, digits, _): {event!r}")
    rest = " ".join(f"{k}={json.dumps(v, separators=(',', ':'), default=str)}"
                    for k, v in fields.items() if k != "event")
    return f"event={event} {rest}".rstrip()


def parse_fields(line: str) -> dict[str, Any] | None:
    """The fields written on one log line, or None if it carries none.

    The fields start at the first `` | event=`` after which the rest of the line
    reads as fields: a message, or a string value, that contains the separator
    does not confuse the reader.
    """
    line = line.rstrip("\n")
    at = line.find(_SEPARATOR)
    while at >= 0:
        fields = _read(line[at + len(_SEPARATOR):])
        if fields is not None:
            return fields
        at = line.find(_SEPARATOR, at + 1)
    return None


def _read(tail: str) -> dict[str, Any] | None:
    event = _NAME.match(tail)
    if event is None:
        return None
    out: dict[str, Any] = {"event": event.group()}
    pos = event.end()
    while pos < len(tail):
        m = _FIELD.match(tail, pos)
        if m is None:
            return None
        try:
            out[m.group(1)] = json.loads(m.group(2))
        except ValueError:
            return None
        pos = m.end()
    return out


class FieldsFormatter(logging.Formatter):
    """A formatter that writes a record's structured fields after its message.

    Given ``inner`` (another formatter, such as the one Celery sets up in a
    worker), it keeps that formatter's layout and adds the fields to the message,
    before any traceback.
    """

    def __init__(self, *args: Any, inner: logging.Formatter | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.inner = inner

    def format(self, record: logging.LogRecord) -> str:
        fields = fields_of(record)
        if not fields:
            return self.inner.format(record) if self.inner else super().format(record)
        msg, args = record.msg, record.args
        record.msg, record.args = f"{record.getMessage()} | {render_fields(fields)}", None
        try:
            return self.inner.format(record) if self.inner else super().format(record)
        finally:
            record.msg, record.args = msg, args


def add_fields_to_handlers(logger: logging.Logger) -> None:
    """Make every handler of ``logger`` write structured fields, keeping its own layout."""
    for handler in logger.handlers:
        if not isinstance(handler.formatter, FieldsFormatter):
            handler.setFormatter(FieldsFormatter(inner=handler.formatter or logging.Formatter()))
