"""The relations summary counts a story's transfers once and gains the pair's deals by status and category.

Near-duplicate articles (one ``Story``) report the same transfer: per pair, a
story's transfers count once (the first article's row). Deals add two JSON
objects per pair: counts by status, and by SIPRI category ("unknown" for a
deal with no system and no category). The view is rebuilt with the same
indexes; triggers on deals and stories mark it dirty like the record tables.
"""

from django.db import migrations

SUMMARY = """
DROP MATERIALIZED VIEW tracker_relation;
CREATE MATERIALIZED VIEW tracker_relation AS
WITH tr AS (
    -- One transfer per pair and story; an article in no story is a story of its own.
    SELECT DISTINCT ON (tr.supplier_id, tr.recipient_id, coalesce(st.story_id, -tr.article_id))
           tr.supplier_id, tr.recipient_id, tr.status, a.published
      FROM tracker_transfer tr
      JOIN tracker_article a ON a.id = tr.article_id
      LEFT JOIN tracker_articlestory st ON st.article_id = tr.article_id
     WHERE tr.review_state <> 'rejected'
     ORDER BY tr.supplier_id, tr.recipient_id, coalesce(st.story_id, -tr.article_id), tr.article_id
), t AS (
    SELECT supplier_id, recipient_id,
           count(*) FILTER (WHERE status = 'delivered') AS delivered,
           count(*) FILTER (WHERE status = 'ongoing') AS ongoing,
           count(*) FILTER (WHERE status = 'contracted') AS contracted,
           count(*) FILTER (WHERE status = 'planned') AS planned,
           count(*) FILTER (WHERE status = 'considering') AS considering,
           count(*) FILTER (WHERE status = 'suspended') AS suspended,
           count(*) FILTER (WHERE status = 'denied') AS denied,
           count(*) AS transfers,
           min(published) AS first_date, max(published) AS last_date
      FROM tr
     GROUP BY supplier_id, recipient_id
), w AS (
    SELECT tr.supplier_id, tr.recipient_id, array_agg(DISTINCT wp ORDER BY wp) AS weapons
      FROM tracker_transfer tr, unnest(tr.weapons) AS wp
     WHERE tr.review_state <> 'rejected'
     GROUP BY tr.supplier_id, tr.recipient_id
), s AS (
    SELECT st.supplier_id, r.actor_id AS recipient_id, count(*) AS statements,
           min(a.published) AS first_date, max(a.published) AS last_date
      FROM tracker_statement st
      JOIN tracker_statement_recipients r ON r.statement_id = st.id
      JOIN tracker_article a ON a.id = st.article_id
     WHERE st.review_state <> 'rejected' AND st.supplier_id IS NOT NULL
     GROUP BY st.supplier_id, r.actor_id
), ds AS (
    SELECT supplier_id, recipient_id, status, count(*) AS n
      FROM tracker_deal WHERE review_state <> 'rejected'
     GROUP BY supplier_id, recipient_id, status
), dc AS (
    SELECT supplier_id, recipient_id, coalesce(nullif(category, ''), 'unknown') AS category, count(*) AS n
      FROM tracker_deal WHERE review_state <> 'rejected'
     GROUP BY 1, 2, 3
), d AS (
    SELECT ds.supplier_id, ds.recipient_id, sum(ds.n)::bigint AS deals,
           jsonb_object_agg(ds.status, ds.n) AS deals_by_status,
           (SELECT jsonb_object_agg(dc.category, dc.n) FROM dc
             WHERE dc.supplier_id = ds.supplier_id AND dc.recipient_id = ds.recipient_id) AS deals_by_category
      FROM ds
     GROUP BY ds.supplier_id, ds.recipient_id
)
SELECT coalesce(t.supplier_id, s.supplier_id) AS supplier_id,
       coalesce(t.recipient_id, s.recipient_id) AS recipient_id,
       coalesce(t.delivered, 0) AS delivered, coalesce(t.ongoing, 0) AS ongoing,
       coalesce(t.contracted, 0) AS contracted, coalesce(t.planned, 0) AS planned,
       coalesce(t.considering, 0) AS considering, coalesce(t.suspended, 0) AS suspended,
       coalesce(t.denied, 0) AS denied, coalesce(t.transfers, 0) AS transfers,
       coalesce(s.statements, 0) AS statements,
       coalesce(t.transfers, 0) + coalesce(s.statements, 0) AS records,
       least(t.first_date, s.first_date) AS first_date, greatest(t.last_date, s.last_date) AS last_date,
       coalesce(w.weapons, '{}') AS weapons,
       coalesce(d.deals, 0) AS deals,
       coalesce(d.deals_by_status, '{}') AS deals_by_status,
       coalesce(d.deals_by_category, '{}') AS deals_by_category
  FROM t FULL OUTER JOIN s ON s.supplier_id = t.supplier_id AND s.recipient_id = t.recipient_id
  LEFT JOIN w ON w.supplier_id = t.supplier_id AND w.recipient_id = t.recipient_id
  LEFT JOIN d ON d.supplier_id = coalesce(t.supplier_id, s.supplier_id)
             AND d.recipient_id = coalesce(t.recipient_id, s.recipient_id);

CREATE UNIQUE INDEX tracker_relation_pair ON tracker_relation (supplier_id, recipient_id);
CREATE INDEX tracker_relation_recipient ON tracker_relation (recipient_id);
CREATE INDEX tracker_relation_records ON tracker_relation (records DESC);

CREATE TRIGGER tracker_deal_relation_touch AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE
    ON tracker_deal FOR EACH STATEMENT EXECUTE FUNCTION tracker_relation_touch();
CREATE TRIGGER tracker_articlestory_relation_touch AFTER INSERT OR UPDATE OF story_id OR DELETE OR TRUNCATE
    ON tracker_articlestory FOR EACH STATEMENT EXECUTE FUNCTION tracker_relation_touch();
INSERT INTO tracker_relation_dirty DEFAULT VALUES;
"""

REVERSE = """
DROP TRIGGER IF EXISTS tracker_articlestory_relation_touch ON tracker_articlestory;
DROP TRIGGER IF EXISTS tracker_deal_relation_touch ON tracker_deal;
"""


class Migration(migrations.Migration):
    dependencies = [("tracker", "0022_seed_weapon_systems")]

    # Going back leaves the new view in place (0007 owns its shape); only the triggers go.
    operations = [migrations.RunSQL(SUMMARY, REVERSE)]
