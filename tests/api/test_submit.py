"""Submitting articles through the API: what is stored, what is refused, and how."""

from __future__ import annotations

import pytest

from tracker.models import Article

pytestmark = pytest.mark.django_db

TEXT = (
    "MOSCOW, May 3. /TASS/. Russia will deliver two S-400 batteries to India next year, "
    "Deputy Prime Minister Yuri Borisov said on Tuesday.\n"
)


def test_json_submission_is_stored_exactly_and_answered_at_once(api):
    response = api.post("/api/articles/", {"text": TEXT, "url": "https://example.org/a", "source": "TASS"},
                        format="json")
    assert response.status_code == 202
    body = response.json()
    article = Article.objects.get(pk=body["id"])
    assert article.raw == TEXT
    assert article.status == "queued"
    assert article.url == "https://example.org/a"
    assert article.submitted_by.username == "submitter"
    assert body["url"].endswith(f"/api/articles/{article.pk}/")
    assert response["Location"] == body["url"]


def test_same_article_twice_is_one_article(api):
    first = api.post("/api/articles/", {"text": TEXT}, format="json")
    second = api.post("/api/articles/", TEXT, content_type="text/plain")
    assert first.status_code == 202
    assert second.status_code == 200
    assert second.json() == {**first.json(), "created": False}
    assert Article.objects.count() == 1


def test_raw_html_body_is_stored_as_html(api):
    html = "<html><head><title>T</title></head><body><p>Hello <b>world</b></p></body></html>"
    response = api.post("/api/articles/", html.encode(), content_type="text/html; charset=utf-8")
    assert response.status_code == 202
    article = Article.objects.get(pk=response.json()["id"])
    assert article.raw == html
    assert article.content_type == "text/html"


def test_unauthenticated_submit_is_refused(anonymous_api):
    response = anonymous_api.post("/api/articles/", {"text": TEXT}, format="json")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "not_authenticated"
    assert Article.objects.count() == 0


@pytest.mark.parametrize(
    ("body", "content_type", "status", "code"),
    [
        (b"", "text/plain", 400, "invalid"),
        (b"   \n\t  ", "text/plain", 400, "empty"),
        (b"caf\xe9 au lait", "text/plain", 400, "parse_error"),
        (b"abc\x00def", "text/plain", 400, "binary_content"),
        (bytes(range(1, 32)) * 4, "text/plain", 400, "binary_content"),
        (b"%PDF-1.4 ...", "application/pdf", 415, "unsupported_media_type"),
        (b'{"text": 5}', "application/json", 400, "invalid"),
    ],
    ids=["empty", "whitespace", "invalid-utf8", "nul", "binary", "pdf", "json-not-text"],
)
def test_bad_input_gets_a_clear_error_and_stores_nothing(api, body, content_type, status, code):
    response = api.post("/api/articles/", body, content_type=content_type)
    assert response.status_code == status, response.content
    error = response.json()["error"]
    assert error["code"] == code
    assert error["message"]
    assert Article.objects.count() == 0


def test_body_over_the_limit_is_413(api, settings):
    settings.ARTICLE_MAX_BYTES = 1000
    response = api.post("/api/articles/", ("x" * 2000).encode(), content_type="text/plain")
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "too_large"
    assert Article.objects.count() == 0


def test_submitted_article_is_readable_with_its_status(api):
    article_id = api.post("/api/articles/", {"text": TEXT}, format="json").json()["id"]
    detail = api.get(f"/api/articles/{article_id}/").json()
    assert detail["status"] == "queued"
    assert detail["transfers"] == [] and detail["statements"] == []
    listing = api.get("/api/articles/").json()
    assert [a["id"] for a in listing["results"]] == [article_id]


def test_missing_article_is_404_in_the_error_shape(api):
    response = api.get("/api/articles/999999/")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
