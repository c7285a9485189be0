"""Who sees and changes what: writes need authentication and the right role, list and
detail endpoints show the same things to the same user, and no request can set
fields the service owns (mass assignment). The role matrix itself (reader,
submitter, curator) is in tests/api/test_access.py; this file checks the rules
that must hold across every endpoint.
"""

from __future__ import annotations

import pytest
from rest_framework import serializers as drf_serializers

from tests.conftest import client_for
from tracker.api import serializers
from tracker.models import Actor, Article, Official, OfficialMention, Statement, Transfer

pytestmark = pytest.mark.django_db

RESOURCES = ["articles", "transfers", "statements", "officials", "actors"]
TEXT = "Russia will supply S-400 systems to India, Deputy Prime Minister Yuri Borisov said.\n"


@pytest.fixture
def records(submitter):
    article = Article.objects.create(raw=TEXT, content_hash="b" * 64, status="parsed", clean_text=TEXT,
                                     submitted_by=submitter, claim_token="secret-token")
    other = Article.objects.create(raw=TEXT + "Failed.", content_hash="c" * 64, status="failed",
                                   failure_reason="Parse error: no sentence")
    rus, ind = Actor.objects.get(code="RUS"), Actor.objects.get(code="IND")
    Transfer.objects.create(article=article, supplier=rus, recipient=ind, status="planned", evidence=TEXT[:41],
                            evidence_start=0, evidence_end=41, review_state="rejected")
    Transfer.objects.create(article=article, supplier=ind, recipient=rus, status="considering",
                            evidence=TEXT[:41], evidence_start=0, evidence_end=41, curated=True)
    official = Official.objects.create(name="Yuri Borisov", name_key="yuri borisov", country=rus)
    OfficialMention.objects.create(official=official, article=article, name_as_given="Yuri Borisov")
    statement = Statement.objects.create(article=article, speaker=official, speaker_name="Yuri Borisov",
                                         supplier=rus, evidence=TEXT[:41], evidence_start=0, evidence_end=41)
    statement.recipients.set([ind])
    return article, other


def _all_list_ids(client, resource: str) -> set[int]:
    ids: set[int] = set()
    url = f"/api/{resource}/?page_size=500"
    while url:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        body = response.json()
        ids |= {row["id"] for row in body["results"]}
        url = body.get("next")
    return ids


def _model(resource: str):
    return {"articles": Article, "transfers": Transfer, "statements": Statement, "officials": Official,
            "actors": Actor}[resource]


@pytest.mark.parametrize("role", ["public", "reader", "submitter", "curator"])
@pytest.mark.parametrize("resource", RESOURCES)
def test_list_and_detail_show_the_same_rows_to_each_role(records, role, resource, request, settings):
    if role == "public":
        settings.PUBLIC_READ = True
        client = client_for(None)
    else:
        client = client_for(request.getfixturevalue(role))
    listed = _all_list_ids(client, resource)
    pks = list(_model(resource).objects.values_list("pk", flat=True))
    if resource == "actors":
        # Hundreds of states: the ones the records use, and a sample of the rest.
        pks = sorted(set(pks[:20]) | set(Actor.objects.filter(code__in=["RUS", "IND"]).values_list("pk", flat=True)))
    for pk in pks:
        detail = client.get(f"/api/{resource}/{pk}/")
        assert detail.status_code in (200, 404), detail.status_code
        assert (detail.status_code == 200) == (pk in listed), (resource, pk)


@pytest.mark.parametrize("resource", RESOURCES)
def test_anonymous_sees_neither_list_nor_detail_nor_export(records, anonymous_api, resource):
    pk = _model(resource).objects.values_list("pk", flat=True).first()
    for url in (f"/api/{resource}/", f"/api/{resource}/{pk}/", f"/api/{resource}/?format=csv",
                f"/api/{resource}/?format=jsonl"):
        response = anonymous_api.get(url)
        # 400 only for an export format the resource does not offer (negotiated before sign-in).
        assert response.status_code == 401 or (response.status_code == 400 and "format" in url), (url, response)
        assert b"Borisov" not in response.content and b"S-400" not in response.content


def test_internal_fields_never_leave_the_service(records, curator):
    client = client_for(curator)
    article, _other = records
    bodies = [client.get(f"/api/{r}/").content for r in RESOURCES]
    bodies.append(client.get(f"/api/articles/{article.pk}/").content)
    for body in bodies:
        assert b"secret-token" not in body and b"claim_token" not in body
        assert b"password" not in body.lower()


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
@pytest.mark.parametrize("resource", RESOURCES)
def test_no_role_can_change_records_through_the_api(records, curator, method, resource):
    pk = _model(resource).objects.values_list("pk", flat=True).first()
    response = getattr(client_for(curator), method)(f"/api/{resource}/{pk}/", {"status": "delivered"},
                                                    format="json")
    assert response.status_code == 405
    assert _model(resource).objects.filter(pk=pk).exists()


def test_a_submission_cannot_assign_status_records_owner_or_bookkeeping(submitter, reader):
    forged = {
        "text": TEXT,
        "id": 999_999,
        "status": "parsed",
        "submitted_by": reader.pk,
        "owner": reader.pk,
        "transfers": [{"supplier": "RUS", "recipient": "IND", "status": "delivered"}],
        "statements": [{"speaker_name": "Forged", "evidence": "x"}],
        "clean_text": "forged",
        "claim_token": "forged",
        "attempts": 99,
        "parser_version": "forged",
        "failure_reason": "forged",
        "content_hash": "0" * 64,
    }
    response = client_for(submitter).post("/api/articles/", forged, format="json")
    assert response.status_code == 202, response.content
    article = Article.objects.get(pk=response.json()["id"])
    assert article.pk != 999_999
    assert (article.status, article.submitted_by_id, article.clean_text, article.claim_token, article.attempts,
            article.parser_version, article.failure_reason) == ("queued", submitter.pk, "", "", 0, "", "")
    assert article.content_hash != "0" * 64
    assert not Transfer.objects.exists() and not Statement.objects.exists()


def _input_serializers() -> list[type[drf_serializers.Serializer]]:
    """The serializers the API views read request data with (``...Serializer(data=...)``)."""
    import inspect
    import re

    from tracker.api import views

    names = set(re.findall(r"serializers\.(\w+)\(\s*data=", inspect.getsource(views)))
    return [getattr(serializers, name) for name in sorted(names)]


def test_input_serializers_accept_only_what_a_submitter_may_set():
    inputs = _input_serializers()
    assert serializers.ArticleSubmitSerializer in inputs
    for cls in inputs:
        writable = {name for name, field in cls().fields.items() if not field.read_only}
        assert writable <= {"text", "url", "source", "title", "published", "content_type"}, (cls, writable)


def test_model_serializers_name_their_fields():
    for value in vars(serializers).values():
        if isinstance(value, type) and issubclass(value, drf_serializers.ModelSerializer):
            meta = value.Meta
            assert isinstance(getattr(meta, "fields", None), (list, tuple)), value
            assert not hasattr(meta, "exclude"), value
