"""Worker liveness: each worker refreshes a Redis key that expires unless refreshed.

Written every ``WORKER_HEARTBEAT_SECONDS`` by a bootstep on the worker's own
timer (``workers/heartbeat.py``): a worker whose event loop is stuck, or whose
machine is gone, stops refreshing and its key expires after three periods.
Redis keeps the time, so the clocks of the workers' machines do not matter.
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass

from django.conf import settings

from tracker.monitoring import redis as metrics_redis

MISSED_BEATS = 3


def _key(hostname: str) -> str:
    return f"{metrics_redis.prefix()}worker:{hostname}"


def ttl_seconds() -> int:
    return settings.WORKER_HEARTBEAT_SECONDS * MISSED_BEATS


def beat(hostname: str) -> None:
    """Say this worker is alive for the next few periods (raises if Redis is away)."""
    value = json.dumps({"hostname": hostname, "pid": os.getpid(), "at": time.time()})
    metrics_redis.client().set(_key(hostname), value, ex=ttl_seconds())


def forget(hostname: str) -> None:
    """A worker shutting down cleanly stops counting as live at once."""
    metrics_redis.client().delete(_key(hostname))


@dataclass(frozen=True)
class LiveWorker:
    hostname: str
    last_beat: float  # the worker's own clock, as a Unix time
    age_seconds: float  # since its last beat, by Redis's clock


def live_workers() -> list[LiveWorker]:
    """The workers of this deployment's queue whose heartbeat has not expired (raises if Redis is away)."""
    client = metrics_redis.client()
    keys = sorted(client.scan_iter(match=_key("*"), count=500))
    if not keys:
        return []
    pipe = client.pipeline(transaction=False)
    for key in keys:
        pipe.get(key)
        pipe.pttl(key)
    answers = pipe.execute()
    workers = []
    for value, pttl in zip(answers[::2], answers[1::2], strict=True):
        if value is None or pttl < 0:  # expired between the scan and the read
            continue
        data = json.loads(value)
        workers.append(LiveWorker(hostname=data["hostname"], last_beat=data["at"],
                                  age_seconds=max(0.0, ttl_seconds() - pttl / 1000)))
    return workers
