"""The same task delivered twice at once gives one set of records.

Deliveries race for the article through ``article_claim`` (one conditional
UPDATE) and ``article_record_extraction`` (a row lock, then a check that this
delivery still holds the claim); unique constraints on the records are the last
line. Shown twice: three real deliveries to a worker with three pool processes,
and many threads of this process calling the services at once.
"""

from __future__ import annotations

import re
import threading

import pytest
from django.db import connections

from tests.faults.conftest import assert_one_set_of_records, expected_keys, long_article, wait_for_status, wait_until
from tracker import services
from tracker.models import Article, OfficialMention, Statement, Transfer

pytestmark = [pytest.mark.faults, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

LIMITS = {"PARSE_SOFT_TIME_LIMIT": "60", "PARSE_TIME_LIMIT": "70", "ARTICLE_STALE_SECONDS": "71"}


def _stored_without_a_message(text: str) -> Article:
    # Stored directly, so that the only messages are the ones this test sends.
    return Article.objects.create(raw=text, content_hash=services.article_content_hash(text), status="queued")


def test_three_deliveries_at_once_to_three_pool_processes_record_once(start_worker):
    from workers.tasks import article_parse

    text = long_article(copies=2)
    expected = expected_keys(text)
    worker = start_worker(env=LIMITS, concurrency=3)
    article = _stored_without_a_message(text)
    # Two copies of one message (a broker redelivery while the first still runs)
    # and one other message for the same article (the sweep, a re-parse click).
    article_parse.apply_async(args=[article.pk], task_id="same-message")
    article_parse.apply_async(args=[article.pk], task_id="same-message")
    article_parse.apply_async(args=[article.pk], task_id="other-message")

    state = wait_for_status(article.pk, ("parsed", "failed"), timeout=120)
    assert state["status"] == "parsed", state["failure_reason"]
    outcomes = wait_until(
        lambda: (found := re.findall(r"article_parse\[[\w-]+\] succeeded in [\d.]+s: '(\w+)'", worker.log()))
        and len(found) == 3 and found,
        timeout=120,
        what="all three deliveries to finish",
    )
    assert sorted(outcomes) == ["parsed", "skipped", "skipped"]
    assert_one_set_of_records(article.pk, expected)


def _extraction():
    import datetime as dt

    from workers.parser.records import (
        ActorRecord,
        ArticleMeta,
        Extraction,
        OfficialRecord,
        StatementRecord,
        TransferRecord,
    )

    evidence = "Russia will supply S-400 systems to India"
    text = f"{evidence}, Russian Deputy Prime Minister Yuri Borisov said."
    return text, Extraction(
        article=ArticleMeta(title="S-400 for India", source="TASS", published=dt.date(2021, 5, 3)),
        clean_text=text,
        actors=[ActorRecord("Russia", "RUS", "state"), ActorRecord("India", "IND", "state")],
        transfers=[TransferRecord("RUS", "IND", "planned", ["S-400"], evidence, 0, len(evidence), 0.9)],
        officials=[OfficialRecord("Yuri Borisov", "Deputy Prime Minister", None, "RUS", ["Borisov"], 58, 70, 0.9)],
        statements=[StatementRecord("Yuri Borisov", True, "RUS", ["IND"], evidence, 0, len(evidence), False, 0.8)],
        parser_version="race-1",
    )


@pytest.mark.parametrize("same_token", [True, False], ids=["redelivered-message", "distinct-messages"])
def test_many_concurrent_deliveries_leave_one_set_of_records(same_token):
    text, extraction = _extraction()
    article = _stored_without_a_message(text)
    start = threading.Barrier(12)
    results: list[tuple[bool, bool]] = []
    errors: list[BaseException] = []

    def deliver(n: int) -> None:
        token = "one-message" if same_token else f"message-{n}"
        try:
            start.wait()
            claimed = services.article_claim(article_id=article.pk, token=token) is not None
            recorded = claimed and services.article_record_extraction(
                article_id=article.pk, token=token, extraction=extraction
            )
            results.append((claimed, bool(recorded)))
        except BaseException as exc:  # noqa: BLE001 - reported below, with the others
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=deliver, args=(n,)) for n in range(12)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert not errors, errors
    assert len(results) == 12
    assert sum(recorded for _claimed, recorded in results) == 1
    if not same_token:
        # Only one distinct delivery can hold a queued article.
        assert sum(claimed for claimed, _recorded in results) == 1
    article.refresh_from_db()
    assert article.status == "parsed"
    assert list(Transfer.objects.values_list("supplier__code", "recipient__code")) == [("RUS", "IND")]
    assert Statement.objects.count() == 1
    assert OfficialMention.objects.count() == 1
