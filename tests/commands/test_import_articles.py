"""``manage.py import_articles``: files, folders and JSONL in, through the submission code; twice creates nothing."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from django.core.management import call_command

from tracker.models import Article

ARCHIVE = Path(__file__).parent / "fixtures" / "archive"
# a.txt, b.html, nested/c.txt, and the first line of d.jsonl; its last-but-one line repeats a.txt.
NEW = 4
REFUSED = {  # origin (relative) -> what the summary says
    "latin1.txt": "not UTF-8",
    "d.jsonl:2": "no_text",
    "d.jsonl:4": "published",
    "d.jsonl:5": "not valid JSON",
    "d.jsonl:7": "not a JSON object",
}


def _import(*args: str) -> str:
    out = io.StringIO()
    call_command("import_articles", *args, "--no-progress", stdout=out)
    return out.getvalue()


def _check_summary(summary: str, *, created: int, present: int) -> None:
    assert f"{created} created, {present} already present, {len(REFUSED)} refused" in summary, summary
    assert "Skipped files that are not .txt, .html or .jsonl: 1 .md" in summary
    for origin, reason in REFUSED.items():
        line = next(line for line in summary.splitlines() if line.strip().startswith(str(ARCHIVE / origin) + ":"))
        assert reason in line, (origin, line)


@pytest.mark.django_db
def test_an_archive_is_imported_once_and_a_second_run_creates_nothing():
    _check_summary(_import(str(ARCHIVE), "--source", "Archive"), created=NEW, present=1)
    assert Article.objects.count() == NEW
    assert set(Article.objects.values_list("status", flat=True)) == {"queued"}
    html = Article.objects.get(raw__contains="Caesar")
    assert (html.content_type, html.source, html.metadata_source) == ("text/html", "Archive", {"source": "client"})
    jsonl = Article.objects.get(raw__contains="Bayraktar")
    assert (jsonl.title, jsonl.source, jsonl.published, jsonl.url) == (
        "Drones for Poland", "Anadolu", dt.date(2021, 5, 24), "https://example.com/tb2")
    assert jsonl.metadata_source == {"title": "client", "source": "client", "published": "client", "url": "client"}

    _check_summary(_import(str(ARCHIVE), "--source", "Archive"), created=0, present=NEW + 1)
    assert Article.objects.count() == NEW


@pytest.mark.django_db
def test_single_files_and_a_missing_path():
    summary = _import(str(ARCHIVE / "a.txt"), str(ARCHIVE / "nested"))
    assert "2 articles from 2 files" in summary and "2 created" in summary
    with pytest.raises(Exception, match="No such file or folder"):
        _import(str(ARCHIVE / "missing"))


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_same_import_through_a_running_services_api(live_server, submitter):
    from rest_framework.authtoken.models import Token

    token = Token.objects.create(user=submitter).key
    args = (str(ARCHIVE), "--api", live_server.url, "--token", token, "--batch-size", "3")
    _check_summary(_import(*args), created=NEW, present=1)
    assert set(Article.objects.values_list("submitted_by__username", flat=True)) == {"submitter"}
    _check_summary(_import(*args), created=0, present=NEW + 1)
    assert Article.objects.count() == NEW
