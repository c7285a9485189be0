"""Every kind of query parameter refuses a bad value with a 400 (404 for a cursor) that names it,
and the schema declares what the server accepts: enums, bounds, patterns, nullables."""

from __future__ import annotations

import pytest

from tracker.models import Actor, Article, Transfer

pytestmark = pytest.mark.django_db


@pytest.fixture
def rows():
    article = Article.objects.create(raw="x", content_hash="f" * 64, status="parsed", parser_version="0.1.1")
    rus, ind = Actor.objects.get(code="RUS"), Actor.objects.get(code="IND")
    Transfer.objects.create(article=article, supplier=rus, recipient=ind, status="planned", weapons=["S-400"],
                            evidence="e", evidence_start=0, evidence_end=1)
    Transfer.objects.create(article=article, supplier=ind, recipient=rus, status="planned", weapons=["100%_sure"],
                            evidence="f", evidence_start=2, evidence_end=3)
    return article


BAD = [
    # (path, parameter, bad value): one of each kind of parameter
    ("/api/articles/", "page_size", "null"), ("/api/articles/", "page_size", "-9"),
    ("/api/articles/", "page_size", "0"), ("/api/articles/", "page_size", "501"),
    ("/api/articles/", "page_size", ""), ("/api/articles/", "page_size", "1.5"),
    ("/api/articles/", "status", "AAA"), ("/api/statements/", "review_state", "maybe"),
    ("/api/transfers/", "status", "null"), ("/api/actors/", "kind", "planet"),
    ("/api/articles/", "ordering", "title"), ("/api/articles/", "ordering", "id,-id"),
    ("/api/transfers/", "ordering", "-evidence"),
    ("/api/transfers/", "format", "xml"), ("/api/articles/", "format", "csv"),
    ("/api/statements/", "direct_quote", "maybe"), ("/api/statements/", "direct_quote", "1"),
    ("/api/transfers/", "min_confidence", "1.5"), ("/api/transfers/", "min_confidence", "-0.1"),
    ("/api/transfers/", "min_confidence", "nan"), ("/api/transfers/", "min_confidence", "x"),
    ("/api/transfers/", "article", "0"), ("/api/transfers/", "article", "1.5"),
    ("/api/transfers/", "article", "99999999999999999999"), ("/api/transfers/", "article", "null"),
    ("/api/transfers/", "published_after", "10/25/2006"), ("/api/transfers/", "published_after", "20160719"),
    ("/api/articles/", "published_before", "2016-02-30"), ("/api/statements/", "published_before", "x"),
    ("/api/transfers/", "supplier", "R\x00S"), ("/api/statements/", "speaker", "\x00"),
    ("/api/relations/", "supplier", "\x00"), ("/api/actors/", "q", "a\x00"),
    ("/api/articles/", "parser_version_before", "new"),
]


@pytest.mark.parametrize("path, param, value", BAD)
def test_a_bad_value_is_a_400_naming_the_parameter(api, rows, path, param, value):
    response = api.get(path, {param: value})
    assert response.status_code == 400, response.content
    assert response["Content-Type"].startswith("application/json")
    error = response.json()["error"]
    assert list(error["fields"]) == [param], error


@pytest.mark.parametrize("path", ["/api/transfers/", "/api/statements/", "/api/deals/"])
@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_an_export_refuses_a_bad_page_size_as_a_page_does(api, rows, path, fmt):
    # An export ignores pages, but the schema's bounds on page_size hold whatever the format.
    response = api.get(path, {"format": fmt, "page_size": "-72"})
    assert response.status_code == 400, response.content
    assert list(response.json()["error"]["fields"]) == ["page_size"]
    assert api.get(path, {"format": fmt, "page_size": "10"}).status_code == 200


@pytest.mark.parametrize("cursor", ["abc", "cD1hYmM=", "cD0yMDE2LTAyLTMw", "%F1%8B", "bz0tMQ=="])
def test_a_cursor_this_service_did_not_write_is_a_404_naming_it(api, rows, cursor):
    for path in ("/api/articles/", "/api/transfers/", "/api/transfers/?ordering=published"):
        response = api.get(path, {"cursor": cursor})
        assert response.status_code == 404, response.content
        assert response.json()["error"]["code"] == "invalid_cursor"
        assert list(response.json()["error"]["fields"]) == ["cursor"]


def test_a_cursor_from_a_page_still_works(api, rows):
    first = api.get("/api/transfers/", {"page_size": 1}).json()
    second = api.get(first["next"]).json()
    assert [r["id"] for r in first["results"]] != [r["id"] for r in second["results"]]


def test_errors_are_json_even_when_csv_was_asked_for(api, rows):
    response = api.get("/api/transfers/", {"format": "csv", "supplier": "\x00"})
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")


def test_an_unknown_api_url_is_a_json_404(api):
    response = api.post("/api/articles/0.5/reparse/")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


@pytest.mark.parametrize("value, expected", [("S-400", 1), ("%", 1), ("%%", 0), ("_", 1), ("100%_sure", 1),
                                             ("100_", 0), ("S_400", 0)])
def test_weapon_wildcards_are_matched_literally(api, rows, value, expected):
    assert len(api.get("/api/transfers/", {"weapon": value}).json()["results"]) == expected


def test_empty_values_mean_not_given(api, rows):
    for path, param in [("/api/transfers/", "status"), ("/api/transfers/", "supplier"),
                        ("/api/articles/", "ordering"), ("/api/articles/", "cursor"), ("/api/transfers/", "format"),
                        ("/api/statements/", "direct_quote"), ("/api/transfers/", "published_after")]:
        assert api.get(path, {param: ""}).status_code == 200, (path, param)


def test_parser_version_filters(api, rows):
    Article.objects.create(raw="y", content_hash="e" * 64, status="parsed", parser_version="0.10.0")
    Article.objects.create(raw="z", content_hash="d" * 64, status="queued")

    def versions(query):
        return sorted(a["parser_version"] for a in api.get("/api/articles/", query).json()["results"])

    assert versions({"parser_version": "0.1.1"}) == ["0.1.1"]
    assert versions({"parser_version_before": "0.2"}) == ["", "0.1.1"]  # 0.10.0 is newer than 0.2
    assert versions({"parser_version_before": "0.10.1"}) == ["", "0.1.1", "0.10.0"]


def _schema(api) -> dict:
    return api.get("/api/schema/?format=json").json()


def test_the_schema_declares_every_nullable_field(api):
    schemas = _schema(api)["components"]["schemas"]
    nullable = {
        ("Statement", "speaker"), ("Statement", "supplier"), ("Speaker", "country"), ("Official", "country"),
        ("ArticleList", "published"), ("ArticleList", "parsed_at"), ("ArticleDetail", "published"),
        ("OfficialMention", "title"), ("OfficialMention", "organization"), ("OfficialMention", "country"),
        ("ArticleRef", "published"), ("Relation", "first_article_date"), ("MetadataSource", "title"),
        ("_ArticleStatement", "speaker"), ("_ArticleStatement", "supplier"),
    }
    for component, field in nullable:
        prop = schemas[component]["properties"][field]
        assert prop.get("nullable") is True or any(
            s.get("nullable") or s == {"$ref": "#/components/schemas/NullEnum"}
            for s in prop.get("allOf", []) + prop.get("oneOf", [])), (component, field, prop)


def test_the_schema_declares_enums_bounds_and_error_answers(api):
    schema = _schema(api)
    params = {p["name"]: p for p in schema["paths"]["/api/transfers/"]["get"]["parameters"]}
    assert params["page_size"]["schema"] == {"type": "integer", "minimum": 1, "maximum": 500}
    assert params["min_confidence"]["schema"] == {"type": "number", "minimum": 0, "maximum": 1}
    assert params["format"]["schema"]["enum"] == ["csv", "json", "jsonl"]
    assert "-confidence" in params["ordering"]["schema"]["enum"]
    assert params["status"]["schema"]["items"]["enum"]
    assert params["published_after"]["schema"]["format"] == "date"
    assert params["supplier"]["schema"]["pattern"] == "^[^\\x00]*$"
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            for code in ("400", "401", "403", "404", "429"):
                assert operation["responses"][code]["content"]["application/json"]["schema"] == {
                    "$ref": "#/components/schemas/Error"}, (path, method, code)
    assert {"413", "415"} <= set(schema["paths"]["/api/articles/"]["post"]["responses"])
