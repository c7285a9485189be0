"""A parse that cannot finish within its time limit ends failed, with the reason, and stores nothing."""

from __future__ import annotations

import pytest

from tests.faults.conftest import long_article, record_keys, wait_for_status

pytestmark = [pytest.mark.faults, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_a_parse_over_the_soft_time_limit_ends_failed_with_the_reason(api, start_worker):
    worker = start_worker(env={"PARSE_SOFT_TIME_LIMIT": "1", "PARSE_TIME_LIMIT": "30", "ARTICLE_STALE_SECONDS": "31"})
    # About three times the limit on an idle machine (six copies took one second:
    # the limit then landed after the parse, which tests/pipeline/test_tasks.py covers).
    response = api.post("/api/articles/", long_article(copies=20).encode(), content_type="text/plain")
    assert response.status_code == 202
    pk = response.json()["id"]

    state = wait_for_status(pk, ("parsed", "failed"), timeout=90)
    assert state["status"] == "failed"
    assert state["failure_reason"] == "Parsing took longer than the limit of 1 s."
    assert state["attempts"] == 1
    # Nothing half-written: a partial extraction is never stored.
    assert record_keys(pk) == {"transfers": [], "statements": [], "officials": []}
    assert "Soft time limit (1s) exceeded" in worker.log()
