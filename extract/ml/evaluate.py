"""`gazette eval-model`: rules vs model vs combined on the held-back dev documents only.

The gold and the predictions are both restricted to the line ranges of the documents the
model never trained on (recorded in the model's gazette.json, or recomputed with the same seed),
then scored with extract.evaluate.score.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from extract.evaluate import GOLD_DIR, Score, load_gold, predictions, score
from extract.ml.combine import ADMIT_ALL_ENV, MODEL_ENV, default_model_dir
from extract.pipeline import process_file

MODEL_TYPES = ("unit", "deadline", "amount", "target")
EXTRACTORS = ("rules", "model", "combined")


@contextmanager
def _env(name: str, value: str | None) -> Iterator[None]:
    old = os.environ.get(name)
    if value is not None:
        os.environ[name] = value
    try:
        yield
    finally:
        if old is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = old


def using_model(model_dir: Path | None):
    """Point combine() at `model_dir` for the duration (via $GAZETTE_MODEL)."""
    return _env(MODEL_ENV, str(model_dir) if model_dir is not None else None)


def held_back(corpus_dir: Path, model_dir: Path | None = None, gold_dir: Path = GOLD_DIR) -> list[dict]:
    """The held-back eval documents ({source, from_line, to_line, …}) of the model in `model_dir`."""
    from extract.ml.train import eval_documents

    docs = eval_documents(model_dir or default_model_dir())
    if docs is None:
        from extract.ml.data import assemble

        docs = [d.__dict__ for d in assemble(corpus_dir, gold_dir).eval_docs]
    return docs


def restrict(gold: list[dict], scopes: list[dict], docs: list[dict]) -> tuple[list[dict], list[dict]]:
    """Gold scopes cut down to the documents' line ranges, and the gold records inside them."""
    cut = []
    for s in scopes:
        for d in docs:
            lo, hi = max(s["from_line"], d["from_line"]), min(s["to_line"], d["to_line"])
            if s["source"] == d["source"] and lo <= hi:
                cut.append({**s, "from_line": lo, "to_line": hi})
    kept = [g for g in gold if g["type"] in MODEL_TYPES and any(
        s["source"] == g["source"] and s["from_line"] <= g["line"] <= s["to_line"] for s in cut)]
    return kept, cut


def evaluate_extractors(
    corpus_dir: Path, extractors: tuple[str, ...] = EXTRACTORS, model_dir: Path | None = None,
    gold_dir: Path = GOLD_DIR,
) -> dict[str, dict[str, Score]]:
    """Per extractor, per model type: scores on the held-back documents."""
    docs = held_back(corpus_dir, model_dir, gold_dir)
    gold, scopes = restrict(*load_gold(gold_dir), docs)
    sources = sorted({d["source"] for d in docs})
    out: dict[str, dict[str, Score]] = {}
    with using_model(model_dir), _env(ADMIT_ALL_ENV, "1"):  # combined judged on every type
        for ex in extractors:
            preds = [p for s in sources for p in predictions(process_file(corpus_dir / s, ex))
                     if p["type"] in MODEL_TYPES]
            scores = score(gold, preds, scopes)
            out[ex] = {t: scores[t] for t in MODEL_TYPES}
    return out


def winning_types(results: dict[str, dict[str, Score]]) -> list[str]:
    """The types where combined's F1 beats the rules' on the held-back documents."""
    return [t for t in MODEL_TYPES if results["combined"][t].f1 > results["rules"][t].f1]


def record_verdict(model_dir: Path, results: dict[str, dict[str, Score]]) -> list[str]:
    """Write the winning types into the model's gazette.json: combined adds model spans only for them."""
    from extract.ml import combine

    f = model_dir / "gazette.json"
    manifest = json.loads(f.read_text(encoding="utf-8")) if f.exists() else {}
    manifest["combined_types"] = wins = winning_types(results)
    manifest["eval"] = {ex: {t: {"p": round(s.precision, 3), "r": round(s.recall, 3), "f1": round(s.f1, 3),
                                 "gold": s.tp + s.fn} for t, s in r.items()} for ex, r in results.items()}
    f.write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    combine._admitted.cache_clear()
    return wins


def format_three_way(results: dict[str, dict[str, Score]]) -> str:
    """type, gold count, then P/R/F1 per extractor and combined − rules F1."""
    names = list(results)
    delta = "rules" in results and "combined" in results
    top = " " * 14 + "".join(f"  {n:<17}" for n in names)
    head = f"{'type':<9}{'gold':>5}" + "  P     R     F1   " * len(names) + ("  ΔF1" if delta else "")
    lines = [top.rstrip(), head.rstrip()]
    for t in MODEL_TYPES:
        first = results[names[0]][t]
        row = f"{t:<9}{first.tp + first.fn:>5}"
        for n in names:
            s = results[n][t]
            row += f"  {s.precision:.3f} {s.recall:.3f} {s.f1:.3f}"
        if delta:
            row += f"  {results['combined'][t].f1 - results['rules'][t].f1:+.3f}"
        lines.append(row)
    return "\n".join(lines)
