"""/healthz and /readyz with PostgreSQL, Redis and workers up or not (Redis stopped: tests/faults)."""

from __future__ import annotations

import time

import pytest

from tracker.monitoring import heartbeat

pytestmark = pytest.mark.django_db


def test_healthz_says_the_process_is_up(client):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.json() == {"ok": True}


def test_not_ready_without_a_live_worker(client, own_queue):
    response = client.get("/readyz")
    assert response.status_code == 503
    body = response.json()
    assert body["down"] == ["workers"]
    assert body["checks"]["postgresql"] == {"ok": True} and body["checks"]["redis"] == {"ok": True}
    assert "no worker" in body["checks"]["workers"]["error"]


def test_ready_with_a_heartbeat_and_not_once_it_expires(client, own_queue, settings):
    settings.WORKER_HEARTBEAT_SECONDS = 1
    from tracker.monitoring import redis as metrics_redis

    heartbeat.beat("w@test")
    response = client.get("/readyz")
    assert response.status_code == 200, response.json()
    assert response.json() == {"ready": True, "down": [],
                               "checks": {"postgresql": {"ok": True}, "redis": {"ok": True},
                                          "workers": {"ok": True, "live": 1}}}
    # Three missed beats (by Redis's clock) and the worker is gone.
    metrics_redis.client().pexpire(metrics_redis.prefix() + "worker:w@test", 1)
    time.sleep(0.05)
    assert client.get("/readyz").status_code == 503


@pytest.mark.worker
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_real_worker_keeps_the_service_ready(client, celery_worker_process):
    # The session worker beats on the default queue, the one these settings name.
    deadline = time.monotonic() + 30
    while (response := client.get("/readyz")).status_code != 200:
        assert time.monotonic() < deadline, response.json()
        time.sleep(0.2)
    assert response.json()["checks"]["workers"]["live"] >= 1
    names = [w.hostname for w in heartbeat.live_workers()]
    assert any(name.startswith("test-") for name in names), names
