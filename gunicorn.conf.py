"""gunicorn settings: the one place the web server is configured.

Used by ``make run`` and the benchmarks (scripts/stack.sh), the Dockerfile and
docker-compose.yml, and the test that starts the server the way ``make run``
does (tests/security/test_slow_clients.py). The command line adds only
``--bind`` and the log files. Environment variables tune it: ``WEB_WORKERS``
(processes), ``WEB_THREADS`` (requests each process serves at once),
``WEB_HEADER_TIMEOUT``, ``WEB_IO_TIMEOUT``, ``WEB_KEEPALIVE`` (seconds).

Slow clients: the worker (tracker/webserver.py) reads request heads in its
event loop, so idle and slow-header connections hold no thread and are closed
after ``WEB_HEADER_TIMEOUT``; bodies and responses are read and written with a
socket timeout. A client that reads a large response slowly still holds a
thread while it lasts: in production a buffering proxy goes in front (README,
"Deployment").
"""

from __future__ import annotations

import os


def _int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    try:
        return int(raw) if raw else default
    except ValueError:
        raise SystemExit(f"{name} must be an integer, got {raw!r}") from None


wsgi_app = "tracker.wsgi"
bind = [os.environ.get("WEB_BIND", "127.0.0.1:8000")]
workers = _int("WEB_WORKERS", 2)
worker_class = "tracker.webserver.HeaderBufferingWorker"
# Threads are what a slow reader of a large response holds; each costs a stack
# and, while it serves, a database connection.
threads = _int("WEB_THREADS", 64)
worker_connections = 1000
# gthread's main loop reports to the arbiter whatever its threads do, so this is
# how long a hung process (not a slow request) lives before it is replaced.
timeout = 60
graceful_timeout = 30
keepalive = _int("WEB_KEEPALIVE", 5)
# Request line and headers: gunicorn refuses anything bigger with 400.
limit_request_line = 4094
limit_request_fields = 50
limit_request_field_size = 8190

HEADER_TIMEOUT = _int("WEB_HEADER_TIMEOUT", 10)
IO_TIMEOUT = _int("WEB_IO_TIMEOUT", 60)


def post_worker_init(worker) -> None:
    worker.header_timeout = HEADER_TIMEOUT
    worker.io_timeout = IO_TIMEOUT
