"""Log records with the article and Celery task they concern; one JSON object per line with ``LOG_FORMAT=json``.

``ContextFilter`` adds ``task_id`` (the Celery task running in this process,
if any) and ``article_id`` to every record: a log call may name the article
itself (``extra={"article_id": pk}``, as a batch does for each of its
articles); otherwise, inside a parse task, it is the task's own article.
"""

from __future__ import annotations

import logging
from typing import Any

from pythonjsonlogger.json import JsonFormatter as _JsonFormatter

# Tasks whose first argument is an article's primary key.
ARTICLE_TASKS = frozenset({"workers.tasks.article_parse"})


def _current_task() -> Any:
    from celery._state import get_current_task

    return get_current_task()


class ContextFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        task = _current_task()
        request = getattr(task, "request", None) if task is not None else None
        if getattr(record, "task_id", None) is None:
            record.task_id = getattr(request, "id", None)
        if getattr(record, "article_id", None) is None:
            record.article_id = None
            if request is not None and task.name in ARTICLE_TASKS:
                args, kwargs = request.args or (), request.kwargs or {}
                record.article_id = kwargs.get("article_id", args[0] if args else None)
        return True


class JsonFormatter(_JsonFormatter):
    """One JSON object per line: time, level, logger, message, article and task ids, and any extra fields."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("fmt", "%(levelname)s %(name)s %(message)s %(process)d")
        kwargs.setdefault("rename_fields", {"levelname": "level", "name": "logger"})
        kwargs.setdefault("timestamp", "time")  # ISO 8601, UTC
        super().__init__(*args, **kwargs)

    def add_fields(self, log_data: dict, record: logging.LogRecord, message_dict: dict) -> None:
        super().add_fields(log_data, record, message_dict)
        # Present only where there is one: a web request's lines carry neither.
        for name in ("article_id", "task_id"):
            if log_data.get(name) is None:
                log_data.pop(name, None)
