"""Submit the seed articles through the running service's API and wait for them.

This uses the real asynchronous path (HTTP submit, Redis, a Celery worker), as a
user would; it does not write to the database itself.
"""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

SEEDS_DIR = Path(settings.BASE_DIR) / "seeds"


def _call(url: str, *, token: str, data: bytes | None = None, content_type: str | None = None) -> dict:
    request = urllib.request.Request(url, data=data, method="POST" if data is not None else "GET")
    request.add_header("Authorization", f"Token {token}")
    request.add_header("Accept", "application/json")
    if content_type:
        request.add_header("Content-Type", content_type)
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)


class Command(BaseCommand):
    help = "Submit every seeds/*.txt and seeds/*.html to the API and wait until they are parsed."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser):
        parser.add_argument("--api", default="http://127.0.0.1:8000", help="Base URL of the running service")
        parser.add_argument("--token", required=True, help="API token of the submitting user")
        parser.add_argument("--timeout", type=float, default=60.0, help="Seconds to wait for the parses")

    def handle(self, *args, api: str, token: str, timeout: float, **options):
        files = sorted([*SEEDS_DIR.glob("*.txt"), *SEEDS_DIR.glob("*.html")])
        if not files:
            raise CommandError(f"No seed articles in {SEEDS_DIR}")
        submitted = []
        for path in files:
            content_type = "text/html" if path.suffix == ".html" else "text/plain"
            try:
                answer = _call(f"{api}/api/articles/", token=token, data=path.read_bytes(),
                               content_type=f"{content_type}; charset=utf-8")
            except urllib.error.URLError as exc:
                raise CommandError(f"Could not submit {path.name}: {exc}") from exc
            submitted.append((path.name, answer["url"]))
            self.stdout.write(f"  {path.name}: article {answer['id']} ({'new' if answer['created'] else 'already there'})")
        deadline = time.monotonic() + timeout
        for name, url in submitted:
            while True:
                article = _call(url, token=token)
                if article["status"] in ("parsed", "failed") or time.monotonic() > deadline:
                    break
                time.sleep(0.5)
            pairs = ", ".join(f"{t['supplier']['code']}->{t['recipient']['code']}" for t in article.get("transfers", []))
            speakers = ", ".join(sorted({s["speaker_name"] for s in article.get("statements", [])}))
            self.stdout.write(f"  {name}: {article['status']} {article.get('failure_reason') or ''}"
                              f"\n    transfers: {pairs or '-'}\n    speakers: {speakers or '-'}")
