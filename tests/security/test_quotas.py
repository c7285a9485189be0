"""Per-account quotas: reads a minute, bytes stored a day, export rows; 429 with Retry-After in the error shape."""

from __future__ import annotations

import pytest

from tests.conftest import client_for
from tracker.models import Actor, Article, Transfer

pytestmark = pytest.mark.django_db


def _quota_refusal(response, code: str) -> int:
    assert response.status_code == 429, response.content[:500]
    assert response["Content-Type"].startswith("application/json")
    error = response.json()["error"]
    assert error["code"] == code, error
    assert error["message"]
    wait = int(response["Retry-After"])
    assert wait >= 1
    return wait


def test_read_requests_per_minute_per_account(settings, reader, submitter):
    settings.READ_RATE = "5/minute"
    client = client_for(reader)
    for url in ["/api/transfers/", "/api/statements/", "/api/articles/", "/api/actors/", "/api/relations/"]:
        assert client.get(url).status_code == 200
    wait = _quota_refusal(client.get("/api/officials/"), "throttled")
    assert wait <= 2 * 60  # the sliding window: part of the next minute too
    # Another account is not affected.
    assert client_for(submitter).get("/api/officials/").status_code == 200


def test_a_large_article_counts_as_several_reads(settings, reader, submitter):
    settings.READ_RATE = "10/minute"
    settings.READ_UNIT_BYTES = 1000
    text = _article(7, 5500)
    article = Article.objects.create(raw=text, content_hash="e" * 64, clean_text=text, status="parsed")
    client = client_for(reader)
    assert client.get(f"/api/articles/{article.pk}/").status_code == 200  # 1 + 5
    response = client.get(f"/api/articles/{article.pk}/")
    assert "READ_UNIT_BYTES" in response.json()["error"]["message"]
    _quota_refusal(response, "quota_exceeded")
    for _ in range(3):  # the refused detail cost one read; small pages still fit
        assert client.get("/api/actors/").status_code == 200
    _quota_refusal(client.get("/api/actors/"), "throttled")
    # An article larger than the whole budget is still readable, once a window.
    settings.READ_UNIT_BYTES = 100
    assert client_for(submitter).get(f"/api/articles/{article.pk}/").status_code == 200


def test_signed_out_readers_are_counted_by_address(settings):
    settings.READ_RATE = "2/minute"
    settings.PUBLIC_READ = True
    client = client_for(None)
    headers = {"REMOTE_ADDR": "198.51.100.23"}
    assert client.get("/api/actors/", **headers).status_code == 200
    assert client.get("/api/actors/", **headers).status_code == 200
    _quota_refusal(client.get("/api/actors/", **headers), "throttled")
    assert client.get("/api/actors/", REMOTE_ADDR="198.51.100.24").status_code == 200


def _article(n: int, size: int) -> str:
    sentence = f"Russia will supply {n} tanks to India, the minister said. "
    return (sentence * (size // len(sentence) + 1))[:size]


def test_bytes_stored_per_day_per_submitter(settings, submitter, curator):
    settings.SUBMIT_BYTES_PER_DAY = 3000
    client = client_for(submitter)
    first = _article(1, 1400)
    assert client.post("/api/articles/", {"text": first}, format="json").status_code == 202
    assert client.post("/api/articles/", {"text": _article(2, 1400)}, format="json").status_code == 202
    # The same text again stores nothing and costs nothing.
    assert client.post("/api/articles/", {"text": first}, format="json").status_code == 200
    response = client.post("/api/articles/", {"text": _article(3, 1400)}, format="json")
    _quota_refusal(response, "quota_exceeded")
    assert "SUBMIT_BYTES_PER_DAY" in response.json()["error"]["message"]
    assert Article.objects.count() == 2
    # A small one still fits, and another submitter has a day of their own.
    assert client.post("/api/articles/", {"text": _article(4, 150)}, format="json").status_code == 202
    assert client_for(curator).post("/api/articles/", {"text": _article(5, 1400)}, format="json").status_code == 202


def test_an_article_bigger_than_the_whole_quota_is_a_400(settings, submitter):
    settings.SUBMIT_BYTES_PER_DAY = 1000
    response = client_for(submitter).post("/api/articles/", {"text": _article(1, 1500)}, format="json")
    assert response.status_code == 400
    assert not Article.objects.exists()


@pytest.fixture
def six_transfers():
    rus, arm = Actor.objects.get(code="RUS"), Actor.objects.get(code="ARM")
    for n in range(6):
        article = Article.objects.create(raw=f"text {n}", content_hash=f"{n:064d}", clean_text=f"text {n}",
                                         status="parsed")
        Transfer.objects.create(article=article, supplier=rus, recipient=arm, status="planned", weapons=[],
                                evidence="Russia supplies Armenia.", evidence_start=0, evidence_end=24)


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_export_rows_per_hour(settings, reader, submitter, six_transfers, fmt):
    settings.EXPORT_ROWS_PER_HOUR = 10
    client = client_for(reader)
    first = client.get(f"/api/transfers/?format={fmt}")
    assert first.status_code == 200
    b"".join(first.streaming_content)
    assert client.get(f"/api/transfers/?format={fmt}&status=delivered").status_code == 200  # no rows, no cost
    wait = _quota_refusal(client.get(f"/api/transfers/?format={fmt}"), "quota_exceeded")
    assert wait <= 2 * 3600  # the sliding window: some of the next hour too, for six more rows
    # The JSON list is not an export.
    assert client.get("/api/transfers/").status_code == 200
    assert client_for(submitter).get(f"/api/transfers/?format={fmt}").status_code == 200


def test_one_export_has_at_most_export_max_rows(settings, reader, six_transfers):
    settings.EXPORT_MAX_ROWS = 5
    response = client_for(reader).get("/api/transfers/?format=csv")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "too_many_rows"
    settings.EXPORT_MAX_ROWS = 6
    assert client_for(reader).get("/api/transfers/?format=csv").status_code == 200
