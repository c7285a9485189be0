"""The API keeps the promise its OpenAPI schema makes, run as a client would check it.

``schemathesis run --checks all`` with every phase (examples, coverage,
fuzzing, stateful), POST included, against a live server whose database holds
the records that broke the schema before: nulls everywhere the data allows
them (an official with no country, a statement with no speaker or supplier, an
undated article with no title), an organisation speaking, an HTML article with
client metadata, a failed and a queued article. Any failure of any check fails
the test with schemathesis's own report.

``SCHEMATHESIS_MAX_EXAMPLES`` (default 8) bounds the examples per operation;
``SCHEMATHESIS_SEED`` replays a run.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "artifacts"
# The project's schemathesis settings, as `schemathesis run` started from the checkout reads them.
CONFIG = ROOT / "schemathesis.toml"
TEXT = ("Russia will supply S-400 systems to India, Deputy Prime Minister Yuri Borisov said.\n"
        "NATO said members would send more air defence to Ukraine.\n")


def messy_records(user) -> None:
    """Every kind of row, with every nullable field null somewhere."""
    from tracker.models import Actor, Article, Official, OfficialMention, Statement, Transfer
    from tracker.services import relations_refresh

    rus, ind, ukr = (Actor.objects.get(code=c) for c in ("RUS", "IND", "UKR"))
    nato = Actor.objects.filter(kind="alliance").order_by("id").first()
    group = Actor.objects.create(code="test-armed-group", name="Test Armed Group", kind="non-state")
    # Undated, untitled, no source, no url: what the parser leaves empty.
    bare = Article.objects.create(raw=TEXT, clean_text=TEXT, content_hash="a" * 64, status="parsed",
                                  parser_version="0.1.1", submitted_by=user, parsed_at=dt.datetime.now(dt.UTC))
    html = Article.objects.create(
        raw=f"<html><body><p>{TEXT}</p></body></html>", clean_text=TEXT, content_type="text/html",
        content_hash="b" * 64, status="parsed", title="Client's title", source="TASS",
        published=dt.date(2016, 7, 19), url="https://example.com/a?b=c", parser_version="0.0.9",
        metadata_source={"title": "client", "source": "parser", "published": "client", "url": "client"},
        parsed_at=dt.datetime.now(dt.UTC))
    Article.objects.create(raw=TEXT + "x", content_hash="c" * 64, status="failed",
                           failure_reason="Parse error: no sentence")
    Article.objects.create(raw=TEXT + "y", content_hash="d" * 64, status="queued")

    borisov = Official.objects.create(name="Yuri Borisov", name_key="yuri borisov", country=rus,
                                      title="Deputy Prime Minister", aliases=["Yury Borisov"])
    stateless = Official.objects.create(name="Abdel Fattah al-Burhan", name_key="abdel fattah al burhan")
    OfficialMention.objects.create(official=borisov, article=bare, name_as_given="Yuri Borisov",
                                   title="Deputy Prime Minister", country=rus)
    OfficialMention.objects.create(official=stateless, article=html, name_as_given="al-Burhan")
    for article in (bare, html):
        Transfer.objects.create(article=article, supplier=rus, recipient=ind, status="planned", weapons=["S-400"],
                                evidence=TEXT[:84], evidence_start=0, evidence_end=84, confidence=0.9)
    Transfer.objects.create(article=bare, supplier=group, recipient=ukr, status="considering", weapons=[],
                            evidence=TEXT[85:], evidence_start=85, evidence_end=len(TEXT), curated=True,
                            review_state="approved")
    with_speaker = Statement.objects.create(article=bare, speaker=borisov, speaker_name="Yuri Borisov",
                                            supplier=rus, evidence=TEXT[:84], evidence_start=0, evidence_end=84)
    with_speaker.recipients.set([ind])
    # An organisation speaking: no official, no supplier, no recipient.
    Statement.objects.create(article=bare, speaker=None, speaker_name="NATO", supplier=None,
                             evidence=TEXT[85:], evidence_start=85, evidence_end=len(TEXT), direct_quote=True)
    # A person with no country.
    Statement.objects.create(article=html, speaker=stateless, speaker_name="al-Burhan", supplier=nato,
                             evidence=TEXT[:84], evidence_start=0, evidence_end=84, review_state="rejected",
                             curated=True)
    relations_refresh(force=True)


@pytest.fixture
def contract_server(live_server, curator):
    from rest_framework.authtoken.models import Token

    messy_records(curator)
    return live_server.url, Token.objects.create(user=curator).key


def test_schemathesis_finds_nothing_with_every_check_and_phase(contract_server, tmp_path):
    url, token = contract_server
    ARTIFACTS.mkdir(exist_ok=True)
    command = [
        str(Path(sys.executable).parent / "schemathesis"), "--config-file", str(CONFIG), "run",
        f"{url}/api/schema/?format=json",
        "--checks", "all", "--phases", "examples,coverage,fuzzing,stateful",
        "--header", f"Authorization: Token {token}",
        "--max-examples", os.environ.get("SCHEMATHESIS_MAX_EXAMPLES", "8"),
        "--seed", os.environ.get("SCHEMATHESIS_SEED", "18"),
        "--workers", "2", "--generation-database", "none", "--no-color",
        "--report", "junit", "--report-dir", str(tmp_path),
    ]
    run = subprocess.run(command, capture_output=True, text=True, timeout=900, cwd=tmp_path)
    (ARTIFACTS / "schemathesis.txt").write_text(run.stdout + run.stderr)
    assert run.returncode == 0, run.stdout[-20000:] + run.stderr[-5000:]
