"""The explore pages' summaries in the shape the pages read, and a refresh generation to cache by.

``tracker_relation_year`` (0019) held one row per pair, year, kind and status:
every page that filtered by years summed several rows per pair-year and
pivoted statuses in Python. It now holds one row per pair and year with a
column per transfer status (as ``tracker_relation``), the transfers and the
statements, written in year order (a year range reads neighbouring pages).
``tracker_relation_actor_year`` sums it per actor, year and side (supplied or
received): the actor page's charts and the matrix's axes read a few rows
instead of every pair of the actor. It is derived from the pair-year view, so
the refresh reads the record tables once for both.

``tracker_relation_refresh.generation`` takes a new value from a sequence at
every refresh (a sequence never goes back, even when the refreshing transaction
rolls back): with ``refreshed_at`` it names the summaries' contents, and what
the explore pages compute from them is cached under that name.
"""

from django.db import migrations

FORWARD = """
DROP MATERIALIZED VIEW tracker_relation_year;
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

CREATE SEQUENCE tracker_relation_generation;
ALTER TABLE tracker_relation_refresh ADD COLUMN generation bigint NOT NULL DEFAULT 0;
UPDATE tracker_relation_refresh SET generation = nextval('tracker_relation_generation');
"""

# Back to 0019's shape.
REVERSE = """
ALTER TABLE tracker_relation_refresh DROP COLUMN generation;
DROP SEQUENCE tracker_relation_generation;
DROP MATERIALIZED VIEW tracker_relation_actor_year;
DROP MATERIALIZED VIEW tracker_relation_year;
CREATE MATERIALIZED VIEW tracker_relation_year AS
SELECT tr.supplier_id, tr.recipient_id, extract(year FROM a.published)::int AS year,
       'transfer'::text AS kind, tr.status::text AS status, count(*)::int AS records
  FROM tracker_transfer tr JOIN tracker_article a ON a.id = tr.article_id
 WHERE tr.review_state <> 'rejected'
 GROUP BY tr.supplier_id, tr.recipient_id, extract(year FROM a.published)::int, tr.status
UNION ALL
SELECT r.supplier_id, r.actor_id, extract(year FROM a.published)::int, 'statement', '', count(*)::int
  FROM tracker_statement_recipients r
  JOIN tracker_statement st ON st.id = r.statement_id
  JOIN tracker_article a ON a.id = st.article_id
 WHERE st.review_state <> 'rejected' AND r.supplier_id IS NOT NULL
 GROUP BY r.supplier_id, r.actor_id, extract(year FROM a.published)::int;
CREATE UNIQUE INDEX tracker_relation_year_key
    ON tracker_relation_year (supplier_id, recipient_id, year, kind, status) NULLS NOT DISTINCT;
CREATE INDEX tracker_relation_year_recipient ON tracker_relation_year (recipient_id, year);
CREATE INDEX tracker_relation_year_year ON tracker_relation_year (year);
"""


class Migration(migrations.Migration):
    dependencies = [
        ("tracker", "0026_articlestory_link_digest"),
    ]

    operations = [migrations.RunSQL(FORWARD, REVERSE)]
