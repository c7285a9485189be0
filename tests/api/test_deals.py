"""/api/deals/: list, filters, detail with its timeline, exports; deals in relations, transfers and statements."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest

from tests.deals.conftest import OTHER, make_article, s400_articles
from tracker import services
from tracker.deals_models import Deal
from tracker.services.deals import article_link_deals

pytestmark = pytest.mark.django_db


@pytest.fixture
def register():
    recipes = s400_articles()
    articles = {name: recipes[name]() for name in ("deliver", "announce", "contract")}
    articles["other"] = make_article(OTHER, published=dt.date(2020, 7, 2), transfers=[
        ("RUS", "IND", "contracted", ["Su-30MKI"], "India orders Su-30MKI fighters from Russia")])
    text = "France sells Rafales to Egypt\n1 May 2015\n\nFrance has delivered 24 Rafale jets to Egypt.\n"
    articles["egypt"] = make_article(text, published=dt.date(2015, 5, 1), transfers=[
        ("FRA", "EGY", "delivered", ["Rafale"], "France has delivered 24 Rafale jets to Egypt.")])
    text = ("Moscow on S-400 for India\n1 June 2020\n\nThe S-400 deliveries to India are on schedule, "
            "the Russian spokesman said.\n")
    articles["talk"] = make_article(text, published=dt.date(2020, 6, 1), statements=[
        ("RUS", ["IND"], "The S-400 deliveries to India are on schedule, the Russian spokesman said.")])
    for article in articles.values():
        article_link_deals(article_id=article.pk)
    return articles


def _ids(response):
    assert response.status_code == 200, response.content
    return [d["id"] for d in response.json()["results"]]


def test_the_list_shows_each_deal_once_with_systems_value_and_status(api, register):
    body = api.get("/api/deals/").json()
    assert len(body["results"]) == 3 and "next" in body
    s400 = next(d for d in body["results"] if d["systems"] and d["systems"][0]["designation"] == "S-400 Triumf")
    assert s400["supplier"]["code"] == "RUS" and s400["recipient"]["code"] == "IND"
    assert s400["status"] == "delivered" and s400["events_count"] == 3
    assert s400["value"] == {"amount": "5430000000.00", "currency": "USD"}
    assert s400["quantity"] == 5
    assert s400["systems"][0] == {"id": s400["systems"][0]["id"], "designation": "S-400 Triumf",
                                  "category": "air defence systems", "producer": "RUS", "family": "S-300/S-400"}
    assert (s400["first_event_date"], s400["last_event_date"]) == ("2016-10-15", "2021-12-14")


@pytest.mark.parametrize(("query", "expected"), [
    ("supplier=Russia", {"S-400 Triumf", "Su-30MKI"}),
    ("supplier=RUS&recipient=india", {"S-400 Triumf", "Su-30MKI"}),
    ("recipient=EGY", {"Rafale"}),
    ("system=SA-21", {"S-400 Triumf"}),
    ("system=s-400", {"S-400 Triumf"}),
    ("system=no-such-thing", set()),
    ("category=aircraft", {"Su-30MKI", "Rafale"}),
    ("status=delivered", {"S-400 Triumf", "Rafale"}),
    ("status=contracted&status=planned", {"Su-30MKI"}),
    ("first_year=2016", {"S-400 Triumf"}),
    ("last_year=2021", {"S-400 Triumf"}),
    ("last_year=2020", {"Su-30MKI"}),
    ("min_confidence=0.9", set()),
    ("review_state=unreviewed", {"S-400 Triumf", "Su-30MKI", "Rafale"}),
])
def test_filters(api, register, query, expected):
    results = api.get(f"/api/deals/?{query}").json()["results"]
    assert {s["designation"] for d in results for s in d["systems"]} == expected


def test_bad_filter_values_are_a_400(api, register):
    assert api.get("/api/deals/?status=lost").status_code == 400
    assert api.get("/api/deals/?first_year=soon").status_code == 400
    for query in ("first_year=0", "last_year=10000", "min_confidence=1.5", "article=-1", "statement=x"):
        response = api.get(f"/api/deals/?{query}")
        assert response.status_code == 400, query
        assert query.split("=")[0] in response.json()["error"]["fields"], query


def test_an_empty_filter_value_means_not_given(api, register):
    everything = api.get("/api/deals/").json()["results"]
    for query in ("status=", "category=", "first_year=", "min_confidence=", "article="):
        response = api.get(f"/api/deals/?{query}")
        assert response.status_code == 200, (query, response.content)
        assert response.json()["results"] == everything, query


def test_the_detail_has_the_timeline_and_the_statements(api, register):
    deal = Deal.objects.get(systems__designation="S-400 Triumf")
    body = api.get(f"/api/deals/{deal.pk}/").json()
    assert [(e["date"], e["status"]) for e in body["events"]] == [
        ("2016-10-15", "planned"), ("2018-10-05", "contracted"), ("2021-12-14", "delivered")]
    contract = body["events"][1]
    assert contract["value"] == {"amount": "5430000000.00", "currency": "USD"}
    article = register["contract"]
    assert contract["article"]["id"] == article.pk
    assert article.clean_text[contract["evidence_start"]:contract["evidence_end"]] == contract["evidence"]
    span = contract["value_span"]
    assert article.clean_text[span["start"]:span["end"]] == "$5.43 billion"
    assert [s["id"] for s in body["statements"]] == list(
        register["talk"].statements.values_list("id", flat=True))


def test_transfers_and_statements_link_to_their_deal(api, register):
    deal = Deal.objects.get(systems__designation="S-400 Triumf")
    transfers = api.get(f"/api/transfers/?article={register['contract'].pk}").json()["results"]
    assert [t["deals"] for t in transfers] == [[deal.pk]]
    statements = api.get(f"/api/statements/?article={register['talk'].pk}").json()["results"]
    assert [s["deals"] for s in statements] == [[deal.pk]]
    assert _ids(api.get(f"/api/deals/?transfer={transfers[0]['id']}")) == [deal.pk]
    assert _ids(api.get(f"/api/deals/?statement={statements[0]['id']}")) == [deal.pk]


def test_cursor_pages_cover_every_deal_once(api, register):
    first = api.get("/api/deals/?page_size=2").json()
    second = api.get(first["next"]).json()
    ids = [d["id"] for d in first["results"] + second["results"]]
    assert sorted(ids) == sorted(Deal.objects.values_list("id", flat=True)) and len(set(ids)) == 3


def test_the_list_query_count_does_not_grow_with_the_page(api, register, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        assert api.get("/api/deals/").status_code == 200
    with django_assert_max_num_queries(10):
        assert api.get(f"/api/deals/{Deal.objects.first().pk}/").status_code == 200


def test_csv_and_jsonl_exports(api, register):
    response = api.get("/api/deals/?format=csv&supplier=RUS")
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    s400 = next(r for r in rows if r["systems"] == "S-400 Triumf")
    assert (s400["status"], s400["value_amount"], s400["value_currency"], s400["events"]) == (
        "delivered", "5430000000.00", "USD", "3")
    lines = b"".join(api.get("/api/deals/?format=jsonl").streaming_content).decode().splitlines()
    assert len(lines) == 3 and {json.loads(line)["recipient"] for line in lines} == {"IND", "EGY"}


def test_relations_count_deals_by_status_and_category(api, register):
    services.relations_refresh(force=True)
    rows = api.get("/api/relations/?supplier=RUS&recipient=IND").json()
    assert len(rows) == 1
    row = rows[0]
    assert row["deals"] == 2
    assert row["deals_by_status"]["delivered"] == 1 and row["deals_by_status"]["contracted"] == 1
    assert row["deals_by_category"] == {"air defence systems": 1, "aircraft": 1}


def test_anonymous_users_see_no_deals(anonymous_api, register):
    assert anonymous_api.get("/api/deals/").status_code in (401, 403)


def test_the_schema_documents_deals(api):
    schema = api.get("/api/schema/?format=json").json()
    assert "/api/deals/" in schema["paths"] and "/api/deals/{id}/" in schema["paths"]
    params = {p["name"] for p in schema["paths"]["/api/deals/"]["get"]["parameters"]}
    assert {"supplier", "recipient", "system", "category", "status", "first_year", "last_year",
            "min_confidence", "review_state", "cursor", "page_size"} <= params
    assert "events" in schema["components"]["schemas"]["DealDetail"]["properties"]
    assert "deals_by_category" in schema["components"]["schemas"]["Relation"]["properties"]


def test_the_hand_built_list_row_is_what_drf_would_give(rf, register):
    from rest_framework.request import Request

    from tracker.api.deals_serializers import DealSerializer
    from tracker.deals_selectors import deal_list

    request = Request(rf.get("/api/deals/"))
    serializer = DealSerializer(context={"request": request})
    for deal in deal_list():
        assert serializer.to_representation(deal) == serializer.generic_representation(deal)
