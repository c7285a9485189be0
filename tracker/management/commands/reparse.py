"""Queue stored articles for parsing again, in throttled batches, with a progress bar.

Records a curator touched are kept, as with a single re-parse. Which articles:
``--before-version`` (parsed by an older parser, or never parsed), ``--since``
(submitted on or after a date), ``--supplier`` (with a transfer or statement
from these suppliers), ``--status``; all combine. ``--dry-run`` only counts.
"""

from __future__ import annotations

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from tracker import selectors
from tracker.models import Article, ArticleStatus
from tracker.services.reparse import ReparseProgress, article_reparse_many


class Command(BaseCommand):
    help = "Queue articles for parsing again (throttled batches; curated records are kept)."

    def add_arguments(self, parser):
        parser.add_argument("--before-version", metavar="V",
                            help="Only articles parsed by a parser older than V (dotted numbers), or never parsed")
        parser.add_argument("--since", metavar="DATE", help="Only articles submitted on or after DATE (YYYY-MM-DD)")
        parser.add_argument("--supplier", action="append", default=[], metavar="ACTOR",
                            help="Only articles with a transfer or statement from this supplier "
                                 "(code, name or alias; repeat or comma-separate for several)")
        parser.add_argument("--status", action="append", default=[], choices=[ArticleStatus.PARSED,
                                                                              ArticleStatus.FAILED],
                            help="Only articles in this state (default: parsed and failed)")
        parser.add_argument("--batch-size", type=int, help="Articles per batch (REPARSE_BATCH_SIZE)")
        parser.add_argument("--max-queued", type=int,
                            help="Wait while more than this many articles are queued (REPARSE_MAX_QUEUED; 0: never)")
        parser.add_argument("--dry-run", action="store_true", help="Only say how many articles would be queued")
        parser.add_argument("--no-progress", action="store_true", help="No progress bar (logs, CI)")

    def handle(self, *args, before_version, since, supplier, status, batch_size, max_queued, dry_run,
               no_progress, **options):
        articles = Article.objects.all()
        if status:
            articles = articles.filter(status__in=status)
        if before_version:
            try:
                articles = selectors.article_parsed_before(articles, before_version)
            except ValueError as exc:
                raise CommandError(f"--before-version: {exc}") from None
        if since:
            try:
                day = dt.date.fromisoformat(since)
            except ValueError:
                raise CommandError(f"--since: enter a date as YYYY-MM-DD, not {since!r}") from None
            articles = articles.filter(created_at__date__gte=day)
        if supplier:
            names = [name for value in supplier for name in value.split(",") if name.strip()]
            ids = selectors.actor_ids_for(names)
            if not ids:
                raise CommandError(f"--supplier: no actor is called {', '.join(names)}")
            articles = selectors.article_with_supplier(articles, ids)
        if dry_run:
            self.stdout.write(f"{articles.exclude(status__in=['queued', 'parsing']).count()} articles would be queued")
            return
        with tqdm(unit="article", disable=no_progress, dynamic_ncols=True) as bar:
            def progress(step: ReparseProgress) -> None:
                bar.total = step.total
                bar.update(step.queued - bar.n)

            queued = article_reparse_many(articles=articles, batch_size=batch_size,
                                                         max_queued=max_queued, progress=progress)
        self.stdout.write(f"{queued} articles queued for parsing again")
