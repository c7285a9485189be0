"""Reading archives of articles from disk for ``manage.py import_articles``.

Files and folders are walked in name order: ``.txt`` is plain text, ``.html``
and ``.htm`` are HTML, and each line of a ``.jsonl`` file is one article as
the API takes it (``text``, and optionally ``url``, ``title``, ``source``,
``published``, ``content_type``). Anything else is skipped and counted. Each
article becomes a ``Record``: the raw item a submission takes, or the reason it
could not even be read; validation is the API's (``ArticleSubmitSerializer``).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import orjson

TEXT_SUFFIXES = {".txt": "text/plain", ".html": "text/html", ".htm": "text/html"}
JSONL_SUFFIX = ".jsonl"


@dataclass(frozen=True)
class Record:
    origin: str  # file, or file:line for JSONL
    item: dict | None = None
    problem: str | None = None


@dataclass
class Walk:
    files: list[Path] = field(default_factory=list)
    skipped: dict[str, int] = field(default_factory=dict)  # suffix -> files left out
    missing: list[str] = field(default_factory=list)


def walk(paths: list[str]) -> Walk:
    """The files to import under ``paths``, in a stable order, and what was left out."""
    found = Walk()
    for name in paths:
        path = Path(name)
        if not path.exists():
            found.missing.append(name)
            continue
        candidates = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for candidate in candidates:
            suffix = candidate.suffix.lower()
            if suffix in TEXT_SUFFIXES or suffix == JSONL_SUFFIX:
                found.files.append(candidate)
            else:
                found.skipped[suffix or "(none)"] = found.skipped.get(suffix or "(none)", 0) + 1
    return found


def count(files: list[Path]) -> int:
    """How many articles the files hold (a JSONL file one per non-blank line), for the progress bar."""
    total = 0
    for path in files:
        if path.suffix.lower() == JSONL_SUFFIX:
            with path.open("rb") as handle:
                total += sum(1 for line in handle if line.strip())
        else:
            total += 1
    return total


def records(files: list[Path], *, source: str = "") -> Iterator[Record]:
    """Each article of ``files`` as an item for a submission; ``source`` fills in a missing source."""
    for path in files:
        if path.suffix.lower() == JSONL_SUFFIX:
            yield from _jsonl_records(path, source=source)
            continue
        try:
            text = path.read_bytes().decode("utf-8")
        except UnicodeDecodeError as exc:
            yield Record(str(path), problem=f"not UTF-8 text ({exc.reason} at byte {exc.start})")
            continue
        item = {"text": text, "content_type": TEXT_SUFFIXES[path.suffix.lower()]}
        if source:
            item["source"] = source
        yield Record(str(path), item=item)


def _jsonl_records(path: Path, *, source: str) -> Iterator[Record]:
    with path.open("rb") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            origin = f"{path}:{number}"
            try:
                item = orjson.loads(line)
            except orjson.JSONDecodeError as exc:
                yield Record(origin, problem=f"not valid JSON ({exc})")
                continue
            if not isinstance(item, dict):
                yield Record(origin, problem="not a JSON object")
                continue
            if source and not item.get("source"):
                item = {**item, "source": source}
            yield Record(origin, item=item)
