"""The one error the parser raises on purpose."""

from __future__ import annotations


class ParseError(ValueError):
    """The input has no usable article text (empty, whitespace only, no sentence).

    Permanent: re-parsing the same input fails the same way, so callers record it
    on the article rather than retry."""
