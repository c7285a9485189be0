"""``/metrics`` in Prometheus text format, for operators only.

- request latency per view: a histogram in each web process; under gunicorn
  ``PROMETHEUS_MULTIPROC_DIR`` (set by scripts/stack.sh) makes prometheus_client
  keep it in files that every process of the server adds up at scrape time;
- articles by status: counted in PostgreSQL at scrape time;
- queue length, worker heartbeats, parse and record durations and parse
  failures: read from Redis, where every worker adds to them
  (``worker_metrics``, ``heartbeat``). These are the whole deployment's, so
  every web server reports the same figures: scrape one, or aggregate with ``max``.

Access: the addresses in ``METRICS_ALLOWED_ADDRESSES`` (loopback by default),
or anyone presenting ``Authorization: Bearer <METRICS_TOKEN>`` when it is set.
"""

from __future__ import annotations

import hmac
import ipaddress
import os
import time
from collections.abc import Callable, Iterator

from django.conf import settings
from django.db import DatabaseError
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from prometheus_client import REGISTRY, CollectorRegistry, Histogram, generate_latest, multiprocess
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.exposition import CONTENT_TYPE_LATEST
from prometheus_client.registry import Collector

from tracker.cache import UNAVAILABLE
from tracker.models import Article, ArticleStatus
from tracker.monitoring import heartbeat
from tracker.monitoring import redis as metrics_redis
from tracker.monitoring.worker_metrics import WorkerMetricsCollector

REQUEST_SECONDS = Histogram(
    "tracker_http_request_duration_seconds", "Time answering a request, by view, method and status class",
    ["view", "method", "status"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0),
)


class RequestMetricsMiddleware:
    """Times every request (outermost, so the whole stack is counted) under its view's URL name."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        started = time.perf_counter()
        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        # Unresolved paths (404s, static files) share one label: a scanner's
        # random URLs must not make new series.
        view = match.view_name if match else "unresolved"
        REQUEST_SECONDS.labels(view, request.method if request.method in _METHODS else "other",
                               f"{response.status_code // 100}xx").observe(time.perf_counter() - started)
        return response


_METHODS = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}
# Celery's Redis transport keeps a queue's messages in one list per priority step.
_PRIORITY_SUFFIXES = ("", "\x06\x163", "\x06\x166", "\x06\x169")


class DeploymentCollector(Collector):
    """Articles by status (PostgreSQL); queue, workers and the workers' own metrics (Redis)."""

    def collect(self) -> Iterator:
        up = GaugeMetricFamily("tracker_dependency_up", "Whether a scrape could read the dependency",
                               labels=["dependency"])
        try:
            counts = dict(Article.objects.order_by().values_list("status").annotate(n=Count("id")))
        except DatabaseError:
            up.add_metric(["postgresql"], 0)
        else:
            up.add_metric(["postgresql"], 1)
            family = GaugeMetricFamily("tracker_articles", "Articles by status", labels=["status"])
            for status in ArticleStatus.values:
                family.add_metric([status], counts.get(status, 0))
            yield family
        try:
            families = list(self._from_redis())
        except UNAVAILABLE:
            up.add_metric(["redis"], 0)
        else:
            up.add_metric(["redis"], 1)
            yield from families
        yield up

    def _from_redis(self) -> Iterator:
        client = metrics_redis.client()
        queue = settings.CELERY_TASK_DEFAULT_QUEUE
        pipe = client.pipeline(transaction=False)
        for suffix in _PRIORITY_SUFFIXES:
            pipe.llen(queue + suffix)
        pipe.hlen("unacked")
        *lengths, unacked = pipe.execute()
        waiting = GaugeMetricFamily("tracker_queue_messages", "Messages waiting in the Celery queue",
                                    labels=["queue"])
        waiting.add_metric([queue], sum(lengths))
        yield waiting
        yield GaugeMetricFamily("tracker_broker_unacked_messages",
                                "Messages delivered to a worker and not yet acknowledged (all queues)", value=unacked)
        workers = heartbeat.live_workers()
        yield GaugeMetricFamily("tracker_workers_live", "Workers whose heartbeat has not expired", value=len(workers))
        last = GaugeMetricFamily("tracker_worker_last_heartbeat_timestamp_seconds",
                                 "When each live worker last beat (its own clock)", labels=["worker"])
        age = GaugeMetricFamily("tracker_worker_heartbeat_age_seconds",
                                "Seconds since each live worker's last heartbeat", labels=["worker"])
        for worker in workers:
            last.add_metric([worker.hostname], worker.last_beat)
            age.add_metric([worker.hostname], worker.age_seconds)
        yield last
        yield age
        yield from WorkerMetricsCollector().collect()


def _networks() -> list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
    return [ipaddress.ip_network(a, strict=False) for a in settings.METRICS_ALLOWED_ADDRESSES]


def allowed(request: HttpRequest) -> bool:
    token = settings.METRICS_TOKEN
    header = request.META.get("HTTP_AUTHORIZATION", "")
    if token and header.startswith("Bearer "):
        return hmac.compare_digest(header.removeprefix("Bearer ").strip().encode(), token.encode())
    try:
        address = ipaddress.ip_address(request.META.get("REMOTE_ADDR", ""))
    except ValueError:
        return False
    return any(address in network for network in _networks())


def _process_registry() -> CollectorRegistry:
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
        return registry
    return REGISTRY


def metrics_view(request: HttpRequest) -> HttpResponse:
    if not allowed(request):
        return HttpResponse("Metrics are for operators: scrape from an address in METRICS_ALLOWED_ADDRESSES "
                            "or with the bearer token in METRICS_TOKEN.\n", status=403,
                            content_type="text/plain; charset=utf-8")
    deployment = CollectorRegistry()
    deployment.register(DeploymentCollector())
    body = generate_latest(_process_registry()) + generate_latest(deployment)
    return HttpResponse(body, content_type=CONTENT_TYPE_LATEST)
