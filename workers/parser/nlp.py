"""Kept for importers outside the parser (``workers.tasks``, the benchmarks):
the pipeline lives in ``text/nlp.py``."""

from .text.nlp import MODEL, doc_text, get_nlp

__all__ = ["MODEL", "doc_text", "get_nlp"]
