"""The submit throttle: a sliding-window counter in Redis, one round trip per request.

DRF's ``SimpleRateThrottle`` keeps every request's timestamp in a pickled list
that it reads and writes back whole on each request, so its cost grows with the
rate (at 120/minute, a 120-item list twice per submission) and two web processes
can each overwrite the other's list. Here each window of ``duration`` seconds
has one counter, and the request counts the current window in full plus the
previous one in the proportion that still overlaps the last ``duration``
seconds (the estimate rate limiters at scale use: exact when requests are even,
never more than the limit in any window). ``INCR`` is atomic, so concurrent web
processes never lose a count.

While Redis is away requests are let through, as the cache does
(``tracker/cache.py``): the submission is what matters, and it is stored in
PostgreSQL either way.
"""

from __future__ import annotations

import time

from django.core.cache import cache as default_cache
from rest_framework.throttling import ScopedRateThrottle

from tracker.cache import UNAVAILABLE, warn_unavailable


class SlidingWindowThrottle(ScopedRateThrottle):
    """``ScopedRateThrottle`` (same scopes, rates and keys) counted in two Redis counters."""

    cache = default_cache
    timer = time.time

    def allow_request(self, request, view) -> bool:
        self.scope = getattr(view, self.scope_attr, None)
        if not self.scope:
            return True
        self.rate = self.get_rate()
        self.num_requests, self.duration = self.parse_rate(self.rate)
        if self.num_requests is None:
            return True
        key = self.get_cache_key(request, view)
        if key is None:
            return True
        self.now = self.timer()
        window = int(self.now // self.duration)
        self.elapsed = self.now / self.duration - window  # the part of this window gone by, 0..1
        current = self.cache.make_and_validate_key(f"{key}:{window}")
        previous = self.cache.make_and_validate_key(f"{key}:{window - 1}")
        try:
            # Django's cache API has no pipeline; its Redis client does (tracker.cache).
            client = self.cache.redis_client(current)
            pipe = client.pipeline(transaction=False)
            pipe.incr(current)
            pipe.expire(current, 2 * self.duration)
            pipe.get(previous)
            self.count, _, earlier = pipe.execute()
        except UNAVAILABLE as exc:
            warn_unavailable(exc)
            return True
        self.earlier = int(earlier or 0)
        if self.earlier * (1 - self.elapsed) + self.count <= self.num_requests:
            return True
        # Refused requests do not count against the client.
        try:
            client.decr(current)
        except UNAVAILABLE as exc:
            warn_unavailable(exc)
        self.count -= 1
        return False

    def wait(self) -> float:
        """Seconds until the next request would be let through (``Retry-After``)."""
        limit = self.num_requests
        if self.count < limit:
            # Within this window, once enough of the previous one has slid out.
            needed = 1 - (limit - self.count - 1) / self.earlier
            return max(needed - self.elapsed, 0.0) * self.duration
        # This window is full: wait for the next, where it becomes the previous one.
        needed = 1 - (limit - 1) / self.count if self.count else 0.0
        return (1 - self.elapsed + max(needed, 0.0)) * self.duration
