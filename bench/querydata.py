"""Fill the database with a large, skewed data set for the query benchmark, in SQL.

1,000,000 statements and 300,000 transfers (by default) in 200,000 articles,
over 200 actors and 20,000 officials. A few suppliers dominate (Zipf-like
weights, s = 1.1: the first takes about a quarter of the records, the first five
about half); recipients are less concentrated (s = 0.7); a few officials speak
often. Everything is made by ``generate_series`` inside PostgreSQL, with the
secondary indexes dropped during the load and rebuilt after it, so a million
rows take a minute or two rather than the ORM's hours.

Rows look like the parser's: evidence sentences name the supplier, a weapon and
the recipient, so full-text search and the filters select realistic fractions.
"""

from __future__ import annotations

import time

import psycopg

# The largest exporters first, so that the skew falls on them.
MAJOR_SUPPLIERS = ["USA", "RUS", "FRA", "CHN", "DEU", "ITA", "GBR", "ESP", "ISR", "KOR", "TUR", "UKR",
                   "NLD", "SWE", "CHE", "CAN", "AUS", "NOR", "BLR", "IRN", "IND", "PAK", "JPN", "BRA"]
TABLES = ["tracker_deal_statements", "tracker_deal_systems", "tracker_dealevent", "tracker_deal",
          "tracker_statement_recipients", "tracker_statement", "tracker_transfer", "tracker_officialmention",
          "tracker_official", "tracker_article"]
DEAL_STATUSES = ["delivered", "ongoing", "contracted", "planned", "considering", "suspended", "denied"]

FIRST_NAMES = ["Sergei", "John", "Ali", "Maria", "Wang", "Olaf", "Emmanuel", "Recep", "Ilham", "Nikol", "Boris",
               "Lloyd", "Dmitry", "Anna", "Mohammed", "Hakan", "Yoav", "Rajnath", "Fumio", "Luiz", "Giorgia",
               "Pedro", "Mark", "Justin", "Antony", "Kaja", "Ursula", "Jens", "Volodymyr", "Andrzej", "Petr",
               "Viktor", "Aleksandar", "Kassym", "Shavkat", "Serdar", "Ebrahim", "Hossein", "Narendra", "Shehbaz",
               "Prabowo", "Anwar", "Ferdinand", "Yoon", "Lee", "Kim", "Xi", "Li", "Tayyip", "Abdel", "Mahmoud",
               "Bola", "Cyril", "William", "Paul", "Felix", "Faustin", "Evariste", "Hage", "Samia"]
SYLLABLES_A = ["Lav", "Shoi", "Aus", "Pis", "Hu", "Le", "Pash", "Gal", "Ali", "Ros", "Bel", "Kar", "Mor", "Sin",
               "Tok", "Var", "Zel", "Dud", "Kuz", "Mel"]
SYLLABLES_B = ["rov", "gu", "tin", "torius", "lot", "cornu", "inyan", "ant", "yev", "sky", "enko", "ova", "ian",
               "oglu", "ishi", "ez", "ensky", "ic", "uk", "ar"]
TITLES = ["Defence Minister", "Foreign Minister", "President", "Prime Minister", "Deputy Prime Minister",
          "Spokesperson", "Ambassador", "Chief of General Staff", "Secretary of State", "Defense Secretary",
          "Deputy Defence Minister", "Head of the Federal Service for Military-Technical Cooperation"]
SOURCES = ["TASS", "Reuters", "AP", "AFP", "Defense News", "Janes", "RIA Novosti", "Anadolu", "Xinhua", "BBC"]
WEAPONS = ["S-400", "S-300", "Patriot", "IRIS-T SLM", "Leopard 2", "Abrams", "T-90", "F-16", "F-35", "Su-35",
           "Rafale", "Bayraktar TB2", "HIMARS", "Javelin", "Stinger", "NASAMS", "Caesar howitzers", "K9 Thunder",
           "Iskander", "Kalibr", "Storm Shadow", "Gripen", "Eurofighter Typhoon", "MiG-29", "Mi-17 helicopters",
           "Black Hawk helicopters", "BMP-3", "Bradley", "Tor-M2", "Pantsir-S1"]
VERBS = ["supply", "deliver", "sell", "transfer", "provide", "send", "export", "ship"]
SAY = ["said", "told reporters", "announced", "stated", "confirmed", "added", "stressed", "noted"]
CONTEXT = ["under the contract signed last year", "as part of a military aid package",
           "in line with existing agreements", "despite objections from neighbours",
           "to strengthen its air defence", "within the framework of military-technical cooperation",
           "before the end of the year", "over the next three years", "to modernise the armed forces",
           "as the two countries deepen defence ties", "after lengthy negotiations",
           "amid rising tensions in the region", "to replace ageing Soviet-era equipment"]
STATUSES = ["delivered", "ongoing", "contracted", "planned", "considering", "suspended", "denied"]


def _arr(values: list[str]) -> str:
    return "ARRAY[" + ",".join("'" + v.replace("'", "''") + "'" for v in values) + "]::text[]"


def restore_ddl(conn: psycopg.Connection, log=None) -> None:
    """Put back the indexes and foreign keys a generation dropped (all of them, even
    after a run that stopped half-way); indexes first, so the checks can use them."""
    if not conn.execute("SELECT to_regclass('bench_saved_ddl')").fetchone()[0]:
        return
    rows = conn.execute("SELECT name, kind, ddl FROM bench_saved_ddl ORDER BY kind <> 'index', name").fetchall()
    for name, kind, ddl in rows:
        exists = conn.execute(
            "SELECT 1 FROM pg_class WHERE relname = %s UNION ALL SELECT 1 FROM pg_constraint WHERE conname = %s",
            [name, name]).fetchone()
        if not exists:
            t = time.perf_counter()
            conn.execute(ddl)
            if log:
                log(f"{'index' if kind == 'index' else 'foreign key'} {name}", time.perf_counter() - t)
    conn.execute("DROP TABLE bench_saved_ddl")


def counts(conn: psycopg.Connection) -> dict[str, int]:
    return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}  # noqa: S608


def generate(conn: psycopg.Connection, *, statements: int = 1_000_000, transfers: int = 300_000,
             actors: int = 200, officials: int = 20_000, articles: int = 200_000, deals: int = 300_000,
             log=print) -> None:
    """Replace the records with a generated data set of these sizes; ``conn`` is autocommit."""
    t0 = time.perf_counter()

    def step(label: str, sql: str, params: dict | None = None) -> None:
        t = time.perf_counter()
        cur = conn.execute(sql, params)
        log(f"    {label}: {cur.rowcount if cur.rowcount >= 0 else ''} rows, {time.perf_counter() - t:.1f} s")

    conn.execute("SET maintenance_work_mem = '512MB'")
    conn.execute("SET synchronous_commit = off")
    conn.execute("SELECT setseed(0.42)")
    conn.execute("TRUNCATE " + ", ".join(TABLES) + " RESTART IDENTITY CASCADE")
    # Secondary indexes and foreign keys go during the load and are rebuilt once
    # after it (checking 3 million foreign keys row by row takes minutes). Their
    # definitions are kept in a table first, so that a run stopped half-way
    # leaves them for the next run to restore.
    conn.execute("CREATE TABLE IF NOT EXISTS bench_saved_ddl (name text PRIMARY KEY, kind text, ddl text)")
    conn.execute(
        """INSERT INTO bench_saved_ddl
           SELECT i.indexname, 'index', i.indexdef FROM pg_indexes i
            WHERE i.schemaname = 'public' AND i.tablename = ANY(%(t)s)
              AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)
           UNION ALL
           SELECT c.conname, 'fk:' || rel.relname,
                  format('ALTER TABLE %%I ADD CONSTRAINT %%I %%s', rel.relname, c.conname, pg_get_constraintdef(c.oid))
             FROM pg_constraint c JOIN pg_class rel ON rel.oid = c.conrelid
            WHERE c.contype = 'f' AND rel.relname = ANY(%(t)s)
           ON CONFLICT (name) DO NOTHING""", {"t": TABLES})
    for name, kind in conn.execute("SELECT name, kind FROM bench_saved_ddl").fetchall():
        if kind == "index":
            conn.execute(f'DROP INDEX IF EXISTS "{name}"')
        else:
            conn.execute(f'ALTER TABLE "{kind[3:]}" DROP CONSTRAINT IF EXISTS "{name}"')

    # 200 actors ranked: the big exporters first, then the rest by id; Zipf-like slot arrays.
    conn.execute("DROP TABLE IF EXISTS bench_actor")
    conn.execute(
        """CREATE TABLE bench_actor AS
           SELECT row_number() OVER (ORDER BY coalesce(array_position(%(major)s::text[], code), 1000), id) AS rank,
                  id, code, name
             FROM tracker_actor""", {"major": MAJOR_SUPPLIERS})
    conn.execute("DELETE FROM bench_actor WHERE rank > %s", [actors])
    slots = 10_000
    # Slot tables: actor k fills slots in proportion to its weight; a uniform draw of
    # a slot number, hash-joined, picks actors with that skew. (Arrays indexed per
    # row would be detoasted for every row: minutes instead of seconds.)
    for table, s_ in (("bench_sup_slot", 1.1), ("bench_rec_slot", 0.7)):
        conn.execute(f"DROP TABLE IF EXISTS {table}")
        conn.execute(f"""
            CREATE TABLE {table} AS
            SELECT (row_number() OVER (ORDER BY a.rank, g) - 1)::int AS slot, a.id AS actor_id
              FROM bench_actor a,
                   generate_series(1, greatest(1, round({slots} * power(a.rank, -{s_})
                       / (SELECT sum(power(rank, -{s_})) FROM bench_actor))::int)) g""")
        conn.execute(f"CREATE UNIQUE INDEX ON {table} (slot)")
        conn.execute(f"ANALYZE {table}")
    n_sup = conn.execute("SELECT count(*) FROM bench_sup_slot").fetchone()[0]
    n_rec = conn.execute("SELECT count(*) FROM bench_rec_slot").fetchone()[0]
    sup = f"floor(random() * {n_sup})::int"
    rec = f"floor(random() * {n_rec})::int"
    nf, na, nb = len(FIRST_NAMES), len(SYLLABLES_A), len(SYLLABLES_B)

    step("officials", f"""
        INSERT INTO tracker_official (id, name, name_key, title, organization, country_id, aliases, created_at)
        SELECT i + 1, n, lower(n), t, '', c, '{{}}', now()
          FROM (SELECT g0.i AS i,
                       ({_arr(FIRST_NAMES)})[1 + mod(g0.i, {nf})] || ' ' || ({_arr(SYLLABLES_A)})[1 + mod(g0.i / {nf}, {na})]
                       || ({_arr(SYLLABLES_B)})[1 + mod(i / {nf * na}, {nb})]
                       || CASE WHEN i >= {nf * na * nb} THEN ' ' || (i / {nf * na * nb})::text ELSE '' END AS n,
                       ({_arr(TITLES)})[1 + floor(random() * {len(TITLES)})::int] AS t,
                       ss.actor_id AS c
                  FROM (SELECT i, {sup} AS slot FROM generate_series(0, %(n)s - 1) i) g0
                  JOIN bench_sup_slot ss ON ss.slot = g0.slot) x""", {"n": officials})

    # Recent years hold more articles (news volume grows): dates skewed towards now.
    step("articles", f"""
        INSERT INTO tracker_article (id, raw, content_type, content_hash, clean_text, title, source, published,
               dateline, url, status, failure_reason, parser_version, attempts, claim_token, claimed_at,
               parsed_at, submitted_by_id, created_at, updated_at, metadata_source)
        SELECT i, 'Generated article ' || i, 'text/plain', md5(i::text) || md5('bench' || i), '',
               'Generated article ' || i, ({_arr(SOURCES)})[1 + floor(random() * {len(SOURCES)})::int],
               date '2026-11-01' - floor(power(random(), 1.6) * 9400)::int, '',
               'https://example.org/news/' || i, 'parsed', '', '0.1.0', 1, '', NULL, now(), NULL, now(), now(),
               '{{"title": "parser", "source": "parser", "published": "parser", "url": "client"}}'::jsonb
          FROM generate_series(1, %(n)s) i""", {"n": articles})

    evidence = f"""
        ({_arr(["", "", "The ministry said ", "Officials said ", "According to the statement, "])})
            [1 + floor(random() * 5)::int]
        || coalesce(sa.name, 'The government') || ' will '
        || ({_arr(VERBS)})[1 + floor(random() * {len(VERBS)})::int] || ' '
        || ({_arr(WEAPONS)})[1 + floor(random() * {len(WEAPONS)})::int] || ' systems to ' || ra.name || ' '
        || ({_arr(CONTEXT)})[1 + floor(random() * {len(CONTEXT)})::int] || ', the official '
        || ({_arr(SAY)})[1 + floor(random() * {len(SAY)})::int] || '.'"""

    # The draws go to a scratch table first: the recipients' rows need them too.
    conn.execute("DROP TABLE IF EXISTS bench_stmt")
    step("statement draws", f"""
        CREATE TABLE bench_stmt AS
        SELECT g.i, g.article_id, g.pos, g.r, g.spk, ss.actor_id AS sup, r1.actor_id AS rec, r2.actor_id AS rec2
          FROM (SELECT i, 1 + mod(i - 1, %(articles)s) AS article_id, ((i - 1) / %(articles)s) * 200 AS pos,
                       random() AS r,
                       CASE WHEN random() < 0.9 THEN 1 + floor(%(officials)s * power(random(), 2.5))::int END AS spk,
                       CASE WHEN random() < 0.95 THEN {sup} END AS s_sup, {rec} AS s_rec, {rec} AS s_rec2
                  FROM generate_series(1, %(n)s) i) g
          LEFT JOIN bench_sup_slot ss ON ss.slot = g.s_sup
          JOIN bench_rec_slot r1 ON r1.slot = g.s_rec
          JOIN bench_rec_slot r2 ON r2.slot = g.s_rec2""",
         {"n": statements, "articles": articles, "officials": officials})
    step("statements", f"""
        INSERT INTO tracker_statement (id, evidence, evidence_start, evidence_end, confidence, review_state,
               curated, parser_version, created_at, updated_at, speaker_name, direct_quote, article_id,
               speaker_id, supplier_id)
        SELECT g.i, {evidence}, g.pos, g.pos + 150, round(random()::numeric, 2)::float,
               CASE WHEN g.r < 0.03 THEN 'rejected' WHEN g.r < 0.13 THEN 'approved' ELSE 'unreviewed' END,
               g.r < 0.13, '0.1.0', now(), now(),
               coalesce(o.name, 'the Ministry of Defence'), random() < 0.3, g.article_id, o.id, g.sup
          FROM bench_stmt g
          LEFT JOIN tracker_official o ON o.id = g.spk
          LEFT JOIN bench_actor sa ON sa.id = g.sup
          JOIN bench_actor ra ON ra.id = g.rec""")
    step("statement recipients", """
        INSERT INTO tracker_statement_recipients (statement_id, actor_id)
        SELECT i, rec FROM bench_stmt
        UNION ALL
        SELECT i, rec2 FROM bench_stmt WHERE r > 0.7 AND rec2 <> rec""")
    conn.execute("DROP TABLE bench_stmt")

    # Transfers: one per article, then more in other articles until the total is reached.
    missing, round_ = transfers, 0
    while missing > 0 and round_ < 10:
        step(f"transfers (round {round_ + 1})", f"""
            INSERT INTO tracker_transfer (evidence, evidence_start, evidence_end, confidence, review_state, curated,
                   parser_version, created_at, updated_at, status, weapons, article_id, recipient_id, supplier_id)
            SELECT {evidence}, g.pos, g.pos + 150, round(random()::numeric, 2)::float,
                   CASE WHEN g.r < 0.03 THEN 'rejected' WHEN g.r < 0.13 THEN 'approved' ELSE 'unreviewed' END,
                   g.r < 0.13, '0.1.0', now(), now(),
                   ({_arr(STATUSES)})[1 + floor(power(random(), 1.5) * {len(STATUSES)})::int],
                   ARRAY[({_arr(WEAPONS)})[1 + floor(random() * {len(WEAPONS)})::int]],
                   g.article_id, g.rec, g.sup
              FROM (SELECT g0.*, ss.actor_id AS sup, rs.actor_id AS rec
                      FROM (SELECT i, 1 + mod(i - 1 + %(offset)s, %(articles)s) AS article_id,
                                   mod(i, 7) * 300 AS pos, random() AS r, {sup} AS s_sup, {rec} AS s_rec
                              FROM generate_series(1, %(n)s) i) g0
                      JOIN bench_sup_slot ss ON ss.slot = g0.s_sup
                      JOIN bench_rec_slot rs ON rs.slot = g0.s_rec) g
              JOIN bench_actor sa ON sa.id = g.sup
              JOIN bench_actor ra ON ra.id = g.rec
             WHERE g.sup <> g.rec
            ON CONFLICT DO NOTHING""", {"n": missing, "articles": articles, "offset": round_ * 7919})
        missing = transfers - conn.execute("SELECT count(*) FROM tracker_transfer").fetchone()[0]
        round_ += 1
    # Deals: pairs drawn with the transfers' skew, one catalogue system each (so its
    # category), dates over the same years, statuses skewed like the transfers'.
    conn.execute("DROP TABLE IF EXISTS bench_deal")
    step("deal draws", f"""
        CREATE TABLE bench_deal AS
        SELECT g0.i, ss.actor_id AS sup, rs.actor_id AS rec, g0.r, w.id AS w_id, w.category,
               date '2026-11-01' - floor(power(random(), 1.6) * 9400)::int AS first
          FROM (SELECT i, random() AS r, {sup} AS s_sup, {rec} AS s_rec,
                       1 + floor(random() * (SELECT count(*) FROM tracker_weaponsystem))::int AS w
                  FROM generate_series(1, %(n)s * 11 / 10) i) g0
          JOIN bench_sup_slot ss ON ss.slot = g0.s_sup
          JOIN bench_rec_slot rs ON rs.slot = g0.s_rec
          JOIN (SELECT row_number() OVER (ORDER BY id) AS n, id, category FROM tracker_weaponsystem) w
            ON w.n = g0.w
         WHERE ss.actor_id <> rs.actor_id
         ORDER BY g0.i LIMIT %(n)s""", {"n": deals})
    step("deals", f"""
        INSERT INTO tracker_deal (id, supplier_id, recipient_id, description, category, quantity, value_amount,
               value_currency, status, first_event_date, last_event_date, events_count, confidence, review_state,
               curated, created_at, updated_at)
        SELECT i, sup, rec, '', category,
               CASE WHEN r < 0.6 THEN 1 + floor(random() * 100)::int END,
               CASE WHEN r < 0.4 THEN round((random() * 1e10)::numeric, 2) END,
               CASE WHEN r < 0.4 THEN 'USD' ELSE '' END,
               ({_arr(DEAL_STATUSES)})[1 + floor(power(random(), 1.5) * {len(DEAL_STATUSES)})::int],
               first, first + floor(random() * 2000)::int, 1 + floor(power(random(), 3) * 8)::int,
               round(random()::numeric, 2)::float,
               CASE WHEN r < 0.03 THEN 'rejected' WHEN r < 0.13 THEN 'approved' ELSE 'unreviewed' END,
               r < 0.05, now(), now()
          FROM bench_deal""")
    step("deal systems", "INSERT INTO tracker_deal_systems (deal_id, weaponsystem_id) SELECT i, w_id FROM bench_deal")
    conn.execute("DROP TABLE bench_deal")
    for table in ("tracker_official", "tracker_article", "tracker_statement", "tracker_deal"):
        conn.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))")

    restore_ddl(conn, log=lambda label, t: log(f"    {label}: {t:.1f} s"))
    for table in ("bench_sup_slot", "bench_rec_slot", "bench_actor"):
        conn.execute(f"DROP TABLE {table}")
    for table in TABLES + ["tracker_actor"]:
        conn.execute(f"VACUUM ANALYZE {table}")
    log(f"    generated in {time.perf_counter() - t0:.0f} s")
