"""``field__any=Ids([...])``: membership in a list of ids, passed as one array parameter.

``field__in=[...]`` puts one placeholder per value in the SQL. With a few thousand
ids (a speaker filter lists the statements it matched) Django prepares every
value on its own and psycopg then scans the long SQL for placeholders: 25 ms of
Python for 3,000 ids, more than the query takes to run. ``= ANY(%s::bigint[])``
with the ids as one array literal costs well under a millisecond, and PostgreSQL
plans both forms alike (it rewrites an IN list as ``= ANY(ARRAY[...])``).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import models
from django.db.models import Lookup


class Ids:
    """Ids for ``__any``. Not a list: Django walks a list value item by item
    (looking for expressions in it) before any lookup sees it."""

    __slots__ = ("literal",)

    def __init__(self, ids: Iterable[int]) -> None:
        # int() first: nothing but digits and signs reaches the literal.
        self.literal = "{" + ",".join(str(int(i)) for i in ids) + "}"


class AnyOf(Lookup):
    lookup_name = "any"
    prepare_rhs = False

    def get_prep_lookup(self) -> str:
        if not isinstance(self.rhs, Ids):
            raise TypeError("__any takes tracker.lookups.Ids")
        return self.rhs.literal

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        return f"{lhs} = ANY(%s::bigint[])", (*lhs_params, self.rhs)


def register() -> None:
    """Make ``__any`` available on integer columns and foreign keys (called from the app's ready())."""
    models.IntegerField.register_lookup(AnyOf)
    models.ForeignKey.register_lookup(AnyOf)
