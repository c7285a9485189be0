"""The explore pages: who may see them, what they count, and that they read the summaries."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tracker import services
from tracker.models import Transfer

PAGES = ["/explore/", "/explore/network/", "/explore/pair/RUS/ARM/", "/explore/actor/RUS/"]


@pytest.fixture
def reader_client(reader):
    client = Client()
    client.force_login(reader)
    return client


class _Scripts(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[dict] = []
        self.inline_handlers: list[str] = []
        self.style_attrs = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script":
            self.scripts.append(attrs)
        self.inline_handlers += [k for k in attrs if k.startswith("on")]
        self.style_attrs += "style" in attrs


@pytest.mark.parametrize("path", PAGES)
def test_anonymous_readers_go_to_the_admin_sign_in(client, stories, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/?next=")


@pytest.mark.parametrize("path", PAGES)
def test_everyone_reads_them_when_the_data_is_public(client, stories, settings, path):
    settings.PUBLIC_READ = True
    assert client.get(path).status_code == 200


def test_an_api_token_reads_them_and_a_wrong_one_is_refused(client, stories, reader):
    from rest_framework.authtoken.models import Token

    token = Token.objects.create(user=reader)
    assert client.get("/explore/", HTTP_AUTHORIZATION=f"Token {token.key}").status_code == 200
    refused = client.get("/explore/", HTTP_AUTHORIZATION="Token not-a-token")
    assert refused.status_code == 401


@pytest.mark.parametrize("path", PAGES)
def test_pages_run_no_inline_script_and_load_the_vendored_chart_library(reader_client, stories, path):
    html = reader_client.get(path).content.decode()
    found = _Scripts()
    found.feed(html)
    for script in found.scripts:
        # Code comes from static files; data is JSON that a browser never runs.
        assert "src" in script or script.get("type") == "application/json", script
    assert any(s.get("src", "").endswith("/vendor/echarts/echarts.min.js") for s in found.scripts)
    assert not found.inline_handlers and not found.style_attrs
    assert "cdn" not in html.lower()


def test_the_matrix_counts_each_pair_from_the_summary(reader_client, stories):
    page = reader_client.get("/explore/")
    chart = page.context["chart"]
    cells = {(c["supplier"], c["recipient"]): (c["transfers"], c["statements"]) for c in chart["cells"]}
    assert cells == {("RUS", "ARM"): (2, 2), ("RUS", "AZE"): (1, 1), ("USA", "UKR"): (2, 2), ("DEU", "UKR"): (2, 2)}
    assert chart["suppliers"] == ["RUS", "DEU", "USA"]  # largest first, then by code
    assert set(chart["recipients"]) == {"ARM", "AZE", "UKR"}
    html = page.content.decode()
    # The table fallback links every cell to its pair.
    assert 'href="/explore/pair/RUS/ARM/"' in html and 'href="/explore/pair/RUS/AZE/"' in html
    assert page.context["matrix"].pairs == 4 and page.context["matrix"].records == 14
    # Numbers, not strings, in the data the chart reads.
    data = json.loads(re.search(r'id="matrix-data" type="application/json">(.*?)</script>', html).group(1))
    assert data["cells"][0]["transfers"] + data["cells"][0]["statements"] >= 1


def test_the_matrix_filters_by_years_status_and_weapon(reader_client, stories):
    def cells(query: str) -> dict:
        chart = reader_client.get("/explore/?" + query).context["chart"]
        return {(c["supplier"], c["recipient"]): (c["transfers"], c["statements"]) for c in chart["cells"]}

    # 2016 only: the two 2016 stories; the undated one is in no year.
    assert cells("year_from=2016&year_to=2016") == {("RUS", "ARM"): (1, 1), ("RUS", "AZE"): (1, 1)}
    assert cells("year_from=2020") == {("USA", "UKR"): (2, 2), ("DEU", "UKR"): (1, 1)}
    # Status narrows transfers; statements have no status and are not counted then.
    assert cells("status=delivered") == {("RUS", "ARM"): (1, 0), ("USA", "UKR"): (1, 0), ("DEU", "UKR"): (1, 0)}
    assert cells("status=delivered&status=planned&year_from=2022") == {("USA", "UKR"): (2, 0), ("DEU", "UKR"): (1, 0)}
    # A named weapon, in any case: T-90 went to Armenia and Azerbaijan.
    assert cells("weapon=t-90") == {("RUS", "ARM"): (1, 0), ("RUS", "AZE"): (1, 0)}
    assert cells("weapon=T-90&status=ongoing") == {("RUS", "AZE"): (1, 0)}
    assert cells("weapon=Nothing") == {}


def test_the_matrix_shows_the_largest_suppliers_and_recipients(stories):
    from tracker.explore.selectors import RelationFilters, relation_matrix

    matrix = relation_matrix(filters=RelationFilters(), top=1)
    # Russia supplies 6 records, the others 4 each; Ukraine receives 8, Armenia 4.
    assert [(s["code"], s["total"]) for s in matrix.suppliers] == [("RUS", 6)]
    assert [(r["code"], r["total"]) for r in matrix.recipients] == [("UKR", 8)]
    assert matrix.cells == [] and (matrix.pairs, matrix.records) == (4, 14)


@pytest.mark.parametrize("query, message", [
    ("year_from=2020&year_to=2016", "The first year comes after the last."),
    ("year_from=abc", "Enter a whole number."),
    ("status=lost", "Select a valid choice."),
    ("top=1000", "less than or equal to 60"),
])
def test_bad_filters_get_a_clear_error(reader_client, stories, query, message):
    page = reader_client.get("/explore/?" + query)
    assert page.status_code == 400
    assert message in page.content.decode()


def test_the_matrix_reads_only_the_summaries(reader_client, stories):
    # Whatever the filters, the aggregate never touches the record tables.
    for query in ("", "?year_from=2016", "?status=delivered", "?weapon=T-90&year_to=2020"):
        with CaptureQueriesContext(connection) as ctx:
            assert reader_client.get("/explore/" + query).status_code == 200
        sql = " ".join(q["sql"] for q in ctx.captured_queries)
        assert not re.search(r"\btracker_(transfer|statement|article)\b", sql), sql
        assert "tracker_relation" in sql


def test_the_pair_page_shows_its_timeline_with_evidence_and_article_links(reader_client, stories):
    page = reader_client.get("/explore/pair/RUS/ARM/")
    assert page.status_code == 200
    timeline = page.context["timeline"]
    kinds = sorted((i["kind"], i["date"], i.get("status")) for i in timeline["items"])
    assert kinds == [("statement", "2016-07-19", None), ("statement", "2019-03-02", None),
                     ("transfer", "2016-07-19", "delivered"), ("transfer", "2019-03-02", "contracted")]
    transfer = next(i for i in page.context["transfers"] if i["status"] == "delivered")
    assert transfer["evidence"] == "Russia has delivered T-90 systems to Armenia (story 0)."
    # A reader who is not staff reads the article through the API.
    assert transfer["article"]["url"] == f"/api/articles/{stories[0].pk}/"
    # The chart finds each mark's evidence and article in the mark's table row (pair.js).
    html = page.content.decode()
    row = re.search(rf'<tr id="transfer-{transfer["id"]}">(.*?)</tr>', html).group(1)
    assert '<blockquote class="evidence">Russia has delivered T-90 systems to Armenia (story 0).</blockquote>' in row
    assert row.endswith(f'<td><a href="/api/articles/{stories[0].pk}/">Russia and Armenia, story 0</a> (TASS)</td>')
    assert all(not {"evidence", "article"} & set(i) for i in timeline["items"])
    assert [(y["year"], y["delivered"], y["contracted"], y["statements"]) for y in timeline["years"]] == [
        (2016, 1, 0, 1), (2019, 0, 1, 1)]
    html = page.content.decode()
    assert "Russia has delivered T-90 systems to Armenia (story 0)." in html
    assert "Alexander Fomin" in html and 'id="timeline-data"' in html


def test_staff_follow_evidence_to_the_admin_article_page(stories, django_user_model):
    from tests.admin.conftest import signed_in, staff_in

    page = signed_in(staff_in(django_user_model, "vera", "viewer")).get("/explore/pair/RUS/ARM/")
    urls = {i["article"]["url"] for i in page.context["transfers"] + page.context["statements"]}
    assert f"/admin/tracker/article/{stories[0].pk}/change/" in urls


def test_undated_records_are_listed_but_off_the_time_axis(reader_client, stories):
    page = reader_client.get("/explore/pair/DEU/UKR/")
    assert page.context["undated"] == 2
    assert "Germany has considering Leopard 2 systems to Ukraine" in page.content.decode()


def test_rejected_records_are_left_out(reader_client, stories):
    Transfer.objects.filter(supplier__code="RUS", recipient__code="ARM", status="contracted").update(
        review_state="rejected")
    services.relations_refresh()
    page = reader_client.get("/explore/pair/RUS/ARM/")
    assert [i["status"] for i in page.context["transfers"]] == ["delivered"]
    assert page.context["totals"]["transfers"] == 1


def test_unknown_actors_are_404(reader_client, stories):
    assert reader_client.get("/explore/pair/RUS/XXX/").status_code == 404
    assert reader_client.get("/explore/actor/XXX/").status_code == 404


def test_the_actor_page_shows_supplies_receipts_officials_and_statements(reader_client, stories):
    page = reader_client.get("/explore/actor/RUS/")
    years = page.context["years"]
    assert [(y["year"], y["transfers"], y["statements"]) for y in years["supplied"]] == [(2016, 2, 2), (2019, 1, 1)]
    assert years["received"] == []
    assert [p["code"] for p in page.context["partners"]["recipients"]] == ["ARM", "AZE"]
    assert [o.name for o in page.context["officials"]] == ["Alexander Fomin", "Dmitry Rogozin"]
    evidence = [s["evidence"] for s in page.context["statements"]]
    assert len(evidence) == 3 and "Deputy Prime Minister Dmitry Rogozin said Russia would keep supplying Azerbaijan." in evidence
    received = reader_client.get("/explore/actor/UKR/").context["years"]["received"]
    assert [(y["year"], y["transfers"]) for y in received] == [(2022, 3), (None, 1)]


def test_the_network_links_suppliers_to_recipients_for_a_period(reader_client, stories):
    graph = reader_client.get("/explore/network/?year_from=2022&year_to=2022").context["graph"]
    assert {(l["supplier"], l["recipient"]) for l in graph["links"]} == {("USA", "UKR"), ("DEU", "UKR")}
    assert {n["code"] for n in graph["nodes"]} == {"USA", "DEU", "UKR"}
    ukr = next(n for n in graph["nodes"] if n["code"] == "UKR")
    assert (ukr["supplied"], ukr["received"]) == (0, 6)  # USA 2 + 2, Germany 1 + 1 (dated)
    everything = reader_client.get("/explore/network/").context["graph"]
    assert len(everything["links"]) == 4


def test_the_matrix_table_links_and_names_each_cell(reader_client, stories):
    html = reader_client.get("/explore/").content.decode()
    assert ('<a href="/explore/pair/RUS/ARM/" data-pair="RUS-ARM" '
            'title="Russia → Armenia: 2 transfers, 2 statements">4</a>') in html
