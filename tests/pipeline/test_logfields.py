"""Structured log fields: what the worker writes after a message, the benchmark reads back."""

from __future__ import annotations

import logging

import pytest
from celery.utils.log import ColorFormatter

from bench.ingest import link_split, task_split
from tracker import services
from tracker.logfields import FieldsFormatter, add_fields_to_handlers, parse_fields
from workers.tasks import article_parse

TEXT = "MOSCOW, May 3. Russia will supply S-400 systems to India, Russian Deputy Prime Minister Yuri Borisov said."


def record(msg: str, *args: object, exc_info=None, **extra: object) -> logging.LogRecord:
    rec = logging.LogRecord("tracker.test", logging.INFO, __file__, 1, msg, args or None, exc_info)
    rec.__dict__.update(extra)
    return rec


def test_fields_follow_the_message_and_read_back_as_written():
    line = FieldsFormatter("%(levelname)s %(message)s").format(
        record("article %s: parsed", 7, event="article_parsed", article_id=7, parse_ms=12.5, batch=2,
               note='a "quoted" | event=x value', ids=[1, 2]))
    assert line.startswith("INFO article 7: parsed | event=article_parsed ")
    assert parse_fields(line) == {"event": "article_parsed", "article_id": 7, "parse_ms": 12.5, "batch": 2,
                                  "note": 'a "quoted" | event=x value', "ids": [1, 2]}


def test_the_benchmark_sums_the_deal_linking_fields_after_the_first_article(tmp_path):
    formatter = FieldsFormatter("%(levelname)s %(message)s")
    lines = [formatter.format(record("article %s: linked", pk, event="deals_linked", article_id=pk, events=1,
                                     unchanged=unchanged, link_ms=ms, link_cpu_ms=cpu))
             for pk, ms, cpu, unchanged in ((4, 99.0, 90.0, False), (5, 10.5, 8.0, False), (6, 2.5, 2.0, True))]
    lines.append(formatter.format(record("article 7: parsed", event="article_parsed", article_id=7, parse_ms=1.0)))
    log = tmp_path / "worker.log"
    log.write_text("\n".join(lines) + "\n")
    assert link_split(str(log), first_id=4) == {"link": 13.0, "link_cpu": 10.0, "n": 2, "unchanged": 1}


def test_a_line_without_an_event_is_left_alone():
    formatter = FieldsFormatter("%(message)s")
    assert formatter.format(record("100%% done, %s", "ok", article_id=3)) == "100% done, ok"
    assert parse_fields("article 3: parsed, 1 transfers") is None
    # A message that merely contains the separator is not taken for fields.
    assert parse_fields("said \"yes | event=\" and left") is None
    assert parse_fields("a | event=b c | event=d n=1") == {"event": "d", "n": 1}


def test_fields_come_before_a_traceback_and_the_record_is_restored():
    try:
        raise ValueError("boom")
    except ValueError:
        import sys

        rec = record("failed %s", 1, exc_info=sys.exc_info(), event="oops", n=1)
    text = FieldsFormatter("%(message)s").format(rec)
    first, *rest = text.splitlines()
    assert parse_fields(first) == {"event": "oops", "n": 1}
    assert rest[-1] == "ValueError: boom"
    assert (rec.msg, rec.args) == ("failed %s", (1,))


def test_celery_s_layout_is_kept_when_wrapped():
    logger = logging.getLogger("tracker.test.wrapped")
    handler = logging.StreamHandler()
    handler.setFormatter(ColorFormatter("[%(levelname)s/%(processName)s] %(message)s", use_color=False))
    logger.addHandler(handler)
    try:
        add_fields_to_handlers(logger)
        add_fields_to_handlers(logger)  # twice: wrapped once
        line = handler.formatter.format(record("x", event="e", k="v"))
    finally:
        logger.removeHandler(handler)
    assert line == "[INFO/MainProcess] x | event=e k=\"v\""


@pytest.mark.django_db
def test_the_benchmark_reads_the_parse_task_s_timing_from_the_worker_log(submitter, tmp_path, caplog):
    pk = services.article_submit(text=TEXT, submitted_by=submitter).article.pk
    with caplog.at_level(logging.INFO, logger="tracker.services.queue"):
        assert article_parse.apply(args=[pk]).get() == "parsed"
    formatter = FieldsFormatter(inner=ColorFormatter("[%(asctime)s: %(levelname)s/%(processName)s] %(message)s",
                                                     use_color=False))
    log = tmp_path / "worker.log"
    log.write_text("".join(formatter.format(r) + "\n" for r in caplog.records), encoding="utf-8")

    split = task_split(str(log), first_id=pk - 1)
    assert split["n"] == 1
    assert split["parse"] > 0 and split["parse_cpu"] > 0 and split["record"] > 0
    assert task_split(str(log), first_id=pk)["n"] == 0
