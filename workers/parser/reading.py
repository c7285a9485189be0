"""Kept for importers outside the parser (the benchmarks): reading lives in
``text/reading.py``."""

from .text.reading import looks_like_html, read_input

__all__ = ["looks_like_html", "read_input"]
