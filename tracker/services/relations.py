"""The relations summary (``tracker_relation``), kept up to date from the record tables."""

from __future__ import annotations

from django.db import connection, transaction

# Any number that is the same in every process: the key of the advisory lock
# that keeps two refreshes of the relations summary from running at once.
_RELATIONS_LOCK = 0x7472_6C72


def relations_refresh(*, force: bool = False) -> bool:
    """Bring the relations summary (``tracker_relation``) up to date; True if it was refreshed.

    Triggers on the record tables add a row to ``tracker_relation_dirty`` in
    each writing transaction; no such row means nothing to do. The rows are
    deleted before the refresh reads the records, in the same transaction, so
    a writer that commits in between leaves its row for the next refresh. The
    refresh is ``CONCURRENTLY``: readers keep the old rows until it commits.
    A refresh already running elsewhere makes this one return at once.
    """

    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_xact_lock(%s)", [_RELATIONS_LOCK])
        if not cursor.fetchone()[0]:
            return False
        cursor.execute("DELETE FROM tracker_relation_dirty")
        if not cursor.rowcount and not force:
            return False
        cursor.execute("SET LOCAL work_mem = '256MB'")
        cursor.execute("REFRESH MATERIALIZED VIEW CONCURRENTLY tracker_relation")
        cursor.execute("UPDATE tracker_relation_refresh SET refreshed_at = now()")
    return True
