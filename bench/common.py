"""Helpers the benchmark scripts share: the corpus, percentiles, memory, tables."""

from __future__ import annotations

import os
import resource
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "dev"
SEEDS = ROOT / "seeds"
TEXT_SUFFIXES = {".txt": "text/plain", ".html": "text/html", ".htm": "text/html"}


def corpus_files(folder: str | os.PathLike | None) -> tuple[Path, list[tuple[Path, str, str]]]:
    """(folder used, [(path, content_type, text)]) for every .txt/.html article in the folder.

    Falls back to ``seeds/`` when the folder is missing or holds no article, so the
    benchmarks run on a checkout without the shared corpus."""
    for candidate in ([Path(folder)] if folder else []) + [DEFAULT_CORPUS, SEEDS]:
        if candidate.is_dir():
            items = [
                (p, TEXT_SUFFIXES[p.suffix.lower()], p.read_text(encoding="utf-8"))
                for p in sorted(candidate.iterdir())
                if p.suffix.lower() in TEXT_SUFFIXES
            ]
            if items:
                return candidate, items
        if folder and candidate == Path(folder):
            print(f"note: no articles in {folder}; falling back", file=sys.stderr)
    raise SystemExit("no corpus: neither the folder given, ../shared/corpus/dev nor seeds/ holds .txt/.html files")


def words(text: str) -> int:
    """Whitespace-separated words: the unit of every words/s figure here."""
    return len(text.split())


def percentile(values: list[float], p: float) -> float:
    """The p-th percentile (0–100), linear between closest ranks."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    k = (len(ordered) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def summary_ms(values: list[float]) -> str:
    """``p50 / p95 / p99 / max`` of durations given in seconds, in milliseconds."""
    if not values:
        return "n/a"
    return " / ".join(f"{percentile(values, p) * 1000:.1f}" for p in (50, 95, 99, 100)) + (
        f" ms (p50/p95/p99/max, n={len(values)}, mean {statistics.fmean(values) * 1000:.1f})"
    )


def peak_rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    """Peak resident memory in MB (``ru_maxrss`` is in KiB on Linux)."""
    return resource.getrusage(who).ru_maxrss / 1024


def proc_rss_mb(pid: int) -> tuple[float, float]:
    """(current RSS, peak RSS) in MB of a running process, from /proc."""
    cur = peak = 0.0
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    cur = int(line.split()[1]) / 1024
                elif line.startswith("VmHWM:"):
                    peak = int(line.split()[1]) / 1024
    except OSError:
        pass
    return cur, peak


def proc_cpu_s(pid: int) -> float:
    """CPU seconds (user + system) a process has used so far; 0 when it is gone."""
    try:
        with open(f"/proc/{pid}/stat") as fh:
            fields = fh.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return 0.0


def children(pid: int) -> list[int]:
    """The child processes of ``pid`` (a Celery pool's or gunicorn's workers)."""
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as fh:
            return [int(x) for x in fh.read().split()]
    except OSError:
        return []


def verdict(value: float, target: float, *, higher_is_better: bool) -> str:
    ok = value >= target if higher_is_better else value <= target
    return "MET" if ok else "MISSED"


def row(label: str, value: str, width: int = 46) -> None:
    print(f"  {label:<{width}} {value}")


class Api:
    """A tiny HTTP client over the standard library (one connection per request:
    gunicorn's sync workers close it anyway), so the benchmarks need no extra package."""

    def __init__(self, base: str, token: str) -> None:
        from urllib.parse import urlsplit

        parts = urlsplit(base)
        self.host, self.port = parts.hostname or "127.0.0.1", parts.port or 80
        self.headers = {"Authorization": f"Token {token}"}

    def request(self, method: str, path: str, body: bytes | None = None,
                headers: dict[str, str] | None = None, sink=None) -> tuple[int, int]:
        """(status, body bytes); ``sink(chunk)`` sees a streamed body as it arrives.

        A body cut off half-way (a web worker killed by its timeout during a
        stream) gives status 599 with the bytes that did arrive."""
        import http.client

        conn = http.client.HTTPConnection(self.host, self.port, timeout=600)
        try:
            conn.request(method, path, body=body, headers={**self.headers, **(headers or {})})
            resp = conn.getresponse()
            size = 0
            while True:
                try:
                    chunk = resp.read(65536)
                except (http.client.IncompleteRead, ConnectionError) as exc:
                    size += len(getattr(exc, "partial", b"") or b"")
                    return 599, size
                if not chunk:
                    break
                size += len(chunk)
                if sink is not None:
                    sink(chunk)
            return resp.status, size
        finally:
            conn.close()
