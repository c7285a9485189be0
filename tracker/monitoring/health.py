"""``/healthz``: the process answers. ``/readyz``: it can do its work (PostgreSQL, Redis, a live worker).

Readiness answers 503 naming what is down, so that a load balancer stops
sending traffic and an operator sees why. While Redis is away the workers
cannot be seen either: they are reported unknown, and down.
"""

from __future__ import annotations

from django.db import DatabaseError, connection
from django.http import HttpRequest, JsonResponse

from tracker.cache import UNAVAILABLE
from tracker.monitoring import heartbeat
from tracker.monitoring import redis as metrics_redis


def healthz(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"ok": True})


def _postgresql() -> dict:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError as exc:
        # A broken connection is dropped, so the next probe reconnects.
        connection.close_if_unusable_or_obsolete()
        return {"ok": False, "error": str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__}
    return {"ok": True}


def _redis() -> dict:
    try:
        metrics_redis.client().ping()
    except UNAVAILABLE as exc:
        return {"ok": False, "error": str(exc) or type(exc).__name__}
    return {"ok": True}


def _workers(redis_ok: bool) -> dict:
    if not redis_ok:
        return {"ok": False, "error": "unknown: workers announce themselves in Redis, which is down"}
    try:
        live = heartbeat.live_workers()
    except UNAVAILABLE as exc:
        return {"ok": False, "error": str(exc) or type(exc).__name__}
    if not live:
        return {"ok": False, "live": 0, "error": "no worker has sent a heartbeat recently"}
    return {"ok": True, "live": len(live)}


def readyz(request: HttpRequest) -> JsonResponse:
    checks = {"postgresql": _postgresql(), "redis": _redis()}
    checks["workers"] = _workers(checks["redis"]["ok"])
    down = [name for name, check in checks.items() if not check["ok"]]
    body = {"ready": not down, "down": down, "checks": checks}
    return JsonResponse(body, status=503 if down else 200)
