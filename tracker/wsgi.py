"""WSGI entry point (gunicorn tracker.wsgi, configured by gunicorn.conf.py)."""

import gc
import io
import json
import os

from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
_django = get_wsgi_application()


def application(environ, start_response):
    """Django, with request bodies sent chunked (no Content-Length) read in full first.

    Django reads exactly CONTENT_LENGTH bytes of a body, and a chunked request
    has none, so its body read as empty: a submission arrived as "The article
    is empty". The server has already undone the chunking; the body is read
    here up to the upload limit (413 past it) and given to Django with its length.
    """
    if not environ.get("CONTENT_LENGTH") and "chunked" in environ.get("HTTP_TRANSFER_ENCODING", "").lower():
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        body = environ["wsgi.input"].read(limit + 1)
        if len(body) > limit:
            error = {"code": "too_large", "message": f"The request body is larger than the limit of {limit} bytes.",
                     "fields": {}}
            payload = json.dumps({"error": error}).encode()
            start_response("413 Request Entity Too Large", [
                ("Content-Type", "application/json"), ("Content-Length", str(len(payload))), ("Connection", "close"),
            ])
            return [payload]
        environ["wsgi.input"] = io.BytesIO(body)
        environ["CONTENT_LENGTH"] = str(len(body))
    return _django(environ, start_response)


# The URL configuration, and with it every view, serializer and filter, is
# otherwise imported by the first request, and before the freeze below.
get_resolver().url_patterns

# Everything loaded so far (Django, DRF, the URL and model registries) lives as
# long as the process. Frozen, the collector stops walking it on every full
# collection; those walks made the slowest requests of large lists several
# times slower than the median (bench/RESULTS.md).
gc.collect()
gc.freeze()
