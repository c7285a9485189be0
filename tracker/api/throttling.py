"""Sliding-window counters in Redis, one round trip per request: the throttles and quotas.

DRF's ``SimpleRateThrottle`` keeps every request's timestamp in a pickled list
that it reads and writes back whole on each request, so its cost grows with the
rate (at 120/minute, a 120-item list twice per submission) and two web processes
can each overwrite the other's list. Here each window of ``duration`` seconds
has one counter, and the request counts the current window in full plus the
previous one in the proportion that still overlaps the last ``duration``
seconds; a counter may count units other than requests (bytes stored, rows
exported: tracker/api/quotas.py) (the estimate rate limiters at scale use: exact when requests are even,
never more than the limit in any window). ``INCRBY`` is atomic, so concurrent web
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


class SlidingWindow:
    """One sliding-window budget of ``limit`` units per ``duration`` seconds under ``key``.

    ``take(amount)`` counts ``amount`` units (a request, the bytes of an
    article, the rows of an export) when they fit and says so; when they do not,
    nothing is counted and ``wait()`` says how long until they would.
    """

    def __init__(self, key: str, *, limit: int, duration: int, now: float, cache=default_cache) -> None:
        self.key, self.limit, self.duration, self.now, self.cache = key, limit, duration, now, cache
        self.count = self.earlier = 0
        self.amount = 1
        self.elapsed = 0.0

    def take(self, amount: int = 1) -> bool:
        self.amount = amount
        window = int(self.now // self.duration)
        self.elapsed = self.now / self.duration - window  # the part of this window gone by, 0..1
        current = self.cache.make_and_validate_key(f"{self.key}:{window}")
        previous = self.cache.make_and_validate_key(f"{self.key}:{window - 1}")
        try:
            # Django's cache API has no pipeline; its Redis client does (tracker.cache).
            client = self.cache.redis_client(current)
            pipe = client.pipeline(transaction=False)
            pipe.incrby(current, amount)
            pipe.expire(current, 2 * self.duration)
            pipe.get(previous)
            self.count, _, earlier = pipe.execute()
        except UNAVAILABLE as exc:
            warn_unavailable(exc)
            return True
        self.earlier = int(earlier or 0)
        if self.earlier * (1 - self.elapsed) + self.count <= self.limit:
            return True
        # Refused units do not count against the client.
        self.give_back(amount, client=client, current=current)
        return False

    def give_back(self, amount: int, *, client=None, current: str | None = None) -> None:
        """Uncount units taken for something that did not happen after all."""
        if current is None:
            current = self.cache.make_and_validate_key(f"{self.key}:{int(self.now // self.duration)}")
        try:
            client = client or self.cache.redis_client(current)
            client.decrby(current, amount)
        except UNAVAILABLE as exc:
            warn_unavailable(exc)
        self.count -= amount

    def wait(self) -> float:
        """Seconds until ``amount`` units would fit (``Retry-After``); inf if they never can."""
        limit, amount = self.limit, self.amount
        if amount > limit:
            return float("inf")
        if self.count + amount <= limit and self.earlier:
            # Within this window, once enough of the previous one has slid out.
            needed = 1 - (limit - self.count - amount) / self.earlier
            return max(needed - self.elapsed, 0.0) * self.duration
        # This window is full: wait for the next, where it becomes the previous one.
        needed = 1 - (limit - amount) / self.count if self.count else 0.0
        return (1 - self.elapsed + max(needed, 0.0)) * self.duration


class SlidingWindowThrottle(ScopedRateThrottle):
    """``ScopedRateThrottle`` (same scopes, rates and keys) counted in a ``SlidingWindow``."""

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
        self.window = SlidingWindow(key, limit=self.num_requests, duration=self.duration, now=self.timer(),
                                    cache=self.cache)
        return self.window.take(1)

    def wait(self) -> float:
        """Seconds until the next request would be let through (``Retry-After``)."""
        return self.window.wait()
