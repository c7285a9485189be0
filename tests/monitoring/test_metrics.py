"""/metrics: who may scrape it, and what it reports (real PostgreSQL and Redis)."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.monitoring.conftest import samples, scrape
from tracker import services
from tracker.models import Article
from tracker.monitoring import heartbeat, worker_metrics

pytestmark = pytest.mark.django_db


def test_loopback_may_scrape_and_other_addresses_may_not(client):
    assert client.get("/metrics").status_code == 200  # the test client comes from 127.0.0.1
    refused = client.get("/metrics", REMOTE_ADDR="203.0.113.9")
    assert refused.status_code == 403
    assert "METRICS_ALLOWED_ADDRESSES" in refused.content.decode()
    assert client.get("/metrics", REMOTE_ADDR="::1").status_code == 200


def test_allowed_networks_and_the_bearer_token(client, settings):
    settings.METRICS_ALLOWED_ADDRESSES = ["10.0.0.0/8"]
    assert client.get("/metrics", REMOTE_ADDR="10.20.30.40").status_code == 200
    assert client.get("/metrics", REMOTE_ADDR="127.0.0.1").status_code == 403
    settings.METRICS_TOKEN = "s3cret-scrape-token"
    assert client.get("/metrics", REMOTE_ADDR="203.0.113.9",
                      HTTP_AUTHORIZATION="Bearer s3cret-scrape-token").status_code == 200
    # A wrong token is refused even from an allowed address.
    assert client.get("/metrics", REMOTE_ADDR="10.20.30.40", HTTP_AUTHORIZATION="Bearer nope").status_code == 403


def test_bad_allowed_addresses_stop_the_settings_from_loading():
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-c", "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='tracker.settings'; "
                               "from django.conf import settings; settings.METRICS_TOKEN"],
        env={**__import__("os").environ, "METRICS_ALLOWED_ADDRESSES": "localhost"}, capture_output=True, text=True)
    assert result.returncode != 0
    assert "METRICS_ALLOWED_ADDRESSES must list IP addresses or networks" in result.stderr


def test_articles_by_status_come_from_the_database(client):
    for i, status in enumerate(["queued", "queued", "parsed", "failed"]):
        article = services.article_submit(text=f"Article number {i} about arms supplies to somewhere.").article
        Article.objects.filter(pk=article.pk).update(status=status)
    got = scrape(client)
    assert got[("tracker_articles", (("status", "queued"),))] == 2
    assert got[("tracker_articles", (("status", "parsed"),))] == 1
    assert got[("tracker_articles", (("status", "failed"),))] == 1
    assert got[("tracker_articles", (("status", "parsing"),))] == 0
    assert got[("tracker_dependency_up", (("dependency", "postgresql"),))] == 1
    assert got[("tracker_dependency_up", (("dependency", "redis"),))] == 1


def test_request_latency_is_counted_per_view(client, reader):
    client.force_login(reader)
    before = scrape(client)
    key = ("tracker_http_request_duration_seconds_count",
           (("method", "GET"), ("status", "2xx"), ("view", "explore:matrix")))
    for _ in range(3):
        assert client.get("/explore/").status_code == 200
    client.get("/no/such/page/")
    after = scrape(client)
    assert after[key] - before.get(key, 0) == 3
    assert after[("tracker_http_request_duration_seconds_count",
                  (("method", "GET"), ("status", "4xx"), ("view", "unresolved")))] >= 1


def test_worker_counters_and_histograms_add_up_in_redis(client, own_queue):
    worker_metrics.article_parsed(parse_seconds=0.04, record_seconds=0.003)
    worker_metrics.article_parsed(parse_seconds=0.3, record_seconds=0.003)
    worker_metrics.article_failed(reason="time_limit", parse_seconds=200.0)
    worker_metrics.article_failed(reason="parse_error")
    worker_metrics.article_outcome("requeued", 3)
    got = scrape(client)
    parse = "tracker_parse_duration_seconds"
    assert got[(parse + "_bucket", (("le", "0.05"),))] == 1
    assert got[(parse + "_bucket", (("le", "0.5"),))] == 2
    assert got[(parse + "_bucket", (("le", "120.0"),))] == 2
    assert got[(parse + "_bucket", (("le", "+Inf"),))] == 3
    assert got[(parse + "_count", ())] == 3
    assert got[(parse + "_sum", ())] == pytest.approx(200.34)
    assert got[("tracker_record_duration_seconds_count", ())] == 2
    assert got[("tracker_parse_failures_total", (("reason", "time_limit"),))] == 1
    assert got[("tracker_parse_failures_total", (("reason", "parse_error"),))] == 1
    assert got[("tracker_parse_failures_total", (("reason", "parser_error"),))] == 0
    assert got[("tracker_articles_processed_total", (("outcome", "parsed"),))] == 2
    assert got[("tracker_articles_processed_total", (("outcome", "failed"),))] == 2
    assert got[("tracker_articles_processed_total", (("outcome", "requeued"),))] == 3
    with pytest.raises(ValueError):
        worker_metrics.article_failed(reason="bad luck")


def test_queue_length_and_heartbeats_are_read_from_redis(client, own_queue, settings):
    from tracker.monitoring import redis as metrics_redis

    r = metrics_redis.client()
    r.rpush(own_queue, b"m1", b"m2")
    r.rpush(own_queue + "\x06\x163", b"m3")
    try:
        heartbeat.beat("w1@test")
        heartbeat.beat("w2@test")
        got = scrape(client)
        assert got[("tracker_queue_messages", (("queue", own_queue),))] == 3
        assert got[("tracker_workers_live", ())] == 2
        assert got[("tracker_worker_heartbeat_age_seconds", (("worker", "w1@test"),))] < 5
        heartbeat.forget("w2@test")
        assert scrape(client)[("tracker_workers_live", ())] == 1
    finally:
        r.delete(own_queue, own_queue + "\x06\x163")
        heartbeat.forget("w1@test")


def test_the_exposition_parses_as_prometheus_text(client):
    text = client.get("/metrics").content.decode()
    names = {name for name, _labels in samples(text)}
    assert {"tracker_articles", "tracker_queue_messages", "tracker_workers_live",
            "tracker_parse_duration_seconds_bucket", "tracker_record_duration_seconds_bucket",
            "tracker_parse_failures_total", "tracker_dependency_up"} <= names
    assert text.count("# TYPE tracker_parse_duration_seconds histogram") == 1
