-- Every new record of one parse, its history rows and the article's own update,
-- in one statement (run by tracker/services/recording.py, prepared once per
-- connection): each CTE inserts one table from the JSON document the recording
-- built, and the RETURNING rows link a statement to its recipients and its
-- history. The ORM's bulk_create did the same in seven queries, most of the time
-- going to building model instances and quoting their values.
-- The history rows are what simple_history's bulk_history_create writes: a "+"
-- row per record, no user, an empty reason; for a statement, one row per
-- recipient link in its m2m history table.
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
