"""The Celery application; configuration comes from Django settings (CELERY_*)."""

from __future__ import annotations

import logging
import logging.config
import os

from celery import Celery
from celery.signals import after_setup_logger, celeryd_init, setup_logging

from tracker.logfields import add_fields_to_handlers
from workers.heartbeat import Heartbeat

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")

from django.conf import settings  # noqa: E402  (after the settings module is named)

app = Celery("tracker")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks(["workers"])
# Each worker announces itself in Redis (/readyz, /metrics).
app.steps["consumer"].add(Heartbeat)


def _django_logging(**_kwargs: object) -> None:
    """Log as the web processes do (settings.LOGGING: one JSON object per line with the
    article and task ids) instead of in Celery's own format, so one log pipeline reads both."""
    logging.config.dictConfig(settings.LOGGING)
    # Warnings become log records too (Django does the same in web processes).
    logging.captureWarnings(True)


# With LOG_FORMAT=json; otherwise the worker keeps Celery's readable lines, which
# name the pool process, with the structured fields services log (tracker.logfields).
# celeryd_init comes first, before the worker's own start-up warnings (running as
# root, say), which are then JSON lines as well.
if settings.LOG_FORMAT == "json":
    celeryd_init.connect(_django_logging)
    setup_logging.connect(_django_logging)
else:
    @after_setup_logger.connect
    def _structured_fields(logger: logging.Logger, **_kwargs: object) -> None:
        """Keep Celery's log layout in the worker, with the structured fields services log."""
        add_fields_to_handlers(logger)
