"""Request-body parsers for articles sent as raw ``text/plain`` or ``text/html``."""

from __future__ import annotations

from django.conf import settings
from rest_framework import exceptions
from rest_framework.parsers import BaseParser


class RequestTooLarge(exceptions.APIException):
    status_code = 413
    default_detail = "The request body is larger than the limit."
    default_code = "too_large"


def read_limited(stream, *, limit: int) -> bytes:
    data = stream.read(limit + 1) if stream is not None else b""
    if len(data) > limit:
        raise RequestTooLarge(f"The request body is larger than the limit of {limit} bytes.")
    return data


class _RawTextParser(BaseParser):
    """Gives the body as ``{"text": str}``; the bytes must be valid UTF-8 (or the declared charset)."""

    def parse(self, stream, media_type=None, parser_context=None):
        data = read_limited(stream, limit=settings.ARTICLE_MAX_BYTES)
        charset = "utf-8"
        for param in (media_type or "").split(";")[1:]:
            key, _, value = param.strip().partition("=")
            if key.lower() == "charset" and value:
                charset = value.strip('"').lower()
        try:
            text = data.decode(charset)
        except (UnicodeDecodeError, LookupError) as exc:
            raise exceptions.ParseError(f"The body is not valid {charset} text: {exc}") from None
        return {"text": text}


class PlainTextParser(_RawTextParser):
    media_type = "text/plain"


class HTMLParser(_RawTextParser):
    media_type = "text/html"
