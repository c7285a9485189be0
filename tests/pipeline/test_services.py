"""The write path without a worker: claims, recording, re-parsing and curation."""

from __future__ import annotations

import datetime as dt

import pytest

from tracker import services
from tracker.models import Actor, Article, Official, OfficialMention, Statement, Transfer
from workers.parser.records import (
    ActorRecord,
    ArticleMeta,
    Extraction,
    OfficialRecord,
    StatementRecord,
    TransferRecord,
)

pytestmark = pytest.mark.django_db

TEXT = "Russia will supply S-400 systems to India, Russian Deputy Prime Minister Yuri Borisov said."


def _extraction(status: str = "planned") -> Extraction:
    evidence = "Russia will supply S-400 systems to India"
    return Extraction(
        article=ArticleMeta(title="S-400 for India", source="TASS", published=dt.date(2021, 5, 3), dateline="MOSCOW"),
        clean_text=TEXT,
        actors=[ActorRecord("Russia", "RUS", "state"), ActorRecord("India", "IND", "state")],
        transfers=[TransferRecord("RUS", "IND", status, ["S-400"], evidence, 0, len(evidence), 0.9)],
        officials=[OfficialRecord("Yuri Borisov", "Deputy Prime Minister", None, "RUS", ["Borisov"], 58, 70, 0.9)],
        statements=[StatementRecord("Yuri Borisov", True, "RUS", ["IND"], evidence, 0, len(evidence), False, 0.8)],
        parser_version="test-1",
    )


@pytest.fixture
def article(submitter):
    return services.article_submit(text=TEXT, submitted_by=submitter).article


def _claim_and_record(article: Article, extraction: Extraction, token: str = "t1") -> None:
    Article.objects.filter(pk=article.pk).update(status="queued")
    assert services.article_claim(article_id=article.pk, token=token)
    assert services.article_record_extraction(article_id=article.pk, token=token, extraction=extraction)


def test_states_are_loaded_with_aliases():
    russia = Actor.objects.get(code="RUS")
    assert russia.kind == "state"
    assert "Russian Federation" in russia.aliases
    assert Actor.objects.filter(kind="state").count() >= 240


def test_recording_twice_leaves_the_same_records(article):
    _claim_and_record(article, _extraction())
    first = (list(Transfer.objects.values_list("supplier__code", "recipient__code", "status", "evidence")),
             list(Statement.objects.values_list("speaker_name", "supplier__code", "recipients__code")))
    _claim_and_record(article, _extraction(), token="t2")
    again = (list(Transfer.objects.values_list("supplier__code", "recipient__code", "status", "evidence")),
             list(Statement.objects.values_list("speaker_name", "supplier__code", "recipients__code")))
    assert first == again == (
        [("RUS", "IND", "planned", "Russia will supply S-400 systems to India")],
        [("Yuri Borisov", "RUS", "IND")],
    )
    assert Official.objects.count() == 1
    article.refresh_from_db()
    assert article.status == "parsed"
    assert article.parser_version == "test-1"
    assert article.published == dt.date(2021, 5, 3)
    assert article.raw == TEXT


def test_reparse_keeps_curated_records_and_replaces_the_rest(article):
    _claim_and_record(article, _extraction())
    Transfer.objects.update(status="delivered", curated=True)
    _claim_and_record(article, _extraction(status="considering"), token="t2")
    assert list(Transfer.objects.values_list("status", "curated")) == [("delivered", True)]
    assert Statement.objects.count() == 1


def _wide_extraction(n: int) -> Extraction:
    """``n`` transfers, officials and statements (each statement to two recipients)."""
    base = _extraction()
    recipients = ["IND", "CHN", "VNM", "EGY", "DZA", "IRN", "IRQ", "SYR", "ARM", "AZE", "KAZ", "BLR"][:n]
    text = TEXT * n
    span = len(TEXT)
    base.clean_text = text
    base.transfers = [TransferRecord("RUS", code, "planned", ["S-400"], text[i * span:(i + 1) * span], i * span,
                                     (i + 1) * span, 0.9) for i, code in enumerate(recipients)]
    base.officials = [OfficialRecord(f"Official Number{i}", "Minister", None, "RUS", [], 0, 5, 0.9) for i in range(n)]
    base.statements = [StatementRecord(f"Official Number{i}", True, "RUS", [code, "UKR"], text[i * span:(i + 1) * span],
                                       i * span, (i + 1) * span, False, 0.8) for i, code in enumerate(recipients)]
    return base


@pytest.mark.parametrize("n", [1, 12])
def test_recording_takes_the_same_queries_however_many_records(article, submitter, django_assert_num_queries, n):
    # The officials exist already (a feed names the same people again and again):
    # recording a new article is then a fixed number of bulk queries.
    _claim_and_record(article, _wide_extraction(n))
    second = services.article_submit(text=TEXT + " Again.", submitted_by=submitter).article
    assert services.article_claim(article_id=second.pk, token="t2")
    with django_assert_num_queries(6):
        assert services.article_record_extraction(article_id=second.pk, token="t2", extraction=_wide_extraction(n))
    assert Transfer.objects.count() == Statement.objects.count() == 2 * n
    assert Official.objects.count() == n
    assert Statement.recipients.through.objects.filter(statement__article=second).count() == 2 * n


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_only_the_recording_transaction_skips_waiting_for_the_disk(submitter):
    from django.db import connection, transaction

    def synchronous_commit() -> str:
        with connection.cursor() as cursor:
            cursor.execute("SHOW synchronous_commit")
            return cursor.fetchone()[0]

    article = services.article_submit(text=TEXT, submitted_by=submitter).article
    with transaction.atomic():
        _claim_and_record(article, _extraction())
        assert synchronous_commit() == "off"
    # Later transactions on the same connection (a curator's edit) wait for the flush again.
    assert synchronous_commit() == "on"
    assert Statement.objects.filter(article=article).count() == 1


def _tracked(model, row) -> dict:
    """Every field ``model``'s history copies, as ``row`` (the record or a history row) has it."""
    return {f.attname: getattr(row, f.attname) for f in model.history.model.tracked_fields}


def test_recorded_records_have_one_history_row_with_their_recipients(article):
    _claim_and_record(article, _wide_extraction(3))
    assert Statement.objects.count() == Transfer.objects.count() == 3
    for statement in Statement.objects.all():
        (entry,) = statement.history.all()
        assert (entry.history_type, entry.history_user, entry.history_change_reason) == ("+", None, "")
        assert _tracked(Statement, entry) == _tracked(Statement, statement)
        recipients = sorted(statement.recipients.values_list("code", flat=True))
        assert len(recipients) == 2 and "UKR" in recipients
        assert sorted(entry.recipients.values_list("actor__code", flat=True)) == recipients
        assert sorted(entry.recipients.values_list("id", flat=True)) == sorted(
            Statement.recipients.through.objects.filter(statement=statement).values_list("id", flat=True))
    for transfer in Transfer.objects.all():
        (entry,) = transfer.history.all()
        assert (entry.history_type, entry.history_user, entry.history_change_reason) == ("+", None, "")
        assert _tracked(Transfer, entry) == _tracked(Transfer, transfer)


def test_recording_stores_every_field_of_the_extraction(article):
    _claim_and_record(article, _extraction())
    article.refresh_from_db()
    assert (article.status, article.claim_token, article.failure_reason) == ("parsed", "", "")
    assert (article.title, article.source, article.published, article.dateline, article.clean_text) == (
        "S-400 for India", "TASS", dt.date(2021, 5, 3), "MOSCOW", TEXT)
    assert article.parsed_at is not None
    evidence = "Russia will supply S-400 systems to India"
    assert list(Transfer.objects.values_list(
        "article_id", "supplier__code", "recipient__code", "status", "weapons", "evidence", "evidence_start",
        "evidence_end", "confidence", "review_state", "curated", "parser_version")) == [
        (article.pk, "RUS", "IND", "planned", ["S-400"], evidence, 0, len(evidence), 0.9, "unreviewed", False,
         "test-1")]
    assert list(Statement.objects.values_list(
        "article_id", "speaker__name", "speaker_name", "supplier__code", "recipients__code", "evidence",
        "evidence_start", "evidence_end", "direct_quote", "confidence", "review_state", "curated",
        "parser_version")) == [
        (article.pk, "Yuri Borisov", "Yuri Borisov", "RUS", "IND", evidence, 0, len(evidence), False, 0.8,
         "unreviewed", False, "test-1")]
    assert list(OfficialMention.objects.values_list(
        "article_id", "official__name", "name_as_given", "title", "organization", "country__code",
        "evidence_start", "evidence_end", "confidence")) == [
        (article.pk, "Yuri Borisov", "Yuri Borisov", "Deputy Prime Minister", "", "RUS", 58, 70, 0.9)]
    # Found by the text search (the generated column is filled on insert).
    assert Statement.objects.filter(evidence_search="supply").count() == 1


def test_a_source_already_given_is_kept(submitter):
    article = services.article_submit(text=TEXT, source="Reuters", submitted_by=submitter).article
    _claim_and_record(article, _extraction())
    article.refresh_from_db()
    assert article.source == "Reuters"


def test_a_second_delivery_cannot_claim_an_article_being_parsed(article):
    assert services.article_claim(article_id=article.pk, token="first")
    assert not services.article_claim(article_id=article.pk, token="second")
    # A redelivery of the same message (its worker died) takes it back.
    assert services.article_claim(article_id=article.pk, token="first")
    # A delivery that lost its claim writes nothing.
    assert not services.article_record_extraction(article_id=article.pk, token="second", extraction=_extraction())
    assert Transfer.objects.count() == 0


def test_failure_is_recorded_with_its_reason(article):
    assert services.article_claim(article_id=article.pk, token="t")
    assert services.article_mark_failed(article_id=article.pk, token="t", reason="Parse error: no sentence")
    article.refresh_from_db()
    assert (article.status, article.failure_reason) == ("failed", "Parse error: no sentence")


def test_stale_articles_are_found_by_the_sweep(article, settings):
    settings.ARTICLE_STALE_SECONDS = 0
    Article.objects.filter(pk=article.pk).update(updated_at=dt.datetime(2020, 1, 1, tzinfo=dt.UTC))
    assert services.article_requeue_stale() == [article.pk]
