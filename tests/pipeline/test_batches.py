"""A parse task with a backlog behind it parses several articles in one spaCy pass.

Run in this process (``apply``): the submissions are never committed, so no
worker sees them. Every way a batch can stop short sends its articles back to
be parsed one at a time; none of them fails for another's fault.
"""

from __future__ import annotations

import uuid

import pytest
from celery.exceptions import SoftTimeLimitExceeded

import workers.parser
from tracker import services
from tracker.models import Article, Transfer
from workers.parser import parse_article
from workers.tasks import article_parse

pytestmark = pytest.mark.django_db

TEXTS = [
    "MOSCOW, May 3. Russia will supply S-400 systems to India, Deputy Prime Minister Yuri Borisov said.",
    "PARIS, June 9. France delivered Rafale fighters to Greece, the defence ministry said.",
    "<html><body><p>BERLIN, July 1. Germany will send IRIS-T air defence systems to Ukraine.</p></body></html>",
    "SEOUL, Aug 2. South Korea signed a contract to supply K9 howitzers to Poland.",
    "ANKARA, Sept 5. Turkey sold Bayraktar drones to Azerbaijan, officials said.",
]


@pytest.fixture
def backlog(submitter, settings):
    settings.PARSE_BATCH_SIZE = 4
    types = ["text/html" if t.startswith("<html") else "text/plain" for t in TEXTS]
    return [services.article_submit(text=t, content_type=c, submitted_by=submitter).article.pk
            for t, c in zip(TEXTS, types, strict=True)]


def state(pk: int) -> tuple[str, int, str]:
    article = Article.objects.get(pk=pk)
    return article.status, article.attempts, article.failure_reason


def pairs(pk: int) -> set[tuple[str, str]]:
    return set(Transfer.objects.filter(article_id=pk).values_list("supplier__code", "recipient__code"))


def test_one_task_parses_the_oldest_untried_articles_with_it(backlog):
    assert article_parse.apply(args=[backlog[0]]).get() == "parsed"
    assert [state(pk)[0] for pk in backlog] == ["parsed"] * 4 + ["queued"]
    # Each has the records a parse of its own gives.
    for pk, text in zip(backlog[:4], TEXTS, strict=False):
        ctype = Article.objects.get(pk=pk).content_type
        assert pairs(pk) == {(t.supplier, t.recipient) for t in parse_article(text, content_type=ctype).transfers}
        assert pairs(pk)
    # The batched articles' own messages find nothing left to do.
    assert article_parse.apply(args=[backlog[1]]).get() == "skipped"
    assert article_parse.apply(args=[backlog[4]]).get() == "parsed"


def test_a_batch_size_of_one_parses_one_article_per_task(backlog, settings):
    settings.PARSE_BATCH_SIZE = 1
    assert article_parse.apply(args=[backlog[0]]).get() == "parsed"
    assert [state(pk)[0] for pk in backlog] == ["parsed"] + ["queued"] * 4


def test_articles_tried_before_are_left_to_be_parsed_alone(backlog):
    Article.objects.filter(pk__in=backlog[1:3]).update(attempts=1)
    assert article_parse.apply(args=[backlog[0]]).get() == "parsed"
    assert [state(pk)[0] for pk in backlog] == ["parsed", "queued", "queued", "parsed", "parsed"]


def test_a_redelivered_task_parses_alone_and_gives_back_what_it_had_batched(backlog):
    # The first run claimed its article and three more, then its worker died.
    token = str(uuid.uuid4())
    assert services.article_claim(article_id=backlog[0], token=token)
    taken = services.article_claim_queued(token=token, exclude=backlog[0], limit=3)
    assert [pk for pk, _t, _c in taken] == backlog[1:4]
    assert {state(pk)[:2] for pk in backlog[1:4]} == {("parsing", 1)}

    assert article_parse.apply(args=[backlog[0]], task_id=token).get() == "parsed"
    assert state(backlog[0])[:2] == ("parsed", 2)
    # Back in the queue with their attempt counted, so that each is parsed alone.
    for pk in backlog[1:4]:
        assert state(pk) == ("queued", 1, "")
        assert Article.objects.get(pk=pk).claim_token == ""
    assert article_parse.apply(args=[backlog[1]]).get() == "parsed"
    assert state(backlog[1])[:2] == ("parsed", 2)
    assert state(backlog[2])[0] == "queued"


def test_a_soft_time_limit_in_a_batch_fails_none_and_sends_each_back(backlog, monkeypatch):
    def out_of_time(*args, **kwargs):
        raise SoftTimeLimitExceeded()

    monkeypatch.setattr(workers.parser, "parse_many", out_of_time)
    assert article_parse.apply(args=[backlog[0]]).get() == "requeued"
    assert [state(pk) for pk in backlog] == [("queued", 1, "")] * 4 + [("queued", 0, "")]
    assert not Transfer.objects.exists()
    # Alone, each parses (parse_article is not what ran out of time).
    assert article_parse.apply(args=[backlog[2]]).get() == "parsed"
    assert state(backlog[2])[:2] == ("parsed", 2)


def test_an_error_the_parser_should_not_raise_sends_the_batch_back(backlog, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("a bug in one article's extraction")

    monkeypatch.setattr(workers.parser, "parse_many", broken)
    assert article_parse.apply(args=[backlog[0]]).get() == "requeued"
    assert [state(pk)[0] for pk in backlog] == ["queued"] * 5
    assert not Article.objects.exclude(failure_reason="").exists()


def test_text_with_nothing_to_read_fails_alone_in_its_batch(submitter, backlog):
    empty = services.article_submit(text="<html><body><script>var a = 1;</script></body></html>",
                                    content_type="text/html", submitted_by=submitter).article.pk
    Article.objects.filter(pk__in=backlog[2:]).update(attempts=1)  # keep them out of the batch
    assert article_parse.apply(args=[backlog[0]]).get() == "parsed"
    assert state(backlog[1])[0] == "parsed"
    status, attempts, reason = state(empty)
    assert (status, attempts) == ("failed", 1) and reason.startswith("Parse error:")
