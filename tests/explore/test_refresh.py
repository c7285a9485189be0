"""The explore summaries are rebuilt beside the live ones and swapped in (``services.relations``).

Readers must never see an error or half a refresh: before the commit they read
the old summaries, a reader arriving during the swap waits for it and reads
the new ones; the rebuilt views keep their names, indexes and definitions.
"""

from __future__ import annotations

import threading
import time

import pytest
from django.db import connection, connections, transaction

from tests.explore.conftest import store_stories
from tracker.models import Transfer
from tracker.services import relations

SUMS = "SELECT sum(transfers)::int FROM tracker_relation_year"


def _indexes_and_definitions() -> dict:
    with connection.cursor() as cursor:
        cursor.execute("SELECT tablename, indexname, indexdef FROM pg_indexes"
                       " WHERE tablename = ANY(%s) ORDER BY 1, 2", [list(relations.REBUILT_SUMMARIES)])
        indexes = cursor.fetchall()
        cursor.execute("SELECT matviewname, definition FROM pg_matviews WHERE matviewname LIKE 'tracker_relation%%'"
                       " ORDER BY 1")
        return {"indexes": indexes, "views": cursor.fetchall()}


@pytest.mark.django_db
def test_a_rebuild_keeps_each_view_s_name_indexes_and_definition():
    store_stories()
    before = _indexes_and_definitions()
    assert {name for name, _ in before["views"]} >= set(relations.RELATION_SUMMARIES)
    assert relations.relations_refresh(force=True)
    assert _indexes_and_definitions() == before  # nothing named *_next is left behind either


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_reader_during_the_swap_waits_for_it_and_reads_the_new_summary():
    store_stories()
    with connection.cursor() as cursor:
        cursor.execute(SUMS)
        assert cursor.fetchone()[0] == 7
    Transfer.objects.filter(status="delivered", supplier__code="RUS").update(review_state="rejected")

    answers: list = []
    ready = threading.Event()

    def read() -> None:
        reader = connections.create_connection("default")  # a connection of this thread's own
        try:
            with reader.cursor() as cursor:
                cursor.execute("SELECT pg_backend_pid()")
                answers.append(cursor.fetchone()[0])
                ready.set()
                cursor.execute("SET statement_timeout = '60s'")
                cursor.execute(SUMS)
                answers.append(cursor.fetchone()[0])
        except Exception as exc:  # the assertion below shows it
            answers.append(exc)
            ready.set()
        finally:
            reader.close()

    thread = threading.Thread(target=read)
    with transaction.atomic(), connection.cursor() as cursor:
        relations._summaries_rebuild(cursor, relations.REBUILT_SUMMARIES)
        # The swap holds the old views' names until the commit: the reader waits on it.
        thread.start()
        ready.wait(30)
        waiting = False
        for _ in range(100):
            cursor.execute("SELECT wait_event_type FROM pg_stat_activity WHERE pid = %s", [answers[0]])
            if cursor.fetchone()[0] == "Lock":
                waiting = True
                break
            time.sleep(0.05)
        assert waiting, "the reader was not waiting for the swap"
    thread.join(60)
    assert answers[1:] == [6]  # the new summary, not an error and not the old figures
