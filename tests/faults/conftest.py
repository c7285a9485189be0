"""Tools for the fault tests: Celery workers to kill, and the test run's own Redis and PostgreSQL.

Every fault test runs real processes: ``celery worker`` subprocesses on the test
database, the Redis and PostgreSQL that ``make test`` started (``scripts/stack.sh``
exports where they live). Each test gets a Redis queue of its own, so a worker
left running by another test (the session worker of ``tests/pipeline``) never
takes its messages, and each worker runs in a process group of its own so that a
SIGKILL reaches its pool processes too.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "artifacts"
SEED = ROOT / "seeds" / "seed-000.txt"


def long_article(copies: int | None = None) -> str:
    """Copies of the seed article: by default as many as the parser reads of one
    article (``MAX_PARSE_CHARS``; it ignores the rest), which keeps a worker in
    ``parsing`` for the longest a single article can, about a second on a fast
    machine: long enough to kill it or take its database away in the middle,
    with no test hook in the task."""
    from workers.parser.pipeline import MAX_PARSE_CHARS

    seed = SEED.read_text(encoding="utf-8")
    if copies is None:
        copies = MAX_PARSE_CHARS // (len(seed) + 2)
    return "\n\n".join([seed] * copies)


# --------------------------------------------------------------------------- waiting


def wait_until(predicate: Callable[[], Any], *, timeout: float, what: str, interval: float = 0.1) -> Any:
    """Poll ``predicate`` until it returns something truthy; fail with ``what`` after ``timeout`` s."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        time.sleep(interval)


def article_state(pk: int) -> dict[str, Any]:
    """The article's row as the database has it now; survives a restarted PostgreSQL."""
    from django.db import InterfaceError, OperationalError, connections

    from tracker.models import Article

    for _ in range(100):
        try:
            return Article.objects.filter(pk=pk).values(
                "status", "attempts", "failure_reason", "claim_token", "claimed_at", "parsed_at"
            ).get()
        except (OperationalError, InterfaceError):
            connections.close_all()
            time.sleep(0.2)
    raise AssertionError("the database did not come back")


def wait_for_status(pk: int, statuses: tuple[str, ...], *, timeout: float) -> dict[str, Any]:
    return wait_until(
        lambda: (s := article_state(pk))["status"] in statuses and s,
        timeout=timeout,
        what=f"article {pk} to be {' or '.join(statuses)}",
        interval=0.05,
    )


# --------------------------------------------------------------------------- records


def record_keys(pk: int) -> dict[str, list]:
    """The article's records as comparable keys, duplicates kept (so they show)."""
    from tracker.models import OfficialMention, Statement, Transfer

    return {
        "transfers": sorted(Transfer.objects.filter(article_id=pk).values_list("supplier__code", "recipient__code")),
        "statements": sorted(Statement.objects.filter(article_id=pk).values_list("evidence_start", "evidence_end")),
        "officials": sorted(OfficialMention.objects.filter(article_id=pk).values_list("official__name_key", flat=True)),
    }


def expected_keys(text: str) -> dict[str, list]:
    """What one clean parse of ``text`` records, computed in this process."""
    from tracker.services import name_key
    from workers.parser import parse_article

    extraction = parse_article(text, content_type="text/plain")
    pairs = {(t.supplier, t.recipient) for t in extraction.transfers if t.supplier != t.recipient}
    return {
        "transfers": sorted(pairs),
        "statements": sorted({(s.start, s.end) for s in extraction.statements}),
        "officials": sorted({name_key(o.name) for o in extraction.officials if name_key(o.name)}),
    }


@pytest.fixture(scope="session")
def long_article_expected() -> tuple[str, dict[str, list]]:
    text = long_article()
    return text, expected_keys(text)


def assert_one_set_of_records(pk: int, expected: dict[str, list]) -> None:
    got = record_keys(pk)
    for kind in ("transfers", "statements"):
        assert len(got[kind]) == len(set(got[kind])), f"duplicate {kind}: {got[kind]}"
    assert got["transfers"] == expected["transfers"]
    assert got["statements"] == expected["statements"]
    assert len(got["officials"]) == len(set(got["officials"]))


# --------------------------------------------------------------------------- workers


def _children(pid: int) -> list[int]:
    out: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            out += [int(p) for p in (task / "children").read_text().split()]
        except OSError:
            pass
    return out


@dataclass
class Worker:
    """One ``celery worker`` subprocess, leader of its own process group."""

    name: str
    process: subprocess.Popen
    log_path: Path
    env: dict[str, str] = field(repr=False)

    def alive(self) -> bool:
        return self.process.poll() is None

    def pool_processes(self) -> list[int]:
        return _children(self.process.pid)

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def kill_pool_process(self) -> int:
        """SIGKILL the pool process running the task (concurrency 1, no beat: the only child)."""
        children = self.pool_processes()
        assert len(children) == 1, f"expected one pool process, found {children}"
        os.kill(children[0], signal.SIGKILL)
        return children[0]

    def kill(self) -> None:
        """SIGKILL the whole worker at once, main process and pool alike (an OOM kill, a lost machine)."""
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.process.wait(timeout=30)

    def stop(self) -> None:
        if not self.alive():
            self._reap_group()
            return
        # Cold shutdown: a test is over, nothing running needs to finish.
        os.killpg(self.process.pid, signal.SIGQUIT)
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            pass
        self._reap_group()

    def _reap_group(self) -> None:
        # Pool processes orphaned by a killed main process are still in the group.
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        if self.process.poll() is None:
            self.process.wait(timeout=30)


@pytest.fixture
def fault_queue(settings) -> str:
    """A Redis queue for this test only, used by its workers and by this process."""
    queue = f"faults-{uuid.uuid4().hex[:10]}"
    # Celery reads its configuration from the live Django settings (namespace CELERY).
    settings.CELERY_TASK_DEFAULT_QUEUE = queue
    return queue


@pytest.fixture
def start_worker(fault_queue, tmp_path, settings) -> Iterator[Callable[..., Worker]]:
    """Start workers on this test's queue and database; all are stopped at teardown."""
    started: list[Worker] = []
    ARTIFACTS.mkdir(exist_ok=True)

    def start(*, env: dict[str, str] | None = None, beat: bool = False, concurrency: int = 1,
              wait: bool = True) -> Worker:
        name = f"{fault_queue}-{len(started)}@faults"
        worker_env = {
            **os.environ,
            "TRACKER_ENV": "test",
            "DATABASE_NAME": settings.DATABASES["default"]["NAME"],
            "CELERY_QUEUE": fault_queue,
            **(env or {}),
        }
        log_path = ARTIFACTS / f"{name.split('@')[0]}.log"
        args = [sys.executable, "-m", "celery", "-A", "workers.celery", "worker", f"--concurrency={concurrency}",
                "--loglevel=INFO", "-n", name, "--without-mingle", "--without-gossip"]
        if beat:
            args += ["--beat", "--schedule", str(tmp_path / f"beat-{len(started)}")]
        with open(log_path, "ab") as log:
            process = subprocess.Popen(args, cwd=ROOT, env=worker_env, stdout=log, stderr=subprocess.STDOUT,
                                       start_new_session=True)
        worker = Worker(name=name, process=process, log_path=log_path, env=worker_env)
        started.append(worker)
        if wait:
            _wait_for_ping(worker)
        return worker

    yield start
    for worker in started:
        worker.stop()


def _wait_for_ping(worker: Worker, timeout: float = 90) -> None:
    from workers.celery import app

    deadline = time.monotonic() + timeout
    while not app.control.ping(destination=[worker.name], timeout=0.5):
        if not worker.alive():
            raise AssertionError(f"worker {worker.name} exited with {worker.process.returncode}:\n{worker.log()[-3000:]}")
        if time.monotonic() > deadline:
            raise AssertionError(f"worker {worker.name} did not answer a ping within {timeout} s")


# --------------------------------------------------------------------------- Redis and PostgreSQL


def _need(name: str) -> str:
    value = os.environ.get(name)
    if not value:
        pytest.fail(f"{name} is not set: run the fault tests through `make test` (scripts/stack.sh exports it)")
    return value


class RedisServer:
    """The test run's Redis, stopped and started with the arguments scripts/stack.sh uses."""

    def __init__(self) -> None:
        url = urlparse(_need("REDIS_URL"))
        self.port = str(url.port)
        self.password = url.password or ""
        self.dir = _need("REDIS_DATA_DIR")
        self.env = {**os.environ, "REDISCLI_AUTH": self.password}

    def ping(self) -> bool:
        return subprocess.run(["redis-cli", "-p", self.port, "ping"], capture_output=True, text=True,
                              env=self.env).stdout.strip() == "PONG"

    def stop(self) -> None:
        subprocess.run(["redis-cli", "-p", self.port, "shutdown"], capture_output=True, env=self.env)
        wait_until(lambda: not self.ping(), timeout=20, what="Redis to stop")

    def start(self) -> None:
        if self.ping():
            return
        subprocess.run(
            ["redis-server", "-", "--port", self.port, "--bind", "127.0.0.1", "--dir", self.dir, "--daemonize", "yes",
             "--pidfile", f"{self.dir}/redis.pid", "--logfile", f"{self.dir}/redis.log",
             "--appendonly", "yes", "--save", ""],
            input=f"requirepass {self.password}\n".encode() if self.password else b"",
            check=True, capture_output=True,
        )
        wait_until(self.ping, timeout=20, what="Redis to start")


class PostgresServer:
    """The test run's PostgreSQL; ``pg_ctl restart`` reuses the options in postmaster.opts."""

    def __init__(self) -> None:
        self.bindir = _need("PG_BINDIR")
        self.pgdata = _need("PGDATA_DIR")

    def _pg_ctl(self, *args: str) -> subprocess.CompletedProcess:
        command = [f"{self.bindir}/pg_ctl", "-D", self.pgdata, *args]
        if os.geteuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        return subprocess.run(command, capture_output=True, text=True)

    def restart(self) -> None:
        result = self._pg_ctl("restart", "-m", "fast", "-w", "-t", "60", "-l", f"{self.pgdata}/server.log")
        assert result.returncode == 0, result.stdout + result.stderr

    def ensure_running(self) -> None:
        if self._pg_ctl("status").returncode != 0:
            result = self._pg_ctl("start", "-w", "-t", "60", "-l", f"{self.pgdata}/server.log")
            assert result.returncode == 0, result.stdout + result.stderr


@pytest.fixture
def redis_server() -> Iterator[RedisServer]:
    server = RedisServer()
    yield server
    server.start()  # whatever the test did, the next one finds Redis up


@pytest.fixture
def postgres_server() -> Iterator[PostgresServer]:
    from django.db import connections

    server = PostgresServer()
    yield server
    server.ensure_running()
    connections.close_all()
