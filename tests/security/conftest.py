"""The real web server, started as ``make run`` starts it, on the test database."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import stop

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "artifacts"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def http_get(port: int, path: str, *, headers: dict[str, str] | None = None, timeout: float = 5.0):
    """One request on a fresh connection; the socket timeout is the deadline for the whole answer."""
    import http.client

    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


class WebServer:
    def __init__(self, port: int, process: subprocess.Popen) -> None:
        self.port = port
        self.process = process


@pytest.fixture(scope="session")
def web_server(django_db_setup) -> WebServer:
    """gunicorn with gunicorn.conf.py, the command line of scripts/stack.sh's ``web_start``.

    Session-scoped and started after the test database exists (pytest-django
    creates it only for a session that collects a ``django_db`` test). Data a
    test wants it to see must be committed (``transaction=True`` tests, or made
    with the blocker lifted).
    """
    from django.conf import settings

    port = free_port()
    env = {**os.environ, "DATABASE_NAME": settings.DATABASES["default"]["NAME"]}
    env.setdefault("TRACKER_ENV", "test")
    ARTIFACTS.mkdir(exist_ok=True)
    log = open(ARTIFACTS / "web.log", "ab")
    gunicorn = Path(sys.executable).with_name("gunicorn")
    process = subprocess.Popen(
        [str(gunicorn), "--config", str(ROOT / "gunicorn.conf.py"), "--bind", f"127.0.0.1:{port}",
         "--access-logfile", "-", "--error-logfile", "-"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 60
    while True:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {process.returncode}; see {log.name}")
        try:
            if http_get(port, "/healthz", timeout=2)[0] == 200:
                break
        except OSError:
            pass
        if time.monotonic() > deadline:
            process.kill()
            raise RuntimeError(f"gunicorn did not answer /healthz within 60 s; see {log.name}")
        time.sleep(0.2)
    yield WebServer(port, process)
    stop(process)
    log.close()
