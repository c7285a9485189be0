-- The statements of deal linking (tracker/services/deals.py), each after a "-- name:" line.
-- Parameters are named (pyformat); a literal percent sign would have to be doubled.

-- name: article
-- Everything linking reads of an article, in one round trip: the article, its story row,
-- the catalogue's version, and (as JSON text) its transfer rows, deal events and statements.
SELECT a.status, a.published, a.created_at, a.clean_text,
       s.story_id, s.text_hash, st.first_article_id, s.link_digest,
       (SELECT count(*) FROM tracker_weaponsystem), (SELECT max(updated_at) FROM tracker_weaponsystem),
       (SELECT coalesce(json_agg(json_build_array(t.id, t.supplier_id, t.recipient_id, t.status, t.weapons,
                                                  t.evidence, t.evidence_start, t.evidence_end, t.confidence)
                                 ORDER BY t.evidence_start, t.id), '[]')::text
          FROM tracker_transfer t WHERE t.article_id = a.id AND t.review_state <> %(rejected)s),
       (SELECT coalesce(json_agg(json_build_array(e.id, e.supplier_id, e.recipient_id, e.system_key, e.deal_id,
                                                  e.curated) ORDER BY e.id), '[]')::text
          FROM tracker_dealevent e WHERE e.article_id = a.id),
       (SELECT coalesce(json_agg(json_build_array(m.id, m.supplier_id, m.evidence,
                                                  (SELECT coalesce(array_agg(r.actor_id ORDER BY r.actor_id), '{}')
                                                     FROM tracker_statement_recipients r
                                                    WHERE r.statement_id = m.id)) ORDER BY m.id), '[]')::text
          FROM tracker_statement m
         WHERE m.article_id = a.id AND m.supplier_id IS NOT NULL AND m.review_state <> %(rejected)s)
  FROM tracker_article a
  LEFT JOIN tracker_articlestory s ON s.article_id = a.id
  LEFT JOIN tracker_story st ON st.id = s.story_id
 WHERE a.id = %(article)s;

-- name: lock_pairs
-- One advisory lock per supplier-recipient pair, in the order given (sorted: no deadlock).
SELECT pg_advisory_xact_lock(s::int, r::int)
  FROM unnest(%(suppliers)s::bigint[], %(recipients)s::bigint[]) WITH ORDINALITY AS u(s, r, i)
 ORDER BY i;

-- name: candidates
-- The deals of the pairs, oldest first, with their systems and those systems' families;
-- a deal with no system also gives its events' system keys (what matching compares then).
SELECT d.id, d.supplier_id, d.recipient_id, d.status, d.first_event_date, d.last_event_date,
       coalesce(w.ids, '{}'), coalesce(w.families, '{}'),
       CASE WHEN w.ids IS NULL
            THEN coalesce((SELECT array_agg(DISTINCT e.system_key) FROM tracker_dealevent e WHERE e.deal_id = d.id),
                          '{}') END
  FROM tracker_deal d
  JOIN unnest(%(suppliers)s::bigint[], %(recipients)s::bigint[]) AS p(s, r)
    ON d.supplier_id = p.s AND d.recipient_id = p.r
  LEFT JOIN LATERAL (
      SELECT array_agg(ws.id) AS ids, array_agg(DISTINCT ws.family) FILTER (WHERE ws.family <> '') AS families
        FROM tracker_deal_systems ds JOIN tracker_weaponsystem ws ON ws.id = ds.weaponsystem_id
       WHERE ds.deal_id = d.id
  ) w ON true
 ORDER BY d.id;

-- name: insert_deals
-- The deals an article opens, in the order given; their ids in the same order.
INSERT INTO tracker_deal (supplier_id, recipient_id, status, description, category, first_event_date,
                          last_event_date, quantity, value_amount, value_currency, events_count, confidence,
                          review_state, curated, created_at, updated_at)
SELECT s, r, st, d, c, %(date)s, %(date)s, NULL, NULL, '', 0, 0.5, %(unreviewed)s, false, %(now)s, %(now)s
  FROM unnest(%(suppliers)s::bigint[], %(recipients)s::bigint[], %(statuses)s::text[], %(descriptions)s::text[],
              %(categories)s::text[]) WITH ORDINALITY AS u(s, r, st, d, c, i)
 ORDER BY i
RETURNING id;

-- name: upsert_events
-- The article's events: new ones inserted in their deal, those of the same
-- (article, supplier, recipient, system) updated in place, keeping their deal.
-- The rows come as one JSON array (one parameter, whatever the number of events).
INSERT INTO tracker_dealevent (deal_id, article_id, transfer_id, supplier_id, recipient_id, system_key, system_id,
                               weapons, date, status, quantity, quantity_start, quantity_end, value_amount,
                               value_currency, value_start, value_end, evidence, evidence_start, evidence_end,
                               confidence, counted, curated)
SELECT deal, %(article)s, transfer, s, r, key, sys, ARRAY(SELECT jsonb_array_elements_text(weapons)),
       %(date)s, st, q, qs, qe, va, vc, vs, ve, ev, es, ee, conf, true, false
  FROM jsonb_to_recordset(%(events)s::jsonb)
       AS u(deal bigint, transfer bigint, s bigint, r bigint, key text, sys bigint, weapons jsonb, st text,
            q bigint, qs bigint, qe bigint, va numeric, vc text, vs bigint, ve bigint, ev text, es bigint,
            ee bigint, conf float8, i int)
 ORDER BY i
    ON CONFLICT (article_id, supplier_id, recipient_id, system_key) DO UPDATE
   SET transfer_id = EXCLUDED.transfer_id, system_id = EXCLUDED.system_id, weapons = EXCLUDED.weapons,
       date = EXCLUDED.date, status = EXCLUDED.status, quantity = EXCLUDED.quantity,
       quantity_start = EXCLUDED.quantity_start, quantity_end = EXCLUDED.quantity_end,
       value_amount = EXCLUDED.value_amount, value_currency = EXCLUDED.value_currency,
       value_start = EXCLUDED.value_start, value_end = EXCLUDED.value_end, evidence = EXCLUDED.evidence,
       evidence_start = EXCLUDED.evidence_start, evidence_end = EXCLUDED.evidence_end,
       confidence = EXCLUDED.confidence
RETURNING id, deal_id;

-- name: drop_events
-- Events the article no longer gives: deleted, unless a curator placed them (they stay, without their row).
WITH gone AS (
    DELETE FROM tracker_dealevent WHERE id = ANY(%(events)s::bigint[]) AND NOT curated
)
UPDATE tracker_dealevent SET transfer_id = NULL WHERE id = ANY(%(events)s::bigint[]) AND curated;

-- name: refresh
-- Each deal derived from its events: status (the latest event's by date, then by how far
-- along the supply it is), dates, counts (a story's earliest event counts, the others are
-- marked not counted), confidence; unless a curator set them, its systems (those its events
-- name; the category is the earliest one's), quantity and value (the latest contract's,
-- else the latest order's, else the latest event's). A machine-made deal left with no event goes.
WITH ev AS MATERIALIZED (
    SELECT e.id, e.deal_id, e.date, e.confidence, e.counted, e.system_id, e.quantity, e.value_amount,
           e.value_currency, e.status,
           row_number() OVER (PARTITION BY e.deal_id, coalesce(s.story_id, -e.article_id)
                              ORDER BY e.date, e.id) = 1 AS first,
           coalesce(array_position(%(status_order)s::text[], e.status::text), 0) AS rank,
           CASE WHEN e.status = %(contracted)s THEN 2 WHEN e.status = ANY(%(orders)s::text[]) THEN 1 ELSE 0 END
               AS weight
      FROM tracker_dealevent e LEFT JOIN tracker_articlestory s ON s.article_id = e.article_id
     WHERE e.deal_id = ANY(%(deals)s::bigint[])
), recount AS (
    UPDATE tracker_dealevent e SET counted = ev.first FROM ev WHERE e.id = ev.id AND e.counted <> ev.first
), agg AS (
    SELECT deal_id,
           (array_agg(status ORDER BY date DESC, rank DESC, id DESC))[1] AS status,
           min(date) AS first_date, max(date) AS last_date, count(*) FILTER (WHERE first) AS events_count,
           max(confidence) AS confidence,
           (array_agg(system_id ORDER BY date, id) FILTER (WHERE system_id IS NOT NULL))[1] AS first_system,
           (array_agg(quantity ORDER BY weight DESC, date DESC, id DESC) FILTER (WHERE quantity IS NOT NULL))[1]
               AS quantity,
           (array_agg(id ORDER BY weight DESC, date DESC, id DESC) FILTER (WHERE value_amount IS NOT NULL))[1]
               AS value_event
      FROM ev GROUP BY deal_id
), updated AS (
    UPDATE tracker_deal d
       SET status = agg.status, first_event_date = agg.first_date, last_event_date = agg.last_date,
           events_count = agg.events_count, confidence = agg.confidence,
           category = CASE WHEN d.curated OR w.id IS NULL THEN d.category ELSE w.category END,
           description = CASE WHEN d.curated OR w.id IS NULL THEN d.description ELSE '' END,
           quantity = CASE WHEN d.curated THEN d.quantity ELSE agg.quantity END,
           value_amount = CASE WHEN d.curated THEN d.value_amount ELSE v.value_amount END,
           value_currency = CASE WHEN d.curated THEN d.value_currency ELSE coalesce(v.value_currency, '') END,
           updated_at = %(now)s
      FROM agg
      LEFT JOIN tracker_weaponsystem w ON w.id = agg.first_system
      LEFT JOIN ev v ON v.id = agg.value_event
     WHERE d.id = agg.deal_id
), wanted AS (
    SELECT DISTINCT ev.deal_id, ev.system_id FROM ev JOIN tracker_deal d ON d.id = ev.deal_id
     WHERE ev.system_id IS NOT NULL AND NOT d.curated
), added AS (
    INSERT INTO tracker_deal_systems (deal_id, weaponsystem_id) SELECT deal_id, system_id FROM wanted
        ON CONFLICT (deal_id, weaponsystem_id) DO NOTHING
), removed AS (
    DELETE FROM tracker_deal_systems ds USING tracker_deal d
     WHERE d.id = ds.deal_id AND d.id = ANY(%(deals)s::bigint[]) AND NOT d.curated
       AND NOT EXISTS (SELECT 1 FROM wanted x WHERE x.deal_id = ds.deal_id AND x.system_id = ds.weaponsystem_id)
), empty AS (
    SELECT d.id FROM tracker_deal d
     WHERE d.id = ANY(%(deals)s::bigint[]) AND NOT d.curated AND NOT EXISTS (SELECT 1 FROM ev WHERE ev.deal_id = d.id)
), unlinked AS (
    DELETE FROM tracker_deal_statements ds USING empty WHERE ds.deal_id = empty.id
)
DELETE FROM tracker_deal d USING empty WHERE d.id = empty.id;

-- name: link_statements
-- The article's statements linked to exactly the deals given: other links of theirs removed.
WITH want AS (
    SELECT * FROM unnest(%(deals)s::bigint[], %(statements)s::bigint[]) AS w(deal_id, statement_id)
), gone AS (
    DELETE FROM tracker_deal_statements ds USING tracker_statement s
     WHERE s.article_id = %(article)s AND ds.statement_id = s.id
       AND NOT EXISTS (SELECT 1 FROM want w WHERE w.deal_id = ds.deal_id AND w.statement_id = ds.statement_id)
)
INSERT INTO tracker_deal_statements (deal_id, statement_id) SELECT deal_id, statement_id FROM want
    ON CONFLICT (deal_id, statement_id) DO NOTHING;

-- name: linked
UPDATE tracker_articlestory SET linked_at = %(now)s, link_digest = %(digest)s WHERE article_id = %(article)s;
