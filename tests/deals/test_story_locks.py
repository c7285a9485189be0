"""Two copies of one story linked at the same moment: the band locks make the second wait for the first."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.db import connection, connections, transaction

from tests.deals.conftest import make_article
from tests.deals.test_stories import EVIDENCE, OTHER, PAGE_A, PAGE_B
from tracker.deals_models import ArticleStory
from tracker.services.deals import article_link_deals
from tracker.services.stories import fingerprint

# Real commits (two connections), and the seeded actors put back for the tests after.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _link_in_thread(article_id: int, errors: list) -> threading.Thread:
    def run():
        try:
            article_link_deals(article_id=article_id)
        except Exception as exc:  # reported by the test, not lost in the thread
            errors.append(exc)
        finally:
            connections.close_all()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread


def _held(band: int):
    """Hold the lock of one band in a transaction of this thread's connection, as another link would."""
    atomic = transaction.atomic()
    atomic.__enter__()
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [band])
    return atomic


def test_a_copy_waits_for_the_lock_of_a_band_it_shares_and_then_joins_the_story():
    first = make_article(PAGE_A, published=dt.date(2021, 12, 14), transfers=[
        ("RUS", "IND", "delivered", ["S-400"], EVIDENCE)])
    second = make_article(PAGE_B, published=dt.date(2021, 12, 14), transfers=[
        ("RUS", "IND", "delivered", ["S-400"], EVIDENCE)])
    shared = sorted(set(fingerprint(PAGE_A)[1]) & set(fingerprint(PAGE_B)[1]))
    assert shared
    errors: list = []
    holding = _held(shared[0])
    try:
        waiting = [_link_in_thread(a.pk, errors) for a in (first, second)]
        for thread in waiting:
            thread.join(1.0)
        assert all(t.is_alive() for t in waiting), "a link went ahead while a band it shares was locked"
    finally:
        holding.__exit__(None, None, None)
    for thread in waiting:
        thread.join(30)
    assert not errors and not any(t.is_alive() for t in waiting)
    stories = {s.article_id: s.story_id for s in ArticleStory.objects.filter(article__in=[first, second])}
    assert len(set(stories.values())) == 1


def test_an_article_sharing_no_band_does_not_wait():
    other = make_article(OTHER, published=dt.date(2022, 11, 4))
    bands = set(fingerprint(OTHER)[1])
    unrelated = next(b for b in fingerprint(PAGE_A)[1] if b not in bands)
    errors: list = []
    holding = _held(unrelated)
    try:
        thread = _link_in_thread(other.pk, errors)
        thread.join(30)
        assert not thread.is_alive() and not errors
    finally:
        holding.__exit__(None, None, None)
    assert ArticleStory.objects.filter(article=other, linked_at__isnull=False).exists()
