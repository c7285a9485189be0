"""The article parser: news text or HTML in, arms-transfer records out.

A plain library (no Django): ``parse_article(text)`` returns an ``Extraction``
of dataclasses (see ``records.py``); ``ParseError`` marks input with no usable
text. Load cost is paid once per process by ``nlp.get_nlp``.
"""

from __future__ import annotations

from .errors import ParseError
from .pipeline import PARSER_VERSION, parse_article, parse_many
from .records import Extraction

__all__ = ["PARSER_VERSION", "Extraction", "ParseError", "parse_article", "parse_many"]
