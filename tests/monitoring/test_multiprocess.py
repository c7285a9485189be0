"""Request latency counted by every process of a real gunicorn server adds up in one /metrics."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.monitoring.conftest import samples

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.django_db

REQUESTS = 60


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.read()


def test_request_counts_from_several_web_processes_add_up(tmp_path, settings):
    port = _free_port()
    multiproc = tmp_path / "prometheus"
    multiproc.mkdir()
    env = {**os.environ, "TRACKER_ENV": "test", "DATABASE_NAME": settings.DATABASES["default"]["NAME"],
           "PROMETHEUS_MULTIPROC_DIR": str(multiproc)}
    log = open(tmp_path / "gunicorn.log", "wb")
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--config", "gunicorn.conf.py", "--bind", f"127.0.0.1:{port}",
         "--workers", "2"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                _get(base + "/healthz")
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError((tmp_path / "gunicorn.log").read_text()) from None
                time.sleep(0.2)
        # Sync workers answer one request at a time: concurrent requests reach both,
        # once both have booted (on a loaded machine the second may take a while).
        sent, pids = 1, set()  # the first probe that answered counts too
        with ThreadPoolExecutor(8) as pool:
            while len(pids) < 2 and time.monotonic() < deadline + 60:
                list(pool.map(lambda _: _get(base + "/healthz"), range(REQUESTS)))
                sent += REQUESTS
                pids = {p.name.split("_")[-1] for p in multiproc.glob("histogram_*.db")}
        assert len(pids) == 2, f"requests reached {len(pids)} process(es): {sorted(pids)}"
        for _ in range(3):  # whichever process answers the scrape reports every process's count
            got = samples(_get(base + "/metrics").decode())
            key = ("tracker_http_request_duration_seconds_count",
                   (("method", "GET"), ("status", "2xx"), ("view", "healthz")))
            assert got[key] == sent
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
