"""/readyz with Redis stopped: 503 naming Redis; 200 again once Redis and a worker's heartbeat are back."""

from __future__ import annotations

import time

import pytest
from django.test import Client

from tests.faults.conftest import wait_until

pytestmark = [pytest.mark.faults, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_readiness_names_redis_while_it_is_stopped_and_recovers(redis_server, start_worker, settings):
    # One-second heartbeats (three missed and a worker is gone): the key a worker
    # wrote before the outage has expired by the time Redis is back, so 200
    # again means the worker itself came back and beat.
    settings.WORKER_HEARTBEAT_SECONDS = 1
    start_worker(env={"WORKER_HEARTBEAT_SECONDS": "1"})
    client = Client()
    wait_until(lambda: client.get("/readyz").status_code == 200, timeout=30, what="/readyz to be ready")

    redis_server.stop()
    response = client.get("/readyz")
    assert response.status_code == 503
    body = response.json()
    assert "redis" in body["down"] and body["ready"] is False
    assert body["checks"]["postgresql"] == {"ok": True}
    assert body["checks"]["redis"]["ok"] is False and body["checks"]["redis"]["error"]
    assert body["checks"]["workers"]["ok"] is False  # cannot be seen without Redis
    # /metrics still answers, saying Redis could not be read.
    metrics = client.get("/metrics").content.decode()
    assert 'tracker_dependency_up{dependency="redis"} 0.0' in metrics
    assert 'tracker_dependency_up{dependency="postgresql"} 1.0' in metrics
    time.sleep(4)  # an outage longer than three heartbeats

    redis_server.start()
    body = wait_until(lambda: (r := client.get("/readyz")).status_code == 200 and r.json(), timeout=60,
                      what="/readyz to be ready again after Redis came back")
    assert body == {"ready": True, "down": [], "checks": {"postgresql": {"ok": True}, "redis": {"ok": True},
                                                         "workers": {"ok": True, "live": 1}}}
