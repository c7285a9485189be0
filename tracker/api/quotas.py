"""Per-account quotas: what one account (or, signed out, one address) may read, store and export.

- ``READ_RATE``: read requests (GET, HEAD) per account, DRF rate syntax; an
  article's detail counts one more per ``READ_UNIT_BYTES`` of its text;
- ``SUBMIT_BYTES_PER_DAY``: bytes of new articles per submitter in any 24 hours;
- ``EXPORT_ROWS_PER_HOUR``: CSV / JSON-lines rows per account in any hour, and
  ``EXPORT_MAX_ROWS`` rows in one export (more is refused with 400: narrow the
  filters, or page through the JSON list).

A quota that is used up answers 429 with ``Retry-After`` in the API's error
shape. Each is a sliding window in Redis (tracker/api/throttling.py); while
Redis is away they let everything through, as the submit throttle does.
"""

from __future__ import annotations

import math

from django.conf import settings
from django.db.models import QuerySet
from rest_framework import exceptions
from rest_framework.permissions import SAFE_METHODS
from rest_framework.request import Request

from tracker.api.throttling import SlidingWindow, SlidingWindowThrottle

DAY = 24 * 3600
HOUR = 3600


class QuotaExceeded(exceptions.Throttled):
    default_code = "quota_exceeded"

    def __init__(self, message: str, *, wait: float) -> None:
        super().__init__(wait=math.ceil(wait), detail=f"{message} Try again in {math.ceil(wait)} seconds.",
                         code="quota_exceeded")


class TooManyRows(exceptions.APIException):
    status_code = 400
    default_code = "too_many_rows"


class ReadThrottle(SlidingWindowThrottle):
    """``READ_RATE`` read requests per account (per address when signed out), on every API view."""

    def allow_request(self, request, view) -> bool:
        if request.method not in ("GET", "HEAD"):
            return True
        self.scope = "read"
        # Read at request time, not import time, so that a changed setting applies.
        self.num_requests, self.duration = self.parse_rate(settings.READ_RATE or None)
        if self.num_requests is None:
            return True
        self.window = SlidingWindow(self.cache_format % {"scope": "read", "ident": _ident(request)},
                                    limit=self.num_requests, duration=self.duration, now=self.timer(),
                                    cache=self.cache)
        return self.window.take(1)


def read_weight_take(request: Request, nbytes: int) -> None:
    """A large answer counts as more than one read: one more per ``READ_UNIT_BYTES`` it holds.

    A few clients reading one very large article over and over would otherwise
    take the server's time from everyone else at the price of a small page. The
    extra units never exceed the limit less one, so any article stays readable.
    """
    num_requests, duration = SlidingWindowThrottle().parse_rate(settings.READ_RATE or None)
    if num_requests is None:
        return
    extra = min(nbytes // settings.READ_UNIT_BYTES, num_requests - 1)
    if extra <= 0:
        return
    window = SlidingWindow(SlidingWindowThrottle.cache_format % {"scope": "read", "ident": _ident(request)},
                           limit=num_requests, duration=duration, now=SlidingWindowThrottle.timer())
    if not window.take(extra):
        raise QuotaExceeded(f"This account may read {num_requests} units a {duration} s (READ_RATE); a large "
                            f"article counts one more per {settings.READ_UNIT_BYTES} bytes (READ_UNIT_BYTES).",
                            wait=window.wait())


def _ident(request: Request) -> str:
    user = request.user
    if user and user.is_authenticated:
        return f"user:{user.pk}"
    return f"addr:{client_ip(request)}"

def client_ip(request) -> str | None:
    """The client's address: REMOTE_ADDR, or behind ``TRUSTED_PROXY_COUNT`` proxies the
    X-Forwarded-For entry the nearest of them added (what a client writes there itself is not trusted).

    The same rule as DRF's throttles (``NUM_PROXIES``); django-axes calls it (AXES_CLIENT_IP_CALLABLE).
    """
    count = settings.TRUSTED_PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if count and forwarded:
        addresses = [part.strip() for part in forwarded.split(",") if part.strip()]
        if addresses:
            return addresses[-min(count, len(addresses))]
    return request.META.get("REMOTE_ADDR")



def submit_bytes_take(request: Request, text: str) -> SlidingWindow | None:
    """Count an article's bytes against its submitter's day; QuotaExceeded when they do not fit.

    A text already stored costs nothing (None): submitting it again stores nothing.
    """
    return submit_bytes_take_many(request, [text])


def submit_bytes_take_many(request: Request, texts: list[str]) -> SlidingWindow | None:
    """``submit_bytes_take`` for the texts of a batch at once: the batch fits the day's quota or is refused whole."""
    from tracker.models import Article
    from tracker.services import article_content_hash

    hashes = {article_content_hash(text): text for text in texts}
    stored = set(Article.objects.filter(content_hash__in=list(hashes)).values_list("content_hash", flat=True))
    nbytes = sum(len(text.encode("utf-8", errors="surrogatepass")) for h, text in hashes.items() if h not in stored)
    if not nbytes:
        return None
    limit = settings.SUBMIT_BYTES_PER_DAY
    window = SlidingWindow(f"quota:submit-bytes:{_ident(request)}", limit=limit, duration=DAY,
                           now=SlidingWindowThrottle.timer())
    if not window.take(nbytes):
        wait = window.wait()
        if math.isinf(wait):
            raise exceptions.ValidationError("The article is larger than the daily quota of one account.")
        raise QuotaExceeded(f"This account may store {limit} bytes of articles a day (SUBMIT_BYTES_PER_DAY).",
                            wait=wait)
    return window


def submit_bytes_give_back(window: SlidingWindow | None) -> None:
    """The article was not stored after all (refused, or stored meanwhile by someone else)."""
    if window is not None:
        window.give_back(window.amount)


def export_rows_take(request: Request, queryset: QuerySet) -> int:
    """Count the rows an export will stream, before it starts; refuse it when they are too many."""
    cap = settings.EXPORT_MAX_ROWS
    # Counting stops one past the cap: an export of a million rows costs no more to refuse than one of cap + 1.
    rows = queryset.order_by().values("pk")[: cap + 1].count()
    if rows > cap:
        raise TooManyRows(f"This export has more than {cap} rows (EXPORT_MAX_ROWS); narrow the filters, "
                          "or page through the JSON list.")
    limit = settings.EXPORT_ROWS_PER_HOUR
    window = SlidingWindow(f"quota:export-rows:{_ident(request)}", limit=limit, duration=HOUR,
                           now=SlidingWindowThrottle.timer())
    if rows and not window.take(rows):
        raise QuotaExceeded(f"This account may export {limit} rows an hour (EXPORT_ROWS_PER_HOUR); "
                            f"this export has {rows}.", wait=window.wait())
    return rows
