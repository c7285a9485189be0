"""Worker-side metrics kept in Redis, so that every worker process on every machine adds to one figure.

A prometheus_client registry lives in one process; Celery's pool processes
come and go, and workers run on several machines that no scraper knows of.
Each observation is therefore added to Redis hashes (``HINCRBY``, and
``HINCRBYFLOAT`` for the sums: monotonic, as Prometheus counters must be) in
one pipelined round trip, and ``/metrics`` reads them back
(``WorkerMetricsCollector``). While Redis is away observations are dropped
with a warning; the work itself goes on.
"""

from __future__ import annotations

import bisect
import logging
from collections.abc import Iterator

from prometheus_client.core import CounterMetricFamily, HistogramMetricFamily
from prometheus_client.registry import Collector

from tracker.cache import UNAVAILABLE, warn_unavailable
from tracker.monitoring import redis as metrics_redis

logger = logging.getLogger(__name__)

# Why a parse ended ``failed``: a closed set, so that the metric's labels stay few.
FAILURE_REASONS = ("parse_error", "parser_error", "time_limit", "attempts_exhausted")
# What became of each claimed article (one count per article, batched or not).
OUTCOMES = ("parsed", "failed", "requeued", "skipped")

HISTOGRAMS = {
    # Per article; in a batch, the article's share of the batched parse.
    "parse_seconds": ("tracker_parse_duration_seconds", "Time parsing one article (wall clock)",
                      (0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 120.0)),
    "record_seconds": ("tracker_record_duration_seconds", "Time recording one article's extraction (wall clock)",
                       (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5)),
}


def _bucket_field(name: str, seconds: float) -> str:
    bounds = HISTOGRAMS[name][2]
    i = bisect.bisect_left(bounds, seconds)
    return f"le:{bounds[i]}" if i < len(bounds) else "le:+Inf"


def _send(commands: list[tuple]) -> None:
    try:
        pipe = metrics_redis.client().pipeline(transaction=False)
        for method, *args in commands:
            getattr(pipe, method)(*args)
        pipe.execute()
    except UNAVAILABLE as exc:
        warn_unavailable(exc)


def _observe(name: str, seconds: float) -> list[tuple]:
    key = metrics_redis.prefix() + "hist:" + name
    # The count is the +Inf bucket's cumulative figure, worked out when read.
    return [("hincrby", key, _bucket_field(name, seconds), 1), ("hincrbyfloat", key, "sum", seconds)]


def article_parsed(*, parse_seconds: float, record_seconds: float) -> None:
    """One article parsed and recorded."""
    _send(_observe("parse_seconds", parse_seconds) + _observe("record_seconds", record_seconds)
          + [("hincrby", metrics_redis.prefix() + "outcomes", "parsed", 1)])


def article_failed(*, reason: str, parse_seconds: float | None = None) -> None:
    """One article marked failed; ``reason`` is one of ``FAILURE_REASONS``."""
    if reason not in FAILURE_REASONS:
        raise ValueError(f"unknown failure reason {reason!r}; one of {FAILURE_REASONS}")
    commands = [("hincrby", metrics_redis.prefix() + "failures", reason, 1),
                ("hincrby", metrics_redis.prefix() + "outcomes", "failed", 1)]
    if parse_seconds is not None:
        commands += _observe("parse_seconds", parse_seconds)
    _send(commands)


def article_outcome(outcome: str, count: int = 1) -> None:
    """Articles given back to the queue (``requeued``) or found held by another delivery (``skipped``)."""
    if outcome not in OUTCOMES:
        raise ValueError(f"unknown outcome {outcome!r}; one of {OUTCOMES}")
    if count:
        _send([("hincrby", metrics_redis.prefix() + "outcomes", outcome, count)])


def _number(raw: bytes | None) -> float:
    return float(raw) if raw is not None else 0.0


class WorkerMetricsCollector(Collector):
    """Reads the workers' counters and histograms back from Redis at scrape time."""

    def collect(self) -> Iterator:
        prefix = metrics_redis.prefix()
        pipe = metrics_redis.client().pipeline(transaction=False)
        for name in HISTOGRAMS:
            pipe.hgetall(prefix + "hist:" + name)
        pipe.hgetall(prefix + "failures")
        pipe.hgetall(prefix + "outcomes")
        *hists, failures, outcomes = pipe.execute()
        for (name, (metric, doc, bounds)), raw in zip(HISTOGRAMS.items(), hists, strict=True):
            values = {k.decode(): v for k, v in raw.items()}
            cumulative, buckets = 0.0, []
            for bound in (*bounds, "+Inf"):
                cumulative += _number(values.get(f"le:{bound}"))
                buckets.append((str(float(bound)) if bound != "+Inf" else "+Inf", cumulative))
            family = HistogramMetricFamily(metric, doc)
            family.add_metric([], buckets, sum_value=_number(values.get("sum")))
            yield family
        failed = CounterMetricFamily("tracker_parse_failures", "Articles whose parse failed, by reason",
                                     labels=["reason"])
        counts = {k.decode(): v for k, v in failures.items()}
        for reason in FAILURE_REASONS:
            failed.add_metric([reason], _number(counts.get(reason)))
        yield failed
        done = CounterMetricFamily("tracker_articles_processed", "Claimed articles by what became of them",
                                   labels=["outcome"])
        counts = {k.decode(): v for k, v in outcomes.items()}
        for outcome in OUTCOMES:
            done.add_metric([outcome], _number(counts.get(outcome)))
        yield done
