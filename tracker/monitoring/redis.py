"""The Redis connection and key names shared by worker metrics and heartbeats.

Keys live beside the broker's (``REDIS_URL``) under ``tracker:<queue>:``: one
Redis may serve several deployments or test runs, each on a Celery queue of
its own (``CELERY_QUEUE``), and each sees only its own workers and counters.
"""

from __future__ import annotations

import functools
import os

import redis
from django.conf import settings


@functools.lru_cache(maxsize=1)
def _client(url: str, pid: int) -> redis.Redis:
    # Short timeouts: a scrape, a readiness probe or a task must not hang on a Redis that is away.
    return redis.Redis.from_url(url, socket_connect_timeout=1, socket_timeout=1)


def client() -> redis.Redis:
    """This process's client (a forked pool process gets its own)."""
    return _client(settings.CELERY_BROKER_URL, os.getpid())


def prefix() -> str:
    return f"tracker:{settings.CELERY_TASK_DEFAULT_QUEUE}:"
