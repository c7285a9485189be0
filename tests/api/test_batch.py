"""``POST /api/articles/batch/``: one result per item; valid items stored and queued even when others are refused."""

from __future__ import annotations

import json

import pytest

from tests.conftest import client_for, wait_for_status
from tracker.models import Article

URL = "/api/articles/batch/"


def _text(i: int) -> str:
    return f"Report {i}. Russia will supply {i} T-90 tanks to India, the defence ministry said."


@pytest.mark.django_db
def test_a_batch_with_refused_items_stores_the_others_and_says_which_is_which(api):
    items = [
        {"text": _text(1), "title": "One", "published": "2020-01-02"},
        {"text": "   "},                                    # empty
        {"text": _text(2), "url": "not a url"},            # bad field
        "just a string",                                   # not an object
        {"text": _text(3), "content_type": "text/html"},
        {"text": _text(1)},                                # the same text as item 0
        {"title": "no text"},                              # missing field
    ]
    response = api.post(URL, items, format="json")
    assert response.status_code == 422, response.content
    body = response.json()
    assert (body["created"], body["existing"], body["refused"]) == (2, 1, 4)
    results = body["results"]
    assert [r["index"] for r in results] == list(range(len(items)))
    assert results[0]["created"] is True and results[0]["status"] == "queued"
    assert results[5] == {**results[0], "index": 5, "created": False}
    assert results[1]["error"]["code"] == "empty"
    assert list(results[2]["error"]["fields"]) == ["url"]
    assert results[3]["error"]["code"] == "invalid"
    assert list(results[6]["error"]["fields"]) == ["text"]
    assert Article.objects.count() == 2
    stored = Article.objects.get(pk=results[0]["id"])
    assert (stored.title, str(stored.published), stored.metadata_source) == (
        "One", "2020-01-02", {"title": "client", "published": "client"})
    assert Article.objects.get(pk=results[4]["id"]).content_type == "text/html"


@pytest.mark.django_db
def test_a_batch_of_good_items_is_200_and_a_second_send_creates_nothing(api):
    items = [{"text": _text(i)} for i in range(5)]
    first = api.post(URL, items, format="json")
    assert first.status_code == 200 and first.json()["created"] == 5
    again = api.post(URL, items, format="json")
    assert again.status_code == 200 and (again.json()["created"], again.json()["existing"]) == (0, 5)
    assert [r["id"] for r in again.json()["results"]] == [r["id"] for r in first.json()["results"]]


@pytest.mark.django_db
def test_ndjson_lines_each_count_and_a_broken_line_is_refused_alone(api):
    body = "\n".join([json.dumps({"text": _text(1)}), "{not json", "", json.dumps({"text": _text(2)})]) + "\n"
    response = api.generic("POST", URL, body.encode(), content_type="application/x-ndjson")
    assert response.status_code == 422
    results = response.json()["results"]
    assert [("error" in r) for r in results] == [False, True, False]
    assert results[1]["error"]["code"] == "parse_error" and "Line 2" in results[1]["error"]["message"]


@pytest.mark.django_db
@pytest.mark.parametrize("body, status, field", [
    ([], 400, "items"), ({"text": "Russia sells tanks."}, 400, "items"), ("[1, 2", 400, None),
])
def test_a_batch_that_is_not_a_list_of_items_is_refused_whole(api, body, status, field):
    data = body if isinstance(body, str) else json.dumps(body)
    response = api.generic("POST", URL, data.encode(), content_type="application/json")
    assert response.status_code == status
    if field:
        assert list(response.json()["error"]["fields"]) == [field]
    assert not Article.objects.exists()


@pytest.mark.django_db
def test_the_limits_come_from_settings(api, settings):
    settings.BATCH_MAX_ITEMS = 3
    response = api.post(URL, [{"text": _text(i)} for i in range(4)], format="json")
    assert response.status_code == 400 and "at most 3" in response.json()["error"]["message"]
    settings.BATCH_MAX_BYTES = 100
    response = api.post(URL, [{"text": _text(i)} for i in range(2)], format="json")
    assert response.status_code == 413
    assert not Article.objects.exists()


@pytest.mark.django_db
def test_a_reader_cannot_submit_a_batch(reader):
    assert client_for(reader).post(URL, [{"text": _text(1)}], format="json").status_code == 403


@pytest.mark.worker
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_every_stored_item_of_a_batch_is_parsed_by_the_worker(celery_worker_process, submitter):
    api = client_for(submitter)
    items = [{"text": _text(i)} for i in range(6)] + [{"text": "12345"}]
    response = api.post(URL, items, format="json")
    assert response.status_code == 422
    urls = [r["url"] for r in response.json()["results"] if "url" in r]
    assert len(urls) == 6
    for url in urls:
        assert wait_for_status(api, url, timeout=120)["status"] == "parsed"
