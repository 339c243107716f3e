"""The combiner's decision per span: rules and model agree (both), only the model is sure (model),
only the rules found it (rule). Pure functions over Labelled spans of one provision text.
"""

from __future__ import annotations

from dataclasses import dataclass

from extract.ml.spans import Labelled, family

# A model-only span must score at least this to be kept (the rules' own spans need no model score).
MODEL_THRESHOLD = 0.6
# Agreement is worth at least this much confidence.
BOTH_FLOOR = 0.95


@dataclass(frozen=True)
class Merged:
    """One span after merging: its method and confidence, and which rule span it came from (if any)."""

    span: Labelled
    method: str  # rule | model | both
    confidence: float
    rule_index: int | None = None


def _overlap(a: Labelled, b: Labelled) -> bool:
    return a.start < b.end and b.start < a.end


def both_confidence(rule: float, model: float) -> float:
    """Two independent finders agreeing: noisy-or of their confidences, at least BOTH_FLOOR, below 1."""
    return min(0.99, max(BOTH_FLOOR, 1 - (1 - rule) * (1 - model)))


def merge(rules: list[Labelled], model: list[Labelled], threshold: float = MODEL_THRESHOLD) -> list[Merged]:
    """Merge one text's rule spans (weight = rule confidence) with its model spans (weight = score).

    A rule span overlapped by a model span of the same label is `both`; otherwise `rule`.
    A model span at or above `threshold` that overlaps no rule span of its family (UNIT roles are
    one family) is `model`; overlapping model-only spans keep the best-scoring one.
    """
    out: list[Merged] = []
    for i, r in enumerate(rules):
        agree = [m.weight for m in model if m.label == r.label and _overlap(m, r)]
        if agree:
            out.append(Merged(r, "both", both_confidence(r.weight, max(agree)), i))
        else:
            out.append(Merged(r, "rule", r.weight, i))
    kept: list[Labelled] = []
    for m in sorted(model, key=lambda m: (-m.weight, m.start, m.end)):
        if m.weight < threshold:
            continue
        if any(family(r.label) == family(m.label) and _overlap(r, m) for r in rules):
            continue
        if any(_overlap(k, m) for k in kept):
            continue
        kept.append(m)
    out += [Merged(m, "model", round(m.weight, 4)) for m in sorted(kept, key=lambda m: m.start)]
    return out
