"""A Redis cache that behaves like an empty one while Redis is away.

The cache holds nothing the service needs to be correct (throttle counters), and
Redis is also the broker, so it is the one service whose outage the API must
ride out: a submission is stored in PostgreSQL and parsed once Redis is back
(``article_requeue_stale``). Left alone, Django's Redis cache raises on every
call and the throttle turns each submission into a 500. Here a read misses and
a write is dropped instead, with a warning; throttling resumes with Redis.
"""

from __future__ import annotations

import functools
import logging
import time
from collections.abc import Callable
from typing import Any

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

_UNAVAILABLE = (RedisConnectionError, RedisTimeoutError, OSError)
_WARN_EVERY = 60.0
_last_warning = 0.0


def _warn(exc: BaseException) -> None:
    global _last_warning
    now = time.monotonic()
    if now - _last_warning >= _WARN_EVERY:
        _last_warning = now
        logger.warning("Redis cache unavailable, carrying on without it: %s", exc)


def _or(fallback: Callable[..., Any]) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    def wrap(method: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(method)
        def guarded(self: RedisCache, *args: Any, **kwargs: Any) -> Any:
            try:
                return method(self, *args, **kwargs)
            except _UNAVAILABLE as exc:
                _warn(exc)
                return fallback(*args, **kwargs)

        return guarded

    return wrap


def _default(key: str, default: Any = None, *args: Any, **kwargs: Any) -> Any:
    return default


def _missing_key(key: str, *args: Any, **kwargs: Any) -> Any:
    raise ValueError(f"Key {key!r} not found (the cache is unavailable)")


class ResilientRedisCache(RedisCache):
    add = _or(lambda *a, **k: False)(RedisCache.add)
    get = _or(_default)(RedisCache.get)
    set = _or(lambda *a, **k: None)(RedisCache.set)
    touch = _or(lambda *a, **k: False)(RedisCache.touch)
    delete = _or(lambda *a, **k: False)(RedisCache.delete)
    get_many = _or(lambda *a, **k: {})(RedisCache.get_many)
    has_key = _or(lambda *a, **k: False)(RedisCache.has_key)
    incr = _or(_missing_key)(RedisCache.incr)
    set_many = _or(lambda *a, **k: [])(RedisCache.set_many)
    delete_many = _or(lambda *a, **k: None)(RedisCache.delete_many)
    clear = _or(lambda *a, **k: False)(RedisCache.clear)
