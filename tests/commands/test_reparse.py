"""Re-parse at scale: ``manage.py reparse`` and the admin action queue articles in throttled batches;
a real worker parses them again and the records a curator touched are kept."""

from __future__ import annotations

import io
import threading
import time

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from tests.conftest import client_for, wait_for_status
from tracker.models import Actor, Article, Statement, Transfer
from tracker.services.reparse import article_reparse_many


def _article(n: int, *, version: str = "0.1.0", status: str = "parsed", supplier: str | None = None) -> Article:
    article = Article.objects.create(raw=f"Article {n}", content_hash=f"{n:064d}", status=status,
                                     parser_version=version if status == "parsed" else "")
    if supplier:
        Transfer.objects.create(article=article, supplier=Actor.objects.get(code=supplier),
                                recipient=Actor.objects.get(code="IND"), status="planned", evidence="e",
                                evidence_start=0, evidence_end=1)
    return article


def _reparse(*args: str) -> str:
    out = io.StringIO()
    call_command("reparse", *args, "--no-progress", stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_the_filters_choose_the_articles(settings):
    settings.REPARSE_PAUSE_SECONDS = 0
    old = _article(1, version="0.1.0", supplier="RUS")
    newer = _article(2, version="0.10.0", supplier="RUS")
    french = _article(3, version="0.1.0", supplier="FRA")
    failed = _article(4, status="failed")
    waiting = _article(5, status="queued")
    assert "3 articles would be queued" in _reparse("--before-version", "0.2", "--dry-run")
    assert "1 articles queued" in _reparse("--before-version", "0.2", "--supplier", "Russia", "--max-queued", "0")
    assert Article.objects.get(pk=old.pk).status == "queued"
    assert {a.status for a in Article.objects.filter(pk__in=[newer.pk, french.pk, failed.pk])} == {"parsed",
                                                                                                  "failed"}
    assert "1 articles queued" in _reparse("--status", "failed", "--max-queued", "0")
    assert Article.objects.get(pk=failed.pk).attempts == 0
    assert Article.objects.get(pk=waiting.pk).status == "queued"  # untouched: its parse is coming
    assert "0 articles would be queued" in _reparse("--since", "2999-01-01", "--dry-run")


@pytest.mark.django_db
@pytest.mark.parametrize("args, message", [
    (["--before-version", "latest"], "dotted numbers"), (["--since", "yesterday"], "YYYY-MM-DD"),
    (["--supplier", "Atlantis"], "no actor"),
])
def test_bad_options_are_refused(args, message):
    with pytest.raises(CommandError, match=message):
        _reparse(*args)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_batches_wait_while_the_queue_is_full():
    ids = [_article(n).pk for n in range(1, 8)]
    steps = []

    def drain():
        # A stand-in for the workers: takes the queued articles off the queue, a few at a time.
        for _ in range(100):
            time.sleep(0.05)
            Article.objects.filter(status="queued").update(status="parsed")
        from django.db import connection
        connection.close()

    worker = threading.Thread(target=drain)
    worker.start()
    queued = article_reparse_many(articles=Article.objects.filter(pk__in=ids), batch_size=3, pause=0.02, max_queued=3,
                                  progress=lambda step: steps.append((step.queued, step.total,
                                                                      Article.objects.filter(status="queued").count())))
    worker.join()
    assert queued == 7
    assert [(q, t) for q, t, _ in steps] == [(3, 7), (6, 7), (7, 7)]
    assert all(waiting <= 3 for _q, _t, waiting in steps)  # never more than a batch waiting


@pytest.mark.worker
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_bulk_reparse_is_parsed_by_the_worker_and_keeps_curated_records(celery_worker_process, curator, settings):
    settings.REPARSE_PAUSE_SECONDS = 0.05
    api = client_for(curator)
    texts = [f"Report {i}. Russia will supply {i + 2} Su-35 fighters to India, Deputy Prime Minister Yuri Borisov "
             f"said on Monday." for i in range(3)]
    urls = [api.post("/api/articles/", {"text": t}, format="json").json()["url"] for t in texts]
    for url in urls:
        assert wait_for_status(api, url, timeout=120)["status"] == "parsed"
    kept = Transfer.objects.order_by("id").first()
    Transfer.objects.filter(pk=kept.pk).update(curated=True, review_state="approved", status="delivered")
    Article.objects.update(parser_version="0.0.1")

    assert "3 articles queued" in _reparse("--before-version", "0.1", "--batch-size", "2")
    for url in urls:
        assert wait_for_status(api, url, timeout=120)["status"] == "parsed"
    assert not Article.objects.filter(parser_version="0.0.1").exists()
    kept.refresh_from_db()
    assert (kept.curated, kept.review_state, kept.status) == (True, "approved", "delivered")
    assert Transfer.objects.filter(article_id=kept.article_id).count() == 1
    assert Statement.objects.count() >= 3


@pytest.mark.django_db
def test_the_admin_action_queues_the_selection_in_batches(client, django_user_model, settings):
    settings.REPARSE_BATCH_SIZE = 2
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user("cur", password="cur-pass-123", is_staff=True)
    user.groups.add(Group.objects.get(name="curator"))
    client.force_login(user)
    articles = [_article(n) for n in range(1, 6)]
    waiting = _article(9, status="queued")
    response = client.post(reverse("admin:tracker_article_changelist"), {
        "action": "reparse", "_selected_action": [a.pk for a in articles] + [waiting.pk]}, follow=True)
    assert response.status_code == 200
    assert "5 article(s) queued for parsing (1 already waiting or being parsed)" in response.content.decode()
    assert set(Article.objects.values_list("status", flat=True)) == {"queued"}
    body = client.get(reverse("admin:tracker_article_changelist") + "?parser_version=0.1.0").content.decode()
    assert "parser_version" in body
