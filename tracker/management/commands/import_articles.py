"""Load an archive of articles: files and folders of .txt, .html and .jsonl, in batches.

Locally the batches go through the same code as ``POST /api/articles/batch/``
(``ArticleSubmitSerializer`` for each item, then ``services_batch.article_submit_many``);
with ``--api URL --token T`` they are posted to a running service instead. The
same text is one article, so a second run creates nothing. A progress bar on
stderr shows the rate and the time left; a summary ends the run.
"""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Iterable, Iterator
from itertools import islice

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from tracker import importing
from tracker.api.batch import item_from
from tracker.services import SubmissionError
from tracker.services.batch import BatchItem, article_submit_many

# Lines of refusals listed in the summary; the rest are counted by reason.
_LISTED = 20


class Command(BaseCommand):
    help = "Submit every .txt, .html and .jsonl article under PATH... (locally, or to --api), with a progress bar."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH", help="Files or folders (walked recursively)")
        parser.add_argument("--source", default="", help="Source for articles that do not give one")
        parser.add_argument("--api", help="Base URL of a running service to submit to (default: this database)")
        parser.add_argument("--token", help="API token of the submitting user (with --api)")
        parser.add_argument("--user", help="Local mode: the user recorded as the submitter")
        parser.add_argument("--batch-size", type=int, default=100, help="Articles per batch (at most 500)")
        parser.add_argument("--no-progress", action="store_true", help="No progress bar (logs, CI)")

    def handle(self, *args, paths, source, api, token, user, batch_size, no_progress, **options):
        if api and not token:
            raise CommandError("--api needs --token")
        if not 1 <= batch_size <= 500:
            raise CommandError("--batch-size must be from 1 to 500")
        submitter = None
        if user:
            try:
                submitter = get_user_model().objects.get(username=user)
            except get_user_model().DoesNotExist:
                raise CommandError(f"No user {user!r}") from None
        found = importing.walk(paths)
        if found.missing:
            raise CommandError(f"No such file or folder: {', '.join(found.missing)}")
        total = importing.count(found.files)
        submit = _Remote(api.rstrip("/"), token) if api else _Local(submitter)
        tally = _Tally()
        started = time.monotonic()
        with tqdm(total=total, unit="article", disable=no_progress, dynamic_ncols=True) as bar:
            for chunk in _chunks(importing.records(found.files, source=source), batch_size):
                for record, outcome in zip(chunk, submit(chunk)):
                    tally.add(record, outcome)
                bar.update(len(chunk))
                bar.set_postfix(created=tally.created, present=tally.existing, refused=len(tally.refused))
        self._summary(tally, found, time.monotonic() - started)

    def _summary(self, tally: _Tally, found: importing.Walk, seconds: float) -> None:
        out = self.stdout
        done = tally.created + tally.existing + len(tally.refused)
        rate = done / seconds if seconds > 0 else 0.0
        out.write(f"{done} articles from {len(found.files)} files in {seconds:.1f} s ({rate:.1f}/s): "
                  f"{tally.created} created, {tally.existing} already present, {len(tally.refused)} refused")
        if found.skipped:
            skipped = ", ".join(f"{n} {suffix}" for suffix, n in sorted(found.skipped.items()))
            out.write(f"Skipped files that are not .txt, .html or .jsonl: {skipped}")
        if tally.refused:
            out.write("Refused, by reason:")
            for reason, n in Counter(reason for _origin, reason in tally.refused).most_common():
                out.write(f"  {n:5d}  {reason}")
            for origin, reason in tally.refused[:_LISTED]:
                out.write(f"  {origin}: {reason}")
            if len(tally.refused) > _LISTED:
                out.write(f"  ... and {len(tally.refused) - _LISTED} more")


class _Tally:
    def __init__(self) -> None:
        self.created = 0
        self.existing = 0
        self.refused: list[tuple[str, str]] = []

    def add(self, record: importing.Record, outcome: dict) -> None:
        if "error" in outcome:
            error = outcome["error"]
            fields = error.get("fields") or {}
            where = f" ({', '.join(fields)})" if fields else ""
            self.refused.append((record.origin, f"{error['code']}: {error['message']}{where}"))
        elif outcome["created"]:
            self.created += 1
        else:
            self.existing += 1


def _chunks(records: Iterable[importing.Record], size: int) -> Iterator[list[importing.Record]]:
    iterator = iter(records)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _unreadable(record: importing.Record) -> dict:
    return {"error": {"code": "unreadable", "message": record.problem, "fields": {}}}


class _Local:
    """Submits into this database, through the batch endpoint's code."""

    def __init__(self, submitter) -> None:
        self.submitter = submitter

    def __call__(self, chunk: list[importing.Record]) -> list[dict]:
        items = [item_from(r.item) if r.item is not None
                 else BatchItem(error=SubmissionError(r.problem, code="unreadable")) for r in chunk]
        outcomes = article_submit_many(items=items, submitted_by=self.submitter)
        results = []
        for outcome in outcomes:
            if outcome.result is not None:
                results.append({"id": outcome.result.article.pk, "created": outcome.result.created})
            else:
                results.append({"error": {"code": outcome.error.code, "message": str(outcome.error),
                                          "fields": outcome.fields or {}}})
        return results


class _Remote:
    """Posts each batch to ``/api/articles/batch/``; waits out a 429 as its Retry-After says."""

    def __init__(self, api: str, token: str) -> None:
        self.url = f"{api}/api/articles/batch/"
        self.token = token

    def __call__(self, chunk: list[importing.Record]) -> list[dict]:
        readable = [r.item for r in chunk if r.item is not None]
        answers = iter(self._post(readable)["results"] if readable else [])
        return [next(answers) if r.item is not None else _unreadable(r) for r in chunk]

    def _post(self, items: list[dict]) -> dict:
        body = json.dumps(items).encode()
        for _attempt in range(10):
            request = urllib.request.Request(self.url, data=body, method="POST", headers={
                "Authorization": f"Token {self.token}", "Content-Type": "application/json",
                "Accept": "application/json"})
            try:
                with urllib.request.urlopen(request, timeout=300) as response:
                    return json.load(response)
            except urllib.error.HTTPError as exc:
                if exc.code == 422:  # some items refused: the body has every item's result
                    return json.load(exc)
                if exc.code == 429:
                    retry_after = exc.headers.get("Retry-After") or "5"
                    time.sleep(float(retry_after) if retry_after.isdigit() else 5.0)
                    continue
                raise CommandError(f"{self.url} answered {exc.code}: {exc.read()[:500].decode(errors='replace')}")
            except urllib.error.URLError as exc:
                raise CommandError(f"Could not reach {self.url}: {exc.reason}") from exc
        raise CommandError(f"{self.url} kept answering 429 (too many requests)")
