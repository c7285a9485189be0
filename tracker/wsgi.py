"""WSGI entry point (gunicorn tracker.wsgi)."""

import gc
import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
application = get_wsgi_application()

# The URL configuration, and with it every view, serializer and filter, is
# otherwise imported by the first request: a quarter of what stays loaded.
get_resolver().url_patterns

# Everything loaded so far (Django, DRF, the URL and model registries) lives as
# long as the process. Frozen, the collector stops walking it on every full
# collection; those walks made the slowest requests of a large list (1,000
# relation rows) take two to four times the median, and added 50-100 ms to
# one request in twenty of a speaker search.
gc.collect()
gc.freeze()
