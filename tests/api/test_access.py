"""Who may do what: anonymous, reader, submitter, curator; and the error shape for each refusal."""

from __future__ import annotations

import pytest

from tests.conftest import client_for
from tracker.models import Article

pytestmark = pytest.mark.django_db

TEXT = "Germany will deliver IRIS-T air defence systems to Ukraine, the defence ministry said.\n"
READ_URLS = ["/api/articles/", "/api/transfers/", "/api/statements/", "/api/officials/", "/api/actors/",
             "/api/relations/"]


@pytest.fixture
def article():
    return Article.objects.create(raw=TEXT, content_hash="a" * 64, status="parsed")


@pytest.mark.parametrize("url", READ_URLS)
def test_anonymous_cannot_read(anonymous_api, url):
    response = anonymous_api.get(url)
    assert response.status_code == 401
    assert response.json() == {"error": {"code": "not_authenticated", "message": response.json()["error"]["message"],
                                         "fields": {}}}


@pytest.mark.parametrize("url", READ_URLS)
def test_anonymous_can_read_when_public(anonymous_api, settings, url):
    settings.PUBLIC_READ = True
    assert anonymous_api.get(url).status_code == 200


def test_public_read_does_not_open_submission(anonymous_api, settings):
    settings.PUBLIC_READ = True
    assert anonymous_api.post("/api/articles/", {"text": TEXT}, format="json").status_code == 401


@pytest.mark.parametrize("url", READ_URLS)
def test_reader_can_read(reader, url):
    assert client_for(reader).get(url).status_code == 200


def test_reader_cannot_submit(reader):
    response = client_for(reader).post("/api/articles/", {"text": TEXT}, format="json")
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "permission_denied"
    assert Article.objects.count() == 0


def test_submitter_can_submit_but_not_reparse(submitter, article):
    client = client_for(submitter)
    assert client.post("/api/articles/", {"text": TEXT + "more"}, format="json").status_code == 202
    response = client.post(f"/api/articles/{article.pk}/reparse/")
    assert response.status_code == 403
    article.refresh_from_db()
    assert article.status == "parsed"


def test_curator_can_reparse(curator, article, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client_for(curator).post(f"/api/articles/{article.pk}/reparse/")
    assert response.status_code == 202
    assert len(callbacks) == 1  # the parse task is sent after the commit
    article.refresh_from_db()
    assert article.status == "queued"


def test_records_cannot_be_written_through_the_read_endpoints(curator):
    client = client_for(curator)
    for url in ["/api/transfers/", "/api/statements/", "/api/officials/", "/api/actors/"]:
        assert client.post(url, {}, format="json").status_code == 405


def test_submission_cannot_set_status_or_owner(submitter, reader):
    response = client_for(submitter).post(
        "/api/articles/",
        # title, source, published and url are the client's to give (issue 18); provenance is not.
        {"text": TEXT, "status": "parsed", "submitted_by": reader.pk, "parser_version": "x",
         "metadata_source": {"title": "parser"}, "clean_text": "forged"},
        format="json",
    )
    assert response.status_code == 202
    article = Article.objects.get(pk=response.json()["id"])
    assert (article.status, article.submitted_by_id, article.parser_version, article.metadata_source,
            article.clean_text) == ("queued", submitter.pk, "", {}, "")


def test_submissions_are_throttled_per_user(submitter, settings):
    from rest_framework.settings import api_settings

    from tracker.api.views import SubmitThrottle

    rates = {**api_settings.DEFAULT_THROTTLE_RATES, "submit": "2/minute"}
    original = SubmitThrottle.THROTTLE_RATES
    SubmitThrottle.THROTTLE_RATES = rates
    try:
        from django.core.cache import cache

        cache.clear()
        client = client_for(submitter)
        codes = [client.post("/api/articles/", {"text": f"{TEXT} {i}"}, format="json").status_code for i in range(3)]
        assert codes == [202, 202, 429]
        body = client.post("/api/articles/", {"text": "x"}, format="json").json()
        assert body["error"]["code"] == "throttled"
        # Reading is not throttled.
        assert client.get("/api/articles/").status_code == 200
    finally:
        SubmitThrottle.THROTTLE_RATES = original


def test_unsupported_media_type_is_415(submitter):
    response = client_for(submitter).post("/api/articles/", b"<x/>", content_type="application/xml")
    assert response.status_code == 415
    assert response.json()["error"]["code"] == "unsupported_media_type"


def test_validation_errors_name_the_field(submitter):
    response = client_for(submitter).post("/api/articles/", {"text": TEXT, "url": "not a url"}, format="json")
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid" and "url" in error["fields"]


def test_bad_filter_value_is_400(reader):
    response = client_for(reader).get("/api/transfers/?status=bogus")
    assert response.status_code == 400
    assert "status" in response.json()["error"]["fields"]


def test_schema_and_docs_are_served(reader):
    client = client_for(reader)
    schema = client.get("/api/schema/?format=json")
    assert schema.status_code == 200
    paths = schema.json()["paths"]
    assert "/api/relations/" in paths
    params = {p["name"] for p in paths["/api/statements/"]["get"]["parameters"]}
    assert {"supplier", "recipient", "speaker", "speaker_country", "search", "published_after",
            "direct_quote", "review_state", "min_confidence", "ordering", "cursor", "page_size"} <= params
    docs = client.get("/api/docs/")
    assert docs.status_code == 200 and b"swagger" in docs.content.lower()
