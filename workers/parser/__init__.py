"""The article parser: news text or HTML in, arms-transfer records out.

A plain library (no Django): ``parse_article(text)`` returns an ``Extraction``
of dataclasses (see ``records.py``); ``ParseError`` marks input with no usable
text. Load cost is paid once per process by ``text.nlp.get_nlp``.

The pipeline names (``parse_article``, ``parse_many``, ``PARSER_VERSION``) are
loaded on first use (PEP 562): importing a light module of the package, such as
``closed_sets`` from the Django models, must not import spaCy.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

# The parser runs one process per core (Celery's prefork pool, the benchmarks):
# numpy's BLAS threads on top of that only fight the other processes for the same
# cores. Set before spaCy loads numpy; a value already in the environment wins.
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

from .errors import ParseError  # noqa: E402
from .records import Extraction  # noqa: E402

if TYPE_CHECKING:
    from .pipeline import PARSER_VERSION, parse_article, parse_many

__all__ = ["PARSER_VERSION", "Extraction", "ParseError", "parse_article", "parse_many"]

_PIPELINE_NAMES = frozenset({"PARSER_VERSION", "parse_article", "parse_many"})


def __getattr__(name: str) -> Any:
    if name in _PIPELINE_NAMES:
        from . import pipeline

        value = getattr(pipeline, name)
        globals()[name] = value  # later look-ups skip this function
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
