"""The asynchronous path end to end: API, Redis, a real Celery worker, PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import wait_for_status

SEED = Path(__file__).resolve().parents[2] / "seeds" / "seed-000.txt"

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_seed_article_is_parsed_by_the_worker(api, celery_worker_process):
    response = api.post("/api/articles/", SEED.read_bytes(), content_type="text/plain; charset=utf-8")
    assert response.status_code == 202
    article = wait_for_status(api, response.json()["url"])
    assert article["status"] == "parsed", article["failure_reason"]
    assert article["title"].startswith("Russia maintains parity")

    transfers = api.get(f"/api/transfers/?article={article['id']}").json()["results"]
    pairs = {(t["supplier"]["code"], t["recipient"]["code"]) for t in transfers}
    assert {("RUS", "ARM"), ("RUS", "AZE")} <= pairs
    for t in transfers:
        assert article["clean_text"][t["evidence_start"]:t["evidence_end"]] == t["evidence"]

    statements = api.get(f"/api/statements/?article={article['id']}").json()["results"]
    speakers = {s["speaker_name"] for s in statements}
    assert {"Alexander Fomin", "Dmitry Rogozin"} <= speakers
    officials = {o["name"] for o in article["officials"]}
    assert {"Alexander Fomin", "Dmitry Rogozin", "Vladimir Putin"} <= officials


def test_an_article_the_parser_cannot_read_ends_failed_with_the_reason(api, celery_worker_process):
    # Letters enough to be accepted, but no readable article text once scripts are dropped.
    html = "<html><body><script>alert('no article here')</script></body></html>"
    response = api.post("/api/articles/", html.encode(), content_type="text/html")
    assert response.status_code == 202
    article = wait_for_status(api, response.json()["url"])
    assert article["status"] == "failed"
    assert article["failure_reason"].startswith("Parse error:")
    assert article["transfers"] == [] and article["statements"] == []


def test_reparse_through_the_api_gives_the_same_records(celery_worker_process, curator):
    from tests.conftest import client_for

    api = client_for(curator)
    text = SEED.read_text(encoding="utf-8") + "\n"
    url = api.post("/api/articles/", {"text": text}, format="json").json()["url"]
    first = wait_for_status(api, url)
    assert first["status"] == "parsed"
    assert api.post(url + "reparse/").status_code == 202
    second = wait_for_status(api, url)
    assert second["status"] == "parsed"

    def records(article):
        return (
            sorted((t["supplier"]["code"], t["recipient"]["code"], t["status"], t["evidence"]) for t in article["transfers"]),
            sorted((s["speaker_name"], s["evidence_start"], s["evidence_end"]) for s in article["statements"]),
        )

    assert records(first) == records(second)
