"""``python -m workers.parser.cli PATH... --out DIR``: parse article files and
write DIR/NAME.json (NAME = the file's stem) with ``Extraction.to_dict()``.

``.html``/``.htm`` files are read as HTML, everything else as plain text. The
``extract`` management command calls ``extract_files`` too.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from .pipeline import parse_many

HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})


def _content_type(path: Path) -> str:
    return "text/html" if path.suffix.lower() in HTML_SUFFIXES else "text/plain"


def extract_files(paths: Sequence[Path], out: Path) -> list[tuple[Path, str]]:
    """Parse each file and write its record; returns (path, reason) for failures."""
    out.mkdir(parents=True, exist_ok=True)
    failures: list[tuple[Path, str]] = []
    by_type: dict[str, list[tuple[Path, str]]] = {}
    for path in paths:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            failures.append((Path(path), str(exc)))
            continue
        by_type.setdefault(_content_type(Path(path)), []).append((Path(path), text))
    for content_type, items in by_type.items():
        results = parse_many([text for _p, text in items], content_type=content_type)
        for (path, _text), result in zip(items, results):
            if isinstance(result, Exception):
                failures.append((path, str(result)))
                continue
            target = out / f"{path.stem}.json"
            target.write_text(json.dumps(result.to_dict(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return failures


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m workers.parser.cli", description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="+", type=Path, help=".txt or .html article files")
    ap.add_argument("--out", required=True, type=Path, help="folder for NAME.json records")
    args = ap.parse_args(argv)
    failures = extract_files(args.paths, args.out)
    for path, reason in failures:
        print(f"{path}: {reason}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
