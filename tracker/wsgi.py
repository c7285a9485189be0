"""WSGI entry point (gunicorn tracker.wsgi)."""

import gc
import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
application = get_wsgi_application()

# The URL configuration, and with it every view, serializer and filter, is
# otherwise imported by the first request, and before the freeze below.
get_resolver().url_patterns

# Everything loaded so far (Django, DRF, the URL and model registries) lives as
# long as the process. Frozen, the collector stops walking it on every full
# collection; those walks made the slowest requests of large lists several
# times slower than the median (bench/RESULTS.md).
gc.collect()
gc.freeze()
