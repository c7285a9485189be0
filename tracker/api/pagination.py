"""Cursor pagination with a capped page size.

A cursor stays correct while rows are added (a page never repeats or skips a
row), which offset pages cannot promise on a growing table. Lists order by a
unique key last, so the order is stable.
"""

import re

from django.core.exceptions import FieldDoesNotExist, ValidationError as DjangoValidationError
from rest_framework.exceptions import NotFound
from rest_framework.pagination import CursorPagination

from tracker.api.params import invalid


_BASE64 = re.compile(r"[A-Za-z0-9+/]+={0,2}", re.ASCII)


class InvalidCursor(NotFound):
    default_code = "invalid_cursor"


def invalid_cursor(param: str) -> InvalidCursor:
    return InvalidCursor({param: ["No such page: take cursors from the next or previous link of a page."]})


class IdCursorPagination(CursorPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500
    ordering = "-id"

    def get_page_size(self, request) -> int:
        """``page_size`` from 1 to ``max_page_size``; anything else is a 400 (DRF falls back to the default)."""
        value = request.query_params.get(self.page_size_query_param)
        if value is None:
            return self.page_size
        if not (value.isascii() and value.isdigit()) or not 1 <= int(value) <= self.max_page_size:
            raise invalid(self.page_size_query_param,
                          f"Enter a whole number from 1 to {self.max_page_size}.")
        return int(value)

    def get_schema_operation_parameters(self, view) -> list[dict]:
        return [
            {"name": self.cursor_query_param, "required": False, "in": "query", "allowEmptyValue": True,
             "description": "Where a page starts: take it from the `next` or `previous` link of a page.",
             "schema": {"type": "string"}},
            {"name": self.page_size_query_param, "required": False, "in": "query",
             "description": f"Rows per page (default {self.page_size}).",
             "schema": {"type": "integer", "minimum": 1, "maximum": self.max_page_size}},
        ]

    def decode_cursor(self, request):
        """A cursor this service did not write is a 404 naming ``cursor``: the page it points to does
        not exist. (A well-encoded position of the wrong type reached the database as a 500.)

        404, not 400: the schema can only say that a cursor is a string, so a
        made-up one is a well-formed request for a page that is not there."""
        encoded = request.query_params.get(self.cursor_query_param)
        # base64 skips characters outside its alphabet, so garbage could decode to "the first page".
        if encoded and not _BASE64.fullmatch(encoded):
            raise invalid_cursor(self.cursor_query_param)
        try:
            cursor = super().decode_cursor(request)
        except NotFound:
            raise invalid_cursor(self.cursor_query_param) from None
        if cursor is not None and cursor.position is not None:
            field_name = self.ordering[0].lstrip("-")
            try:
                field = self._model._meta.get_field(field_name)
            except FieldDoesNotExist:  # an annotation ("published"): its source field says the type
                field = self._annotation_fields.get(field_name)
            try:
                if field is None or field.to_python(cursor.position) is None:
                    raise DjangoValidationError("no position")
            except (DjangoValidationError, ValueError, TypeError):
                raise invalid_cursor(self.cursor_query_param) from None
        return cursor

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
        self._model = queryset.model
        self._annotation_fields = {name: getattr(expr, "output_field", None)
                                   for name, expr in queryset.query.annotations.items()}
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
