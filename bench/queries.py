"""API query latency and CSV export at a million statements.

    bash scripts/stack.sh bench-queries [--repeat 20] [--regenerate]   (make bench-queries)

Needs a running service on a database of its own (``scripts/stack.sh
bench-queries`` starts one under .var/bench/queries and passes ``--api``,
``--token`` and ``--web-pid``). Fills it with ``bench.querydata`` unless it
already holds a data set of the requested sizes, then times the main list
queries through HTTP (p50/p95 over ``--repeat`` requests cycling through a few
parameter values: a dominant supplier, a middling one, a rare one), streams CSV
exports of growing size while sampling the web workers' memory, and prints the
SQL plan (EXPLAIN ANALYZE) of the slowest query with the number of queries each
request runs.
"""

from __future__ import annotations

import argparse
import os
import sys
import threading
import time

from bench.common import Api, children, percentile, proc_rss_mb, row, verdict
from bench.ingest import db_connect
from bench.querydata import counts, generate, restore_ddl

TARGET_P95_MS = 100


class RssSampler(threading.Thread):
    """Largest RSS of any child of ``pid`` while running (sampled every 20 ms)."""

    def __init__(self, pid: int | None) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.peak = 0.0
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.is_set() and self.pid:
            for child in children(self.pid):
                self.peak = max(self.peak, proc_rss_mb(child)[0])
            self.done.wait(0.02)


def web_rss(pid: int | None) -> float:
    return max((proc_rss_mb(c)[0] for c in children(pid)), default=0.0) if pid else 0.0


def pick_parameters(conn) -> dict:
    """Values for the queries, drawn from the data: a dominant, a middling and a rare case each."""
    sup = conn.execute(
        """SELECT a.code, count(*) FROM tracker_statement s JOIN tracker_actor a ON a.id = s.supplier_id
            GROUP BY a.code ORDER BY count(*) DESC""").fetchall()
    top, mid, rare = sup[0][0], sup[min(6, len(sup) - 1)][0], sup[min(60, len(sup) - 1)][0]

    def top_recipient(code: str) -> str:
        return conn.execute(
            """SELECT r.code FROM tracker_statement s JOIN tracker_actor a ON a.id = s.supplier_id
                 JOIN tracker_statement_recipients sr ON sr.statement_id = s.id
                 JOIN tracker_actor r ON r.id = sr.actor_id
                WHERE a.code = %s AND r.code <> %s AND s.id < 100000
                GROUP BY r.code ORDER BY count(*) DESC LIMIT 1""", [code, code]).fetchone()[0]

    spk = conn.execute(
        """SELECT speaker_id, count(*) FROM tracker_statement WHERE speaker_id IS NOT NULL
            GROUP BY speaker_id ORDER BY count(*) DESC""").fetchall()
    speakers = [spk[0][0], spk[len(spk) // 2][0], spk[-1][0]]
    names = [conn.execute("SELECT name FROM tracker_official WHERE id = %s", [s]).fetchone()[0] for s in speakers]
    dates = conn.execute(
        "SELECT max(published) - 30, max(published), max(published) - 365 * 3, max(published) - 365 * 2,"
        " min(published) + 365, min(published) + 395 FROM tracker_article").fetchone()
    return {
        "pairs": [(top, top_recipient(top)), (mid, top_recipient(mid)), (rare, top_recipient(rare))],
        "suppliers": [top, mid, rare],
        "speakers": speakers,
        "speaker_names": [n.split()[-1] for n in names],
        "ranges": [(dates[0], dates[1]), (dates[2], dates[3]), (dates[4], dates[5])],
    }


def export_cutoffs(conn, sizes: list[int]) -> list[tuple[int, str]]:
    """(rows, published_after date) giving about that many statements, newest first."""
    out = []
    for n in sizes:
        d = conn.execute(
            """SELECT a.published FROM tracker_statement s JOIN tracker_article a ON a.id = s.article_id
                ORDER BY a.published DESC OFFSET %s LIMIT 1""", [n - 1]).fetchone()[0]
        actual = conn.execute(
            """SELECT count(*) FROM tracker_statement s JOIN tracker_article a ON a.id = s.article_id
                WHERE a.published >= %s""", [d]).fetchone()[0]
        out.append((actual, d.isoformat()))
    return out


def query_plan(p: dict) -> list[tuple[str, list[str]]]:
    """(name, paths cycled through) for every query timed."""
    pairs, sups = p["pairs"], p["suppliers"]
    return [
        # The floor: a tiny table through the same stack (auth, DRF, JSON) on this machine now.
        ("baseline: actors ?page_size=1", ["/api/actors/?page_size=1"]),
        ("statements ?supplier&recipient", [f"/api/statements/?supplier={s}&recipient={r}" for s, r in pairs]),
        ("transfers ?supplier&recipient", [f"/api/transfers/?supplier={s}&recipient={r}" for s, r in pairs]),
        ("statements ?speaker=id", [f"/api/statements/?speaker={s}" for s in p["speakers"]]),
        ("statements ?speaker=name", [f"/api/statements/?speaker={n}" for n in p["speaker_names"]]),
        ("statements ?published_after&before", [
            f"/api/statements/?published_after={a}&published_before={b}" for a, b in p["ranges"]]),
        ("transfers ?published_after&before", [
            f"/api/transfers/?published_after={a}&published_before={b}" for a, b in p["ranges"]]),
        ("statements ?search", ["/api/statements/?search=Patriot", "/api/statements/?search=%22air+defence%22",
                                "/api/statements/?search=howitzers+-Caesar"]),
        ("transfers ?search", ["/api/transfers/?search=Patriot", "/api/transfers/?search=%22air+defence%22",
                               "/api/transfers/?search=helicopters"]),
        ("statements README example (country+pair+date)", [
            f"/api/statements/?speaker_country={s}&supplier={s}&recipient={r}&published_after=2016-01-01"
            for s, r in pairs]),
        ("statements (no filter)", ["/api/statements/"]),
        ("relations (all pairs)", ["/api/relations/"]),
        ("relations ?supplier", [f"/api/relations/?supplier={s}" for s in sups]),
        ("relations ?recipient", [f"/api/relations/?recipient={r}" for _s, r in pairs]),
        # The explore pages (server-rendered HTML): aggregates from the relation summaries.
        ("explore matrix (all time)", ["/explore/"]),
        ("explore matrix ?years&status", [
            f"/explore/?year_from={a.year}&year_to={b.year}&status=delivered&status=contracted"
            for a, b in p["ranges"]]),
        ("explore matrix ?weapon", ["/explore/?weapon=Patriot", "/explore/?weapon=S-400&status=delivered",
                                    f"/explore/?weapon=T-90&year_from={p['ranges'][1][0].year}"]),
        ("explore pair page", [f"/explore/pair/{s}/{r}/" for s, r in pairs]),
        ("explore actor page", [f"/explore/actor/{s}/" for s in sups]),
        ("explore network ?years", [f"/explore/network/?year_from={a.year}&year_to={b.year}" for a, b in p["ranges"]]),
        ("deals (no filter)", ["/api/deals/"]),
        ("deals ?supplier", [f"/api/deals/?supplier={s}" for s in sups]),
        ("deals ?supplier&recipient", [f"/api/deals/?supplier={s}&recipient={r}" for s, r in pairs]),
        ("deals ?system", ["/api/deals/?system=S-400", "/api/deals/?system=F-16", "/api/deals/?system=Zuzana+2"]),
        ("deals ?category&status", ["/api/deals/?category=aircraft&status=delivered",
                                    "/api/deals/?category=ships&status=contracted",
                                    "/api/deals/?category=satellites&status=denied"]),
        ("deals ?first_year&last_year", ["/api/deals/?first_year=2020", "/api/deals/?last_year=2010",
                                         "/api/deals/?first_year=2001&last_year=2001"]),
        ("deals ?min_confidence&review_state", ["/api/deals/?min_confidence=0.9&review_state=approved",
                                                "/api/deals/?review_state=rejected"]),
    ]


def time_queries(api: Api, plan: list[tuple[str, list[str]]], repeat: int, budget: float) -> list[dict]:
    results = []
    for name, paths in plan:
        started = time.perf_counter()
        # Warm-up: each variant once. The explore pages cache what they compute from
        # the summaries per refresh, and the benchmark has just refreshed them: these
        # first requests are the uncached ones, printed apart from the timed repeats.
        first = []
        for path in paths:
            t = time.perf_counter()
            api.request("GET", path)
            first.append(time.perf_counter() - t)
        times, sizes, statuses = [], [], set()
        per_path: dict[str, list[float]] = {p: [] for p in paths}
        for i in range(repeat):
            # A query of several seconds would make the run last an hour: past the
            # budget, stop once every variant has been timed at least once.
            if time.perf_counter() - started > budget and i >= max(3, len(paths)):
                break
            path = paths[i % len(paths)]
            t = time.perf_counter()
            status, size = api.request("GET", path)
            dt = time.perf_counter() - t
            times.append(dt)
            per_path[path].append(dt)
            sizes.append(size)
            statuses.add(status)
        p50, p95 = percentile(times, 50) * 1000, percentile(times, 95) * 1000
        slowest_path = max(per_path, key=lambda k: percentile(per_path[k], 50) if per_path[k] else 0)
        results.append({"name": name, "p50": p50, "p95": p95, "statuses": statuses, "paths": paths,
                        "slowest_path": slowest_path, "bytes": max(sizes), "first": max(first) * 1000})
        flag = "" if statuses == {200} else f"  status {sorted(statuses)}"
        row(name, f"p50 {p50:7.1f} ms  p95 {p95:7.1f} ms  n={len(times):<3d} "
                  f"{verdict(p95, TARGET_P95_MS, higher_is_better=False)}{flag}"
                  f"  first request {max(first) * 1000:6.1f} ms, {max(sizes) / 1000:.0f} kB", 50)
    return results


def django_capture(token: str, path: str) -> tuple[int, list[dict], float]:
    """Run one request in-process and capture its SQL: (status, queries, seconds).

    Without the explore pages' cache: they would otherwise answer from what
    their timed requests cached, and show none of the SQL their first request ran.
    """
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
    import django

    django.setup()
    from django.db import connection
    from unittest import mock

    from django.core.cache.backends.dummy import DummyCache
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from tracker.explore import selectors as explore_selectors

    client = Client(HTTP_HOST="127.0.0.1", HTTP_AUTHORIZATION=f"Token {token}")
    no_cache = DummyCache("explore", {})
    # create=True: the same script also measures code from before this cache.
    uncached = mock.patch.object(explore_selectors, "cache", no_cache, create=True)
    with uncached, CaptureQueriesContext(connection) as ctx:
        t = time.perf_counter()
        resp = client.get(path)
        if getattr(resp, "streaming", False):
            for _chunk in resp.streaming_content:
                pass
        dt = time.perf_counter() - t
    return resp.status_code, list(ctx.captured_queries), dt


def refresh_relations() -> float:
    """Seconds one forced ``services.relations_refresh`` takes (what the beat task costs: the pair
    summary and the explore pages' per-year and per-weapon ones)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
    import django

    django.setup()
    from tracker import services

    t = time.perf_counter()
    services.relations_refresh(force=True)
    return time.perf_counter() - t


def explain(sql: str) -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
        return "\n".join(r[0] for r in cursor.fetchall())


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--api", required=True)
    ap.add_argument("--token", required=True)
    ap.add_argument("--web-pid", type=int)
    ap.add_argument("--statements", type=int, default=1_000_000)
    ap.add_argument("--transfers", type=int, default=300_000)
    ap.add_argument("--actors", type=int, default=200)
    ap.add_argument("--officials", type=int, default=20_000)
    ap.add_argument("--articles", type=int, default=200_000)
    ap.add_argument("--deals", type=int, default=300_000)
    ap.add_argument("--regenerate", action="store_true", help="generate again even if the sizes match")
    ap.add_argument("--repeat", type=int, default=41, help="timed requests per query")
    ap.add_argument("--budget", type=float, default=25, help="seconds per query before repeats stop (min 3)")
    ap.add_argument("--export-rows", default="10000,30000,100000", help="CSV export sizes (statements)")
    ap.add_argument("--explain", type=int, default=3, help="plans printed: the N slowest queries")
    ap.add_argument("--only", help="time only the queries whose name contains this (or one of these, comma-separated)")
    args = ap.parse_args(argv)

    with db_connect() as conn:
        restore_ddl(conn)  # a generation stopped half-way leaves them dropped
        have = counts(conn)
        if (args.regenerate or have["tracker_statement"] != args.statements
                or have["tracker_transfer"] != args.transfers or have["tracker_official"] != args.officials
                or have["tracker_deal"] != args.deals):
            print(f"Generating the data set (found {have})")
            generate(conn, statements=args.statements, transfers=args.transfers, actors=args.actors,
                     officials=args.officials, articles=args.articles, deals=args.deals)
            have = counts(conn)
        # Planner statistics as autovacuum leaves them (a reused data set may predate
        # a migration that added columns or indexes).
        conn.execute("ANALYZE tracker_statement, tracker_transfer, tracker_article, tracker_official, "
                     "tracker_statement_recipients, tracker_deal, tracker_deal_systems")
        # The relations summary, refreshed by the beat task's own service.
        refresh_s = refresh_relations()
        pairs = conn.execute("SELECT count(*) FROM tracker_relation").fetchone()[0]
        size = conn.execute("SELECT pg_size_pretty(pg_database_size(current_database()))").fetchone()[0]
        params = pick_parameters(conn)
        cutoffs = export_cutoffs(conn, [int(x) for x in args.export_rows.split(",") if x.strip()])
    print("Query benchmark: " + ", ".join(f"{t.removeprefix('tracker_')} {n}" for t, n in have.items())
          + f"; database {size}")
    print(f"  relations summary: {pairs} pairs, refreshed in {refresh_s:.1f} s (the beat task's cost "
          f"when records changed; readers are not blocked)")
    print(f"  parameters: pairs {params['pairs']}, speakers {params['speakers']} {params['speaker_names']}, "
          f"date ranges {[(str(a), str(b)) for a, b in params['ranges']]}")
    api = Api(args.api, args.token)
    for _ in range(6):  # every web process imports and connects on its first request
        api.request("GET", "/api/actors/?page_size=1")

    plan = query_plan(params)
    if args.only:
        plan = [q for q in plan if any(part in q[0] for part in args.only.split(","))]
    print(f"\n  latency through HTTP, {args.repeat} requests each (first page, default page size), "
          f"target p95 <= {TARGET_P95_MS} ms:")
    results = time_queries(api, plan, args.repeat, args.budget)

    print("\n  CSV export of statements (?format=csv&published_after=...), sampled web worker RSS:")
    base_rss = web_rss(args.web_pid)
    exports = []
    for rows, after in cutoffs:
        sampler = RssSampler(args.web_pid)
        before = web_rss(args.web_pid)
        sampler.start()
        t = time.perf_counter()
        status, nbytes = api.request("GET", f"/api/statements/?format=csv&published_after={after}")
        dt = time.perf_counter() - t
        sampler.done.set()
        sampler.join()
        exports.append((rows, dt, sampler.peak, before))
        note = "" if status == 200 else " CUT OFF (599: the web worker's timeout ended the stream)"
        row(f"{rows} rows (after {after})", f"{dt:6.1f} s  {rows / dt:7.0f} rows/s  {nbytes / 1e6:6.1f} MB  "
            f"status {status}{note}  web RSS before {before:.0f} MB, peak {sampler.peak:.0f} MB "
            f"(+{sampler.peak - base_rss:.0f} MB over the start)", 50)
    if len(exports) > 1:
        (r0, _t0, p0, _b0), (r1, _t1, p1, _b1) = exports[0], exports[-1]
        growth = (p1 - p0) / ((r1 - r0) / 1000) if r1 > r0 else 0.0
        row("export memory growth", f"{growth:.3f} MB per 1,000 extra rows "
            f"({'flat' if abs(p1 - p0) < 25 else 'NOT flat'}: {p0:.0f} MB at {r0} rows, {p1:.0f} MB at {r1})", 50)

    # Plans and query counts, in-process with the same settings and database.
    print("\n  queries per request (in-process, Django's own capture, explore pages uncached):")
    captured = {}
    for r in results:
        status, queries, dt = django_capture(args.token, r["slowest_path"])
        captured[r["name"]] = queries
        slow = max(queries, key=lambda q: float(q["time"]), default=None)
        row(r["name"], f"{len(queries):3d} queries, {sum(float(q['time']) for q in queries) * 1000:7.1f} ms in SQL, "
            f"slowest {float(slow['time']) * 1000 if slow else 0:7.1f} ms, whole request {dt * 1000:7.1f} ms", 50)
    for r in sorted(results, key=lambda r: r["p95"], reverse=True)[:args.explain]:
        queries = captured[r["name"]]
        if not queries:
            continue
        slow = max(queries, key=lambda q: float(q["time"]))
        print(f"\n  EXPLAIN ANALYZE — {r['name']} (p95 {r['p95']:.1f} ms), {r['slowest_path']}")
        print("  SQL: " + slow["sql"][:1500] + (" ..." if len(slow["sql"]) > 1500 else ""))
        try:
            print("  " + explain(slow["sql"]).replace("\n", "\n  "))
        except Exception as exc:  # a plan is a help; the figures above stand without it
            print(f"  (no plan: {exc})")

    missed = [r["name"] for r in results if r["p95"] > TARGET_P95_MS]
    print(f"\n  {len(results) - len(missed)} of {len(results)} queries meet p95 <= {TARGET_P95_MS} ms"
          + (f"; missed: {', '.join(missed)}" if missed else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
