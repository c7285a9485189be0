"""A worker killed with SIGKILL in the middle of a parse loses nothing and duplicates nothing.

Two ways to die: the pool process alone (the main process sees the loss and,
with ``task_reject_on_worker_lost``, puts the message back at once), and the
whole worker at once, main process included (nothing is left to put the message
back: the sweep finds the article ``parsing`` too long and sends it again to a
worker started afterwards). Either way the article ends parsed, with one set
of records.
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
    wait_until,
)

pytestmark = [pytest.mark.faults, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

# Short limits so that a dead worker's claim goes stale within the test; the
# stale age must stay above the hard limit (settings refuse anything else).
LIMITS = {"PARSE_SOFT_TIME_LIMIT": "15", "PARSE_TIME_LIMIT": "18", "ARTICLE_STALE_SECONDS": "19"}
# For a parse that is killed every time: only the wait for the sweep matters.
SHORT_LIMITS = {"PARSE_SOFT_TIME_LIMIT": "8", "PARSE_TIME_LIMIT": "10", "ARTICLE_STALE_SECONDS": "11"}


def _submit(api, text: str) -> int:
    response = api.post("/api/articles/", text.encode(), content_type="text/plain; charset=utf-8")
    assert response.status_code == 202, response.content
    return response.json()["id"]


def _settled(pk: int, seconds: float = 3.0) -> None:
    """Nothing happens to the parsed article afterwards: no second parse."""
    before = article_state(pk)
    time.sleep(seconds)
    assert article_state(pk) == before


def test_pool_process_killed_mid_parse_is_redelivered_and_parsed_once(api, start_worker, long_article_expected):
    text, expected = long_article_expected
    worker = start_worker(env=LIMITS)
    pk = _submit(api, text)

    wait_for_status(pk, ("parsing",), timeout=60)
    time.sleep(0.2)  # into the parse, past the claim
    killed = worker.kill_pool_process()
    assert article_state(pk)["status"] == "parsing"

    state = wait_for_status(pk, ("parsed", "failed"), timeout=120)
    assert state["status"] == "parsed", state["failure_reason"]
    # Claimed by the killed delivery, then by its redelivery; nobody else.
    assert state["attempts"] == 2
    assert_one_set_of_records(pk, expected)
    assert worker.alive() and killed not in worker.pool_processes()
    assert "WorkerLostError" in worker.log()
    _settled(pk)


def test_whole_worker_killed_mid_parse_is_swept_and_parsed_once_by_a_new_worker(
    api, start_worker, long_article_expected
):
    text, expected = long_article_expected
    first = start_worker(env=LIMITS)
    pk = _submit(api, text)

    claimed = wait_for_status(pk, ("parsing",), timeout=60)
    time.sleep(0.2)  # into the parse, past the claim
    first.kill()
    assert not first.alive() and not first.pool_processes()
    assert article_state(pk)["status"] == "parsing"

    # Its message is still unacknowledged in Redis (for the visibility timeout, an
    # hour); the sweep in the new worker's beat re-sends the article once its
    # claim is older than ARTICLE_STALE_SECONDS.
    second = start_worker(env={**LIMITS, "ARTICLE_SWEEP_SECONDS": "1"}, beat=True)
    state = wait_for_status(pk, ("parsed", "failed"), timeout=150)
    assert state["status"] == "parsed", state["failure_reason"]
    assert state["attempts"] == 2
    assert state["parsed_at"] > claimed["claimed_at"]
    assert_one_set_of_records(pk, expected)
    assert "re-queued 1 stale articles" in second.log()
    _settled(pk)


def test_a_worker_killed_in_the_middle_of_a_batch_loses_none_of_its_articles(api, start_worker):
    texts = [f"Filed by desk {i}.\n\n{long_article()}" for i in range(3)]
    expected = [expected_keys(text) for text in texts]
    # Submitted before any worker runs: a backlog of three, never tried.
    pks = [_submit(api, text) for text in texts]
    worker = start_worker(env=LIMITS)

    # The first task takes the other two into its batch: all three are parsing at once.
    wait_until(lambda: all(article_state(pk)["status"] == "parsing" for pk in pks), timeout=60,
               what="one batch of the three articles")
    time.sleep(0.2)
    worker.kill_pool_process()

    # The redelivered message parses its own article alone and gives the other two
    # back to the queue, where each is parsed alone too.
    states = [wait_for_status(pk, ("parsed", "failed"), timeout=120) for pk in pks]
    assert [s["status"] for s in states] == ["parsed"] * 3, [s["failure_reason"] for s in states]
    assert [s["attempts"] for s in states] == [2, 2, 2]
    for pk, keys in zip(pks, expected, strict=True):
        assert_one_set_of_records(pk, keys)
    assert "gave back 2 articles an earlier run had batched" in worker.log()
    _settled(pks[-1])


def test_an_article_that_kills_every_worker_ends_failed_not_in_a_loop(api, start_worker, long_article_expected):
    text, _expected = long_article_expected
    worker = start_worker(env={**SHORT_LIMITS, "ARTICLE_MAX_ATTEMPTS": "2"})
    pk = _submit(api, text)
    for attempt in (1, 2):
        wait_until_attempt(pk, attempt)
        time.sleep(0.3)
        worker.kill_pool_process()
    # The second redelivery finds the attempts used up and gives up its turn; the
    # sweep, once the claim is stale, marks the article failed.
    start_worker(env={**SHORT_LIMITS, "ARTICLE_MAX_ATTEMPTS": "2", "ARTICLE_SWEEP_SECONDS": "1"}, beat=True)
    state = wait_for_status(pk, ("parsed", "failed"), timeout=120)
    assert state["status"] == "failed"
    assert state["failure_reason"].startswith("Gave up after 2 attempts")
    assert state["attempts"] == 2


def wait_until_attempt(pk: int, attempt: int) -> None:
    wait_until(
        lambda: (s := article_state(pk))["status"] == "parsing" and s["attempts"] == attempt,
        timeout=90,
        what=f"attempt {attempt} to be parsing",
        interval=0.05,
    )
