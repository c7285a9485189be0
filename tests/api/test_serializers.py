"""The hand-built representations of statements and transfers are exactly what
DRF's generic ``to_representation`` gives for the same rows, and what the list
and detail endpoints return."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from rest_framework import serializers as drf
from rest_framework.test import APIRequestFactory

from tests.api.test_queries import make_article, make_official, make_statement, make_transfer
from tracker import selectors
from tracker.api.serializers import StatementSerializer, TransferSerializer
from tracker.models import Official, Statement, Transfer

pytestmark = pytest.mark.django_db


def _context() -> dict:
    return {"request": APIRequestFactory().get("/api/statements/", HTTP_HOST="127.0.0.1")}


def _both(serializer_class, instance) -> tuple[dict, dict]:
    """(hand-built, generic), through JSON as a client sees them."""
    fast = serializer_class(instance, context=_context()).data
    generic = drf.ModelSerializer.to_representation(serializer_class(instance, context=_context()), instance)
    return json.loads(json.dumps(fast)), json.loads(json.dumps(generic))


@pytest.fixture
def varied():
    no_country = make_official("Anonymous Envoy", "RUS")
    Official.objects.filter(pk=no_country.pk).update(country=None)
    undated = make_article(published=None, title="", source="")
    statements = [
        make_statement(make_official(), "RUS", ["ARM", "AZE"], "We will deliver on time.", direct_quote=True),
        make_statement(Official.objects.get(pk=no_country.pk), None, [], "Nothing was agreed.", article=undated),
        make_statement(None, "USA", ["UKR"], "Washington will send more.", confidence=0.33333333),
    ]
    transfers = [
        make_transfer("RUS", "IND", weapons=["S-400", "Su-30MKI"], status="delivered"),
        make_transfer("USA", "UKR", weapons=[], article=undated, confidence=1.0, review_state="approved"),
    ]
    return statements, transfers


@pytest.mark.parametrize(
    ("kind", "serializer_class", "rows"),
    [(0, StatementSerializer, selectors.statement_list), (1, TransferSerializer, selectors.transfer_list)],
    ids=["statements", "transfers"],
)
def test_records_match_the_generic_representation(varied, kind, serializer_class, rows):
    made = varied[kind]
    for record in rows().filter(pk__in=[r.pk for r in made]):
        fast, generic = _both(serializer_class, record)
        assert list(fast) == list(generic)
        assert fast == generic


def test_list_and_detail_pages_use_the_same_representation(api, varied):
    statements, transfers = varied
    page = {row["id"]: row for row in api.get("/api/statements/").json()["results"]}
    for statement in statements:
        detail = api.get(f"/api/statements/{statement.pk}/").json()
        assert page[statement.pk] == detail
        assert detail["url"].endswith(f"/api/statements/{statement.pk}/")
    undated = next(s for s in statements if s.article.published is None)
    assert page[undated.pk]["article"]["published"] is None
    assert page[undated.pk]["speaker"]["country"] is None
    assert page[undated.pk]["supplier"] is None
    rows = {row["id"]: row for row in api.get("/api/transfers/").json()["results"]}
    assert rows[transfers[0].pk]["weapons"] == ["S-400", "Su-30MKI"]
    assert rows[transfers[1].pk]["review_state"] == "approved"
    assert Statement.objects.count() == 3 and Transfer.objects.count() == 2
    assert dt.date.fromisoformat(rows[transfers[0].pk]["article"]["published"])
