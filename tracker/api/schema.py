"""The OpenAPI schema's promises beyond what drf-spectacular infers from the views.

A postprocessing hook (``SPECTACULAR_SETTINGS["POSTPROCESSING_HOOKS"]``) adds, to
every operation, the error answers it can give in the one error shape
(``tracker.api.errors``), and tells query parameters what the server accepts:
free text without NUL characters, and an empty value as "not given" where the
server reads it so. ``tests/api/test_contract.py`` runs schemathesis over the
result against a live server.
"""

from __future__ import annotations

from typing import Any

from tracker.api.params import ID_MAX, NO_NUL_PATTERN

ERROR_SCHEMA: dict[str, Any] = {
    "type": "object",
    "description": "Every error: a stable code, a message for people, and the parameters or fields at fault.",
    "properties": {
        "error": {
            "type": "object",
            "properties": {
                "code": {"type": "string", "description": "Stable, for programs: invalid, not_found, too_large, ..."},
                "message": {"type": "string"},
                "fields": {
                    "type": "object",
                    "description": "Messages by parameter or field name (lists of strings, or nested objects).",
                    "additionalProperties": True,
                },
            },
            "required": ["code", "message", "fields"],
        },
    },
    "required": ["error"],
}

_ERROR_REF = {"$ref": "#/components/schemas/Error"}
_DESCRIPTIONS = {
    "400": "A parameter or field is invalid; `fields` names it.",
    "401": "Not signed in (token or session).",
    "403": "Signed in without the permission this needs.",
    "404": "No such resource.",
    "406": "No representation matches the Accept header.",
    "413": "The body is larger than the limit.",
    "415": "The body's media type is not accepted.",
    "429": "Too many requests; `Retry-After` says when to try again.",
}
# Query parameters the server reads as absent when empty (``?supplier=``): django-filter's
# fields, the cursor, ``ordering`` and ``format``. ``page_size`` is not among them.
_EMPTY_IS_ABSENT_EXCEPT = {"page_size"}


def _error(code: str) -> dict:
    return {"description": _DESCRIPTIONS[code], "content": {"application/json": {"schema": _ERROR_REF}}}


def _codes_for(method: str, operation: dict) -> list[str]:
    # 400 everywhere: a URL's format suffix (``/api/actors/1.csv``) is read on every route.
    # 404: a detail's id, or a list's cursor, that names nothing.
    codes = ["400", "401", "403", "404", "406", "429"]
    if operation.get("requestBody"):
        codes += ["413", "415"]
    return codes


def _tighten_parameter(param: dict) -> None:
    schema = param.setdefault("schema", {})
    if param["in"] == "path" and schema.get("type") == "integer":
        schema.setdefault("minimum", 1)
        schema.setdefault("maximum", ID_MAX)
        return
    if param["in"] != "query":
        return
    if param["name"] not in _EMPTY_IS_ABSENT_EXCEPT:
        param["allowEmptyValue"] = True
    if schema.get("type") == "string" and "enum" not in schema and "format" not in schema:
        schema.setdefault("pattern", NO_NUL_PATTERN)
    if schema.get("type") == "integer" and param["name"] not in _EMPTY_IS_ABSENT_EXCEPT:
        schema.setdefault("minimum", 1)
        schema.setdefault("maximum", ID_MAX)


def add_error_responses(result: dict, generator, request, public) -> dict:
    """drf-spectacular postprocessing hook: the error answers and the parameters' real bounds."""
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    for path_item in result.get("paths", {}).values():
        for method, operation in path_item.items():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            if "requestBody" in operation:
                operation["requestBody"]["required"] = True
            for param in operation.get("parameters", []):
                _tighten_parameter(param)
            for code in _codes_for(method, operation):
                operation["responses"].setdefault(code, _error(code))
    return result
