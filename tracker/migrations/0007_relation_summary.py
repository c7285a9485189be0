"""The supplier–recipient summary behind /api/relations/, as a materialized view.

Aggregating every transfer and statement per request takes seconds at a million
statements; the view holds one row per pair and is refreshed in the background
(``services.relations_refresh``, run by celery beat) when the records changed.
Statement-level triggers add a row to ``tracker_relation_dirty`` in the writer's
transaction (inserts never wait for each other); the refresh deletes the rows it
can see, so a change committed after that is picked up by the next refresh.
"""

from django.db import migrations

SUMMARY = """
CREATE MATERIALIZED VIEW tracker_relation AS
WITH t AS (
    SELECT tr.supplier_id, tr.recipient_id,
           count(*) FILTER (WHERE tr.status = 'delivered') AS delivered,
           count(*) FILTER (WHERE tr.status = 'ongoing') AS ongoing,
           count(*) FILTER (WHERE tr.status = 'contracted') AS contracted,
           count(*) FILTER (WHERE tr.status = 'planned') AS planned,
           count(*) FILTER (WHERE tr.status = 'considering') AS considering,
           count(*) FILTER (WHERE tr.status = 'suspended') AS suspended,
           count(*) FILTER (WHERE tr.status = 'denied') AS denied,
           count(*) AS transfers,
           min(a.published) AS first_date, max(a.published) AS last_date
      FROM tracker_transfer tr JOIN tracker_article a ON a.id = tr.article_id
     WHERE tr.review_state <> 'rejected'
     GROUP BY tr.supplier_id, tr.recipient_id
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
       coalesce(w.weapons, '{}') AS weapons
  FROM t FULL OUTER JOIN s ON s.supplier_id = t.supplier_id AND s.recipient_id = t.recipient_id
  LEFT JOIN w ON w.supplier_id = t.supplier_id AND w.recipient_id = t.recipient_id;

CREATE UNIQUE INDEX tracker_relation_pair ON tracker_relation (supplier_id, recipient_id);
CREATE INDEX tracker_relation_recipient ON tracker_relation (recipient_id);
CREATE INDEX tracker_relation_records ON tracker_relation (records DESC);

CREATE TABLE tracker_relation_dirty (id bigserial PRIMARY KEY);
CREATE TABLE tracker_relation_refresh (
    id smallint PRIMARY KEY CHECK (id = 1),
    refreshed_at timestamptz NOT NULL
);
INSERT INTO tracker_relation_refresh VALUES (1, now());

CREATE FUNCTION tracker_relation_touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO tracker_relation_dirty DEFAULT VALUES;
    RETURN NULL;
END $$;
CREATE TRIGGER tracker_transfer_relation_touch AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE
    ON tracker_transfer FOR EACH STATEMENT EXECUTE FUNCTION tracker_relation_touch();
CREATE TRIGGER tracker_statement_relation_touch AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE
    ON tracker_statement FOR EACH STATEMENT EXECUTE FUNCTION tracker_relation_touch();
CREATE TRIGGER tracker_statement_recipients_relation_touch AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE
    ON tracker_statement_recipients FOR EACH STATEMENT EXECUTE FUNCTION tracker_relation_touch();
CREATE TRIGGER tracker_article_relation_touch AFTER UPDATE OF published OR DELETE OR TRUNCATE
    ON tracker_article FOR EACH STATEMENT EXECUTE FUNCTION tracker_relation_touch();
"""

DROP = """
DROP TRIGGER IF EXISTS tracker_article_relation_touch ON tracker_article;
DROP TRIGGER IF EXISTS tracker_statement_recipients_relation_touch ON tracker_statement_recipients;
DROP TRIGGER IF EXISTS tracker_statement_relation_touch ON tracker_statement;
DROP TRIGGER IF EXISTS tracker_transfer_relation_touch ON tracker_transfer;
DROP FUNCTION IF EXISTS tracker_relation_touch();
DROP TABLE IF EXISTS tracker_relation_refresh;
DROP TABLE IF EXISTS tracker_relation_dirty;
DROP MATERIALIZED VIEW IF EXISTS tracker_relation;
"""


class Migration(migrations.Migration):
    dependencies = [
        ("tracker", "0006_list_order_indexes"),
    ]

    operations = [migrations.RunSQL(SUMMARY, DROP)]
