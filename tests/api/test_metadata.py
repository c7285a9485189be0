"""Metadata given with a submission wins over the parser's, and the article says which came from where."""

from __future__ import annotations

import datetime as dt

import pytest

from tracker import services
from tracker.models import Article
from workers.parser.records import ArticleMeta, Extraction

pytestmark = pytest.mark.django_db

TEXT = "Russia will supply S-400 systems to India, Russian Deputy Prime Minister Yuri Borisov said."


def _parsed(article: Article, meta: ArticleMeta, token: str = "t1") -> Article:
    """The article after a parse that read ``meta`` from its text."""
    Article.objects.filter(pk=article.pk).update(status="queued")
    assert services.article_claim(article_id=article.pk, token=token)
    extraction = Extraction(article=meta, clean_text=TEXT, actors=[], transfers=[], officials=[], statements=[],
                            parser_version="test-1")
    assert services.article_record_extraction(article_id=article.pk, token=token, extraction=extraction)
    article.refresh_from_db()
    return article


PARSER_META = ArticleMeta(title="Parser's title", source="TASS", published=dt.date(2021, 5, 3))


def test_the_clients_values_win_over_the_parsers_on_every_parse(api):
    response = api.post("/api/articles/", {
        "text": TEXT, "title": "Client's title", "source": "Archive", "published": "1999-12-31",
        "url": "https://example.com/a"}, format="json")
    assert response.status_code == 202, response.json()
    article = Article.objects.get(pk=response.json()["id"])
    for token in ("t1", "t2"):  # the first parse and a re-parse
        article = _parsed(article, PARSER_META, token=token)
        assert (article.title, article.source, article.published, article.url) == (
            "Client's title", "Archive", dt.date(1999, 12, 31), "https://example.com/a")
    body = api.get(f"/api/articles/{article.pk}/").json()
    assert body["metadata_source"] == {"title": "client", "source": "client", "published": "client", "url": "client"}
    assert (body["title"], body["published"]) == ("Client's title", "1999-12-31")


def test_what_the_client_leaves_out_comes_from_the_parser_and_says_so(api):
    response = api.post("/api/articles/", {"text": TEXT, "published": "1999-12-31"}, format="json")
    article = _parsed(Article.objects.get(pk=response.json()["id"]), PARSER_META)
    assert (article.title, article.source, article.published) == ("Parser's title", "TASS", dt.date(1999, 12, 31))
    body = api.get("/api/articles/").json()["results"][0]
    assert body["metadata_source"] == {"title": "parser", "source": "parser", "published": "client", "url": None}


def test_a_field_nobody_gives_is_null_in_the_provenance(api):
    response = api.post("/api/articles/", {"text": TEXT}, format="json")
    article = _parsed(Article.objects.get(pk=response.json()["id"]), ArticleMeta())
    assert (article.title, article.source, article.published) == ("", "", None)
    body = api.get(f"/api/articles/{article.pk}/").json()
    assert body["metadata_source"] == {"title": None, "source": None, "published": None, "url": None}


def test_a_re_parse_that_reads_less_drops_the_parsers_old_values(api):
    response = api.post("/api/articles/", {"text": TEXT, "title": "Client's title"}, format="json")
    article = _parsed(Article.objects.get(pk=response.json()["id"]), PARSER_META)
    article = _parsed(article, ArticleMeta(title="Another title"), token="t2")
    assert (article.title, article.published) == ("Client's title", None)
    assert article.metadata_source["published"] is None
    assert article.metadata_source["title"] == "client"


@pytest.mark.parametrize("field, value", [
    ("published", "20160719"), ("published", "2016-02-30"), ("published", 20160719), ("title", 5),
    ("source", ["TASS"]), ("url", "ftp://example.com/a"), ("url", "example.com"), ("url", "https://[bad"),
    ("title", "x" * 501),
])
def test_bad_metadata_is_refused_naming_the_field(api, field, value):
    response = api.post("/api/articles/", {"text": TEXT, field: value}, format="json")
    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == [field]
    assert not Article.objects.exists()
