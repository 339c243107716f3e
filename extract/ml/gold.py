"""The hand-made dev gold as labelled spans: each gold record located in the provision text that printed it.

Gold records give a line and a normalized value (surface, unit name, target value), not offsets.
A record is placed by searching its surface (spaces allowed between characters, as the sources
print `2021 年 12 月`) in the provision text near its line; the nearest occurrence wins.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from extract.extractors.targets import parse_number, value_re
from extract.ml.spans import UNIT_LABEL, VALUE_LABEL, Labelled, readable, trim
from extract.model import Document, Provision, Source

GOLD_WEIGHT = 1.0
# How far (in source lines) after its gold line a value or a unit may be printed.
VALUE_LINES, UNIT_LINES = 3, 8


@dataclass
class Located:
    """Gold spans of one provision, and how many of its records could not be placed."""

    provision: Provision
    spans: list[Labelled]
    missed: int = 0


def line_numbers(source: Source, prov: Provision) -> list[int]:
    """The source line of each character of a provision's paragraph text."""
    assert prov.paragraph is not None
    return [source.line_at(o).number for o in prov.paragraph.offsets]


def _flex(needle: str) -> regex.Pattern | None:
    chars = [c for c in needle if not c.isspace() and c not in "*#"]
    return regex.compile(r"\s*".join(map(regex.escape, chars))) if chars else None


def _nearest(spans: list[tuple[int, int]], lines: list[int], line: int, reach: int) -> tuple[int, int] | None:
    """The span starting on `line` or soonest after it (within `reach` lines); one line before is tolerated."""
    ok = [(a, b) for a, b in spans if line - 1 <= lines[a] <= line + reach]
    return min(ok, key=lambda s: (abs(lines[s[0]] - line), s[0])) if ok else None


def _surface(text: str, lines: list[int], rec: dict) -> tuple[int, int] | None:
    pat = _flex(rec.get("surface") or "")
    if pat is None:
        return None
    return _nearest([m.span() for m in pat.finditer(text)], lines, rec["line"], VALUE_LINES)


def _target(text: str, lines: list[int], rec: dict) -> tuple[int, int] | None:
    hits = []
    for m in value_re().finditer(text):
        v = parse_number(m.group("num"))
        if v is not None and rec.get("value") is not None and abs(v - float(rec["value"])) < 1e-6:
            hits.append(m.span())
    return _nearest(hits, lines, rec["line"], VALUE_LINES)


def _unit(text: str, lines: list[int], rec: dict, used: set[tuple[int, int]]) -> tuple[int, int] | None:
    """The longest piece of the unit's name printed near its clause (`市人社局` is printed `人社局`)."""
    name = regex.sub(r"\s+", "", rec.get("name") or "")
    for size in range(len(name), 1, -1):
        hits: list[tuple[int, int]] = []
        for i in range(len(name) - size + 1):
            pat = _flex(name[i : i + size])
            if pat is not None:
                hits += [m.span() for m in pat.finditer(text) if m.span() not in used]
        best = _nearest(hits, lines, rec["line"], UNIT_LINES)
        if best is not None:
            return best
    return None


def locate(source: Source, prov: Provision, records: list[dict]) -> Located:
    """Gold spans of `records` (all printed in `prov`) in the provision's paragraph text."""
    assert prov.paragraph is not None
    text, lines = prov.paragraph.text, line_numbers(source, prov)
    out, used, missed = [], set(), 0
    for rec in records:
        t = rec["type"]
        if t == "unit":
            label = UNIT_LABEL.get(rec.get("role", ""))
            r = _unit(text, lines, rec, used) if label else None
        elif t == "target":
            label, r = VALUE_LABEL[t], _target(text, lines, rec)
        else:
            label, r = VALUE_LABEL[t], _surface(text, lines, rec)
        if r is None or label is None:
            missed += 1
            continue
        used.add(r)
        a, b = trim(text, *r)
        out.append(Labelled(a, b, label, GOLD_WEIGHT))
    return Located(prov, out, missed)


def in_scopes(source: Source, line_from: int, line_to: int, scopes: list[dict]) -> bool:
    """Whether lines [line_from, line_to] of `source` lie inside one gold scope."""
    return any(s["source"] == source.name and s["from_line"] <= line_from and line_to <= s["to_line"]
               for s in scopes)


def gold_provisions(source: Source, doc: Document, records: list[dict], scopes: list[dict]) -> list[Located]:
    """Every readable provision of `doc` lying wholly inside a gold scope, with its gold spans."""
    wanted = [r for r in records if r["source"] == source.name and (r["type"] == "unit" or r["type"] in VALUE_LABEL)]
    out = []
    for prov in readable(doc):
        assert prov.paragraph is not None
        first, last = source.line_at(prov.paragraph.start).number, source.line_at(prov.paragraph.end - 1).number
        if not in_scopes(source, first, last, scopes):
            continue
        mine = [r for r in wanted if first <= r["line"] <= last]
        out.append(locate(source, prov, mine))
    return out
