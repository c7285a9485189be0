"""A real worker's parses and failures show in /metrics, whichever process or machine did them."""

from __future__ import annotations

import pytest

from tests.conftest import wait_for_status
from tests.monitoring.conftest import scrape
from tracker.monitoring import worker_metrics

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SEED = __import__("pathlib").Path(__file__).resolve().parents[2] / "seeds" / "seed-000.txt"


def test_parses_and_failures_of_a_real_worker_are_counted(api, client, celery_worker_process):
    before = scrape(client)
    parsed = api.post("/api/articles/", {"text": SEED.read_text(encoding="utf-8") + "\nCounted.\n"}, format="json")
    # Accepted, but no article text once the script is dropped: a parse error.
    html = "<html><body><script>alert('no article here')</script></body></html>"
    failing = api.post("/api/articles/", html.encode(), content_type="text/html")
    assert parsed.status_code == 202 and failing.status_code == 202, failing.content
    assert wait_for_status(api, parsed.json()["url"], timeout=120)["status"] == "parsed"
    failed = wait_for_status(api, failing.json()["url"], timeout=120)
    assert failed["status"] == "failed" and failed["failure_reason"].startswith("Parse error"), failed
    after = scrape(client)

    def grew(name: str, labels: tuple = ()) -> float:
        return after.get((name, labels), 0) - before.get((name, labels), 0)

    assert grew("tracker_parse_duration_seconds_count") == 2  # the failed parse was timed too
    assert grew("tracker_record_duration_seconds_count") == 1
    assert grew("tracker_parse_duration_seconds_sum") > 0
    assert grew("tracker_parse_failures_total", (("reason", "parse_error"),)) == 1
    assert grew("tracker_articles_processed_total", (("outcome", "parsed"),)) == 1
    assert after[("tracker_workers_live", ())] >= 1
    assert after[("tracker_articles", (("status", "parsed"),))] >= 1
    assert set(worker_metrics.FAILURE_REASONS) == {
        dict(labels)["reason"] for name, labels in after if name == "tracker_parse_failures_total"}
