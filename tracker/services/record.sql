-- Every new or found-again record of one parse, its history rows and the
-- article's own update, in one statement (run by tracker/services/recording.py,
-- prepared once per connection): each CTE inserts or updates one table from the
-- JSON document the recording built, and the RETURNING rows link a statement to
-- its recipients and its history. The ORM's bulk_create did the inserts alone in
-- seven queries, most of the time going to building model instances and quoting
-- their values.
-- The history rows are what simple_history writes: a "+" row per new record, a
-- "~" row per record updated in place, no user, an empty reason; for a
-- statement, one row per recipient link in its m2m history table.
-- Records found again keep their ids: an update touches a row only when a value
-- (or the parser version) differs, and never a curated one (re-checked here,
-- under the row lock the UPDATE takes).
WITH doc AS (SELECT %(doc)s::jsonb AS d),
transfer_in AS (
    SELECT x.* FROM doc, ROWS FROM (jsonb_to_recordset(d -> 'transfers') AS (
        supplier_id bigint, recipient_id bigint, status text, weapons text[], evidence text,
        evidence_start integer, evidence_end integer, confidence double precision)) WITH ORDINALITY AS x
),
transfer AS (
    INSERT INTO tracker_transfer (article_id, supplier_id, recipient_id, status, weapons, evidence, evidence_start,
                                  evidence_end, confidence, review_state, curated, parser_version, created_at,
                                  updated_at)
    SELECT %(article)s, supplier_id, recipient_id, status, weapons, evidence, evidence_start, evidence_end,
           confidence, %(unreviewed)s, false, %(version)s, %(now)s, %(now)s
    FROM transfer_in ORDER BY ordinality
    RETURNING *
),
transfer_history AS (
    INSERT INTO tracker_historicaltransfer (id, article_id, supplier_id, recipient_id, status, weapons, evidence,
                                            evidence_start, evidence_end, confidence, review_state, curated,
                                            parser_version, created_at, history_date, history_change_reason,
                                            history_type, history_user_id)
    SELECT id, article_id, supplier_id, recipient_id, status, weapons, evidence, evidence_start, evidence_end,
           confidence, review_state, curated, parser_version, created_at, %(now)s, '', '+', NULL
    FROM transfer ORDER BY id
),
transfer_update_in AS (
    SELECT x.* FROM doc, jsonb_to_recordset(d -> 'transfer_updates') AS x(
        id bigint, status text, weapons text[], evidence text, evidence_start integer, evidence_end integer,
        confidence double precision)
),
transfer_updated AS (
    UPDATE tracker_transfer t
       SET status = u.status, weapons = u.weapons, evidence = u.evidence, evidence_start = u.evidence_start,
           evidence_end = u.evidence_end, confidence = u.confidence, parser_version = %(version)s,
           updated_at = %(now)s
      FROM transfer_update_in u
     WHERE t.id = u.id AND t.article_id = %(article)s AND NOT t.curated
       AND (t.status, t.weapons::text[], t.evidence, t.evidence_start, t.evidence_end, t.confidence,
            t.parser_version::text)
           IS DISTINCT FROM (u.status, u.weapons, u.evidence, u.evidence_start, u.evidence_end, u.confidence,
                             %(version)s::text)
    RETURNING t.*
),
transfer_update_history AS (
    INSERT INTO tracker_historicaltransfer (id, article_id, supplier_id, recipient_id, status, weapons, evidence,
                                            evidence_start, evidence_end, confidence, review_state, curated,
                                            parser_version, created_at, history_date, history_change_reason,
                                            history_type, history_user_id)
    SELECT id, article_id, supplier_id, recipient_id, status, weapons, evidence, evidence_start, evidence_end,
           confidence, review_state, curated, parser_version, created_at, %(now)s, '', '~', NULL
    FROM transfer_updated ORDER BY id
),
mention AS (
    INSERT INTO tracker_officialmention (article_id, official_id, name_as_given, title, organization, country_id,
                                         evidence_start, evidence_end, confidence)
    SELECT %(article)s, x.official_id, x.name_as_given, x.title, x.organization, x.country_id, x.evidence_start,
           x.evidence_end, x.confidence
    FROM doc, ROWS FROM (jsonb_to_recordset(d -> 'mentions') AS (
        official_id bigint, name_as_given text, title text, organization text, country_id bigint,
        evidence_start integer, evidence_end integer, confidence double precision)) WITH ORDINALITY AS x
    ORDER BY x.ordinality
),
statement_in AS (
    SELECT x.* FROM doc, ROWS FROM (jsonb_to_recordset(d -> 'statements') AS (
        speaker_id bigint, speaker_name text, supplier_id bigint, recipients bigint[], evidence text,
        evidence_start integer, evidence_end integer, direct_quote boolean, confidence double precision))
        WITH ORDINALITY AS x
),
statement AS (
    INSERT INTO tracker_statement (article_id, speaker_id, speaker_name, supplier_id, evidence, evidence_start,
                                   evidence_end, direct_quote, confidence, review_state, curated, parser_version,
                                   created_at, updated_at)
    SELECT %(article)s, speaker_id, speaker_name, supplier_id, evidence, evidence_start, evidence_end,
           direct_quote, confidence, %(unreviewed)s, false, %(version)s, %(now)s, %(now)s
    FROM statement_in ORDER BY ordinality
    RETURNING *
),
-- A statement's span is unique within its article: it finds the input row again.
link AS (
    INSERT INTO tracker_statement_recipients (statement_id, actor_id)
    SELECT statement.id, recipient.actor_id
    FROM statement
    JOIN statement_in USING (evidence_start, evidence_end)
    CROSS JOIN LATERAL unnest(statement_in.recipients) WITH ORDINALITY AS recipient(actor_id, ord)
    ORDER BY statement.id, recipient.ord
    RETURNING id, statement_id, actor_id
),
statement_history AS (
    INSERT INTO tracker_historicalstatement (id, article_id, speaker_id, speaker_name, supplier_id, evidence,
                                             evidence_start, evidence_end, direct_quote, confidence, review_state,
                                             curated, parser_version, created_at, history_date,
                                             history_change_reason, history_type, history_user_id)
    SELECT id, article_id, speaker_id, speaker_name, supplier_id, evidence, evidence_start, evidence_end,
           direct_quote, confidence, review_state, curated, parser_version, created_at, %(now)s, '', '+', NULL
    FROM statement ORDER BY id
    RETURNING history_id, id
),
link_history AS (
    INSERT INTO tracker_historicalstatement_recipients (id, statement_id, actor_id, history_id)
    SELECT link.id, link.statement_id, link.actor_id, statement_history.history_id
    FROM link JOIN statement_history ON statement_history.id = link.statement_id
    ORDER BY link.id
),
statement_update_in AS (
    SELECT x.* FROM doc, jsonb_to_recordset(d -> 'statement_updates') AS x(
        id bigint, speaker_id bigint, speaker_name text, supplier_id bigint, recipients bigint[], evidence text,
        direct_quote boolean, confidence double precision)
),
statement_updated AS (
    UPDATE tracker_statement s
       SET speaker_id = u.speaker_id, speaker_name = u.speaker_name, supplier_id = u.supplier_id,
           evidence = u.evidence, direct_quote = u.direct_quote, confidence = u.confidence,
           parser_version = %(version)s, updated_at = %(now)s
      FROM statement_update_in u
     WHERE s.id = u.id AND s.article_id = %(article)s AND NOT s.curated
       AND ((s.speaker_id, s.speaker_name::text, s.supplier_id, s.evidence, s.direct_quote, s.confidence,
             s.parser_version::text)
            IS DISTINCT FROM (u.speaker_id, u.speaker_name, u.supplier_id, u.evidence, u.direct_quote, u.confidence,
                              %(version)s::text)
            OR ARRAY(SELECT a FROM unnest(u.recipients) AS a ORDER BY a)
               IS DISTINCT FROM ARRAY(SELECT r.actor_id FROM tracker_statement_recipients r
                                       WHERE r.statement_id = s.id ORDER BY r.actor_id))
    RETURNING s.*
),
-- An updated statement's links: the ones it lost go, the ones it gained come
-- (two disjoint sets of pairs, so the unique (statement, actor) never sees both).
link_removed AS (
    DELETE FROM tracker_statement_recipients r
     USING statement_updated su JOIN statement_update_in u ON u.id = su.id
     WHERE r.statement_id = su.id AND NOT r.actor_id = ANY (u.recipients)
),
link_added AS (
    INSERT INTO tracker_statement_recipients (statement_id, actor_id)
    SELECT su.id, recipient.actor_id
    FROM statement_updated su
    JOIN statement_update_in u ON u.id = su.id
    CROSS JOIN LATERAL unnest(u.recipients) WITH ORDINALITY AS recipient(actor_id, ord)
    WHERE NOT EXISTS (SELECT 1 FROM tracker_statement_recipients r
                       WHERE r.statement_id = su.id AND r.actor_id = recipient.actor_id)
    ORDER BY su.id, recipient.ord
    RETURNING id, statement_id, actor_id
),
statement_update_history AS (
    INSERT INTO tracker_historicalstatement (id, article_id, speaker_id, speaker_name, supplier_id, evidence,
                                             evidence_start, evidence_end, direct_quote, confidence, review_state,
                                             curated, parser_version, created_at, history_date,
                                             history_change_reason, history_type, history_user_id)
    SELECT id, article_id, speaker_id, speaker_name, supplier_id, evidence, evidence_start, evidence_end,
           direct_quote, confidence, review_state, curated, parser_version, created_at, %(now)s, '', '~', NULL
    FROM statement_updated ORDER BY id
    RETURNING history_id, id
),
-- The links an updated statement has after this statement: those it kept (read
-- from the snapshot) and those it gained.
link_update_history AS (
    INSERT INTO tracker_historicalstatement_recipients (id, statement_id, actor_id, history_id)
    SELECT l.id, l.statement_id, l.actor_id, h.history_id
    FROM (SELECT r.id, r.statement_id, r.actor_id
            FROM tracker_statement_recipients r JOIN statement_update_in u ON u.id = r.statement_id
           WHERE r.actor_id = ANY (u.recipients)
          UNION ALL
          SELECT id, statement_id, actor_id FROM link_added) AS l
    JOIN statement_update_history h ON h.id = l.statement_id
    ORDER BY l.id
)
UPDATE tracker_article SET
    clean_text = d ->> 'clean_text',
    -- What the client gave wins (metadata_source); a source of unknown origin is kept.
    title = CASE WHEN metadata_source ->> 'title' = 'client' THEN title ELSE d ->> 'title' END,
    source = CASE WHEN metadata_source ->> 'source' = 'client'
                    OR (source <> '' AND NOT metadata_source ? 'source') THEN source ELSE d ->> 'source' END,
    published = CASE WHEN metadata_source ->> 'published' = 'client' THEN published
                     ELSE (d ->> 'published')::date END,
    metadata_source = metadata_source || jsonb_build_object(
        'title', CASE WHEN metadata_source ->> 'title' = 'client' THEN 'client'
                      WHEN d ->> 'title' <> '' THEN 'parser' END,
        'source', CASE WHEN metadata_source ->> 'source' = 'client'
                         OR (source <> '' AND NOT metadata_source ? 'source') THEN metadata_source ->> 'source'
                       WHEN d ->> 'source' <> '' THEN 'parser' END,
        'published', CASE WHEN metadata_source ->> 'published' = 'client' THEN 'client'
                          WHEN d ->> 'published' IS NOT NULL THEN 'parser' END),
    dateline = d ->> 'dateline',
    status = %(parsed)s,
    failure_reason = '',
    parser_version = %(version)s,
    claim_token = '',
    parsed_at = %(now)s,
    updated_at = %(now)s
FROM doc
WHERE id = %(article)s
