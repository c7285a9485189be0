"""LOG_FORMAT: readable text by default; with json, one object per line with the article and task ids."""

from __future__ import annotations

import io
import json
import logging
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tracker.monitoring.logs import ContextFilter, JsonFormatter

ROOT = Path(__file__).resolve().parents[2]


def _settings_in_subprocess(env: dict[str, str], expr: str) -> subprocess.CompletedProcess:
    code = ("import os; os.environ['DJANGO_SETTINGS_MODULE'] = 'tracker.settings'; import django; django.setup(); "
            f"from django.conf import settings; print({expr})")
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env={**os.environ, **env},
                          capture_output=True, text=True)


def test_text_by_default_json_when_asked_and_a_clear_error_otherwise():
    env = {k: v for k, v in os.environ.items() if k != "LOG_FORMAT"}
    plain = subprocess.run(
        [sys.executable, "-c", "import os, logging; os.environ['DJANGO_SETTINGS_MODULE'] = 'tracker.settings'; "
                               "import django; django.setup(); logging.getLogger('t').warning('hello %s', 'there')"],
        cwd=ROOT, env=env, capture_output=True, text=True)
    line = plain.stderr.strip().splitlines()[-1]
    assert line.endswith("WARNING t: hello there") and not line.startswith("{")
    assert _settings_in_subprocess({"LOG_FORMAT": "json"}, "settings.LOG_FORMAT").stdout.strip() == "json"
    bad = _settings_in_subprocess({"LOG_FORMAT": "xml"}, "settings.LOG_FORMAT")
    assert bad.returncode != 0 and "LOG_FORMAT must be text or json, got 'xml'" in bad.stderr


def test_a_json_line_carries_the_article_and_extra_fields():
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(ContextFilter())
    log = logging.getLogger("tests.monitoring.json")
    log.addHandler(handler)
    try:
        log.warning("article %s: parsed", 7, extra={"article_id": 7, "parse_ms": 12.5})
        log.info("no article here")
        try:
            raise ValueError("multi\nline")
        except ValueError:
            log.exception("failed")
    finally:
        log.removeHandler(handler)
    lines = stream.getvalue().splitlines()
    assert len(lines) == 3  # a traceback stays inside its object
    first, second, third = (json.loads(line) for line in lines)
    assert first["message"] == "article 7: parsed" and first["article_id"] == 7 and first["parse_ms"] == 12.5
    assert first["level"] == "WARNING" and first["logger"] == "tests.monitoring.json" and "T" in first["time"]
    assert "article_id" not in second and "task_id" not in second
    assert "ValueError: multi\\nline" in lines[2] and third["message"] == "failed"


@pytest.mark.worker
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_json_logging_worker_names_the_article_and_task_on_its_lines(api, own_queue, tmp_path, settings):
    log_path, out_path = tmp_path / "worker.log", tmp_path / "worker.out"
    env = {**os.environ, "TRACKER_ENV": "test", "DATABASE_NAME": settings.DATABASES["default"]["NAME"],
           "CELERY_QUEUE": own_queue, "LOG_FORMAT": "json"}
    # Log records go to standard error; Celery prints a few lines of its own (a
    # shutdown notice) on standard output.
    with open(log_path, "wb") as log, open(out_path, "wb") as out:
        worker = subprocess.Popen(
            # --quiet: Celery prints its start-up banner (not a log record) unless told not to.
            [sys.executable, "-m", "celery", "-A", "workers.celery", "--quiet", "worker", "--concurrency=1",
             "-n", f"{own_queue}@json", "--without-mingle", "--without-gossip"],
            cwd=ROOT, env=env, stdout=out, stderr=log)
    try:
        text = (ROOT / "seeds" / "seed-000.txt").read_text(encoding="utf-8")
        response = api.post("/api/articles/", {"text": text + "\nLogged as JSON.\n"}, format="json")
        assert response.status_code == 202
        pk = response.json()["id"]
        deadline = time.monotonic() + 120
        while api.get(f"/api/articles/{pk}/").json()["status"] != "parsed":
            assert worker.poll() is None, log_path.read_text()
            assert time.monotonic() < deadline, log_path.read_text()
            time.sleep(0.2)
    finally:
        worker.terminate()
        worker.wait(timeout=60)
    lines = [line for line in log_path.read_text().splitlines() if line.strip()]
    records = [json.loads(line) for line in lines]  # every line is one JSON object
    assert any(r["message"].startswith("heartbeat every") for r in records)
    about = [r for r in records if r.get("article_id") == pk]
    assert about, lines
    assert all(r.get("task_id") for r in about)
    assert any("parsed" in r["message"] for r in about), about
