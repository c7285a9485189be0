"""The parse task run in this process: where a soft time limit lands decides nothing about the outcome."""

from __future__ import annotations

import pytest
from celery.exceptions import SoftTimeLimitExceeded
from django.db import transaction

from tracker import services
from tracker.services import queue
from tracker.models import Article, OfficialMention, Statement, Transfer
from workers.tasks import article_parse

# Not transactional: the submit's enqueue (on commit) never fires, so no worker takes these articles.
pytestmark = pytest.mark.django_db

TEXT = "MOSCOW, May 3. Russia will supply S-400 systems to India, Russian Deputy Prime Minister Yuri Borisov said."


def test_a_soft_time_limit_during_recording_ends_failed_and_stores_nothing(submitter, monkeypatch, settings):
    record = services.article_record_extraction

    def record_then_run_out_of_time(**kwargs):
        # Everything written, then the limit: as if it landed on the last query.
        with transaction.atomic():
            assert record(**kwargs)
            assert Transfer.objects.filter(article_id=kwargs["article_id"]).exists()
            raise SoftTimeLimitExceeded()

    # Where the parse task's service looks it up.
    monkeypatch.setattr(queue, "article_record_extraction", record_then_run_out_of_time)
    pk = services.article_submit(text=TEXT, submitted_by=submitter).article.pk

    assert article_parse.apply(args=[pk]).get() == "failed"

    article = Article.objects.get(pk=pk)
    assert (article.status, article.claim_token) == ("failed", "")
    assert article.failure_reason == f"Parsing took longer than the limit of {settings.CELERY_TASK_SOFT_TIME_LIMIT} s."
    assert not Transfer.objects.filter(article_id=pk).exists()
    assert not Statement.objects.filter(article_id=pk).exists()
    assert not OfficialMention.objects.filter(article_id=pk).exists()


def test_the_same_article_without_the_limit_is_parsed(submitter):
    # The control for the test above: this text does give records.
    pk = services.article_submit(text=TEXT, submitted_by=submitter).article.pk

    assert article_parse.apply(args=[pk]).get() == "parsed"

    assert Article.objects.get(pk=pk).status == "parsed"
    assert Transfer.objects.filter(article_id=pk, supplier__code="RUS", recipient__code="IND").exists()
