"""Shared fixtures: named users, API clients, and a real Celery worker process."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "artifacts"
SHOTS = ARTIFACTS / "screenshots"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def _user_with(django_user_model, name: str, *perms: str):
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user(name, password=f"{name}-pass-123")
    for perm in perms:
        app_label, codename = perm.split(".")
        user.user_permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    return django_user_model.objects.get(pk=user.pk)  # drop the cached permissions


@pytest.fixture
def reader(django_user_model):
    """Signed in, no permissions: may read."""
    return _user_with(django_user_model, "reader")


@pytest.fixture
def submitter(django_user_model):
    """May submit articles, not curate."""
    return _user_with(django_user_model, "submitter", "tracker.add_article")


@pytest.fixture
def curator(django_user_model):
    """May submit, re-parse and curate."""
    return _user_with(django_user_model, "curator", "tracker.add_article", "tracker.reparse_article",
                      "tracker.change_statement", "tracker.change_transfer")


@pytest.fixture
def browser(monkeypatch):
    """Debian's chromium (``CHROMIUM_PATH``, installed by ``make test``) driven by Playwright; nothing is downloaded."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"No browser at {CHROMIUM}: `make test` installs Debian's chromium (as root), "
                    "or set CHROMIUM_PATH")
    # Playwright's sync API keeps an event loop in this thread; the test's own ORM
    # calls are still plain synchronous code between browser steps.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
        # Under Playwright's loop the test's ORM calls get a connection of their
        # own, which pytest-django does not know to close; left open, it would
        # keep the test database from being dropped.
        from django.db import connections

        connections.close_all()


def client_for(user):
    from rest_framework.test import APIClient

    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


@pytest.fixture
def api(submitter):
    return client_for(submitter)


@pytest.fixture
def anonymous_api():
    return client_for(None)


def stop(process: subprocess.Popen, timeout: float = 30) -> None:
    """Stop a child process: SIGTERM (a clean shutdown), then SIGKILL if it outlives ``timeout``."""
    process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


_worker_running: list[subprocess.Popen] = []  # the session's worker, once started


@pytest.fixture(scope="session")
def celery_worker_process(django_db_setup, django_db_blocker):
    """A real ``celery worker`` process on the test database and the test Redis.

    Session-scoped and started after the test database exists; stopped before it
    is dropped (fixture teardown order).
    """
    from django.conf import settings

    from workers.celery import app

    env = os.environ.copy()
    env["DATABASE_NAME"] = settings.DATABASES["default"]["NAME"]
    env.setdefault("TRACKER_ENV", "test")
    ARTIFACTS.mkdir(exist_ok=True)
    log = open(ARTIFACTS / "worker.log", "ab")
    name = f"test-{uuid.uuid4().hex[:8]}@%h"
    process = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "workers.celery", "worker", "--concurrency=1",
         "--loglevel=INFO", "-n", name, "--without-mingle", "--without-gossip"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"The Celery worker exited with {process.returncode}; see {log.name}")
        if app.control.ping(timeout=1.0):
            break
    else:
        process.kill()
        raise RuntimeError("The Celery worker did not answer a ping within 90 s")
    _worker_running.append(process)
    yield process
    _worker_running.clear()
    stop(process)
    log.close()


@pytest.fixture(autouse=True)
def _worker_idle_before_the_database_is_reset(request):
    """After a transactional test, while the session's worker runs, wait until it has nothing left to do.

    A parse is followed by other tasks (deal linking) that the test need not wait
    for; left running, they would hold locks on the tables the transactional
    test's teardown truncates (a deadlock), or write into the next test's rows.
    That holds for any test whose commits reach the worker, not only those that
    ask for it: a ``live_server`` test submits through the API, and the worker
    started by an earlier test parses what it queued. pytest-django's database
    fixtures are set up before this conftest's autouse fixtures, so this
    teardown runs before theirs.
    """
    yield
    marker = request.node.get_closest_marker("django_db")
    transactional = ("live_server" in request.fixturenames or "transactional_db" in request.fixturenames
                     or bool(marker and marker.kwargs.get("transaction")))
    if not (_worker_running and transactional):
        return
    from kombu.exceptions import ChannelError

    from workers.celery import app

    queue = app.conf.task_default_queue
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        # A new connection each time round: a test that restarts Redis leaves the
        # connections opened before it closed by the server.
        with app.connection_for_write() as conn:
            try:
                inspect = app.control.inspect(timeout=1.0, limit=1, connection=conn)
                busy = [t for tasks in (inspect.active() or {}).values() for t in tasks]
                busy += [t for tasks in (inspect.reserved() or {}).values() for t in tasks]
                try:
                    waiting = conn.default_channel.queue_declare(queue=queue, passive=True).message_count
                except ChannelError:  # Redis keeps no queue that nothing was ever sent to
                    waiting = 0
            except conn.connection_errors:
                busy, waiting = ["broker unreachable"], 0
        if not busy and not waiting:
            return
        time.sleep(0.2)
    raise AssertionError("the Celery worker was still busy (or its broker unreachable) 120 s after the test")


def wait_for_status(client, article_url: str, *, statuses=("parsed", "failed"), timeout: float = 60.0) -> dict:
    """Poll an article through the API until it reaches one of ``statuses``."""
    deadline = time.monotonic() + timeout
    while True:
        body = client.get(article_url).json()
        if body["status"] in statuses:
            return body
        if time.monotonic() > deadline:
            raise AssertionError(f"article still {body['status']!r} after {timeout} s")
        time.sleep(0.2)
