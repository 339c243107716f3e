"""`gazette eval`: precision, recall and F1 per type against the hand-made dev gold.

Two golds, the same format: the seed gold (tests/data/gold/, sources in corpus/, keyed by
file name) and the wild gold (tests/data/gold-wild/, sources under ../shared/wild/, keyed by
the path relative to that folder, e.g. `state-council/03_国发20194号.txt`). Both were labelled
by reading the texts, never from the rules. Inside each gold scope (a line range of a source) every value of every type
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

ROOT = Path(__file__).resolve().parent.parent
GOLD_DIR = ROOT / "tests" / "data" / "gold"
WILD_GOLD_DIR = ROOT / "tests" / "data" / "gold-wild"
WILD_DIR = ROOT.parent / "shared" / "wild"
# Slack (characters) around a prediction's span within which a gold record's `offset` must lie:
# one-line texts put every record on line 1, so there the offset does the work of the line.
_OFFSET_SLACK = 4
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


def load_gold(gold_dir: Path = GOLD_DIR, records_glob: str = "0*.jsonl") -> tuple[list[dict], list[dict]]:
    """(records, scopes) of a dev gold: scopes from `scopes*.jsonl`, records from the other files
    matching `records_glob` (the seed gold: `0*.jsonl`; the wild gold: every `*.jsonl`)."""
    scopes: list[dict] = []
    records: list[dict] = []
    for f in sorted(gold_dir.glob("*.jsonl")):
        rows = [json.loads(x) for x in f.read_text(encoding="utf-8").splitlines() if x.strip()]
        if f.name.startswith("scopes"):
            scopes += rows
        elif f.match(records_glob):
            records += rows
    return records, scopes


def predictions(result: SourceResult, name: str | None = None) -> list[dict]:
    """The pipeline's output for one source as flat records comparable with the gold, keyed by
    `name` (default: the file name; the wild gold keys by the path relative to the wild folder)."""
    name = name or result.source.name
    out: list[dict] = []
    for o in result.obligations:
        for u, sp in o.units:
            out.append({"type": "unit", "source": name, "line": o.span.line, "end_line": o.span.end_line,
                        "span_start": sp.start, "span_end": sp.end, "name": u.name, "role": u.role,
                        "clause": o.clause})
    for v in result.values:
        rec = {"type": v.type, "source": name, "line": v.span.line, "end_line": v.span.end_line,
               "span_start": v.span.start, "span_end": v.span.end}
        rec.update({k: getattr(v.value, k) for k in v.value.__dataclass_fields__})
        out.append(rec)
    for d in result.documents:
        # a document matches a gold document starting anywhere in its lines (menus may precede the title)
        out.append({"type": "document", "source": name, "line": d.span.line, "end_line": d.span.end_line,
                    "title": d.title or None, "doc_number": d.doc_number, "date": d.date})
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
        if g.get("offset") is not None and "span_start" in p and g["type"] != "document":
            if not p["span_start"] - _OFFSET_SLACK <= g["offset"] <= p["span_end"] + _OFFSET_SLACK:
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


@dataclass
class WildReport:
    """The wild gold's scores, or why there are none."""

    scores: dict[str, Score] | None
    message: str
    sources: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)


def evaluate_wild(
    wild_dir: Path = WILD_DIR, gold_dir: Path = WILD_GOLD_DIR,
    run: Callable[[Path], SourceResult] = process_file,
) -> WildReport:
    """Score the pipeline on the wild gold, each source keyed by its path relative to `wild_dir`.

    Says why instead of scoring when the wild folder or its gold is missing; a gold source not
    found under `wild_dir` is listed and its records count as misses.
    """
    if not wild_dir.is_dir():
        return WildReport(None, f"wild corpus not found at {wild_dir}: wild gold not scored")
    if not gold_dir.is_dir() or not any(gold_dir.glob("*.jsonl")):
        return WildReport(None, f"no wild gold in {gold_dir}: wild gold not scored")
    gold, scopes = load_gold(gold_dir, "*.jsonl")
    names = sorted({g["source"] for g in gold} | {s["source"] for s in scopes})
    preds: list[dict] = []
    missing: list[str] = []
    for n in names:
        path = wild_dir / n
        if path.is_file():
            preds += predictions(run(path), name=n)
        else:
            missing.append(n)
    msg = f"wild gold: {len(names)} sources under {_shown(wild_dir)}"
    return WildReport(score(gold, preds, scopes), msg, names, missing)


def _shown(wild_dir: Path) -> str:
    """The default wild folder as `../shared/wild` (the same on every checkout), another as given."""
    return "../shared/wild" if wild_dir.resolve() == WILD_DIR.resolve() else str(wild_dir)


def format_table(scores: dict[str, Score], title: str = "rules") -> str:
    """A plain-text table: type, gold, predicted, P, R, F1."""
    lines = [f"{title}", f"{'type':<10}{'gold':>6}{'pred':>6}{'P':>8}{'R':>8}{'F1':>8}"]
    for t, s in scores.items():
        lines.append(f"{t:<10}{s.tp + s.fn:>6}{s.tp + s.fp:>6}{s.precision:>8.3f}{s.recall:>8.3f}{s.f1:>8.3f}")
    return "\n".join(lines)
