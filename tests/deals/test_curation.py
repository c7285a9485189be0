"""Curators' edits of deals: merges, splits, systems, quantity and value, all surviving a re-link."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from tests.deals.conftest import OTHER, make_article
from tracker.services.curation import actor_merge
from tracker.services.deal_curation import deal_merge, deal_split_event, deal_update
from tracker.deals_models import Deal, DealEvent, WeaponSystem
from tracker.services.deals import DealError, article_link_deals
from tracker.models import Actor

pytestmark = pytest.mark.django_db


def _su30():
    a = make_article(OTHER, published=dt.date(2020, 7, 2), transfers=[
        ("RUS", "IND", "contracted", ["Su-30MKI"], "India orders Su-30MKI fighters from Russia")])
    article_link_deals(article_id=a.pk)
    return a


def test_a_merge_moves_events_and_survives_relinking(s400):
    contract = s400["contract"]()
    article_link_deals(article_id=contract.pk)
    other = _su30()
    s400_deal = Deal.objects.get(systems__designation="S-400 Triumf")
    su30_deal = Deal.objects.get(systems__designation="Su-30MKI")
    merged = deal_merge(survivor=s400_deal, others=[su30_deal])
    assert not Deal.objects.filter(pk=su30_deal.pk).exists()
    assert merged.events.count() == 2 and merged.events_count == 2
    assert set(merged.systems.values_list("designation", flat=True)) == {"S-400 Triumf", "Su-30MKI"}
    for article in (contract, other):
        article_link_deals(article_id=article.pk)
    assert Deal.objects.count() == 1
    assert DealEvent.objects.filter(deal=merged).count() == 2


def test_deals_of_two_pairs_cannot_be_merged(s400):
    article_link_deals(article_id=s400["contract"]().pk)
    text = "Russia sends S-400 to China\n1 May 2018\n\nRussia has delivered S-400 systems to China.\n"
    china = make_article(text, published=dt.date(2018, 5, 1), transfers=[
        ("RUS", "CHN", "delivered", ["S-400"], "Russia has delivered S-400 systems to China.")])
    article_link_deals(article_id=china.pk)
    one, two = Deal.objects.order_by("id")
    with pytest.raises(DealError, match="same supplier and recipient"):
        deal_merge(survivor=one, others=[two])
    assert Deal.objects.count() == 2


def test_a_split_event_gets_its_own_deal_and_stays_there(s400):
    for name in ("announce", "contract", "deliver"):
        article_link_deals(article_id=s400[name]().pk)
    deal = Deal.objects.get()
    announcement = deal.events.get(status="planned")
    new = deal_split_event(event=announcement)
    deal.refresh_from_db()
    assert new.pk != deal.pk and new.status == "planned" and new.events_count == 1
    assert deal.events_count == 2 and deal.status == "delivered"
    article_link_deals(article_id=announcement.article_id)
    assert DealEvent.objects.get(pk=announcement.pk).deal_id == new.pk


def test_a_deals_only_event_cannot_be_split_off(s400):
    article_link_deals(article_id=s400["contract"]().pk)
    with pytest.raises(DealError):
        deal_split_event(event=DealEvent.objects.get())


def test_a_curators_systems_quantity_and_value_survive_relinking(s400):
    contract = s400["contract"]()
    article_link_deals(article_id=contract.pk)
    deal = Deal.objects.get()
    s300 = WeaponSystem.objects.get(designation="S-300")
    deal_update(deal=deal, systems=[s300], quantity=10, value_amount="5000000000", value_currency="usd")
    article_link_deals(article_id=contract.pk)
    deal.refresh_from_db()
    assert deal.curated
    assert list(deal.systems.values_list("designation", flat=True)) == ["S-300"]
    assert (deal.quantity, deal.value_amount, deal.value_currency) == (10, Decimal("5000000000"), "USD")
    assert deal.status == "contracted"


@pytest.mark.parametrize(("fields", "message"), [
    ({"quantity": -1}, "negative"),
    ({"value_currency": "dollars"}, "ISO 4217"),
])
def test_bad_edits_are_refused(s400, fields, message):
    article_link_deals(article_id=s400["contract"]().pk)
    deal = Deal.objects.get()
    with pytest.raises(DealError, match=message):
        deal_update(deal=deal, **fields)
    deal.refresh_from_db()
    assert not deal.curated


def test_an_actor_merge_moves_its_deals(s400, curator):
    article_link_deals(article_id=s400["contract"]().pk)
    india = Actor.objects.get(code="IND")
    twin = Actor.objects.create(code="india-twin", name="Republic of India (twin)", kind="state")
    Deal.objects.update(recipient=twin)
    DealEvent.objects.update(recipient=twin)
    actor_merge(survivor=india, loser=twin, merged_by=curator)
    assert Deal.objects.get().recipient_id == india.pk
    assert DealEvent.objects.get().recipient_id == india.pk
