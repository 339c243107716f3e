"""Model spans → typed values, through the rule layer's own normalizers.

A model span is only a place in the text; its value comes from parse_deadline, parse_amount,
find_goal_values and parse_units, so model values are as typed and normalized as the rules'.
A span the normalizer cannot read yields None and is dropped.
"""

from __future__ import annotations

from dataclasses import replace

import regex

from extract.extractors.amounts import find_amounts
from extract.extractors.deadlines import parse_deadline
from extract.extractors.targets import find_goal_values
from extract.extractors.units import parse_units
from extract.ml.spans import ROLE_OF, Labelled
from extract.model import Amount, Deadline, Target, UnitMention

# Sentence ends (a target's indicator is read back to the start of its sentence).
_SENTENCE_END_RE = regex.compile(r"[。；;！？!?\n]")
# Clause ends (an amount's qualifier is looked for inside its clause).
_CLAUSE_END_RE = regex.compile(r"[，,。；;：:！？!?\n]")
# What may stand between two units of one list: 市残联、人社局 · 区教育局，区财政局 · 民政局和财政局.
_LIST_GAP_RE = regex.compile(r"[\s、，,和及与]*")


def deadline(text: str, span: Labelled, doc_date: str | None) -> Deadline | None:
    """The deadline a model span prints (`2021年12月底` → due 2021-12-31), offsets into `text`."""
    d = parse_deadline(text[span.start : span.end], doc_date)
    return replace(d, start=d.start + span.start, end=d.end + span.start) if d else None


def amount(text: str, span: Labelled) -> Amount | None:
    """The amount a model span prints (`最高10万元` → max 100000), offsets into `text`; the rest of its
    clause is read too, so a qualifier in front (最高, 不超过) still sets the bound."""
    a = max([m.end() for m in _CLAUSE_END_RE.finditer(text, 0, span.start)] + [span.start - 12, 0])
    m = _CLAUSE_END_RE.search(text, span.end)
    b = min(m.start() if m else len(text), span.end + 4)
    for x in find_amounts(text[a:b]):
        if a + x.start < span.end and span.start < a + x.end:
            return replace(x, start=a + x.start, end=a + x.end)
    return None


def sentence_range(text: str, pos: int) -> tuple[int, int]:
    """The sentence of `text` around position `pos` (end exclusive, its 。 included)."""
    s = max((m.end() for m in _SENTENCE_END_RE.finditer(text, 0, pos)), default=0)
    m = _SENTENCE_END_RE.search(text, pos)
    return s, m.end() if m else len(text)


def target(text: str, span: Labelled) -> Target | None:
    """The goal whose value a model span marks, its indicator read from the sentence before it."""
    s, e = sentence_range(text, span.start)
    for t in find_goal_values(text[s:e]):
        if s + t.start < span.end and span.start < s + t.end:
            return replace(t, start=s + t.start, end=s + t.end)
    return None


def unit_runs(spans: list[Labelled], text: str) -> list[list[Labelled]]:
    """Model unit spans grouped into lists (neighbours separated only by 、，和 …), in text order."""
    runs: list[list[Labelled]] = []
    for sp in sorted(spans, key=lambda s: s.start):
        if runs and _LIST_GAP_RE.fullmatch(text, runs[-1][-1].end, sp.start):
            runs[-1].append(sp)
        else:
            runs.append([sp])
    return runs


def units(text: str, run: list[Labelled], jurisdiction: str | None) -> list[tuple[UnitMention, Labelled]]:
    """Units of a run of model spans, read as one list so shared prefixes spread (`市残联、人社局` → 市人社局);
    each keeps the role its span was labelled with. Offsets into `text`."""
    a = run[0].start
    out = []
    for u in parse_units(text[a : run[-1].end], jurisdiction):
        u_start, u_end = a + u.start, a + u.end
        sp = next((s for s in run if s.start < u_end and u_start < s.end), None)
        if sp is not None:
            out.append((replace(u, role=ROLE_OF[sp.label], start=u_start, end=u_end), sp))  # type: ignore[arg-type]
    return out
