"""Per-year summaries of the supplier–recipient relations, behind the explore pages.

``tracker_relation`` (0007) holds one row per pair over all time; the explore
matrix, the pair and actor pages and the network graph filter by years, status
and weapon, which it cannot answer. Two more materialized views hold the same
records counted per pair and year (and status), and per named weapon, so that a
page aggregates a few thousand summary rows instead of a million records. They
are refreshed with ``tracker_relation`` (``services.relations_refresh``), by the
same dirty-row triggers.

``year`` is NULL for articles without a date; the unique indexes (which
``REFRESH ... CONCURRENTLY`` needs) treat NULLs as equal.
"""

from django.db import migrations

SUMMARIES = """
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

-- Transfers per weapon they name (case folded; the parser lists each system once per transfer).
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

DROP = """
DROP MATERIALIZED VIEW IF EXISTS tracker_relation_weapon;
DROP MATERIALIZED VIEW IF EXISTS tracker_relation_year;
"""


class Migration(migrations.Migration):
    dependencies = [
        ("tracker", "0018_article_parser_version_idx"),
    ]

    operations = [migrations.RunSQL(SUMMARIES, DROP)]
