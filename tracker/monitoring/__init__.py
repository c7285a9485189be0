"""What an operator watches: Prometheus metrics, health and readiness, structured logs.

Web processes keep their own request histograms (prometheus_client, in
multiprocess mode under gunicorn); workers, which may run on other machines,
add their counters and histogram buckets to Redis (``worker_metrics``) and
announce themselves there (``heartbeat``); ``/metrics`` reads both, and the
database, when scraped.
"""
