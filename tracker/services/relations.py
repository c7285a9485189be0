"""The relations summaries (``tracker_relation`` and its breakdowns), kept up to date from the record tables."""

from __future__ import annotations

import logging
import time

from django.db import connection, transaction

logger = logging.getLogger(__name__)

# Any number that is the same in every process: the key of the advisory lock
# that keeps two refreshes of the relations summary from running at once.
_RELATIONS_LOCK = 0x7472_6C72
# The pair summary (migration 0007) and its per-year and per-weapon breakdowns
# behind the explore pages (0019, 0027), kept in step by one refresh. In this
# order: the per-actor one is summed from the per-pair-year one.
RELATION_SUMMARIES = ("tracker_relation", "tracker_relation_year", "tracker_relation_actor_year",
                      "tracker_relation_weapon")


def relations_refresh(*, force: bool = False) -> bool:
    """Bring the relations summaries (``RELATION_SUMMARIES``) up to date; True if they were refreshed.

    Triggers on the record tables add a row to ``tracker_relation_dirty`` in
    each writing transaction; no such row means nothing to do. The rows are
    deleted before the refresh reads the records, in the same transaction, so
    a writer that commits in between leaves its row for the next refresh. The
    refresh is ``CONCURRENTLY``: readers keep the old rows until it commits.
    A refresh already running elsewhere makes this one return at once.
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
        for view in RELATION_SUMMARIES:
            cursor.execute(f"REFRESH MATERIALIZED VIEW CONCURRENTLY {view}")
        # A new generation names the new contents: what the explore pages cached
        # from the old ones is never read again (tracker/explore/selectors.py).
        cursor.execute("UPDATE tracker_relation_refresh"
                       " SET refreshed_at = now(), generation = nextval('tracker_relation_generation')")
    seconds = round(time.monotonic() - started, 3)
    logger.info("relations summary refreshed in %.1f s", seconds, extra={"event": "relations_refreshed",
                                                                          "seconds": seconds})
    return True
