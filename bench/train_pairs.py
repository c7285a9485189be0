"""``make train-parser``: train the transfer pair model (``workers/parser/transfers/scored.py``).

Reads the annotated train split of ``../shared/corpus/train`` (never the
validation split: files whose number ends in 0 or 5), runs the parser's rules
over each article, and labels every candidate pair (the rules' own pairs
included, see ``scored.py``) by whether the gold record has that (supplier,
recipient) pair. A logistic
regression (L2, Newton's method in numpy: deterministic, no learning library)
is fitted; the threshold is chosen by cross-validation over articles, for the
best transfer F1 of rules and model together. Writes
``workers/parser/transfers/pair_model.json``.

    python -m bench.train_pairs [--shared DIR] [--out FILE] [--folds 5]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

from bench.score import find_shared, split_files
from workers.parser.catalogue.actors import find_actors
from workers.parser.pipeline import _docs, sections
from workers.parser.text.reading import read_input
from workers.parser.transfers.extract import _sentence_bounds, extract_more_transfers, extract_transfers
from workers.parser.transfers.scored import MODEL_PATH, PairCandidate, pair_candidates, paired_sides, settled

MIN_COUNT = 2
L2 = 10.0
THRESHOLDS = [round(0.3 + 0.025 * i, 3) for i in range(25)]


Article = tuple[list[PairCandidate], list[PairCandidate], set[tuple[str, str]], set[tuple[str, str]]]


def article_candidates(path: Path) -> Article:
    """(training rows: every candidate pair, the rules' own included; the rows the
    parser scores: those the rules leave out; pairs the rules give; gold pairs)
    of one article."""
    raw = path.read_text(encoding="utf-8")
    text, _meta = read_input(raw, "text/html" if path.suffix == ".html" else "text/plain")
    gold = {(t["supplier"], t["recipient"]) for t in json.loads(path.with_suffix(".json").read_text())["transfers"]}
    parts = sections(text)
    rows: list[PairCandidate] = []
    scored: list[PairCandidate] = []
    rules: set[tuple[str, str]] = set()
    for doc in _docs(part for _offset, part in parts):
        mentions = find_actors(doc)
        found = extract_transfers(doc, mentions)
        found += extract_more_transfers(doc, mentions, found, scored=False)
        known = {(t.supplier, t.recipient) for t in found}
        known |= {(r, s) for s, r in known}
        rules |= {(t.supplier, t.recipient) for t in found}
        every = pair_candidates(doc, mentions, found, with_found=True)
        rows += every
        paired = paired_sides(found)
        scored += [c for c in every if (c.supplier, c.recipient) not in known
                   and not settled(c, paired, _sentence_bounds)]
    return rows, scored, rules, gold


def fit(x: np.ndarray, y: np.ndarray, l2: float = L2, steps: int = 25) -> np.ndarray:
    """Weights (bias last) of an L2-regularised logistic regression, by Newton's method."""
    x = np.hstack([x, np.ones((x.shape[0], 1))])
    w = np.zeros(x.shape[1])
    reg = np.full(x.shape[1], l2)
    reg[-1] = 0.0
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-np.clip(x @ w, -30, 30)))
        grad = x.T @ (p - y) + reg * w
        hess = (x * (p * (1 - p))[:, None]).T @ x + np.diag(reg + 1e-9)
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w


def matrix(cands: list[PairCandidate], vocab: dict[str, int]) -> np.ndarray:
    x = np.zeros((len(cands), len(vocab)))
    for i, c in enumerate(cands):
        for f in c.features:
            j = vocab.get(f)
            if j is not None:
                x[i, j] = 1.0
    return x


def vocabulary(cands: list[PairCandidate]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for c in cands:
        for f in set(c.features):
            counts[f] = counts.get(f, 0) + 1
    kept = sorted(f for f, n in counts.items() if n >= MIN_COUNT)
    return {f: i for i, f in enumerate(kept)}


def chosen_pairs(cands: list[PairCandidate], probs: np.ndarray, threshold: float) -> set[tuple[str, str]]:
    """The pairs ``scored_transfers`` would keep: best sentence per pair over the
    threshold, the likelier direction of the two."""
    best: dict[tuple[str, str], float] = {}
    for c, p in zip(cands, probs):
        key = (c.supplier, c.recipient)
        if p >= threshold and p > best.get(key, -1.0):
            best[key] = p
    return {(s, r) for (s, r), p in best.items() if best.get((r, s), -1.0) < p}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared")
    ap.add_argument("--out", type=Path, default=MODEL_PATH)
    ap.add_argument("--folds", type=int, default=5)
    args = ap.parse_args(argv)
    shared = find_shared(args.shared)
    if shared is None:
        print("train-parser: no shared corpus (../shared/corpus, or set SHARED_DIR); nothing to train")
        return 0
    files = split_files(shared)["train"]
    articles = [article_candidates(p) for p in files]
    print(f"{len(files)} articles, {sum(len(a[0]) for a in articles)} candidates, "
          f"{sum(len(a[1]) for a in articles)} of them left out by the rules")
    # cross-validated probabilities, folds by article
    probs: list[np.ndarray] = [np.zeros(len(a[1])) for a in articles]
    for k in range(args.folds):
        train = [a for i, a in enumerate(articles) if i % args.folds != k]
        cands = [c for a in train for c in a[0]]
        labels = np.array([1.0 if (c.supplier, c.recipient) in a[3] else 0.0 for a in train for c in a[0]])
        vocab = vocabulary(cands)
        w = fit(matrix(cands, vocab), labels)
        for i, a in enumerate(articles):
            if i % args.folds == k and a[1]:
                x = np.hstack([matrix(a[1], vocab), np.ones((len(a[1]), 1))])
                probs[i] = 1.0 / (1.0 + np.exp(-np.clip(x @ w, -30, 30)))
    best_t, best_f1 = 1.0, -1.0
    for t in THRESHOLDS:
        tp = fp = fn = 0
        for (_rows, cands, rules, gold), pr in zip(articles, probs):
            pred = rules | chosen_pairs(cands, pr, t)
            tp, fp, fn = tp + len(pred & gold), fp + len(pred - gold), fn + len(gold - pred)
        p, r = tp / max(1, tp + fp), tp / max(1, tp + fn)
        f1 = 2 * p * r / max(1e-9, p + r)
        print(f"threshold {t:.3f}: P {p:.3f} R {r:.3f} F1 {f1:.3f} ({tp}/{fp}/{fn})")
        if f1 > best_f1:
            best_t, best_f1 = t, f1
    tp = sum(len(rules & gold) for _r, _c, rules, gold in articles)
    fp = sum(len(rules - gold) for _r, _c, rules, gold in articles)
    fn = sum(len(gold - rules) for _r, _c, rules, gold in articles)
    print(f"rules alone: {tp}/{fp}/{fn}; chosen threshold {best_t} (cross-validated F1 {best_f1:.3f})")
    cands = [c for a in articles for c in a[0]]
    labels = np.array([1.0 if (c.supplier, c.recipient) in a[3] else 0.0 for a in articles for c in a[0]])
    vocab = vocabulary(cands)
    w = fit(matrix(cands, vocab), labels)
    weights = {f: round(float(w[j]), 6) for f, j in vocab.items() if abs(w[j]) >= 1e-6}
    weights["bias"] = round(float(w[-1]), 6)
    model = {"_comment": "Written by make train-parser (bench/train_pairs.py); do not edit by hand.",
             "threshold": best_t, "weights": dict(sorted(weights.items()))}
    args.out.write_text(json.dumps(model, indent=1, sort_keys=False) + "\n", encoding="utf-8")
    print(f"wrote {args.out}: {len(weights)} weights")
    return 0


if __name__ == "__main__":
    sys.exit(main())
