"""Who may import whom: the tracker never imports the Celery tasks, the parser never imports Django.

``workers.tasks`` calls ``tracker.services``; the services send the parse task
by name (``workers.task_names``), so the two never import each other. The
parser is a plain library.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _sources(folder: str) -> list[Path]:
    return sorted((ROOT / folder).rglob("*.py"))


def test_nothing_in_tracker_imports_the_task_module():
    pattern = re.compile(r"^\s*(from\s+workers\.tasks\b|import\s+workers\.tasks\b|from\s+workers\s+import\s+.*\btasks\b)",
                         re.MULTILINE)
    offenders = [str(p.relative_to(ROOT)) for p in _sources("tracker") if pattern.search(p.read_text())]
    assert offenders == []


def test_the_parser_imports_neither_django_nor_celery_nor_the_tracker():
    pattern = re.compile(r"^\s*(from|import)\s+(django|celery|tracker|rest_framework)\b", re.MULTILINE)
    offenders = [str(p.relative_to(ROOT)) for p in _sources("workers/parser") if pattern.search(p.read_text())]
    assert offenders == []


def _run(code: str) -> None:
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]


def test_loading_the_web_side_does_not_load_the_tasks():
    _run(
        "import os, sys, django\n"
        "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'tracker.settings')\n"
        "django.setup()\n"
        "import tracker.services, tracker.api.views, tracker.admin, tracker.selectors\n"
        "assert 'workers.tasks' not in sys.modules, 'tracker imported workers.tasks'\n"
    )


def test_the_closed_sets_load_without_django():
    _run(
        "import sys\n"
        "from workers.parser import closed_sets\n"
        "assert closed_sets.TransferStatus.DELIVERED == 'delivered'\n"
        "assert 'django' not in sys.modules and 'tracker' not in sys.modules\n"
    )
