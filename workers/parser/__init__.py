"""The article parser: news text or HTML in, arms-transfer records out.

A plain library (no Django): ``parse_article(text)`` returns an ``Extraction``
of dataclasses (see ``records.py``); ``ParseError`` marks input with no usable
text. Load cost is paid once per process by ``nlp.get_nlp``.
"""

from __future__ import annotations

import os

# The parser runs one process per core (Celery's prefork pool, the benchmarks):
# numpy's BLAS threads on top of that only fight the other processes for the same
# cores. One thread each: 5 % less CPU per article alone, more on a busy machine.
# Set before spaCy loads numpy; a value already in the environment wins.
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

from .errors import ParseError  # noqa: E402
from .pipeline import PARSER_VERSION, parse_article, parse_many
from .records import Extraction

__all__ = ["PARSER_VERSION", "Extraction", "ParseError", "parse_article", "parse_many"]
