"""Deals through the whole service: the API, Redis, a real Celery worker that parses and links, PostgreSQL."""

from __future__ import annotations

import time

import pytest

from tests.conftest import wait_for_status
from tests.deals.conftest import ANNOUNCE, CONTRACT, DELIVER, OTHER

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

WIRE = (
    "CAIRO (Reuters) - France has delivered the first six Rafale fighter jets to Egypt under a 5.2 billion euro "
    "deal signed in February, the Egyptian presidency said on Tuesday. The aircraft landed at an air base east "
    "of Cairo after a flight from the Dassault factory near Bordeaux, escorted by French tankers. Egypt became "
    "the first foreign buyer of the jet, which France had struggled to export for years, and officials in Paris "
    "hope the sale will open the door to further orders from the Gulf. The remaining jets are due next year, "
    "along with a frigate and missiles included in the package, a spokesman said.\n"
)
PAGE_A = ("Egypt receives first Rafale jets\n21 July 2015\nThe Daily Courier | World | Defence\n\n" + WIRE
          + "\nSubscribe to our newsletter for the day's top stories. Copyright The Daily Courier.\n")
PAGE_B = ("First Rafales land in Egypt - Metro Times\n21 July 2015\nHome > News > Middle East\n\n" + WIRE
          + "\nRead more: Metro Times app. Follow us on social media. All rights reserved, Metro Times.\n")


def _submit(api, text: str) -> dict:
    response = api.post("/api/articles/", {"text": text}, format="json")
    assert response.status_code == 202, response.content
    article = wait_for_status(api, response.json()["url"])
    assert article["status"] == "parsed", article["failure_reason"]
    return article


def _wait_for_deals(api, query: str, ready, timeout: float = 60.0) -> list[dict]:
    """Poll /api/deals/ until ``ready(results)``: linking runs in its own task after the parse."""
    deadline = time.monotonic() + timeout
    while True:
        results = api.get(f"/api/deals/?{query}").json()["results"]
        if ready(results):
            return results
        if time.monotonic() > deadline:
            raise AssertionError(f"deals for {query!r} still {results!r} after {timeout} s")
        time.sleep(0.2)


def test_three_articles_years_apart_in_any_order_make_one_delivered_deal(api, celery_worker_process):
    # Submitted out of order: the delivery first, the announcement last.
    articles = [_submit(api, text) for text in (DELIVER, CONTRACT, ANNOUNCE)]

    def three_events(results):
        return len(results) == 1 and results[0]["events_count"] == 3

    [deal] = _wait_for_deals(api, "supplier=RUS&recipient=IND", three_events)
    assert deal["status"] == "delivered"
    assert [s["designation"] for s in deal["systems"]] == ["S-400 Triumf"]
    detail = api.get(deal["url"]).json()
    assert [e["status"] for e in detail["events"]] == ["planned", "contracted", "delivered"]
    assert {e["article"]["id"] for e in detail["events"]} == {a["id"] for a in articles}

    # Another system of the same pair: a second deal.
    _submit(api, OTHER)
    deals = _wait_for_deals(api, "supplier=RUS&recipient=IND", lambda r: len(r) == 2)
    su30 = next(d for d in deals if d["id"] != deal["id"])
    assert [s["designation"] for s in su30["systems"]] == ["Su-30MKI"]
    assert su30["status"] == "contracted" and su30["quantity"] == 12


def test_the_same_wire_story_twice_is_one_story_counted_once(api, celery_worker_process):
    from tracker import services
    from tracker.deals_models import ArticleStory

    first, second = _submit(api, PAGE_A), _submit(api, PAGE_B)
    assert first["id"] != second["id"]

    def both_linked(results):
        return ArticleStory.objects.filter(article_id__in=[first["id"], second["id"]], linked_at__isnull=False
                                           ).count() == 2 and len(results) == 1

    [deal] = _wait_for_deals(api, "supplier=FRA&recipient=EGY", both_linked)
    assert deal["events_count"] == 1
    assert len(api.get(deal["url"]).json()["events"]) == 2
    stories = ArticleStory.objects.filter(article_id__in=[first["id"], second["id"]])
    assert len({s.story_id for s in stories}) == 1

    services.relations_refresh(force=True)
    [relation] = api.get("/api/relations/?supplier=FRA&recipient=EGY").json()
    assert relation["transfers"] == 1 and relation["deals"] == 1
    assert relation["deals_by_status"]["delivered"] == 1


def test_a_curator_s_edit_or_rejection_moves_the_deal_without_a_new_parse(api, curator, celery_worker_process):
    from tracker.models import Transfer
    from tracker.services import curation as services

    article = _submit(api, CONTRACT)
    [deal] = _wait_for_deals(api, "supplier=RUS&recipient=IND", lambda r: len(r) == 1)
    assert deal["status"] == "contracted"

    transfer = Transfer.objects.get(article_id=article["id"])
    transfer.status = "delivered"
    services.record_update(record=transfer, updated_by=curator, fields=["status"])
    [deal] = _wait_for_deals(api, "supplier=RUS&recipient=IND", lambda r: r and r[0]["status"] == "delivered")

    services.record_reject(records=Transfer.objects.filter(pk=transfer.pk), rejected_by=curator)
    # Its only event gone, the machine-made deal goes too.
    _wait_for_deals(api, "supplier=RUS&recipient=IND", lambda r: r == [])
