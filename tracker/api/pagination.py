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
