"""Request-body parsers: JSON, and articles sent as raw ``text/plain`` or ``text/html``.

A body the parser cannot read is the client's error (400), whatever the reason:
a charset Python does not know or that is not a text encoding (``rot13``,
``base64``), bytes that codec refuses (``punycode`` raises a bare
``UnicodeError``), JSON nested deeper than the interpreter's recursion limit.
"""

from __future__ import annotations

import codecs

from django.conf import settings
from rest_framework import exceptions
from rest_framework.parsers import BaseParser
from rest_framework.parsers import JSONParser as DRFJSONParser


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
        return {"text": decode_text(data, charset)}


def _text_codec(charset: str) -> codecs.CodecInfo:
    try:
        codec = codecs.lookup(charset)
    except LookupError:
        raise exceptions.ParseError(f"Unknown charset {charset!r}.") from None
    if not getattr(codec, "_is_text_encoding", True):
        raise exceptions.ParseError(f"The charset {charset!r} is not a text encoding.")
    return codec


def decode_text(data: bytes, charset: str) -> str:
    codec = _text_codec(charset)
    try:
        return data.decode(codec.name)
    except ValueError as exc:  # UnicodeError and its subclasses, and codecs that raise ValueError itself
        raise exceptions.ParseError(f"The body is not valid {charset} text: {exc}") from None


class JSONParser(DRFJSONParser):
    """DRF's JSON parser, refusing with 400 what it would answer with a 500."""

    def parse(self, stream, media_type=None, parser_context=None):
        parser_context = parser_context or {}
        encoding = parser_context.get("encoding", settings.DEFAULT_CHARSET)
        _text_codec(encoding)
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise exceptions.ParseError("JSON parse error - the document is nested too deeply.") from None
        except (UnicodeError, TypeError) as exc:
            raise exceptions.ParseError(f"JSON parse error - {exc}") from None


class PlainTextParser(_RawTextParser):
    media_type = "text/plain"


class HTMLParser(_RawTextParser):
    media_type = "text/html"
