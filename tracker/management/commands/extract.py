"""``manage.py extract PATH... --out DIR``: run the parser on files, write DIR/NAME.json.

The same parser the worker uses; no database is touched.
"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from workers.parser.cli import extract_files


class Command(BaseCommand):
    help = "Parse .txt/.html articles and write one JSON record per file (the evaluation schema)."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", type=Path)
        parser.add_argument("--out", required=True, type=Path, help="Folder for NAME.json files")

    def handle(self, *args, paths: list[Path], out: Path, **options):
        # call_command() passes keyword values through without argparse's type=.
        paths, out = [Path(p) for p in paths], Path(out)
        missing = [p for p in paths if not p.is_file()]
        if missing:
            raise CommandError(f"Not a file: {', '.join(map(str, missing))}")
        failures = extract_files(paths, out)
        for path, error in failures:
            self.stderr.write(f"{path}: {error}")
        self.stdout.write(f"Wrote {len(paths) - len(failures)} record(s) to {out}")
        if failures:
            raise CommandError(f"{len(failures)} file(s) could not be parsed")
