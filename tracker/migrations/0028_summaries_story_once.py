"""The explore summaries count a story's transfers once, as ``tracker_relation`` does (0023).

Near-duplicate articles (one ``Story``) report the same transfer. The pair
summary behind ``/api/relations/`` and the matrix's all-time cells counted it
once, but the per-year and per-weapon summaries (0019, 0027) counted every
article's row, so a year-filtered matrix could show more than the all-time one.
``tracker_transfer_story_once`` is the one statement of the rule for them: per
pair and story, the first article's transfer; an article in no story is a story
of its own. The year is that article's. The views keep their names, columns
and indexes, so the refresh (which rebuilds them from these definitions) and
the pages are unchanged. ``tests/explore/test_selectors.py`` checks that the
per-year totals add up to ``tracker_relation``'s.
"""

from django.db import migrations

FORWARD = """
DROP MATERIALIZED VIEW tracker_relation_actor_year;
DROP MATERIALIZED VIEW tracker_relation_year;
DROP MATERIALIZED VIEW tracker_relation_weapon;

-- The same choice as tracker_relation's "tr" (0023): keep the two in step.
CREATE VIEW tracker_transfer_story_once AS
SELECT DISTINCT ON (tr.supplier_id, tr.recipient_id, coalesce(st.story_id, -tr.article_id))
       tr.supplier_id, tr.recipient_id, tr.status::text AS status, tr.weapons, a.published
  FROM tracker_transfer tr
  JOIN tracker_article a ON a.id = tr.article_id
  LEFT JOIN tracker_articlestory st ON st.article_id = tr.article_id
 WHERE tr.review_state <> 'rejected'
 ORDER BY tr.supplier_id, tr.recipient_id, coalesce(st.story_id, -tr.article_id), tr.article_id;

CREATE MATERIALIZED VIEW tracker_relation_year AS
SELECT supplier_id, recipient_id, extract(year FROM published)::int AS year,
       count(*) FILTER (WHERE status = 'delivered')::int AS delivered,
       count(*) FILTER (WHERE status = 'ongoing')::int AS ongoing,
       count(*) FILTER (WHERE status = 'contracted')::int AS contracted,
       count(*) FILTER (WHERE status = 'planned')::int AS planned,
       count(*) FILTER (WHERE status = 'considering')::int AS considering,
       count(*) FILTER (WHERE status = 'suspended')::int AS suspended,
       count(*) FILTER (WHERE status = 'denied')::int AS denied,
       count(status)::int AS transfers,
       (count(*) - count(status))::int AS statements
  FROM (
    SELECT supplier_id, recipient_id, status, published FROM tracker_transfer_story_once
    UNION ALL
    -- A statement has no status: counted once for each recipient it names.
    SELECT r.supplier_id, r.actor_id, NULL, a.published
      FROM tracker_statement_recipients r
      JOIN tracker_statement st ON st.id = r.statement_id
      JOIN tracker_article a ON a.id = st.article_id
     WHERE st.review_state <> 'rejected' AND r.supplier_id IS NOT NULL
  ) rec
 GROUP BY 3, 1, 2
 ORDER BY 3, 1, 2;

CREATE UNIQUE INDEX tracker_relation_year_key
    ON tracker_relation_year (supplier_id, recipient_id, year) NULLS NOT DISTINCT;
CREATE INDEX tracker_relation_year_year ON tracker_relation_year (year);

CREATE MATERIALIZED VIEW tracker_relation_actor_year AS
SELECT supplier_id AS actor_id, 'supplied'::text AS side, year,
       sum(delivered)::int AS delivered, sum(ongoing)::int AS ongoing, sum(contracted)::int AS contracted,
       sum(planned)::int AS planned, sum(considering)::int AS considering, sum(suspended)::int AS suspended,
       sum(denied)::int AS denied, sum(transfers)::int AS transfers, sum(statements)::int AS statements
  FROM tracker_relation_year GROUP BY supplier_id, year
UNION ALL
SELECT recipient_id, 'received', year,
       sum(delivered)::int, sum(ongoing)::int, sum(contracted)::int, sum(planned)::int,
       sum(considering)::int, sum(suspended)::int, sum(denied)::int, sum(transfers)::int, sum(statements)::int
  FROM tracker_relation_year GROUP BY recipient_id, year;

CREATE UNIQUE INDEX tracker_relation_actor_year_key
    ON tracker_relation_actor_year (actor_id, side, year) NULLS NOT DISTINCT;
CREATE INDEX tracker_relation_actor_year_year ON tracker_relation_actor_year (side, year);

CREATE MATERIALIZED VIEW tracker_relation_weapon AS
SELECT lower(w.weapon) AS weapon_key, min(w.weapon) AS weapon, tr.supplier_id, tr.recipient_id,
       extract(year FROM tr.published)::int AS year, tr.status AS status, count(*)::int AS transfers
  FROM tracker_transfer_story_once tr
  CROSS JOIN LATERAL unnest(tr.weapons) AS w(weapon)
 GROUP BY lower(w.weapon), tr.supplier_id, tr.recipient_id, extract(year FROM tr.published)::int, tr.status;

CREATE UNIQUE INDEX tracker_relation_weapon_key
    ON tracker_relation_weapon (weapon_key, supplier_id, recipient_id, year, status) NULLS NOT DISTINCT;
"""

# Back to 0027's definitions.
REVERSE = """
DROP MATERIALIZED VIEW tracker_relation_actor_year;
DROP MATERIALIZED VIEW tracker_relation_year;
DROP MATERIALIZED VIEW tracker_relation_weapon;
DROP VIEW tracker_transfer_story_once;

CREATE MATERIALIZED VIEW tracker_relation_year AS
SELECT supplier_id, recipient_id, extract(year FROM published)::int AS year,
       count(*) FILTER (WHERE status = 'delivered')::int AS delivered,
       count(*) FILTER (WHERE status = 'ongoing')::int AS ongoing,
       count(*) FILTER (WHERE status = 'contracted')::int AS contracted,
       count(*) FILTER (WHERE status = 'planned')::int AS planned,
       count(*) FILTER (WHERE status = 'considering')::int AS considering,
       count(*) FILTER (WHERE status = 'suspended')::int AS suspended,
       count(*) FILTER (WHERE status = 'denied')::int AS denied,
       count(status)::int AS transfers,
       (count(*) - count(status))::int AS statements
  FROM (
    SELECT tr.supplier_id, tr.recipient_id, tr.status::text AS status, a.published
      FROM tracker_transfer tr JOIN tracker_article a ON a.id = tr.article_id
     WHERE tr.review_state <> 'rejected'
    UNION ALL
    -- A statement has no status: counted once for each recipient it names.
    SELECT r.supplier_id, r.actor_id, NULL, a.published
      FROM tracker_statement_recipients r
      JOIN tracker_statement st ON st.id = r.statement_id
      JOIN tracker_article a ON a.id = st.article_id
     WHERE st.review_state <> 'rejected' AND r.supplier_id IS NOT NULL
  ) rec
 GROUP BY 3, 1, 2
 ORDER BY 3, 1, 2;

CREATE UNIQUE INDEX tracker_relation_year_key
    ON tracker_relation_year (supplier_id, recipient_id, year) NULLS NOT DISTINCT;
CREATE INDEX tracker_relation_year_year ON tracker_relation_year (year);

CREATE MATERIALIZED VIEW tracker_relation_actor_year AS
SELECT supplier_id AS actor_id, 'supplied'::text AS side, year,
       sum(delivered)::int AS delivered, sum(ongoing)::int AS ongoing, sum(contracted)::int AS contracted,
       sum(planned)::int AS planned, sum(considering)::int AS considering, sum(suspended)::int AS suspended,
       sum(denied)::int AS denied, sum(transfers)::int AS transfers, sum(statements)::int AS statements
  FROM tracker_relation_year GROUP BY supplier_id, year
UNION ALL
SELECT recipient_id, 'received', year,
       sum(delivered)::int, sum(ongoing)::int, sum(contracted)::int, sum(planned)::int,
       sum(considering)::int, sum(suspended)::int, sum(denied)::int, sum(transfers)::int, sum(statements)::int
  FROM tracker_relation_year GROUP BY recipient_id, year;

CREATE UNIQUE INDEX tracker_relation_actor_year_key
    ON tracker_relation_actor_year (actor_id, side, year) NULLS NOT DISTINCT;
CREATE INDEX tracker_relation_actor_year_year ON tracker_relation_actor_year (side, year);

CREATE MATERIALIZED VIEW tracker_relation_weapon AS
SELECT lower(w.weapon) AS weapon_key, min(w.weapon) AS weapon, tr.supplier_id, tr.recipient_id,
       extract(year FROM a.published)::int AS year, tr.status::text AS status, count(*)::int AS transfers
  FROM tracker_transfer tr
  JOIN tracker_article a ON a.id = tr.article_id
  CROSS JOIN LATERAL unnest(tr.weapons) AS w(weapon)
 WHERE tr.review_state <> 'rejected'
 GROUP BY lower(w.weapon), tr.supplier_id, tr.recipient_id, extract(year FROM a.published)::int, tr.status;

CREATE UNIQUE INDEX tracker_relation_weapon_key
    ON tracker_relation_weapon (weapon_key, supplier_id, recipient_id, year, status) NULLS NOT DISTINCT;
"""


class Migration(migrations.Migration):
    dependencies = [
        ("tracker", "0027_explore_summaries"),
    ]

    operations = [migrations.RunSQL(FORWARD, REVERSE)]
