"""WSGI entry point (gunicorn tracker.wsgi)."""

import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
application = get_wsgi_application()

# Everything loaded so far (Django, DRF, the URL and model registries) lives as
# long as the process. Frozen, the collector stops walking it on every full
# collection; those walks made the slowest requests of a large list (1,000
# relation rows) take two to four times the median.
gc.collect()
gc.freeze()
