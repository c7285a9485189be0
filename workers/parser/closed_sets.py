"""The closed sets of values the tracker's records take, each declared once.

The parser writes transfer statuses and actor kinds; the Django models build
their choices and check constraints from these classes (``tracker.models``);
the selectors read the relations summary's per-status columns in this order
(``tracker.selectors.STATUS_COLUMNS``); a test ties them to the SQL of the
summary's migration (0007), which is frozen history and cannot import them.

Plain Python, like the rest of the parser: no Django here. A member is a
``str`` (``TransferStatus.DELIVERED == "delivered"``), so records built with
them serialise as the plain values.
"""

from __future__ import annotations

from enum import StrEnum


class TransferStatus(StrEnum):
    """How far a transfer has gone, as the article tells it.

    The order is the order of the summary's per-status columns and of
    ``transfers_by_status`` in the API. A status is also a column name there,
    so it is an SQL identifier (lower-case letters).
    """

    DELIVERED = "delivered"
    ONGOING = "ongoing"
    CONTRACTED = "contracted"
    PLANNED = "planned"
    CONSIDERING = "considering"
    SUSPENDED = "suspended"
    DENIED = "denied"


class ActorKind(StrEnum):
    """What a party to a transfer is."""

    STATE = "state"
    NON_STATE = "non-state"
    ALLIANCE = "alliance"


class ReviewState(StrEnum):
    """Where a record stands with the curators. ``rejected`` records are left out of the summary.

    The admin's review queue relies on the order of the values as text:
    "unreviewed" > "rejected" > "approved".
    """

    UNREVIEWED = "unreviewed"
    APPROVED = "approved"
    REJECTED = "rejected"
