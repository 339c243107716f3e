"""`gazette eval`: precision, recall and F1 per type against the hand-made dev gold.

The gold (tests/data/gold/) was labelled by reading the seed texts, never from the
rules. Inside each gold scope (a line range of a source) every value of every type
is labelled, so a prediction there that matches no gold record is a false positive.
A prediction matches a gold record of the same type and source when its key fields
agree and the gold record's line lies within the prediction's lines.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import regex

from extract.pipeline import SourceResult, process_file

GOLD_DIR = Path(__file__).resolve().parent.parent / "tests" / "data" / "gold"
TYPES = ("unit", "deadline", "amount", "target", "citation", "member", "document")

_WS_RE = regex.compile(r"\s+")


def _norm(v: Any) -> Any:
    if isinstance(v, float):
        return round(v, 2)
    if isinstance(v, str):
        return _WS_RE.sub("", v)
    return v


# The fields that must agree for a prediction to count as the gold value.
KEYS: dict[str, tuple[str, ...]] = {
    "unit": ("name", "role"),
    "deadline": ("kind", "date", "every"),
    "amount": ("value_yuan", "bound"),
    "target": ("value", "comparator"),
    "citation": ("doc_number", "title"),
    "member": ("person", "role"),
    "document": ("title", "doc_number", "date"),
}


@dataclass
class Score:
    """Counts and the mismatches behind them, for one type."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    false_positives: list[dict] = field(default_factory=list)
    false_negatives: list[dict] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def load_gold(gold_dir: Path = GOLD_DIR) -> tuple[list[dict], list[dict]]:
    """(records, scopes) of the dev gold."""
    scopes = [json.loads(x) for x in (gold_dir / "scopes.jsonl").read_text(encoding="utf-8").splitlines() if x]
    records: list[dict] = []
    for f in sorted(gold_dir.glob("0*.jsonl")):
        records += [json.loads(x) for x in f.read_text(encoding="utf-8").splitlines() if x.strip()]
    return records, scopes


def predictions(result: SourceResult) -> list[dict]:
    """The pipeline's output for one source as flat records comparable with the gold."""
    name = result.source.name
    out: list[dict] = []
    for o in result.obligations:
        for u, _sp in o.units:
            out.append({"type": "unit", "source": name, "line": o.span.line, "end_line": o.span.end_line,
                        "name": u.name, "role": u.role, "clause": o.clause})
    for v in result.values:
        rec = {"type": v.type, "source": name, "line": v.span.line, "end_line": v.span.end_line}
        rec.update({k: getattr(v.value, k) for k in v.value.__dataclass_fields__})
        out.append(rec)
    for d in result.documents:
        out.append({"type": "document", "source": name, "line": d.span.line, "end_line": d.span.line,
                    "title": d.title, "doc_number": d.doc_number, "date": d.date})
    return out


def in_scope(rec: dict, scopes: list[dict]) -> bool:
    if rec["type"] == "document":
        return True
    return any(
        s["source"] == rec["source"] and s["from_line"] <= rec["line"] <= s["to_line"] for s in scopes
    )


def score(gold: Iterable[dict], preds: Iterable[dict], scopes: list[dict]) -> dict[str, Score]:
    """Per-type scores: greedy one-to-one matching on source, key fields and line."""
    gold = [g for g in gold if g["type"] in KEYS]
    preds = [p for p in preds if p["type"] in KEYS and in_scope(p, scopes)]
    scores = {t: Score() for t in TYPES}
    used: set[int] = set()
    for p in preds:
        m = _match(p, gold, used)
        s = scores[p["type"]]
        if m is None:
            s.fp += 1
            s.false_positives.append(p)
        else:
            used.add(m)
            s.tp += 1
    for i, g in enumerate(gold):
        if i not in used:
            scores[g["type"]].fn += 1
            scores[g["type"]].false_negatives.append(g)
    return scores


def _match(p: dict, gold: list[dict], used: set[int]) -> int | None:
    keys = KEYS[p["type"]]
    for i, g in enumerate(gold):
        if i in used or g["type"] != p["type"] or g["source"] != p["source"]:
            continue
        lo, hi = p["line"], max(p.get("end_line", p["line"]), p["line"])
        lines = {g["line"], g.get("start_line", g["line"])}
        if not any(lo - 1 <= gl <= hi + 1 for gl in lines):
            continue
        if all(_norm(p.get(k)) == _norm(g.get(k)) for k in keys):
            return i
    return None


def evaluate(
    corpus_dir: Path, gold_dir: Path = GOLD_DIR, run: Callable[[Path], SourceResult] = process_file
) -> dict[str, Score]:
    """Run the pipeline over the gold's sources and score it."""
    gold, scopes = load_gold(gold_dir)
    names = sorted({g["source"] for g in gold})
    preds: list[dict] = []
    for n in names:
        preds += predictions(run(corpus_dir / n))
    return score(gold, preds, scopes)


def format_table(scores: dict[str, Score], title: str = "rules") -> str:
    """A plain-text table: type, gold, predicted, P, R, F1."""
    lines = [f"{title}", f"{'type':<10}{'gold':>6}{'pred':>6}{'P':>8}{'R':>8}{'F1':>8}"]
    for t, s in scores.items():
        lines.append(f"{t:<10}{s.tp + s.fn:>6}{s.tp + s.fp:>6}{s.precision:>8.3f}{s.recall:>8.3f}{s.f1:>8.3f}")
    return "\n".join(lines)
