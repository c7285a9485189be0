"""Reading the records: filters, relations, export, query counts."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.http import parse_http_date

from tracker import services
from tracker.models import Actor, Article, Official, Statement, Transfer
from workers.tasks import relations_refresh as relations_refresh_task

pytestmark = pytest.mark.django_db

_counter = iter(range(1, 10**6))


def make_article(published=dt.date(2016, 7, 19), title="An article", source="TASS") -> Article:
    n = next(_counter)
    return Article.objects.create(raw=f"text {n}", content_hash=f"{n:064d}", clean_text=f"text {n}",
                                  title=title, source=source, published=published, status="parsed")


def actor(code: str) -> Actor:
    return Actor.objects.get(code=code)


def make_transfer(supplier="RUS", recipient="ARM", status="ongoing", weapons=(), evidence="Russia supplies arms.",
                  article=None, confidence=0.8, review_state="unreviewed") -> Transfer:
    return Transfer.objects.create(
        article=article or make_article(), supplier=actor(supplier), recipient=actor(recipient), status=status,
        weapons=list(weapons), evidence=evidence, evidence_start=0, evidence_end=len(evidence),
        confidence=confidence, review_state=review_state,
    )


def make_official(name="Alexander Fomin", country="RUS", title="Director") -> Official:
    from tracker.services import name_key

    return Official.objects.create(name=name, name_key=name_key(name), title=title, country=actor(country))


def make_statement(speaker=None, supplier="RUS", recipients=("ARM",), evidence="Russia keeps parity in supplies.",
                   article=None, direct_quote=False, confidence=0.8, start=0) -> Statement:
    statement = Statement.objects.create(
        article=article or make_article(), speaker=speaker,
        speaker_name=speaker.name if speaker else "State Department",
        supplier=actor(supplier) if supplier else None, evidence=evidence, evidence_start=start,
        evidence_end=start + len(evidence), direct_quote=direct_quote, confidence=confidence,
    )
    statement.recipients.set([actor(c) for c in recipients])
    return statement


def ids(response) -> set[int]:
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


# --- statements -------------------------------------------------------------------------


@pytest.fixture(params=["by ids", "by condition", "few officials, many statements"])
def few(request, monkeypatch):
    """Every filter test runs three times: with the rows resolved to their ids first
    (few matches, the default here), with the condition applied as it is (many),
    and for the speaker filter, with few officials who made too many statements."""
    from tracker.api import filters

    if request.param == "by condition":
        monkeypatch.setattr(filters, "FEW", 0)
    elif request.param == "few officials, many statements":
        monkeypatch.setattr(filters, "SPEAKER_FEW", 0)
    return request.param


@pytest.fixture
def statements():
    fomin = make_official()
    kuleba = make_official("Dmytro Kuleba", "UKR", "Foreign Minister")
    return {
        "fomin_arm": make_statement(fomin, "RUS", ["ARM"], article=make_article(dt.date(2016, 7, 19))),
        "fomin_aze_quote": make_statement(fomin, "RUS", ["AZE"], "We will deliver the Iskander systems on time.",
                                          article=make_article(dt.date(2014, 1, 1)), direct_quote=True),
        "kuleba": make_statement(kuleba, "USA", ["UKR"], "Washington will send more HIMARS launchers.",
                                 article=make_article(dt.date(2022, 9, 1)), confidence=0.4),
        "org": make_statement(None, None, [], "Arms exports fell sharply last year.",
                              article=make_article(dt.date(2020, 1, 1))),
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("supplier=RUS", {"fomin_arm", "fomin_aze_quote"}),
        ("supplier=Russia", {"fomin_arm", "fomin_aze_quote"}),
        ("supplier=russian%20federation", {"fomin_arm", "fomin_aze_quote"}),
        ("recipient=ARM,AZE", {"fomin_arm", "fomin_aze_quote"}),
        ("recipient=Armenia", {"fomin_arm"}),
        ("supplier=RUS&recipient=AZE", {"fomin_aze_quote"}),
        ("supplier=RUS,USA&recipient=UKR,ARM", {"fomin_arm", "kuleba"}),
        ("supplier=USA&recipient=ARM", set()),
        ("supplier=Russia&recipient=Armenia&speaker_country=RUS&published_after=2016-01-01", {"fomin_arm"}),
        ("speaker=Fomin", {"fomin_arm", "fomin_aze_quote"}),
        ("speaker=State%20Department", {"org"}),
        ("speaker_country=UKR", {"kuleba"}),
        ("speaker_country=Russia&published_after=2016-01-01", {"fomin_arm"}),
        ("published_after=2015-01-01&published_before=2020-12-31", {"fomin_arm", "org"}),
        ("published_before=2016-07-19", {"fomin_arm", "fomin_aze_quote"}),
        ("published_after=2030-01-01", set()),
        ("speaker=fomin&published_after=2015-01-01&search=parity", {"fomin_arm"}),
        ("direct_quote=true", {"fomin_aze_quote"}),
        ("min_confidence=0.5", {"fomin_arm", "fomin_aze_quote", "org"}),
        ("search=iskander", {"fomin_aze_quote"}),
        ("search=deliver", {"fomin_aze_quote"}),
        ("search=%22arms%20exports%22", {"org"}),
        ("search=HIMARS%20-Washington", set()),
        ("supplier=XXX", set()),
    ],
)
def test_statement_filters(api, statements, few, query, expected):
    assert ids(api.get(f"/api/statements/?{query}")) == {statements[k].id for k in expected}


def test_statement_filter_by_speaker_id_and_review_state(api, statements):
    fomin = statements["fomin_arm"].speaker
    assert ids(api.get(f"/api/statements/?speaker={fomin.id}")) == {statements["fomin_arm"].id,
                                                                     statements["fomin_aze_quote"].id}
    Statement.objects.filter(pk=statements["kuleba"].pk).update(review_state="approved")
    assert ids(api.get("/api/statements/?review_state=approved")) == {statements["kuleba"].id}


def test_statement_carries_what_a_client_needs(api, statements):
    row = api.get(f"/api/statements/{statements['fomin_arm'].id}/").json()
    assert row["speaker"]["name"] == "Alexander Fomin"
    assert row["speaker"]["title"] == "Director"
    assert row["speaker"]["country"] == "RUS"
    assert row["supplier"]["code"] == "RUS" and row["supplier"]["name"] == "Russia"
    assert [r["code"] for r in row["recipients"]] == ["ARM"]
    assert row["article"]["published"] == "2016-07-19"
    assert row["article"]["source"] == "TASS"
    assert row["evidence"] and row["review_state"] == "unreviewed" and row["direct_quote"] is False
    assert row["speaker"]["url"].endswith(f"/api/officials/{statements['fomin_arm'].speaker_id}/")


def test_ordering_and_capped_page_size(api, statements):
    body = api.get("/api/statements/?ordering=confidence&page_size=2").json()
    assert len(body["results"]) == 2 and body["next"]
    assert body["results"][0]["confidence"] == 0.4
    rest = api.get(body["next"]).json()["results"]
    assert len(rest) == 2
    assert not {r["id"] for r in rest} & {r["id"] for r in body["results"]}
    assert len(api.get("/api/statements/?page_size=500").json()["results"]) == 4
    # Past the cap is an error naming the parameter, not a silently smaller page.
    too_big = api.get("/api/statements/?page_size=100000")
    assert too_big.status_code == 400 and list(too_big.json()["error"]["fields"]) == ["page_size"]


# --- transfers ---------------------------------------------------------------------------


@pytest.fixture
def transfers():
    return {
        "rus_arm": make_transfer("RUS", "ARM", "ongoing", article=make_article(dt.date(2016, 7, 19))),
        "rus_ind": make_transfer("RUS", "IND", "contracted", ["S-400 Triumf"],
                                 "India signed for five S-400 regiments.", article=make_article(dt.date(2018, 10, 5))),
        "irn_hez": make_transfer("IRN", "hezbollah", "denied", ["Fateh-110"], "Iran denied arming Hezbollah.",
                                 article=make_article(dt.date(2019, 3, 1)), confidence=0.3),
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("supplier=RUS", {"rus_arm", "rus_ind"}),
        ("supplier=Iran", {"irn_hez"}),
        ("recipient=hezbollah", {"irn_hez"}),
        ("recipient=ARM,IND", {"rus_arm", "rus_ind"}),
        ("status=contracted", {"rus_ind"}),
        ("status=contracted&status=denied", {"rus_ind", "irn_hez"}),
        ("weapon=s-400", {"rus_ind"}),
        ("published_after=2018-01-01", {"rus_ind", "irn_hez"}),
        ("min_confidence=0.5", {"rus_arm", "rus_ind"}),
        ("search=regiments", {"rus_ind"}),
    ],
)
def test_transfer_filters(api, transfers, few, query, expected):
    assert ids(api.get(f"/api/transfers/?{query}")) == {transfers[k].id for k in expected}


def test_relations_matrix(api, transfers):
    fomin = make_official()
    make_statement(fomin, "RUS", ["ARM", "AZE"], article=make_article(dt.date(2016, 7, 19)))
    make_transfer("RUS", "ARM", "delivered", ["Iskander"], "Russia delivered Iskanders.",
                  article=make_article(dt.date(2017, 1, 1)))
    assert services.relations_refresh()
    rows = api.get("/api/relations/?supplier=Russia").json()
    by_pair = {(r["supplier"]["code"], r["recipient"]["code"]): r for r in rows}
    assert set(by_pair) == {("RUS", "ARM"), ("RUS", "IND"), ("RUS", "AZE")}
    arm = by_pair[("RUS", "ARM")]
    assert arm["transfers"] == 2
    assert arm["transfers_by_status"]["ongoing"] == 1 and arm["transfers_by_status"]["delivered"] == 1
    assert arm["statements"] == 1
    assert (arm["first_article_date"], arm["last_article_date"]) == ("2016-07-19", "2017-01-01")
    assert arm["weapons"] == ["Iskander"]
    assert by_pair[("RUS", "AZE")]["transfers"] == 0 and by_pair[("RUS", "AZE")]["statements"] == 1
    only_ind = api.get("/api/relations/?recipient=IND").json()
    assert [(r["supplier"]["code"], r["recipient"]["code"]) for r in only_ind] == [("RUS", "IND")]


def test_relations_come_from_a_summary_refreshed_when_records_change(api, transfers):
    services.relations_refresh(force=True)
    before = api.get("/api/relations/?supplier=RUS&recipient=ARM")
    assert before.json()[0]["transfers"] == 1
    refreshed = parse_http_date(before["Last-Modified"])
    assert not services.relations_refresh()  # nothing changed: nothing to do

    transfers["rus_arm"].review_state = "rejected"
    transfers["rus_arm"].save()
    # Until the refresh, readers see the summary as it was.
    assert api.get("/api/relations/?supplier=RUS&recipient=ARM").json()[0]["transfers"] == 1
    assert relations_refresh_task()  # the periodic task (celery beat) does this
    assert api.get("/api/relations/?supplier=RUS&recipient=ARM").json() == []
    assert parse_http_date(api.get("/api/relations/")["Last-Modified"]) >= refreshed

    make_statement(None, "RUS", ["ARM"])  # an insert through the m2m table counts as a change too
    assert services.relations_refresh()
    assert api.get("/api/relations/?supplier=RUS&recipient=ARM").json()[0]["statements"] == 1


# --- export ------------------------------------------------------------------------------


def test_csv_export_streams_every_filtered_row(api, transfers):
    for i in range(60):  # more than a page
        make_transfer("RUS", "SYR", "delivered", ["S-300"], f"Delivery {i}.")
    response = api.get("/api/transfers/?format=csv&supplier=RUS&page_size=10")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response.streaming
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert len(rows) == 62
    assert {r["supplier"] for r in rows} == {"RUS"}
    assert "evidence" in rows[0] and "article_published" in rows[0]


def test_jsonl_export_of_statements(api, statements):
    response = api.get("/api/statements/?format=jsonl&supplier=RUS")
    lines = [json.loads(line) for line in b"".join(response.streaming_content).decode().splitlines()]
    assert {line["id"] for line in lines} == {statements["fomin_arm"].id, statements["fomin_aze_quote"].id}
    assert lines[0]["speaker"] == "Alexander Fomin"


# --- query counts --------------------------------------------------------------------------


def _count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
        assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize(
    ("url", "pinned"),
    [
        # Lists with related rows find the page's ids first, then load them
        # (IdCursorPagination): one query more, the same at 5 and at 50 rows.
        ("/api/statements/", 3),
        ("/api/transfers/", 2),
        ("/api/articles/", 1),
        ("/api/officials/", 2),
        ("/api/actors/", 1),
    ],
)
def test_list_query_count_does_not_grow_with_rows(api, url, pinned):
    fomin = make_official()

    def add(n: int) -> None:
        for _ in range(n):
            article = make_article()
            make_transfer(article=article)
            make_statement(fomin, recipients=["ARM", "AZE"], article=article)
            make_official(f"Official {next(_counter)}")

    add(5)
    at_5 = _count_queries(api, url + "?page_size=50")
    add(45)
    at_50 = _count_queries(api, url + "?page_size=50")
    assert at_5 == at_50 == pinned


def test_a_page_is_found_by_its_filters_and_loaded_by_id(api, statements):
    """The light query carries the filters and the ordering; the second loads the
    rows by id without the filters' joins and subqueries."""
    with CaptureQueriesContext(connection) as ctx:
        response = api.get("/api/statements/?supplier=RUS&recipient=ARM&published_after=2015-01-01&ordering=-published")
    assert ids(response) == {statements["fomin_arm"].id}
    statement_queries = [q["sql"] for q in ctx.captured_queries if q["sql"].startswith('SELECT "tracker_statement"')]
    light, full = statement_queries
    # The pair (supplier, recipient) names one statement: listed by id from the pair index.
    assert '"tracker_statement"."id" = ANY(' in light and '"tracker_statement"."supplier_id" IN' in light
    assert '"tracker_statement"."evidence"' not in light
    assert '"tracker_statement"."evidence"' in full
    assert "tracker_statement_recipients" not in full and '"tracker_statement"."supplier_id" IN' not in full
    assert '"tracker_statement"."id" IN' in full


def test_pages_in_order_of_an_annotation_follow_the_cursor(api):
    """Ordering by ``published`` (an annotation) survives the two-step page: every
    row once, in order, across cursor pages."""
    fomin = make_official()
    made = [make_statement(fomin, article=make_article(dt.date(2010 + i % 7, 1, 1))) for i in range(12)]
    seen, url = [], "/api/statements/?ordering=-published&page_size=5"
    while url:
        body = api.get(url).json()
        seen += [(row["article"]["published"], row["id"]) for row in body["results"]]
        url = body["next"]
    assert sorted({s.id for s in made}) == sorted(i for _p, i in seen)
    assert seen == sorted(seen, key=lambda pair: (pair[0], pair[1]), reverse=True)


@pytest.mark.parametrize("fragment", ["Kovalenko", "kovalenko", "Petro"])
def test_speaker_by_name_finds_the_officials_aliases_and_unlinked_speakers(api, few, fragment):
    """A name fragment matches the linked official's name or aliases (the names of
    officials merged into them), and the name as written for unlinked speakers."""
    official = make_official("Petro Kovalenko", "UKR", "Defence Minister")
    merged = make_official("Jan Novak", "UKR", "Deputy Minister")
    merged.aliases = ["Petro Kovalenko-Shevchuk"]
    merged.save()
    linked = make_statement(official, "UKR", ["POL"])
    by_alias = make_statement(merged, "UKR", ["POL"], start=40)
    unlinked = make_statement(None, "UKR", ["POL"], start=80)
    Statement.objects.filter(pk=unlinked.pk).update(speaker_name="Mr Kovalenko's office (Petro)")
    other = make_statement(make_official("Olena Shevchenko", "UKR"), "UKR", ["POL"], start=120)
    found = ids(api.get(f"/api/statements/?speaker={fragment}"))
    assert found == {linked.id, by_alias.id, unlinked.id}
    assert other.id not in found


def test_speaker_fragment_with_like_wildcards_is_taken_literally(api):
    make_statement(make_official("Anna Smith", "GBR"), "GBR", ["UKR"])
    assert ids(api.get("/api/statements/?speaker=%25")) == set()
    assert ids(api.get("/api/statements/?speaker=_")) == set()


def _link_suppliers(statement: Statement) -> set:
    """The supplier each of the statement's recipient links carries (migration 0012's column)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT supplier_id FROM tracker_statement_recipients WHERE statement_id = %s", [statement.pk])
        return {row[0] for row in cursor.fetchall()}


def test_recipient_links_carry_their_statements_supplier_whoever_changes_it(api, curator):
    from tracker.services import curation

    statement = make_statement(None, "RUS", ["ARM", "AZE"])
    assert _link_suppliers(statement) == {actor("RUS").pk}
    assert ids(api.get("/api/statements/?supplier=RUS&recipient=AZE")) == {statement.pk}

    # A curator's edit of the supplier, then a new recipient added afterwards.
    statement.supplier = actor("BLR")
    statement.save()
    statement.recipients.add(actor("KAZ"))
    assert _link_suppliers(statement) == {actor("BLR").pk}
    assert ids(api.get("/api/statements/?supplier=BLR&recipient=KAZ")) == {statement.pk}
    assert ids(api.get("/api/statements/?supplier=RUS&recipient=ARM")) == set()

    # An actor merge moves the statement to the survivor; no supplier at all leaves the links without one.
    curation.actor_merge(survivor=actor("RUS"), loser=actor("BLR"), merged_by=curator)
    assert _link_suppliers(statement) == {actor("RUS").pk}
    assert ids(api.get("/api/statements/?supplier=RUS&recipient=ARM")) == {statement.pk}
    Statement.objects.filter(pk=statement.pk).update(supplier=None)
    assert _link_suppliers(statement) == {None}
    assert ids(api.get("/api/statements/?recipient=ARM")) == {statement.pk}
