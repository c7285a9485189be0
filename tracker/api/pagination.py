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

    def paginate_queryset(self, queryset, request, view=None):
        """The page's rows found with the filters and the ordering alone, then
        loaded by id with their related rows.

        One query that both filters and joins every related table costs PostgreSQL
        more to plan than to run (a statement list filtered by supplier, recipient,
        speaker country and date, say); two small queries plan quickly."""
        # Joins are what cost the planning; prefetches run after the page query either way.
        if not queryset.query.select_related:
            return super().paginate_queryset(queryset, request, view)
        ordered = {field.lstrip("-") for field in self.get_ordering(request, queryset, view)}
        columns = {f.name for f in queryset.model._meta.concrete_fields} & ordered
        # Annotations the ordering may use ("published") stay on the light query.
        light = queryset.select_related(None).prefetch_related(None).only("id", *columns)
        found = super().paginate_queryset(light, request, view)
        if found is None:
            return None
        # The view's queryset before filtering: the ids say which rows, and the
        # filters' joins and subqueries would only be planned again.
        base = view.get_queryset() if view is not None else queryset
        rows = base.in_bulk([row.pk for row in found])
        # A row deleted between the two queries is left out of the page.
        self.page = [rows[row.pk] for row in found if row.pk in rows]
        return self.page
