"""Ingestion through the API: submit latency, parse rate with N worker processes, worker memory.

    bash scripts/stack.sh bench-ingest [CORPUS_DIR] [--articles 1000]   (make bench-ingest)

Needs a running service (``scripts/stack.sh bench-ingest`` starts a private one
and passes ``--api``, ``--token``, ``--worker-pid`` and ``--web-pid``). Submits
``--articles`` distinct articles (the corpus repeated, each copy made unique by
a reference line or an HTML comment, so the content hash differs) one after the
other as raw ``text/plain``/``text/html`` bodies, timing each request, while the
workers parse. Then, with the workers idle, it runs the parser benchmark in the
same number of processes over the same corpus: the ingestion rate is printed as
a ratio of that rate, measured minutes apart on the same machine.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import threading
import time

import psycopg

from bench.common import Api, children, corpus_files, proc_cpu_s, percentile, proc_rss_mb, row, summary_ms, verdict, words

TARGET_RATIO = 0.75
TARGET_SUBMIT_P95_MS = 50
TARGET_WORKER_MB = 600


def unique_articles(folder: str | None, n: int) -> tuple[str, list[tuple[str, str]], list[tuple[str, str, str]]]:
    """(folder, n distinct (body, content_type), the corpus as (raw, content_type, clean))."""
    from workers.parser.reading import read_input

    used, files = corpus_files(folder)
    corpus = [(raw, ctype, read_input(raw, ctype)[0]) for _p, ctype, raw in files]
    out = []
    for i in range(n):
        raw, ctype, _clean = corpus[i % len(corpus)]
        if ctype == "text/html":
            body = raw.replace("</body>", f"<!-- bench copy {i} --></body>", 1)
            if body == raw:
                body = raw + f"\n<!-- bench copy {i} -->"
        else:
            body = raw.rstrip("\n") + f"\n\nBench copy {i}.\n"
        out.append((body, ctype))
    return str(used), out, corpus


class MemoryWatch(threading.Thread):
    """Samples the RSS of a process's children (the pool processes) until stopped."""

    def __init__(self, pid: int | None, interval: float = 0.2) -> None:
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.peak: dict[int, float] = {}
        self.cpu: dict[int, float] = {}
        self.cpu_start: dict[int, float] = {}
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.is_set() and self.pid:
            for child in children(self.pid):
                _cur, hwm = proc_rss_mb(child)
                self.peak[child] = max(self.peak.get(child, 0.0), hwm)
                used = proc_cpu_s(child)
                self.cpu_start.setdefault(child, used)
                self.cpu[child] = max(self.cpu.get(child, 0.0), used)
            self.stop.wait(self.interval)


TARGET_LINK_SHARE = 0.10


def link_split(log: str | None, first_id: int) -> dict[str, float]:
    """Summed deal-linking milliseconds (wall, cpu) over the articles after ``first_id``, from the worker's log.

    Reads the structured fields of the ``deals_linked`` lines (tracker.logfields,
    written by workers.tasks.article_link_deals after each recording).
    """
    from tracker.logfields import parse_fields

    total = {"link": 0.0, "link_cpu": 0.0, "n": 0, "unchanged": 0}
    if not log or not os.path.exists(log):
        return total
    with open(log, encoding="utf-8", errors="replace") as fh:
        for line in fh:
            fields = parse_fields(line)
            if not fields or fields.get("event") != "deals_linked" or fields["article_id"] <= first_id:
                continue
            total["link"] += float(fields["link_ms"])
            total["link_cpu"] += float(fields["link_cpu_ms"])
            total["n"] += 1
            total["unchanged"] += bool(fields.get("unchanged"))
    return total


def task_split(log: str | None, first_id: int) -> dict[str, float]:
    """Summed milliseconds per phase over the articles after ``first_id``, from the worker's log.

    Reads the structured fields of the ``article_parsed`` lines (tracker.logfields),
    not the wording of the message.
    """
    from tracker.logfields import parse_fields

    keys = ("claim", "parse", "parse_cpu", "record", "record_cpu")
    total = dict.fromkeys(keys, 0.0)
    total["n"] = 0
    if not log or not os.path.exists(log):
        return total
    with open(log, encoding="utf-8", errors="replace") as fh:
        for line in fh:
            fields = parse_fields(line)
            if not fields or fields.get("event") != "article_parsed" or fields["article_id"] <= first_id:
                continue
            for key in keys:
                total[key] += float(fields[f"{key}_ms"])
            total["n"] += 1
    return total


def system_cpu_s() -> tuple[float, float]:
    """(busy, total) CPU seconds of the whole machine since boot, all cores, from /proc/stat."""
    with open("/proc/stat") as fh:
        fields = [int(x) for x in fh.readline().split()[1:]]
    tick = os.sysconf("SC_CLK_TCK")
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)
    return (sum(fields) - idle) / tick, sum(fields) / tick


def postmaster_pid() -> int | None:
    """The PostgreSQL server's main process (its children are the backends)."""
    try:
        with open(os.path.join(os.environ["PGDATA_DIR"], "postmaster.pid")) as fh:
            return int(fh.readline())
    except (KeyError, OSError, ValueError):
        return None


def db_connect() -> psycopg.Connection:
    return psycopg.connect(
        host=os.environ.get("DATABASE_HOST", "127.0.0.1"), port=os.environ.get("DATABASE_PORT", "5432"),
        dbname=os.environ.get("DATABASE_NAME", "tracker"), user=os.environ.get("DATABASE_USER", "tracker"),
        password=os.environ.get("DATABASE_PASSWORD", ""), autocommit=True,
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="?", default=None)
    ap.add_argument("--api", required=True)
    ap.add_argument("--token", required=True)
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--processes", type=int, default=2, help="worker processes the service runs")
    ap.add_argument("--worker-pid", type=int, help="the Celery main process (its children are sampled)")
    ap.add_argument("--web-pid", type=int, help="the gunicorn master (its workers are sampled)")
    ap.add_argument("--worker-log", help="the worker's log: its per-article lines give the time split")
    ap.add_argument("--timeout", type=float, default=900, help="give up waiting for the workers after this")
    ap.add_argument("--profile", type=float, default=0, metavar="SECONDS",
                    help="py-spy (if installed) records one worker process this long; raw output beside the data")
    # Enough words that the reference varies from run to run by less than the
    # margin it is compared against; fewer made it move by more.
    ap.add_argument("--reference-words", type=int, default=150_000,
                    help="words the parser reference run parses (split evenly over the processes)")
    args = ap.parse_args(argv)

    used, bodies, corpus = unique_articles(args.corpus, args.articles)
    per_file_words = [words(clean) for _r, _c, clean in corpus]
    total_words = sum(per_file_words[i % len(corpus)] + (0 if corpus[i % len(corpus)][1] == "text/html" else 3)
                      for i in range(args.articles))
    print(f"Ingestion benchmark: {args.articles} articles ({total_words} words) from {used} "
          f"to {args.api} with {args.processes} worker processes")

    api = Api(args.api, args.token)
    # Warm-up, not timed: every web process imports and connects on its first
    # request, every worker process on its first task.
    for i in range(2 * args.processes):
        api.request("POST", "/api/articles/", f"Warm-up {time.time()} {i}: Russia supplied tanks to Armenia.".encode(),
                    {"Content-Type": "text/plain"})
    for _ in range(8):
        api.request("GET", "/api/articles/?page_size=1")
    with db_connect() as conn:
        for _ in range(600):
            waiting, = conn.execute(
                "SELECT count(*) FROM tracker_article WHERE status NOT IN ('parsed', 'failed')").fetchone()
            if not waiting:
                break
            time.sleep(0.1)
        warm_max_id, = conn.execute("SELECT coalesce(max(id), 0) FROM tracker_article").fetchone()

    profiler = None
    pyspy = shutil.which("py-spy") or shutil.which("py-spy", path=os.path.dirname(sys.executable))
    if args.profile and pyspy and args.worker_pid and children(args.worker_pid):
        out = os.path.join(os.environ.get("PGDATA_DIR", "."), "..", "worker-profile.txt")
        profiler = subprocess.Popen(
            [pyspy, "record", "-r", "50", "-f", "raw", "-d", str(int(args.profile)), "-o", out,
             "-p", str(children(args.worker_pid)[0])], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        print(f"  py-spy records worker {children(args.worker_pid)[0]} for {args.profile:.0f} s -> {out}")

    mem = MemoryWatch(args.worker_pid)
    web_mem = MemoryWatch(args.web_pid)
    pg_watch = MemoryWatch(postmaster_pid())
    for watch in (mem, web_mem, pg_watch):
        watch.start()
    cpu_start, client_start = system_cpu_s(), time.process_time()
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    t_start = time.time()
    for body, ctype in bodies:
        t = time.perf_counter()
        status, _size = api.request("POST", "/api/articles/", body.encode(), {"Content-Type": ctype})
        latencies.append(time.perf_counter() - t)
        statuses[status] = statuses.get(status, 0) + 1
    t_submitted = time.time()

    with db_connect() as conn:
        deadline = time.time() + args.timeout
        backlog_at_end_of_submit = None
        while True:
            done, failed, total = conn.execute(
                "SELECT count(*) FILTER (WHERE status IN ('parsed', 'failed')),"
                " count(*) FILTER (WHERE status = 'failed'), count(*) FROM tracker_article WHERE id > %s",
                [warm_max_id]).fetchone()
            if backlog_at_end_of_submit is None:
                backlog_at_end_of_submit = total - done
            if done >= total or time.time() > deadline:
                break
            time.sleep(0.25)
        # Deals are linked by a task of their own after each recording: wait for those too.
        while time.time() < deadline:
            unlinked = conn.execute(
                "SELECT count(*) FROM tracker_article a LEFT JOIN tracker_articlestory s ON s.article_id = a.id"
                " WHERE a.id > %s AND a.status = 'parsed' AND s.linked_at IS NULL", [warm_max_id]).fetchone()[0]
            if not unlinked:
                break
            time.sleep(0.25)
        deals = conn.execute("SELECT (SELECT count(*) FROM tracker_deal), (SELECT count(*) FROM tracker_dealevent),"
                             " (SELECT count(DISTINCT story_id) FROM tracker_articlestory)").fetchone()
        first, last, parsing_s = conn.execute(
            "SELECT min(created_at), max(coalesce(parsed_at, updated_at)),"
            " extract(epoch FROM max(coalesce(parsed_at, updated_at)) - min(created_at))"
            " FROM tracker_article WHERE status IN ('parsed', 'failed') AND id > %s", [warm_max_id]).fetchone()
        records = conn.execute(
            "SELECT (SELECT count(*) FROM tracker_transfer), (SELECT count(*) FROM tracker_statement),"
            " (SELECT count(*) FROM tracker_officialmention)").fetchone()
    cpu_end, client_cpu = system_cpu_s(), time.process_time() - client_start
    for watch in (mem, web_mem, pg_watch):
        watch.stop.set()
    if profiler is not None:
        profiler.wait()
    parsing_s = float(parsing_s or 0)
    rate_articles = done / parsing_s if parsing_s else 0.0
    rate_words = total_words * (done / max(total, 1)) / parsing_s if parsing_s else 0.0

    print(f"\n  submitted {args.articles} in {t_submitted - t_start:.1f} s; responses {statuses}; "
          f"{backlog_at_end_of_submit} still waiting for a worker when the last was submitted")
    row("submit latency (all)", summary_ms(latencies))
    busy = latencies[10:]
    row("submit latency (after the first 10)", summary_ms(busy))
    p95 = percentile(latencies, 95) * 1000
    row(f"target submit p95 <= {TARGET_SUBMIT_P95_MS} ms", f"{p95:.1f} ms  "
        f"{verdict(p95, TARGET_SUBMIT_P95_MS, higher_is_better=False)}")
    row("parsed / failed / total", f"{done - failed} / {failed} / {total}"
        + ("  (TIMED OUT)" if done < total else ""))
    row("records written (transfers / statements / mentions)", " / ".join(str(x) for x in records))
    row("deals / events / stories", " / ".join(str(x) for x in deals))
    row("first submitted -> last done", f"{parsing_s:.1f} s")
    row("ingestion rate", f"{rate_articles:.2f} articles/s, {rate_words:.0f} words/s")
    worker_peak = max(mem.peak.values(), default=0.0)
    row("worker process peak RSS", ", ".join(f"{v:.0f} MB" for v in sorted(mem.peak.values())) or "n/a")
    row(f"target worker peak <= {TARGET_WORKER_MB} MB",
        f"{worker_peak:.0f} MB  {verdict(worker_peak, TARGET_WORKER_MB, higher_is_better=False)}")
    worker_cpu = sum(mem.cpu[c] - mem.cpu_start.get(c, 0.0) for c in mem.cpu)
    words_done = total_words * (done / max(total, 1))
    wpc = words_done / worker_cpu if worker_cpu else 0.0
    row("worker CPU time (all processes)", f"{worker_cpu:.0f} s, {wpc:.0f} words per worker CPU s")
    row("web worker peak RSS", ", ".join(f"{v:.0f} MB" for v in sorted(web_mem.peak.values())) or "n/a")

    def used(watch: MemoryWatch) -> float:
        return sum(watch.cpu[c] - watch.cpu_start.get(c, 0.0) for c in watch.cpu)

    split = task_split(args.worker_log, warm_max_id)
    if split["n"]:
        n = split["n"]
        row("per article in the task (mean, wall / cpu)",
            f"claim+load {split['claim'] / n:.1f} ms, parse {split['parse'] / n:.1f} / {split['parse_cpu'] / n:.1f} ms, "
            f"record {split['record'] / n:.1f} / {split['record_cpu'] / n:.1f} ms (n={n})")
        link = link_split(args.worker_log, warm_max_id)
        if link["n"]:
            # The linking's own CPU against the parse task's (claim, parse and record) per article.
            task_cpu = (split["parse_cpu"] + split["record_cpu"]) / n + split["claim"] / n
            link_cpu = link["link_cpu"] / link["n"]
            share = link_cpu / task_cpu if task_cpu else 0.0
            row("deal linking per article (mean, wall / cpu)",
                f"{link['link'] / link['n']:.1f} / {link_cpu:.1f} ms (n={link['n']}, "
                f"{link['unchanged']} found nothing changed)")
            # Wall time: what lock waits and round trips add on a busy machine (noisy; the cpu share is the target).
            task_wall = (split["claim"] + split["parse"] + split["record"]) / n
            row("  linking wall / parse task wall", f"{link['link'] / link['n'] / task_wall:.1%}" if task_wall else "n/a")
            row(f"target linking <= {TARGET_LINK_SHARE:.0%} of the parse task",
                f"{share:.1%}  {verdict(share, TARGET_LINK_SHARE, higher_is_better=False)}")
    busy, available = cpu_end[0] - cpu_start[0], cpu_end[1] - cpu_start[1]
    web_cpu, pg_cpu = used(web_mem), used(pg_watch)
    row("machine CPU over the run (all cores)", f"{busy:.0f} of {available:.0f} core-s busy: workers {worker_cpu:.0f}, "
        f"web {web_cpu:.0f}, PostgreSQL {pg_cpu:.0f}, this client {client_cpu:.0f}, "
        f"other {busy - worker_cpu - web_cpu - pg_cpu - client_cpu:.0f}")

    # The reference: the parser alone in as many processes, same corpus, now that the workers idle.
    from bench.parser import measure

    per_round = sum(per_file_words)
    # A whole number of rounds per process: none finishes early and then runs alone.
    rounds = args.processes * max(1, round(args.reference_words / per_round / args.processes))
    print(f"\n  parser reference: {args.processes} processes, {rounds} rounds over the same corpus "
          f"({rounds * per_round} words)")
    ref = measure(corpus, processes=args.processes, rounds=rounds)
    for mode, figures in ref["modes"].items():
        row(f"  {mode} ({args.processes} processes)",
            f"{figures['words_per_s']:.0f} words/s  {figures['articles_per_s']:.2f} articles/s")
    ratio = rate_words / ref["modes"]["parse_article"]["words_per_s"]
    row("ingestion / parse_article (same processes)", f"{ratio:.3f}  "
        f"{verdict(ratio, TARGET_RATIO, higher_is_better=True)} (target >= {TARGET_RATIO})")
    cpu_ratio = wpc / ref["modes"]["parse_article"]["words_per_cpu_s"] if wpc else 0.0
    row("  per CPU second: worker / parse_article", f"{cpu_ratio:.3f}  (drift-proof: what the task, the ORM "
        f"and Celery add to the parse)")
    row("ingestion / parse_many (same processes)",
        f"{rate_words / ref['modes']['parse_many']['words_per_s']:.3f}")
    row("ingestion / spaCy nlp.pipe (same processes)",
        f"{rate_words / ref['modes']['spacy']['words_per_s']:.3f}")
    return 0 if done >= total else 1


if __name__ == "__main__":
    sys.exit(main())
