"""The deals admin: the timeline with its evidence, split, merge, edits that stick, the catalogue and its gaps."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.deals.conftest import OTHER, make_article, s400_articles
from tracker.deals_models import Deal, DealEvent, WeaponSystem
from tracker.services.deals import article_link_deals

pytestmark = pytest.mark.django_db


@pytest.fixture
def s400_deal():
    recipes = s400_articles()
    for name in ("announce", "contract", "deliver"):
        article_link_deals(article_id=recipes[name]().pk)
    return Deal.objects.get()


def test_the_deal_page_shows_the_timeline_with_highlighted_evidence(curator_client, s400_deal):
    page = curator_client.get(f"/admin/tracker/deal/{s400_deal.pk}/change/")
    assert page.status_code == 200
    html = page.content.decode()
    assert html.count('<mark class="ev ev-transfer"') == 3
    assert 'title="value"' in html and "$5.43 billion" in html
    assert html.count("Split off") == 3
    assert "S-400 Triumf" in html


def test_a_curator_splits_an_event_off(curator_client, s400_deal):
    event = s400_deal.events.get(status="planned")
    response = curator_client.post(f"/admin/tracker/deal/{s400_deal.pk}/split/{event.pk}/")
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.deal_id != s400_deal.pk and event.curated
    assert Deal.objects.count() == 2


def test_a_viewer_cannot_split_or_edit(viewer_client, s400_deal):
    event = s400_deal.events.first()
    assert viewer_client.post(f"/admin/tracker/deal/{s400_deal.pk}/split/{event.pk}/").status_code == 403
    assert DealEvent.objects.get(pk=event.pk).deal_id == s400_deal.pk
    page = viewer_client.get(f"/admin/tracker/deal/{s400_deal.pk}/change/").content.decode()
    assert "Split off" not in page


def test_a_curator_merges_deals_from_the_list(curator_client, s400_deal):
    other = make_article(OTHER, published=dt.date(2020, 7, 2), transfers=[
        ("RUS", "IND", "contracted", ["Su-30MKI"], "India orders Su-30MKI fighters from Russia")])
    article_link_deals(article_id=other.pk)
    ids = list(Deal.objects.values_list("pk", flat=True))
    response = curator_client.post("/admin/tracker/deal/", {"action": "merge", "_selected_action": ids})
    assert response.status_code == 302
    assert list(Deal.objects.values_list("pk", flat=True)) == [min(ids)]
    assert Deal.objects.get().events.count() == 4


def test_an_edit_of_systems_quantity_and_value_is_curated_and_survives_linking(curator_client, s400_deal):
    s300 = WeaponSystem.objects.get(designation="S-300")
    response = curator_client.post(f"/admin/tracker/deal/{s400_deal.pk}/change/", {
        "systems": [s300.pk], "description": "", "quantity": "4", "value_amount": "5000000000",
        "value_currency": "USD", "review_state": "approved",
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    article_link_deals(article_id=s400_deal.events.first().article_id)
    s400_deal.refresh_from_db()
    assert s400_deal.curated and s400_deal.quantity == 4 and s400_deal.review_state == "approved"
    assert list(s400_deal.systems.values_list("designation", flat=True)) == ["S-300"]


def test_catalogue_entries_are_editable_and_stay_curated(curator_client):
    system = WeaponSystem.objects.get(designation="S-400 Triumf")
    response = curator_client.post(f"/admin/tracker/weaponsystem/{system.pk}/change/", {
        "designation": "S-400 Triumf", "aliases": "S-400,SA-21,Triumf-M", "category": "air defence systems",
        "producer": "RUS", "family": "S-300/S-400",
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    system.refresh_from_db()
    assert system.curated and "Triumf-M" in system.aliases
    from tracker.services.weapons import weapon_systems_load

    weapon_systems_load()
    system.refresh_from_db()
    assert system.aliases == ["S-400", "SA-21", "Triumf-M"]
    assert curator_client.get("/admin/tracker/weaponsystem/?q=SA-21").content.decode().count("S-400 Triumf") >= 1


def test_unresolved_weapon_names_are_listed_with_counts(curator_client):
    for year in (2019, 2020):
        text = f"Russia sells Zyx-9000 to India\n1 May {year}\n\nRussia will sell Zyx-9000 launchers to India.\n"
        article = make_article(text, published=dt.date(year, 5, 1), transfers=[
            ("RUS", "IND", "planned", ["Zyx-9000 launchers"], "Russia will sell Zyx-9000 launchers to India.")])
        article_link_deals(article_id=article.pk)
    page = curator_client.get("/admin/tracker/weaponsystem/unresolved/").content.decode()
    assert "<td>Zyx-9000 launchers</td><td>2</td><td>1</td>" in page
    assert "Unresolved names" in curator_client.get("/admin/tracker/weaponsystem/").content.decode()
