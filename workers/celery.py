"""The Celery application; configuration comes from Django settings (CELERY_*)."""

from __future__ import annotations

import logging
import os

from celery import Celery
from celery.signals import after_setup_logger

from tracker.logfields import add_fields_to_handlers

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")

app = Celery("tracker")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks(["workers"])


@after_setup_logger.connect
def _structured_fields(logger: logging.Logger, **_kwargs: object) -> None:
    """Keep Celery's log layout in the worker, with the structured fields services log (tracker.logfields)."""
    add_fields_to_handlers(logger)
