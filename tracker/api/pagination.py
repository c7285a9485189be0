"""Cursor pagination with a capped page size.

A cursor stays correct while rows are added (a page never repeats or skips a
row), which offset pages cannot promise on a growing table. Lists order by a
unique key last, so the order is stable.
"""

from rest_framework.pagination import CursorPagination


class IdCursorPagination(CursorPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500
    ordering = "-id"

    def get_ordering(self, request, queryset, view) -> tuple[str, ...]:
        """The requested ordering, then the id: rows that tie (the same confidence,
        the same date) keep one order from query to query, so that the cursor's
        offset within a tie never repeats or skips a row."""
        ordering = tuple(super().get_ordering(request, queryset, view))
        if not any(field.lstrip("-") in ("id", "pk") for field in ordering):
            ordering += ("-id" if ordering[0].startswith("-") else "id",)
        return ordering
