"""Redis stopped while articles are submitted: every one is stored and answered, and parsed later.

No article depends on a message that was never sent: the submission commits
the article first and only then tries the broker; when that fails the article
stays ``queued`` and the sweep sends it once Redis is back.
"""

from __future__ import annotations

import re
import time

import pytest

from tests.faults.conftest import SEED, article_state, wait_for_status
from tracker.models import Article

pytestmark = [pytest.mark.faults, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

# One seed article parses in well under a second; the short limits keep the wait for
# the sweep (ARTICLE_STALE_SECONDS, above the hard limit) short.
LIMITS = {"PARSE_SOFT_TIME_LIMIT": "8", "PARSE_TIME_LIMIT": "10", "ARTICLE_STALE_SECONDS": "11"}


def test_submissions_while_redis_is_down_are_stored_answered_and_parsed_later(
    api, redis_server, start_worker, settings
):
    seed = SEED.read_text(encoding="utf-8")
    texts = [f"{seed}\nEditor's note {i}: this copy was filed while the queue was down.\n" for i in range(3)]

    redis_server.stop()
    ids = []
    for text in texts:
        started = time.monotonic()
        response = api.post("/api/articles/", {"text": text, "source": "TASS"}, format="json")
        elapsed = time.monotonic() - started
        assert response.status_code == 202, response.content
        assert elapsed < 15, f"a submission took {elapsed:.1f} s with Redis down"
        body = response.json()
        assert body["status"] == "queued"
        ids.append(body["id"])
        # Answered in full: the article can be read back while Redis is still down.
        detail = api.get(body["url"])
        assert detail.status_code == 200 and detail.json()["status"] == "queued"
    assert list(Article.objects.filter(pk__in=ids).values_list("raw", flat=True).order_by("pk")) == texts
    assert not redis_server.ping()

    redis_server.start()
    # No message was ever sent for these articles; the sweep (beat, every second
    # here) sends them once they have been queued for ARTICLE_STALE_SECONDS.
    worker = start_worker(env={**LIMITS, "ARTICLE_SWEEP_SECONDS": "1"}, beat=True)
    for pk in ids:
        state = wait_for_status(pk, ("parsed", "failed"), timeout=120)
        assert state["status"] == "parsed", state["failure_reason"]
        assert state["attempts"] == 1
    # The sweep sent them; a task may have taken the others into its batch before
    # they went stale, so one to three sends, never more.
    requeued = [int(n) for n in re.findall(r"re-queued (\d+) stale articles", worker.log())]
    assert 1 <= sum(requeued) <= 3, requeued
    # The sweep does not send them again once parsed.
    time.sleep(2)
    assert all(article_state(pk)["attempts"] == 1 for pk in ids)


def test_a_worker_running_through_a_redis_outage_recovers_by_itself(api, redis_server, start_worker):
    worker = start_worker(env={**LIMITS, "ARTICLE_SWEEP_SECONDS": "1"}, beat=True)
    redis_server.stop()
    text = SEED.read_text(encoding="utf-8") + "\nFiled during a broker outage.\n"
    response = api.post("/api/articles/", {"text": text}, format="json")
    assert response.status_code == 202
    pk = response.json()["id"]
    time.sleep(2)
    assert article_state(pk)["status"] == "queued"
    redis_server.start()
    # The same worker reconnects, and its sweep sends the article.
    state = wait_for_status(pk, ("parsed", "failed"), timeout=150)
    assert state["status"] == "parsed", state["failure_reason"]
    assert worker.alive()
