"""Parser throughput against spaCy's own ``nlp.pipe`` over the same texts, in the same run.

    python -m bench.parser [CORPUS_DIR] [--words 200000] [--processes 1,2]

The corpus (default ../shared/corpus/dev, falling back to seeds/) is repeated to
about ``--words`` words. For each process count, every process loads the model
once and goes round the corpus; each round times, in rotating order:

- ``spacy``: the reference, ``nlp.pipe`` of the stock model (``spacy.load``, every
  component, spaCy's default batch size) over the clean texts;
- ``pipeline``: ``nlp.pipe`` of the parser's own pipeline object over the same
  texts (the stock model with its attribute ruler and lemmatizer swapped for the
  lookup and cached ones, and the paragraph-break component), to show what the
  pipeline changes are worth;
- ``parse_many``: ``workers.parser.parse_many`` over the raw texts (read, one
  batched spaCy pass, extraction);
- ``parse_article``: ``parse_article`` on each raw text, as a Celery worker does.

Interleaving the modes per round means drift on a shared machine hits them alike,
so the ratios are the figures to compare across runs; the absolute ones drift.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import sys
import time
from pathlib import Path

from bench.common import corpus_files, peak_rss_mb, row, verdict, words

MODES = ("spacy", "pipeline", "parse_many", "parse_article")
TARGET_RATIO = 0.85  # issue 15: the parser at or above 0.85 x the stock pipeline


def _worker(args: tuple[list[tuple[str, str, str]], int, int, list[str], object]) -> dict:
    """One process: load once, warm up, then ``rounds`` timed rounds over ``items``.

    ``items`` are (raw, content_type, clean_text)."""
    items, rounds, offset, modes, barrier = args
    # The parser's package first: it sets numpy's thread count before spaCy loads
    # numpy, for the stock model's runs as for its own.
    from workers.parser import parse_article, parse_many
    from workers.parser.nlp import MODEL, get_nlp

    import spacy

    t0 = time.perf_counter()
    nlp = get_nlp()
    load_s = time.perf_counter() - t0
    rss_loaded = peak_rss_mb()
    stock = spacy.load(MODEL)
    by_type: dict[str, list[str]] = {}
    for raw, ctype, _clean in items:
        by_type.setdefault(ctype, []).append(raw)
    cleans = [clean for _r, _c, clean in items]

    def run(mode: str) -> None:
        if mode == "spacy":
            for _doc in stock.pipe(cleans):
                pass
        elif mode == "pipeline":
            for _doc in nlp.pipe(cleans):
                pass
        elif mode == "parse_many":
            for ctype, raws in by_type.items():
                parse_many(raws, content_type=ctype)
        else:
            for raw, ctype, _clean in items:
                parse_article(raw, content_type=ctype)

    for mode in modes:  # warm-up: lazy matchers, trafilatura, caches
        run(mode)
    if barrier is not None:
        barrier.wait()
    seconds = dict.fromkeys(modes, 0.0)
    cpu = dict.fromkeys(modes, 0.0)
    start = time.perf_counter()
    for r in range(rounds):
        order = modes[(r + offset) % len(modes):] + modes[:(r + offset) % len(modes)]
        for mode in order:
            t, c = time.perf_counter(), time.process_time()
            run(mode)
            seconds[mode] += time.perf_counter() - t
            cpu[mode] += time.process_time() - c
    return {
        "seconds": seconds,
        "cpu": cpu,
        "wall": time.perf_counter() - start,
        "load_s": load_s,
        "rss_loaded_mb": rss_loaded,
        "rss_peak_mb": peak_rss_mb(),
        "rounds": rounds,
    }


def measure(items: list[tuple[str, str, str]], *, processes: int, rounds: int,
            modes: tuple[str, ...] = MODES) -> dict:
    """Words/s and articles/s per mode with ``processes`` processes, each doing
    ``rounds`` rounds over ``items`` (raw, content_type, clean_text)."""
    per_round_words = sum(words(clean) for _r, _c, clean in items)
    per_round_articles = len(items)
    ctx = mp.get_context("spawn")  # a fresh interpreter per process, like a worker child
    rounds_each = [rounds // processes + (1 if i < rounds % processes else 0) for i in range(processes)]
    with ctx.Manager() as manager:
        barrier = manager.Barrier(processes) if processes > 1 else None
        with ctx.Pool(processes) as pool:
            results = pool.map(
                _worker, [(items, n, i, list(modes), barrier) for i, n in enumerate(rounds_each)], chunksize=1
            )
    out: dict = {"processes": processes, "rounds": rounds, "modes": {}, "procs": results}
    for mode in modes:
        # Each process's rate while the others work too; the total is their sum.
        wps = sum(per_round_words * r["rounds"] / r["seconds"][mode] for r in results if r["rounds"])
        aps = sum(per_round_articles * r["rounds"] / r["seconds"][mode] for r in results if r["rounds"])
        # Words per CPU second: what a process costs, whatever else the machine runs.
        cpu_s = sum(r["cpu"][mode] for r in results)
        wpc = per_round_words * sum(r["rounds"] for r in results) / cpu_s if cpu_s else 0.0
        out["modes"][mode] = {"words_per_s": wps, "articles_per_s": aps, "words_per_cpu_s": wpc}
    out["words"] = per_round_words * rounds
    out["articles"] = per_round_articles * rounds
    out["rss_peak_mb"] = max(r["rss_peak_mb"] for r in results)
    out["rss_loaded_mb"] = max(r["rss_loaded_mb"] for r in results)
    out["load_s"] = max(r["load_s"] for r in results)
    out["wall"] = max(r["wall"] for r in results)
    return out


def load_items(folder: str | None) -> tuple[Path, list[tuple[str, str, str]]]:
    """The corpus as (raw, content_type, clean_text); clean text as the parser reads it."""
    from workers.parser.reading import read_input

    used, files = corpus_files(folder)
    items = []
    for _path, ctype, raw in files:
        clean, _meta = read_input(raw, ctype)
        items.append((raw, ctype, clean))
    return used, items


def report(result: dict) -> None:
    m = result["modes"]
    base = m["spacy"]["words_per_s"]
    print(f"\n[{result['processes']} process(es)] {result['articles']} articles, {result['words']} words, "
          f"{result['wall']:.0f} s wall; model load {result['load_s']:.1f} s")
    for mode in result["modes"]:
        w, a = m[mode]["words_per_s"], m[mode]["articles_per_s"]
        ratio = w / base
        row(f"{mode}", f"{w:8.0f} words/s {a:7.2f} articles/s   x{ratio:.3f} of stock spaCy nlp.pipe   "
                       f"({m[mode]['words_per_cpu_s']:.0f} words per CPU s)")
    row("peak RSS per process (parser loaded / at end, with the stock model too)",
        f"{result['rss_loaded_mb']:.0f} MB / {result['rss_peak_mb']:.0f} MB")
    for mode in ("parse_many", "parse_article"):
        if mode in m:
            r = m[mode]["words_per_s"] / base
            row(f"target {mode} >= {TARGET_RATIO} x spaCy", f"{r:.3f}  {verdict(r, TARGET_RATIO, higher_is_better=True)}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="?", default=None, help="folder of .txt/.html articles")
    ap.add_argument("--words", type=int, default=200_000, help="about this many words per process count")
    ap.add_argument("--processes", default="1,2", help="comma-separated process counts")
    ap.add_argument("--json", type=Path, help="also write the figures here")
    args = ap.parse_args(argv)

    used, items = load_items(args.corpus)
    per_round = sum(words(clean) for _r, _c, clean in items)
    rounds = max(1, round(args.words / per_round))
    import spacy

    from workers.parser import PARSER_VERSION
    from workers.parser.nlp import MODEL

    print(f"Parser benchmark: corpus {used} ({len(items)} articles, {per_round} words per round), "
          f"{rounds} rounds ~ {rounds * per_round} words; spaCy {spacy.__version__}, model {MODEL}, "
          f"parser {PARSER_VERSION}")
    results = []
    for n in [int(x) for x in args.processes.split(",") if x.strip()]:
        result = measure(items, processes=n, rounds=rounds)
        report(result)
        results.append(result)
    if len(results) > 1:
        one = results[0]["modes"]
        for r in results[1:]:
            print(f"\n  scaling {results[0]['processes']} -> {r['processes']} processes: " + ", ".join(
                f"{mode} x{r['modes'][mode]['words_per_s'] / one[mode]['words_per_s']:.2f}" for mode in one))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        for r in results:
            r.pop("procs", None)
        args.json.write_text(json.dumps({"corpus": str(used), "results": results}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
