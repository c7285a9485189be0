"""What linking costs: a fixed number of statements whatever a deal holds, none at all for unchanged inputs.

Linking runs after every recording on the parse workers, so its cost is pinned
here by counting statements (never by timing them): a relink whose inputs did
not change writes nothing but the time, and a link costs the same number of
statements for a deal of one event as for a deal of many.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.deals.conftest import CONTRACT, DELIVER, make_article
from tracker.deals_models import ArticleStory, Deal, DealEvent
from tracker.models import Transfer
from tracker.services.deals import article_link_deals, deals_refresh

pytestmark = pytest.mark.django_db

def _writes(ctx: CaptureQueriesContext) -> list[str]:
    """The statements that could write rows, by their start."""
    return [q["sql"][:160] for q in ctx.captured_queries if re.search(r"\b(INSERT|UPDATE|DELETE)\b", q["sql"])]


def _contract(**kwargs):
    return make_article(CONTRACT, published=dt.date(2018, 10, 5), transfers=[
        ("RUS", "IND", "contracted", ["S-400"], "India signs deal for Russian S-400 missile systems")], **kwargs)


def test_a_relink_with_unchanged_inputs_writes_only_the_time_it_was_linked():
    article = _contract(statements=[
        ("RUS", ["IND"], "India signed a $5.43 billion contract with Russia on Friday for five S-400 air defence "
                         "systems.")])
    first = article_link_deals(article_id=article.pk)
    assert not first.unchanged
    deal = Deal.objects.get()
    updated, linked = deal.updated_at, ArticleStory.objects.get(article=article).linked_at
    with CaptureQueriesContext(connection) as ctx:
        again = article_link_deals(article_id=article.pk)
    assert again.unchanged and again.events == 1 and again.deals == {deal.pk}
    writes = _writes(ctx)
    assert len(writes) == 1 and "tracker_articlestory SET linked_at" in writes[0], writes
    deal.refresh_from_db()
    assert deal.updated_at == updated
    assert ArticleStory.objects.get(article=article).linked_at > linked
    assert deal.statements.count() == 1


def test_a_changed_transfer_is_relinked():
    article = _contract()
    article_link_deals(article_id=article.pk)
    Transfer.objects.filter(article=article).update(status="delivered")
    result = article_link_deals(article_id=article.pk)
    assert not result.unchanged
    assert Deal.objects.get().status == "delivered"
    assert DealEvent.objects.get().status == "delivered"


def test_a_rejected_transfer_loses_its_event_at_the_next_link():
    article = _contract()
    article_link_deals(article_id=article.pk)
    Transfer.objects.filter(article=article).update(review_state="rejected")
    article_link_deals(article_id=article.pk)
    assert not DealEvent.objects.exists() and not Deal.objects.exists()


def test_a_curators_move_makes_the_next_link_a_real_one_and_is_kept(s400):
    for name in ("announce", "contract", "deliver"):
        article_link_deals(article_id=s400[name]().pk)
    from tracker.services.deal_curation import deal_split_event

    event = DealEvent.objects.get(status="planned")
    new = deal_split_event(event=event)
    result = article_link_deals(article_id=event.article_id)
    assert not result.unchanged
    assert DealEvent.objects.get(pk=event.pk).deal_id == new.pk
    assert article_link_deals(article_id=event.article_id).unchanged


def test_a_catalogue_edit_makes_the_next_link_a_real_one():
    from tracker.deals_models import WeaponSystem

    text = "Russia sends Triumf-M to India\n1 May 2022\n\nThe Triumf-M arrived in India.\n"
    a = make_article(text, published=dt.date(2022, 5, 1), transfers=[
        ("RUS", "IND", "delivered", ["Triumf-M"], "The Triumf-M arrived in India.")])
    article_link_deals(article_id=a.pk)
    assert not Deal.objects.get().systems.exists()
    system = WeaponSystem.objects.get(designation="S-400 Triumf")
    system.aliases = [*system.aliases, "Triumf-M"]
    system.save()
    assert not article_link_deals(article_id=a.pk).unchanged
    assert [s.designation for s in Deal.objects.get().systems.all()] == ["S-400 Triumf"]


def _link_counting(article) -> int:
    with CaptureQueriesContext(connection) as ctx:
        article_link_deals(article_id=article.pk)
    return len(ctx.captured_queries)


def test_a_link_costs_the_same_statements_whatever_the_deal_holds():
    def copy(i: int):
        text = f"{DELIVER}\nCopy {i}.\n"
        return make_article(text, published=dt.date(2021, 12, 14), transfers=[
            ("RUS", "IND", "delivered", ["S-400s"],
             "Russia has delivered the first regiment of S-400s to India, an official said.")])

    article_link_deals(article_id=copy(0).pk)
    small = _link_counting(copy(1))
    for i in range(2, 12):
        article_link_deals(article_id=copy(i).pk)
    large = _link_counting(copy(12))
    deal = Deal.objects.get()
    assert deal.events.count() == 13
    # BEGIN, the article lock, the read, the story (band locks, candidates, row), the pair lock,
    # the pair's deals, the events, the deals derived, the time linked, COMMIT.
    assert large == small == 12


def test_refresh_takes_the_contracts_quantity_and_the_latest_status_of_the_day():
    """The derivation in SQL: the latest event by date, of one day the furthest along; the contract's number."""
    order = make_article("India orders S-400\n1 May 2018\n\nIndia signed for ten S-400 systems from Russia.\n",
                         published=dt.date(2018, 5, 1), transfers=[
                             ("RUS", "IND", "contracted", ["S-400"], "India signed for ten S-400 systems from Russia.")])
    article_link_deals(article_id=order.pk)
    text = ("S-400 arrives in India\n1 May 2021\n\nRussia has delivered two S-400 systems to India. "
            "Russia is delivering more S-400 systems to India.\n")
    delivery = make_article(text, published=dt.date(2021, 5, 1), transfers=[
        ("RUS", "IND", "delivered", ["S-400"], "Russia has delivered two S-400 systems to India.")])
    article_link_deals(article_id=delivery.pk)
    deal = Deal.objects.get()
    assert deal.quantity == 10 and deal.status == "delivered"
    # Of one day, the event furthest along gives the status, whatever the order they were written in.
    late = DealEvent.objects.create(deal=deal, article=order, supplier_id=deal.supplier_id,
                                    recipient_id=deal.recipient_id, system_key="x", date=dt.date(2021, 5, 1),
                                    status="ongoing", evidence="x", evidence_start=0, evidence_end=1)
    deals_refresh(deal_ids={deal.pk})
    deal.refresh_from_db()
    assert deal.status == "delivered"
    # The order's article already counts on this deal: its second event does not.
    assert deal.events_count == 2 and not DealEvent.objects.get(pk=late.pk).counted
    assert (deal.first_event_date, deal.last_event_date) == (dt.date(2018, 5, 1), dt.date(2021, 5, 1))


def test_a_deal_opened_since_makes_the_statements_article_link_again():
    text = ("Russia on schedule with India\n1 June 2020\n\nThe S-400 deliveries to India are on schedule, "
            "the Russian spokesman said.\n")
    talk = make_article(text, published=dt.date(2020, 6, 1), statements=[
        ("RUS", ["IND"], "The S-400 deliveries to India are on schedule, the Russian spokesman said.")])
    article_link_deals(article_id=talk.pk)
    assert article_link_deals(article_id=talk.pk).unchanged
    article_link_deals(article_id=_contract().pk)
    again = article_link_deals(article_id=talk.pk)
    assert not again.unchanged
    assert list(Deal.objects.get().statements.values_list("article_id", flat=True)) == [talk.pk]
    assert article_link_deals(article_id=talk.pk).unchanged
