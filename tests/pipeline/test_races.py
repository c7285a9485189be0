"""A curator and a worker on the same article at the same moment, on two real database connections.

Each side runs in a thread with its own PostgreSQL connection. The interleaving is
forced, not hoped for: the test waits until PostgreSQL reports a side as waiting for
a lock (``pg_stat_activity``) before it lets the other side commit. Each race runs
100 times; every time, every record the curator approved is still there, approved,
and nothing answers with a 500.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import pytest
from django.db import connection, connections, transaction
from django.test import Client
from django.urls import reverse

from tests.admin.conftest import TEXT, extraction, staff_in
from tracker import services
from tracker.models import Article, Official, Statement, Transfer
from tracker.services import curation
from workers.parser.records import OfficialRecord

ROUNDS = 100
# A transaction=True test empties the database afterwards; the states loaded by the
# migrations are put back from their serialized copy.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


class Side(threading.Thread):
    """One connection's work in a thread; its outcome or its exception is kept for the test."""

    def __init__(self, work: Callable[[], object]) -> None:
        super().__init__(daemon=True)
        self.work = work
        self.result: object = None
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            self.result = self.work()
        except BaseException as exc:  # noqa: BLE001 - handed to the test, which re-raises it
            self.error = exc
        finally:
            connections.close_all()

    def outcome(self) -> object:
        self.join(timeout=60)
        assert not self.is_alive(), "a side of the race is still running after 60 s"
        if self.error is not None:
            raise self.error
        return self.result


def _waiting_for_locks() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                       "AND wait_event_type = 'Lock'")
        return cursor.fetchone()[0]


def _until_waiting(n: int, *sides: Side) -> None:
    """Until ``n`` connections wait for a lock (or a side ended: its outcome tells why)."""
    deadline = time.monotonic() + 30
    while _waiting_for_locks() < n:
        if any(not side.is_alive() for side in sides):
            return
        assert time.monotonic() < deadline, f"fewer than {n} connections waiting for a lock after 30 s"
        time.sleep(0.002)


def _parsed_article(n: int) -> Article:
    # Stored without a parse task: in the full suite a real worker is running, and
    # must not parse these articles while the test plays the worker itself.
    text = f"{TEXT} Round {n}."
    article = Article.objects.create(raw=text, content_hash=services.article_content_hash(text), status="queued")
    assert services.article_claim(article_id=article.pk, token="first")
    assert services.article_record_extraction(article_id=article.pk, token="first", extraction=extraction())
    return article


def _claimed_again(article: Article, token: str) -> None:
    Article.objects.filter(pk=article.pk).update(status="queued")
    assert services.article_claim(article_id=article.pk, token=token)


def _worker(article: Article, token: str, result) -> Side:
    return Side(lambda: services.article_record_extraction(article_id=article.pk, token=token, extraction=result))


def _approved(article: Article) -> tuple[set[int], set[int]]:
    return (set(Transfer.objects.filter(article=article, review_state="approved", curated=True)
                .values_list("pk", flat=True)),
            set(Statement.objects.filter(article=article, review_state="approved", curated=True)
                .values_list("pk", flat=True)))


class Paused:
    """Holds a worker after its first read: an uncommitted official with the name it will create.

    The worker's INSERT of that official waits for this transaction, with the
    article already locked and its records read; ``release`` rolls it back.
    """

    def __init__(self, name: str) -> None:
        self.name = name
        self.holding, self.released = threading.Event(), threading.Event()
        self.side = Side(self._hold)

    def _hold(self) -> None:
        with transaction.atomic():
            Official.objects.create(name=self.name, name_key=services.name_key(self.name))
            self.holding.set()
            assert self.released.wait(60)
            transaction.set_rollback(True)

    def __enter__(self) -> Paused:
        self.side.start()
        assert self.holding.wait(30)
        return self

    def __exit__(self, *exc: object) -> None:
        self.released.set()
        self.side.outcome()


def _with_new_official(name: str):
    result = extraction()
    result.officials.append(OfficialRecord(name, "Minister", None, "RUS", [], 0, 6, 0.9))
    return result


def test_an_approval_committed_between_the_workers_read_and_delete_is_kept():
    """The race of issue 14: the worker reads which records are curated while a curator
    approves them, and writes after the approval committed."""
    lost = []
    for n in range(ROUNDS):
        article = _parsed_article(n)
        _claimed_again(article, "second")
        approving, commit = threading.Event(), threading.Event()

        def approve() -> tuple[curation.Reviewed, curation.Reviewed]:
            with transaction.atomic():
                result = (curation.record_approve(records=Transfer.objects.filter(article=article), approved_by=None),
                          curation.record_approve(records=Statement.objects.filter(article=article),
                                                  approved_by=None))
                approving.set()
                assert commit.wait(60)
            return result

        curator = Side(approve)
        curator.start()
        assert approving.wait(30)
        worker = _worker(article, "second", extraction(status="delivered"))
        worker.start()
        _until_waiting(1, worker, curator)  # the worker reached the records the curator holds
        commit.set()
        transfers, statements = curator.outcome()
        assert worker.outcome() is True
        everything = (set(Transfer.objects.filter(article=article).values_list("pk", flat=True)),
                      set(Statement.objects.filter(article=article).values_list("pk", flat=True)))
        # Every approved record is there, approved; the parse neither replaced nor duplicated them.
        kept = (_approved(article) == everything and (transfers.changed, statements.changed) == (1, 2)
                and (len(everything[0]), len(everything[1])) == (1, 2)
                and Transfer.objects.get(article=article).status == "planned")
        if not kept:
            lost.append(n)
    assert lost == [], f"approved records lost in {len(lost)} of {ROUNDS} rounds"


def test_an_approval_sent_while_the_worker_holds_the_article_applies_to_the_records_it_leaves():
    """The other order: the worker has read the records and holds the article when the
    curator approves. The approval waits, then approves the same records (their ids
    survive the parse) and says so."""
    failures = []
    for n in range(ROUNDS):
        article = _parsed_article(n)
        _claimed_again(article, "second")
        asked = (set(Transfer.objects.filter(article=article).values_list("pk", flat=True)),
                 set(Statement.objects.filter(article=article).values_list("pk", flat=True)))
        name = f"Pavel Gap{n}"
        with Paused(name) as pause:
            worker = _worker(article, "second", _with_new_official(name))
            worker.start()
            _until_waiting(1, worker, pause.side)
            curator = Side(lambda: (curation.record_approve(records=Transfer.objects.filter(pk__in=asked[0]),
                                                            approved_by=None),
                                    curation.record_approve(records=Statement.objects.filter(pk__in=asked[1]),
                                                            approved_by=None)))
            curator.start()
            _until_waiting(2, worker, curator, pause.side)
        assert worker.outcome() is True
        transfers, statements = curator.outcome()
        if (transfers.changed, statements.changed) != (1, 2) or _approved(article) != asked:
            failures.append((n, transfers, statements))
    assert failures == [], f"{len(failures)} of {ROUNDS} approvals not applied: {failures[:3]}"


def test_an_approval_of_records_the_parse_removed_reports_them_instead_of_claiming_success():
    failures = []
    for n in range(ROUNDS // 4):
        article = _parsed_article(n)
        _claimed_again(article, "second")
        asked = set(Transfer.objects.filter(article=article).values_list("pk", flat=True))
        name = f"Pavel Gone{n}"
        without = _with_new_official(name)
        without.transfers = []
        with Paused(name) as pause:
            worker = _worker(article, "second", without)
            worker.start()
            _until_waiting(1, worker, pause.side)
            curator = Side(lambda: curation.record_approve(records=Transfer.objects.filter(pk__in=asked),
                                                           approved_by=None))
            curator.start()
            _until_waiting(2, worker, curator, pause.side)
        assert worker.outcome() is True
        result = curator.outcome()
        if result != curation.Reviewed(changed=0, gone=sorted(asked)) or Transfer.objects.filter(article=article):
            failures.append((n, result))
    assert failures == [], failures[:3]


@pytest.mark.parametrize("found_again", [True, False], ids=["found-again", "removed"])
def test_an_admin_edit_in_the_gap_never_answers_500(django_user_model, settings, found_again):
    """The curator saves a transfer in the admin while the worker holds the article. Found
    again by the parse, the transfer takes the edit; removed by it, the page says so and
    nothing is brought back."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    curator = staff_in(django_user_model, "cura", "curator")
    outcomes = []
    for n in range(ROUNDS // 4):
        article = _parsed_article(n)
        _claimed_again(article, "second")
        transfer = Transfer.objects.get(article=article)
        url = reverse("admin:tracker_transfer_change", args=[transfer.pk])
        data = {"supplier": transfer.supplier_id, "recipient": transfer.recipient_id, "status": "delivered",
                "weapons": "S-400", "review_state": "approved"}
        name = f"Pavel Edit{n}"
        result = _with_new_official(name)
        if not found_again:
            result.transfers = []

        def edit() -> tuple[int, str]:
            client = Client(raise_request_exception=True)
            client.force_login(curator)
            response = client.post(url, data, follow=True)
            return response.status_code, response.content.decode()

        with Paused(name) as pause:
            worker = _worker(article, "second", result)
            worker.start()
            _until_waiting(1, worker, pause.side)
            editor = Side(edit)
            editor.start()
            _until_waiting(2, worker, editor, pause.side)
        assert worker.outcome() is True
        status, body = editor.outcome()
        rows = list(Transfer.objects.filter(article=article).values_list("pk", "status", "review_state", "curated"))
        outcomes.append((status, rows, "no longer exists" in body))
    if found_again:
        assert all(status == 200 and len(rows) == 1 and rows[0][1:] == ("delivered", "approved", True)
                   and not gone for status, rows, gone in outcomes), outcomes[:3]
    else:
        assert all(status == 200 and rows == [] and gone for status, rows, gone in outcomes), outcomes[:3]
