"""How well the parser's confidence orders its records: among the transfer and
statement records at or above a confidence, the share that the gold records
confirm (the shared scorer's matching: a transfer by its supplier and recipient,
a statement by its speaker and overlapping evidence).

    python -m bench.confidence --gold DIR --pred DIR [--shared DIR]

Prints aggregate figures only, so it may be run on the validation split.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

THRESHOLDS = (0.5, 0.6, 0.7, 0.8, 0.9)


def load_scorer(shared: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("shared_score", shared / "eval" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def judged(scorer: ModuleType, gold_dir: Path, pred_dir: Path) -> list[tuple[str, float, bool]]:
    """(kind, confidence, confirmed) for every predicted transfer and statement."""
    out: list[tuple[str, float, bool]] = []
    for gold_path in sorted(gold_dir.glob("*.json")):
        pred_path = pred_dir / gold_path.name
        if not pred_path.exists():
            continue
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        pred = json.loads(pred_path.read_text(encoding="utf-8"))
        source = next(p for p in (gold_path.with_suffix(".txt"), gold_path.with_suffix(".html")) if p.exists())
        text = scorer.article_text(source)
        pairs = {(scorer.code(t["supplier"]), scorer.code(t["recipient"])) for t in gold.get("transfers", [])}
        for t in pred.get("transfers", []):
            ok = (scorer.code(t.get("supplier")), scorer.code(t.get("recipient"))) in pairs
            out.append(("transfer", float(t.get("confidence", 0.5)), ok))
        for s in pred.get("statements", []):
            ok = any(scorer.same_person(s.get("speaker"), g["speaker"])
                     and scorer.overlaps(text, s.get("evidence"), g["evidence"]) for g in gold.get("statements", []))
            out.append(("statement", float(s.get("confidence", 0.5)), ok))
    return out


def table(records: list[tuple[str, float, bool]]) -> list[str]:
    lines = [f"{'confidence >=':14} {'precision':>9} {'records':>8}   transfers  statements"]
    for t in THRESHOLDS:
        sel = [r for r in records if r[1] >= t]
        ok = sum(r[2] for r in sel)
        per = {k: (sum(r[2] for r in sel if r[0] == k), sum(1 for r in sel if r[0] == k))
               for k in ("transfer", "statement")}
        prec = ok / len(sel) if sel else 1.0
        lines.append(f"{t:<14} {prec:9.3f} {len(sel):8d}   {per['transfer'][0]:>4}/{per['transfer'][1]:<4}"
                     f"  {per['statement'][0]:>4}/{per['statement'][1]:<4}")
    return lines


def main(argv: list[str] | None = None) -> int:
    from bench.score import find_shared

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", type=Path, required=True)
    ap.add_argument("--pred", type=Path, required=True)
    ap.add_argument("--shared")
    args = ap.parse_args(argv)
    shared = find_shared(args.shared)
    if shared is None:
        print("no shared scorer found (set SHARED_DIR)")
        return 0
    print("\n".join(table(judged(load_scorer(shared), args.gold, args.pred))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
