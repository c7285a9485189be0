"""Linking transfers to deals: fusion across articles, order, re-parse, systems, quantities and values."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal

import pytest

from tests.deals.conftest import CONTRACT, OTHER, make_article, s400_articles
from tracker.deals_models import Deal, DealEvent, WeaponSystem
from tracker.services.deals import article_link_deals, articles_link_pending
from tracker.models import Transfer

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("order", list(itertools.permutations(["announce", "contract", "deliver"])))
def test_three_articles_in_any_order_make_one_delivered_deal(order):
    recipes = s400_articles()
    for name in order:
        article_link_deals(article_id=recipes[name]().pk)
    deal = Deal.objects.get()
    assert deal.status == "delivered"
    assert [s.designation for s in deal.systems.all()] == ["S-400 Triumf"]
    assert deal.category == "air defence systems"
    events = list(deal.events.order_by("date"))
    assert [e.status for e in events] == ["planned", "contracted", "delivered"]
    assert deal.events_count == 3
    assert (deal.first_event_date, deal.last_event_date) == (dt.date(2016, 10, 15), dt.date(2021, 12, 14))
    # The contract's value is in its lead sentence, next to the headline the evidence is.
    assert (deal.value_amount, deal.value_currency) == (Decimal("5430000000"), "USD")
    assert deal.quantity == 5


def test_another_system_of_the_same_pair_opens_a_second_deal(s400):
    for name in ("announce", "contract", "deliver"):
        article_link_deals(article_id=s400[name]().pk)
    other = make_article(OTHER, published=dt.date(2020, 7, 2), transfers=[
        ("RUS", "IND", "contracted", ["Su-30MKI"], "India orders Su-30MKI fighters from Russia")])
    article_link_deals(article_id=other.pk)
    assert Deal.objects.count() == 2
    su30 = Deal.objects.get(systems__designation="Su-30MKI")
    assert su30.status == "contracted" and su30.quantity == 12
    assert (su30.value_amount, su30.value_currency) == (Decimal("107300000000"), "INR")
    event = su30.events.get()
    assert OTHER[event.quantity_start:event.quantity_end] == "12 Su-30MKI"
    assert OTHER[event.value_start:event.value_end] == "10,730 crore rupees"


def test_linking_twice_changes_nothing(s400):
    article = s400["contract"]()
    first = article_link_deals(article_id=article.pk)
    assert first.deals_created == 1
    again = article_link_deals(article_id=article.pk)
    assert again.deals_created == 0
    assert Deal.objects.count() == 1 and DealEvent.objects.count() == 1


def test_a_reparse_replaces_the_transfer_row_and_the_event_follows_it(s400):
    article = s400["contract"]()
    article_link_deals(article_id=article.pk)
    deal = Deal.objects.get()
    old = Transfer.objects.get(article=article)
    # What a re-parse does: the machine-made row deleted and written again.
    fields = {f: getattr(old, f) for f in ("supplier_id", "recipient_id", "status", "weapons", "evidence",
                                           "evidence_start", "evidence_end")}
    old.delete()
    new = Transfer.objects.create(article=article, **fields)
    article_link_deals(article_id=article.pk)
    event = DealEvent.objects.get()
    assert event.transfer_id == new.pk and event.deal_id == deal.pk


def test_a_reparse_that_drops_a_transfer_drops_its_event_and_empty_deal(s400):
    article = s400["contract"]()
    article_link_deals(article_id=article.pk)
    Transfer.objects.filter(article=article).delete()
    article_link_deals(article_id=article.pk)
    assert not DealEvent.objects.exists() and not Deal.objects.exists()


def test_an_article_naming_no_system_joins_the_pairs_only_open_deal(s400):
    article_link_deals(article_id=s400["contract"]().pk)
    text = "Russia to speed up arms deliveries to India\n1 March 2019\n\nMoscow will supply India faster.\n"
    vague = make_article(text, published=dt.date(2019, 3, 1), transfers=[
        ("RUS", "IND", "ongoing", ["weapons"], "Moscow will supply India faster.")])
    article_link_deals(article_id=vague.pk)
    deal = Deal.objects.get()
    assert deal.events.count() == 2 and deal.status == "ongoing"


def test_no_system_and_two_open_deals_makes_a_new_deal(s400):
    article_link_deals(article_id=s400["contract"]().pk)
    other = make_article(OTHER, published=dt.date(2020, 7, 2), transfers=[
        ("RUS", "IND", "contracted", ["Su-30MKI"], "India orders Su-30MKI fighters from Russia")])
    article_link_deals(article_id=other.pk)
    text = "Russia and India talk arms\n1 March 2021\n\nMoscow will supply India with more arms.\n"
    vague = make_article(text, published=dt.date(2021, 3, 1), transfers=[
        ("RUS", "IND", "planned", [], "Moscow will supply India with more arms.")])
    article_link_deals(article_id=vague.pk)
    assert Deal.objects.count() == 3


def test_an_order_after_delivery_is_a_new_deal(s400):
    article_link_deals(article_id=s400["deliver"]().pk)
    text = "India orders more S-400s\n3 March 2023\n\nIndia has signed for two more S-400 regiments from Russia.\n"
    repeat = make_article(text, published=dt.date(2023, 3, 3), transfers=[
        ("RUS", "IND", "contracted", ["S-400"], "India has signed for two more S-400 regiments from Russia.")])
    article_link_deals(article_id=repeat.pk)
    assert Deal.objects.count() == 2
    assert Deal.objects.order_by("id").last().quantity == 2


def test_events_years_apart_beyond_the_gap_are_two_deals(settings, s400):
    settings.DEAL_GAP_YEARS = 1
    article_link_deals(article_id=s400["announce"]().pk)
    article_link_deals(article_id=s400["deliver"]().pk)
    assert Deal.objects.count() == 2


def test_a_system_the_catalogue_lacks_is_kept_as_written_and_fuses_by_its_name():
    texts = [("Ruritania buys Zyx-9000 launchers from Russia\n1 May 2019\n\nA deal was signed.\n", "contracted"),
             ("Russia delivers Zyx-9000 launchers to Ruritania\n1 May 2020\n\nThe launchers arrived.\n", "delivered")]
    for text, status in texts:
        a = make_article(text, published=dt.date(2019 if status == "contracted" else 2020, 5, 1), transfers=[
            ("RUS", "IND", status, ["Zyx-9000 launchers"], text.split("\n")[0])])
        article_link_deals(article_id=a.pk)
    deal = Deal.objects.get()
    assert deal.systems.count() == 0
    assert deal.description == "Zyx-9000 launchers"
    assert deal.status == "delivered" and deal.events_count == 2


def test_a_curators_new_alias_resolves_from_the_next_link():
    system = WeaponSystem.objects.get(designation="S-400 Triumf")
    system.aliases = [*system.aliases, "Triumf-M"]
    system.save()
    text = "Russia sends Triumf-M to India\n1 May 2022\n\nThe Triumf-M arrived in India.\n"
    a = make_article(text, published=dt.date(2022, 5, 1), transfers=[
        ("RUS", "IND", "delivered", ["Triumf-M"], "The Triumf-M arrived in India.")])
    article_link_deals(article_id=a.pk)
    assert [s.designation for s in Deal.objects.get().systems.all()] == ["S-400 Triumf"]


def test_statements_link_to_the_deal_of_the_system_they_name(s400):
    article_link_deals(article_id=s400["contract"]().pk)
    other = make_article(OTHER, published=dt.date(2020, 7, 2), transfers=[
        ("RUS", "IND", "contracted", ["Su-30MKI"], "India orders Su-30MKI fighters from Russia")])
    article_link_deals(article_id=other.pk)
    text = ("Russia on schedule with India\n1 June 2020\n\nThe S-400 deliveries to India are on schedule, "
            "the Russian spokesman said.\n")
    talk = make_article(text, published=dt.date(2020, 6, 1), statements=[
        ("RUS", ["IND"], "The S-400 deliveries to India are on schedule, the Russian spokesman said.")])
    article_link_deals(article_id=talk.pk)
    s400_deal = Deal.objects.get(systems__designation="S-400 Triumf")
    assert list(s400_deal.statements.values_list("article_id", flat=True)) == [talk.pk]
    assert not Deal.objects.get(systems__designation="Su-30MKI").statements.exists()


def test_an_unparsed_article_is_not_linked():
    a = make_article(CONTRACT, published=None)
    a.status = "queued"
    a.save()
    assert article_link_deals(article_id=a.pk) is None
    assert article_link_deals(article_id=10**9) is None


def test_the_sweep_finds_parsed_articles_never_linked(s400):
    from django.utils import timezone

    article = s400["contract"]()
    article.parsed_at = timezone.now() - dt.timedelta(minutes=5)
    article.save()
    assert articles_link_pending() == [article.pk]
    article_link_deals(article_id=article.pk)
    assert articles_link_pending() == []
