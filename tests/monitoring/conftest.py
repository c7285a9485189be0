"""Helpers for the monitoring tests: a queue (and so a Redis key space) of the test's own, and metric reading."""

from __future__ import annotations

import uuid

import pytest
from prometheus_client.parser import text_string_to_metric_families


@pytest.fixture
def own_queue(settings) -> str:
    """Worker metrics and heartbeats are kept per queue: this test's start from nothing."""
    queue = f"monitoring-{uuid.uuid4().hex[:10]}"
    settings.CELERY_TASK_DEFAULT_QUEUE = queue
    return queue


def samples(text: str) -> dict[tuple[str, tuple], float]:
    """{(sample name, sorted labels): value} of a Prometheus text exposition."""
    out = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            out[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return out


def scrape(client, **extra) -> dict[tuple[str, tuple], float]:
    response = client.get("/metrics", **extra)
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("text/plain; version=")
    return samples(response.content.decode())
