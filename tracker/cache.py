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

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

UNAVAILABLE = (RedisConnectionError, RedisTimeoutError, OSError)
_WARN_EVERY = 60.0
_last_warning = 0.0


def warn_unavailable(exc: BaseException) -> None:
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
            except UNAVAILABLE as exc:
                warn_unavailable(exc)
                return fallback(*args, **kwargs)

        return guarded

    return wrap


def _default(key: str, default: Any = None, *args: Any, **kwargs: Any) -> Any:
    return default


def _missing_key(key: str, *args: Any, **kwargs: Any) -> Any:
    raise ValueError(f"Key {key!r} not found (the cache is unavailable)")


class _ReusingClient(RedisCacheClient):
    """Django builds a new ``redis.Redis`` on every cache call, which costs more
    than the round trip (mostly its response-callback table). One per pool is
    enough: it is thread-safe and takes a pooled connection per command."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict[int, Any] = {}

    def get_client(self, key: str | None = None, *, write: bool = False) -> Any:
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            client = self._clients[index] = self._client(connection_pool=self._get_connection_pool(write))
        return client


class ResilientRedisCache(RedisCache):
    def __init__(self, server: str, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._class = _ReusingClient

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

    def redis_client(self, key: str) -> Any:
        """The ``redis.Redis`` client for the server that holds ``key`` (a key already made with ``make_key``).

        For what Django's cache API lacks (a pipeline: several commands in one
        round trip). Its calls raise ``UNAVAILABLE`` while Redis is away.
        """
        return self._cache.get_client(key, write=True)
