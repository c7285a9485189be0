"""Records keep their ids across re-parses: found again, a record is updated in place; no
longer found, it is deleted; curated, it is left alone."""

from __future__ import annotations

import dataclasses

import pytest
from django.db import connection

from tests.admin.conftest import QUOTE, TEXT, extraction, record
from tracker import services
from tracker.models import Actor, Article, Statement, Transfer
from workers.parser.records import StatementRecord, TransferRecord

pytestmark = pytest.mark.django_db


@pytest.fixture
def article(db) -> Article:
    return record(services.article_submit(text=TEXT).article, extraction())


def _ids() -> tuple[list[int], list[int]]:
    return (list(Transfer.objects.order_by("pk").values_list("pk", flat=True)),
            list(Statement.objects.order_by("pk").values_list("pk", flat=True)))


def _history(model) -> list[tuple[int, str]]:
    return list(model.history.order_by("history_id").values_list("id", "history_type"))


def _link_suppliers(statement_id: int) -> list[tuple[int, int | None]]:
    """The recipient links with the supplier copy the database keeps on them (migration 0012)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT actor_id, supplier_id FROM tracker_statement_recipients WHERE statement_id = %s "
                       "ORDER BY actor_id", [statement_id])
        return cursor.fetchall()


def test_a_reparse_that_finds_the_same_records_keeps_their_ids_and_writes_no_history(article):
    before = _ids()
    history = (_history(Transfer), _history(Statement))
    record(article, extraction(), token="t2")
    assert _ids() == before
    assert (_history(Transfer), _history(Statement)) == history  # nothing changed, nothing to tell


def test_a_changed_record_keeps_its_id_with_the_new_values_and_a_history_row(article):
    (transfer_id,), statement_ids = _ids()
    changed = extraction(status="delivered", version="test-2")
    quote = changed.statements[1]
    changed.statements[1] = dataclasses.replace(quote, recipients=["CHN", "IND"], direct_quote=False,
                                                supplier="BLR", confidence=0.7)
    record(article, changed, token="t2")

    assert _ids() == ([transfer_id], statement_ids)
    transfer = Transfer.objects.get()
    assert (transfer.status, transfer.parser_version, transfer.curated) == ("delivered", "test-2", False)
    assert _history(Transfer) == [(transfer_id, "+"), (transfer_id, "~")]
    assert transfer.history.latest().status == "delivered"

    statement = Statement.objects.get(evidence=QUOTE)
    assert statement.pk == statement_ids[1]
    assert (statement.direct_quote, statement.supplier.code, statement.confidence) == (False, "BLR", 0.7)
    assert sorted(a.code for a in statement.recipients.all()) == ["CHN", "IND"]
    latest = statement.history.latest()
    assert latest.history_type == "~"
    assert sorted(r.actor.code for r in latest.recipients.all()) == ["CHN", "IND"]
    belarus = Actor.objects.get(code="BLR").pk
    assert {supplier for _actor, supplier in _link_suppliers(statement.pk)} == {belarus}
    # The other statement changed only its parser version: updated, same id.
    other = Statement.objects.get(pk=statement_ids[0])
    assert other.parser_version == "test-2"
    assert sorted(a.code for a in other.recipients.all()) == ["IND"]


def test_a_record_no_longer_found_is_deleted_with_a_history_row(article):
    (transfer_id,), statement_ids = _ids()
    fewer = extraction()
    fewer.transfers = []
    fewer.statements = fewer.statements[:1]
    record(article, fewer, token="t2")
    assert _ids() == ([], statement_ids[:1])
    assert _history(Transfer) == [(transfer_id, "+"), (transfer_id, "-")]
    assert not Statement.recipients.through.objects.filter(statement_id=statement_ids[1]).exists()


def test_a_new_record_beside_the_old_ones_gets_a_new_id(article):
    (transfer_id,), statement_ids = _ids()
    more = extraction()
    more.transfers.append(TransferRecord("RUS", "CHN", "planned", ["S-400"], more.transfers[0].evidence, 0,
                                         len(more.transfers[0].evidence), 0.5))
    record(article, more, token="t2")
    transfers, statements = _ids()
    assert transfers[0] == transfer_id and len(transfers) == 2 and statements == statement_ids


def test_another_speaker_on_the_same_span_is_another_statement(article):
    _transfers, statement_ids = _ids()
    other = extraction()
    quote = other.statements[1]
    other.statements[1] = StatementRecord("Sergei Lavrov", True, quote.supplier, quote.recipients, quote.evidence,
                                          quote.start, quote.end, quote.direct_quote, quote.confidence)
    record(article, other, token="t2")
    _transfers, now = _ids()
    assert now[0] == statement_ids[0]
    assert now[1] != statement_ids[1]
    assert Statement.objects.get(pk=now[1]).speaker_name == "Sergei Lavrov"


def test_curated_records_are_left_as_they_are(article):
    (transfer_id,), statement_ids = _ids()
    Transfer.objects.update(curated=True, status="contracted")
    Statement.objects.filter(pk=statement_ids[1]).update(curated=True, direct_quote=False)
    history = (_history(Transfer), _history(Statement))
    changed = extraction(status="delivered", version="test-2")
    changed.transfers = []  # not found again: curated, so kept
    record(article, changed, token="t2")
    assert _ids() == ([transfer_id], statement_ids)
    assert Transfer.objects.get().status == "contracted"
    assert Statement.objects.get(pk=statement_ids[1]).direct_quote is False
    assert _history(Transfer) == history[0]
    # The machine-made statement was updated (new parser version), the curated one not.
    assert _history(Statement) == [*history[1], (statement_ids[0], "~")]


@pytest.mark.parametrize("changed", [False, True])
def test_a_reparse_takes_the_same_queries_however_many_records(article, django_assert_num_queries, changed):
    """A re-parse updates in the one prepared write: the article, actors, officials, mentions, write."""
    from tests.pipeline.test_services import _wide_extraction

    fresh = services.article_submit(text=TEXT + " Wide.").article
    record(fresh, _wide_extraction(12))
    again = _wide_extraction(12)
    if changed:
        again.transfers = [dataclasses.replace(t, status="delivered") for t in again.transfers]
        again.statements = [dataclasses.replace(s, recipients=["CHN"]) for s in again.statements]
    ids = Transfer.objects.filter(article=fresh).count(), Statement.objects.filter(article=fresh).count()
    Article.objects.filter(pk=fresh.pk).update(status="queued")
    assert services.article_claim(article_id=fresh.pk, token="t9")
    with django_assert_num_queries(7):
        assert services.article_record_extraction(article_id=fresh.pk, token="t9", extraction=again)
    assert (Transfer.objects.filter(article=fresh).count(), Statement.objects.filter(article=fresh).count()) == ids
