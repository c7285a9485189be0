"""``make score``: the parser over the dev corpus, the train split and the
validation split, each scored with the shared scorer (``../shared/eval/score.py``).

The train files whose number ends in 0 or 5 (t005, t010, ...) are the validation
split: they are only ever scored in aggregate, never printed in detail, so that a
rule written from the others can be checked on articles it was not written from.

    python -m bench.score [--shared DIR] [--json] [--keep DIR] [--split NAME ...]

Without a ``shared`` folder (a clone elsewhere) it says so and exits 0.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench import confidence

ROOT = Path(__file__).resolve().parents[1]
SPLITS = ("dev", "train", "validation")
_VALIDATION = re.compile(r"^t\d\d[05]$")


def find_shared(explicit: str | None) -> Path | None:
    """The shared folder: --shared, $SHARED_DIR, or a ``shared`` beside the clone
    or one of its parents (a worktree sits one level further down)."""
    candidates = [explicit, os.environ.get("SHARED_DIR")]
    candidates += [str(p / "shared") for p in ROOT.parents]
    for c in candidates:
        if c and (Path(c) / "corpus" / "dev").is_dir() and (Path(c) / "eval" / "score.py").is_file():
            return Path(c)
    return None


def is_validation(path: Path) -> bool:
    return bool(_VALIDATION.match(path.stem))


def split_files(shared: Path) -> dict[str, list[Path]]:
    """Article files (.txt/.html with a gold .json beside them) per split."""
    def articles(folder: Path) -> list[Path]:
        return sorted(p for p in folder.glob("*") if p.suffix in (".txt", ".html") and p.with_suffix(".json").is_file())

    train = articles(shared / "corpus" / "train")
    return {
        "dev": articles(shared / "corpus" / "dev"),
        "train": [p for p in train if not is_validation(p)],
        "validation": [p for p in train if is_validation(p)],
    }


def stage(files: list[Path], gold: Path) -> None:
    """The scorer reads gold records from one folder: copy the split's files there."""
    gold.mkdir(parents=True, exist_ok=True)
    for f in files:
        shutil.copy(f, gold / f.name)
        shutil.copy(f.with_suffix(".json"), gold / f.with_suffix(".json").name)


def extract(files: list[Path], pred: Path) -> tuple[float, float]:
    """Run the extractor as the stop hook does (one process per split): wall and
    CPU seconds taken (CPU tells more on a shared machine)."""
    started, cpu = time.monotonic(), _children_cpu()
    subprocess.run([sys.executable, "-m", "workers.parser.cli", *map(str, files), "--out", str(pred)],
                   cwd=ROOT, check=False)
    return time.monotonic() - started, _children_cpu() - cpu


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", help="the shared folder (corpus/, eval/)")
    ap.add_argument("--json", action="store_true", help="print the summaries as one JSON object")
    ap.add_argument("--keep", type=Path, help="keep gold copies and predictions in this folder")
    ap.add_argument("--split", action="append", choices=SPLITS, help="score only these splits")
    args = ap.parse_args(argv)
    shared = find_shared(args.shared)
    if shared is None:
        print("make score: no shared corpus (../shared/corpus, or set SHARED_DIR); nothing to score")
        return 0
    scorer = confidence.load_scorer(shared)
    work = args.keep or Path(tempfile.mkdtemp(prefix="score-"))
    summaries = {}
    try:
        for name, files in split_files(shared).items():
            if args.split and name not in args.split:
                continue
            gold, pred = work / "gold" / name, work / "pred" / name
            shutil.rmtree(gold, ignore_errors=True)
            shutil.rmtree(pred, ignore_errors=True)
            stage(files, gold)
            seconds, cpu = extract(files, pred)
            cmd = [sys.executable, str(shared / "eval" / "score.py"), "--gold", str(gold), "--pred", str(pred)]
            if args.json:
                out = subprocess.run(cmd + ["--json"], capture_output=True, text=True, check=True).stdout
                summaries[name] = json.loads(out)
            else:
                print(f"== {name}: {len(files)} articles, extracted in {seconds:.1f} s ({cpu:.1f} s CPU)")
                sys.stdout.flush()
                subprocess.run(cmd, check=True)
                print("\n".join(confidence.table(confidence.judged(scorer, gold, pred))))
                print()
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    if args.json:
        print(json.dumps(summaries, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
