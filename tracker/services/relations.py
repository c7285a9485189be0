"""The relations summaries (``tracker_relation`` and its breakdowns), kept up to date from the record tables."""

from __future__ import annotations

import logging
import re
import time

from django.db import connection, transaction

logger = logging.getLogger(__name__)

# Any number that is the same in every process: the key of the advisory lock
# that keeps two refreshes of the relations summary from running at once.
_RELATIONS_LOCK = 0x7472_6C72
# The pair summary behind /api/relations/ (migration 0007), refreshed in place.
REFRESHED_SUMMARIES = ("tracker_relation",)
# Its per-year and per-weapon breakdowns behind the explore pages (0019, 0027),
# rebuilt beside the live ones and swapped in (``_summaries_rebuild``). In this
# order: the per-actor one is summed from the per-pair-year one.
REBUILT_SUMMARIES = ("tracker_relation_year", "tracker_relation_actor_year", "tracker_relation_weapon")
RELATION_SUMMARIES = REFRESHED_SUMMARIES + REBUILT_SUMMARIES
# How long the swap may wait for the readers of the old summaries: past it the
# refresh fails and rolls back, and the next one tries again.
_SWAP_LOCK_TIMEOUT = "10s"


def relations_refresh(*, force: bool = False) -> bool:
    """Bring the relations summaries (``RELATION_SUMMARIES``) up to date; True if they were refreshed.

    Triggers on the record tables add a row to ``tracker_relation_dirty`` in
    each writing transaction; no such row means nothing to do. The rows are
    deleted before the refresh reads the records, in the same transaction, so
    a writer that commits in between leaves its row for the next refresh.
    Readers keep the old rows until the refresh commits. A refresh already
    running elsewhere makes this one return at once.
    """
    started = time.monotonic()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_xact_lock(%s)", [_RELATIONS_LOCK])
        if not cursor.fetchone()[0]:
            return False
        cursor.execute("DELETE FROM tracker_relation_dirty")
        if not cursor.rowcount and not force:
            return False
        cursor.execute("SET LOCAL work_mem = '256MB'")
        for view in REFRESHED_SUMMARIES:
            cursor.execute(f"REFRESH MATERIALIZED VIEW CONCURRENTLY {view}")
        _summaries_rebuild(cursor, REBUILT_SUMMARIES)
        # A new generation names the new contents: what the explore pages cached
        # from the old ones is never read again (tracker/explore/selectors.py).
        cursor.execute("UPDATE tracker_relation_refresh"
                       " SET refreshed_at = now(), generation = nextval('tracker_relation_generation')")
    seconds = round(time.monotonic() - started, 3)
    logger.info("relations summary refreshed in %.1f s", seconds, extra={"event": "relations_refreshed",
                                                                          "seconds": seconds})
    return True


def _summaries_rebuild(cursor, views: tuple[str, ...]) -> None:
    """Build each materialized view of ``views`` anew beside the live one, then swap them in.

    ``REFRESH ... CONCURRENTLY`` compares the new rows with the old ones to
    write only the difference, which costs several times the query itself on
    summaries of hundreds of thousands of rows that a refresh mostly rewrites.
    Here each view is created again from its own definition (``pg_matviews``,
    as its migration wrote it) under the name ``<view>_next``, with the same
    indexes and fresh planner statistics; a view defined over another of
    ``views`` reads the new one. Only the final drop and renames lock the live
    views, until the commit: a reader arriving then waits those few
    milliseconds and reads the new view, and until then readers see the old.
    """
    names = re.compile(r"\b(" + "|".join(map(re.escape, views)) + r")\b")

    def next_name(text: str) -> str:
        return names.sub(lambda m: m.group(1) + "_next", text)

    indexes: list[str] = []
    for view in views:
        cursor.execute("SELECT definition FROM pg_matviews WHERE schemaname = current_schema()"
                       " AND matviewname = %s", [view])
        (definition,) = cursor.fetchone()
        cursor.execute(f"CREATE MATERIALIZED VIEW {view}_next AS {next_name(definition)}")
        cursor.execute("SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema()"
                       " AND tablename = %s", [view])
        for index, ddl in cursor.fetchall():
            ddl = ddl.replace(f" INDEX {index} ON ", f" INDEX {index}_next ON ", 1)
            cursor.execute(next_name(ddl))
            indexes.append(index)
        cursor.execute(f"ANALYZE {view}_next")
    cursor.execute(f"SET LOCAL lock_timeout = '{_SWAP_LOCK_TIMEOUT}'")
    for view in reversed(views):  # the views defined over another first
        cursor.execute(f"DROP MATERIALIZED VIEW {view}")
    for view in views:
        cursor.execute(f"ALTER MATERIALIZED VIEW {view}_next RENAME TO {view}")
    for index in indexes:
        cursor.execute(f"ALTER INDEX {index}_next RENAME TO {index}")
