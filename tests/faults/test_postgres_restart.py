"""PostgreSQL restarted while a worker is parsing: the task retries and the article ends parsed.

The parse itself needs no database; the restart cuts the worker's connection,
so recording the result fails with an ``OperationalError``. That is a transient
error: the task is retried with backoff under the same id, takes back its own
claim, parses again and records once.
"""

from __future__ import annotations

import time

import pytest

from tests.faults.conftest import (
    article_state,
    assert_one_set_of_records,
    expected_keys,
    long_article,
    wait_for_status,
)

pytestmark = [pytest.mark.faults, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

LIMITS = {"PARSE_SOFT_TIME_LIMIT": "60", "PARSE_TIME_LIMIT": "70", "ARTICLE_STALE_SECONDS": "71"}


def test_postgres_restart_during_a_parse_is_retried_and_the_article_ends_parsed(
    api, postgres_server, start_worker
):
    # Longer than the other fault tests' article: the parse must outlast the restart.
    text = long_article(copies=6)
    expected = expected_keys(text)
    worker = start_worker(env=LIMITS)
    response = api.post("/api/articles/", text.encode(), content_type="text/plain; charset=utf-8")
    assert response.status_code == 202
    pk = response.json()["id"]

    wait_for_status(pk, ("parsing",), timeout=60)
    postgres_server.restart()
    # The restart was over before the parse: the worker still holds the article.
    assert article_state(pk)["status"] == "parsing"

    state = wait_for_status(pk, ("parsed", "failed"), timeout=180)
    assert state["status"] == "parsed", state["failure_reason"]
    assert state["attempts"] >= 2
    assert_one_set_of_records(pk, expected)
    log = worker.log()
    assert "OperationalError" in log and "Retry in" in log, log[-3000:]
    time.sleep(2)
    assert article_state(pk) == state

