"""The review queue on 100,000 transfers and 100,000 statements (opt-in: ADMIN_SCALE_ROWS=100000).

Too slow to fill for every run; run it when the list pages or their filters change:
    ADMIN_SCALE_ROWS=100000 make test PYTEST_ARGS="tests/admin/test_scale.py -s"
"""

from __future__ import annotations

import os
import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.admin.conftest import signed_in
from tracker.models import Actor, Article, Official, Statement, Transfer

ROWS = int(os.environ.get("ADMIN_SCALE_ROWS", "0"))
pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(ROWS == 0, reason="set ADMIN_SCALE_ROWS to fill the tables and time the list pages"),
]


def fill(rows: int) -> None:
    actors = list(Actor.objects.filter(kind="state").order_by("pk")[:60])
    officials = Official.objects.bulk_create(
        [Official(name=f"Official {i}", name_key=f"official {i}") for i in range(500)])
    per_article = 10
    articles = Article.objects.bulk_create(
        [Article(raw="x", content_hash=f"{i:064x}", title=f"Article {i}", clean_text="x" * 200, status="parsed")
         for i in range(rows // per_article)], batch_size=5000)
    transfers, statements = [], []
    for a, article in enumerate(articles):
        for k in range(per_article):
            supplier, recipient = actors[(a + k) % 60], actors[(a + k + 7) % 60]
            transfers.append(Transfer(article=article, supplier=supplier, recipient=recipient, status="planned",
                                      evidence="Evidence " * 8, evidence_start=k, evidence_end=k + 50,
                                      confidence=(k % 10) / 10, review_state="approved" if k % 3 else "unreviewed"))
            statements.append(Statement(article=article, speaker=officials[(a + k) % 500],
                                        speaker_name=f"Official {(a + k) % 500}", supplier=supplier,
                                        evidence="Said " * 10, evidence_start=k, evidence_end=k + 50,
                                        confidence=(k % 10) / 10,
                                        review_state="approved" if k % 3 else "unreviewed"))
    Transfer.objects.bulk_create(transfers, batch_size=5000)
    Statement.objects.bulk_create(statements, batch_size=5000)
    through = Statement.recipients.through
    ids = Statement.objects.values_list("pk", flat=True)
    through.objects.bulk_create([through(statement_id=pk, actor_id=actors[pk % 60].pk) for pk in ids],
                                batch_size=10000)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def test_list_pages_stay_fast_with_many_rows(django_user_model):
    from tests.admin.conftest import staff_in

    fill(ROWS)
    client = signed_in(staff_in(django_user_model, "cura", "curator"))
    pages = [
        ("statement", ""), ("statement", "?speaker=Official+42"), ("statement", "?supplier=RUS"),
        ("statement", "?recipient=Germany"), ("statement", "?review_state__exact=unreviewed&confidence=high"),
        ("statement", "?published=none"), ("transfer", ""), ("transfer", "?supplier=RUS&recipient=ARM"),
        ("transfer", "?status__exact=planned&curated__exact=0"), ("article", ""), ("official", ""),
    ]
    slow = []
    for model, query in pages:
        url = reverse(f"admin:tracker_{model}_changelist") + query
        client.get(url)  # warm the caches
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        took = time.perf_counter() - started
        slowest = max(ctx.captured_queries, key=lambda q: float(q["time"]))
        print(f"{model}{query}: {took * 1000:.0f} ms, {len(ctx.captured_queries)} queries, "
              f"slowest {float(slowest['time']) * 1000:.0f} ms: {slowest['sql'][:100]}")
        if took > 1.0:
            slow.append((url, took))
    assert not slow
