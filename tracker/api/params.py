"""Strict query parameters: a value the schema does not allow is a 400 naming the parameter.

django-filter and DRF are lenient by default: an unknown ``ordering`` falls back
to the default, ``page_size=-9`` to the default size, ``direct_quote=maybe`` to
no filter at all, an unknown ``format`` to a 404. A client then gets rows it
did not ask for and cannot tell. The classes here refuse such values, and
describe what they accept in the schema (enums, bounds, patterns) so that the
schema and the server agree in both directions (``tests/api/test_contract.py``
runs schemathesis over it).
"""

from __future__ import annotations

import datetime
import re

import django_filters as filters
from django import forms
from django.http import Http404
from drf_spectacular.drainage import set_override
from drf_spectacular.utils import extend_schema_field
from rest_framework import exceptions
from rest_framework.filters import OrderingFilter
from rest_framework.negotiation import DefaultContentNegotiation

from tracker.selectors import VERSION_PATTERN

# PostgreSQL's bigint: an id beyond it names no row and cannot be a query parameter.
ID_MAX = 2**63 - 1
# Form fields refuse NUL characters (PostgreSQL cannot store them); the schema says so.
NO_NUL_PATTERN = "^[^\\x00]*$"
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)


def invalid(param: str, message: str) -> exceptions.ValidationError:
    return exceptions.ValidationError({param: [message]})


class IsoDateField(forms.DateField):
    """YYYY-MM-DD only, as the schema's ``format: date`` says (Django also reads ``10/25/06``)."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, datetime.date):
            return value
        value = str(value).strip()
        if _ISO_DATE.fullmatch(value):
            try:
                return datetime.date.fromisoformat(value)
            except ValueError:
                pass
        raise forms.ValidationError("Enter a date as YYYY-MM-DD.", code="invalid")


@extend_schema_field({"type": "string", "format": "date"})
class IsoDateFilter(filters.DateFilter):
    field_class = IsoDateField


class IdField(forms.IntegerField):
    """A row id: digits only, 1 up to PostgreSQL's bigint."""

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", ID_MAX)
        super().__init__(**kwargs)

    def to_python(self, value):
        if value not in self.empty_values and not re.fullmatch(r"-?[0-9]+", str(value).strip(), re.ASCII):
            raise forms.ValidationError("Enter a whole number.", code="invalid")
        return super().to_python(value)


@extend_schema_field({"type": "integer", "minimum": 1, "maximum": ID_MAX})
class IdFilter(filters.NumberFilter):
    field_class = IdField


class StrictBooleanField(forms.Field):
    """``true`` or ``false``: anything else is an error, not "no filter" (``direct_quote=maybe``)."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if value in ("true", "false"):
            return value == "true"
        raise forms.ValidationError("Enter true or false.", code="invalid")


@extend_schema_field({"type": "boolean"})
class StrictBooleanFilter(filters.BooleanFilter):
    field_class = StrictBooleanField


class BoundedNumberFilter(filters.NumberFilter):
    """A number within ``[minimum, maximum]``; NaN and infinities are refused by the form field."""

    def __init__(self, *args, minimum: float, maximum: float, **kwargs):
        kwargs.setdefault("min_value", minimum)
        kwargs.setdefault("max_value", maximum)
        super().__init__(*args, **kwargs)
        set_override(self, "field", {"type": "number", "minimum": minimum, "maximum": maximum})


def escape_like(value: str) -> str:
    """``value`` matched literally inside a LIKE pattern: ``%``, ``_`` and ``\\`` lose their meaning."""
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


class StrictOrderingFilter(OrderingFilter):
    """``ordering`` is one of the view's fields, optionally with ``-``; anything else is a 400.

    One field only: the id breaks ties already (``IdCursorPagination``), and one
    term is what the schema's enum can describe.
    """

    def get_ordering(self, request, queryset, view):
        value = request.query_params.get(self.ordering_param)
        if value in (None, ""):
            return self.get_default_ordering(view)
        allowed = self.allowed_terms(view)
        if value not in allowed:
            raise invalid(self.ordering_param, f"Unknown ordering {value!r}; use one of: {', '.join(allowed)}.")
        return [value]

    @staticmethod
    def allowed_terms(view) -> list[str]:
        fields = list(getattr(view, "ordering_fields", None) or [])
        return [term for field in fields for term in (field, f"-{field}")]

    def get_schema_operation_parameters(self, view):
        return [{
            "name": self.ordering_param,
            "required": False,
            "in": "query",
            "description": "Sort by one field; a leading '-' sorts descending. Ties are ordered by id.",
            "schema": {"type": "string", "enum": self.allowed_terms(view)},
        }]


class StrictContentNegotiation(DefaultContentNegotiation):
    """An unknown ``?format=`` is a 400 naming the parameter (DRF answers 404)."""

    def select_renderer(self, request, renderers, format_suffix=None):
        try:
            return super().select_renderer(request, renderers, format_suffix)
        except Http404:
            known = sorted({r.format for r in renderers if getattr(r, "format", None) and r.format != "api"})
            value = request.query_params.get(self.settings.URL_FORMAT_OVERRIDE) or format_suffix
            raise invalid("format", f"Unknown format {value!r}; use one of: {', '.join(known)}.") from None


class _NoEmptyChoices(forms.MultipleChoiceField):
    def clean(self, value):
        return super().clean([v for v in (value or []) if v != ""])


class MultipleChoiceFilter(filters.MultipleChoiceFilter):
    """Several values of a closed set; an empty value means "not given", as for the other filters."""

    field_class = _NoEmptyChoices


@extend_schema_field({"type": "string", "pattern": VERSION_PATTERN})
class VersionFilter(filters.CharFilter):
    """A parser version: dotted numbers (0.2.0)."""


class RelationQueryForm(forms.Form):
    """The relations list's query parameters (the fields refuse NUL characters)."""

    supplier = forms.CharField(required=False)
    recipient = forms.CharField(required=False)

    def values(self) -> dict:
        if not self.is_valid():
            raise exceptions.ValidationError(
                {name: [e["message"] for e in errors] for name, errors in self.errors.get_json_data().items()})
        return self.cleaned_data
