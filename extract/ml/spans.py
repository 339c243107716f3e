"""Labelled character spans in provision texts: the unit of exchange between rules, gold and the model.

The model reads exactly the texts the rules read (each provision's reflowed paragraph text);
a `Labelled` span is (start, end, label) in that text. This module maps rule extractions
(whose Spans point into the source) back to paragraph offsets.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from dataclasses import dataclass

from extract.extractors.annotate import Extraction
from extract.extractors.targets import value_re
from extract.model import Document, Paragraph, Provision, Span

LABELS = ("UNIT_LEAD", "UNIT_CO", "UNIT_RESPONSIBLE", "DEADLINE", "AMOUNT", "TARGET")
UNIT_LABEL = {"lead": "UNIT_LEAD", "co": "UNIT_CO", "responsible": "UNIT_RESPONSIBLE"}
ROLE_OF = {v: k for k, v in UNIT_LABEL.items()}
VALUE_LABEL = {"deadline": "DEADLINE", "amount": "AMOUNT", "target": "TARGET"}
# Provisions whose paragraph the model does not read: rosters hold members, tables repeat their rows.
SKIPPED_KINDS = frozenset({"roster", "table"})


@dataclass(frozen=True)
class Labelled:
    """A labelled span of a provision's paragraph text, with how sure its origin is."""

    start: int
    end: int
    label: str
    weight: float = 1.0


def family(label: str) -> str:
    """UNIT for every unit role, else the label itself (what two spans must share to agree)."""
    return "UNIT" if label.startswith("UNIT_") else label


def type_of(label: str) -> str:
    """The record type a label stands for: UNIT_CO → unit, DEADLINE → deadline."""
    return "unit" if label.startswith("UNIT_") else label.lower()


def readable(doc: Document) -> Iterator[Provision]:
    """The provisions whose paragraph text the model reads, in document order."""
    for prov in doc.provisions:
        if prov.paragraph is not None and prov.kind not in SKIPPED_KINDS and prov.paragraph.text.strip():
            yield prov


def para_range(para: Paragraph, start: int, end: int) -> tuple[int, int] | None:
    """Paragraph offsets [a, b) of source offsets [start, end), or None when not inside the paragraph."""
    offs = para.offsets
    if not offs or start < offs[0] or start > offs[-1]:
        return None
    a = bisect.bisect_left(offs, start)
    b = bisect.bisect_left(offs, end)
    if a >= len(offs) or offs[a] != start or b <= a:
        return None
    return a, b


def _value_part(text: str, a: int, b: int) -> tuple[int, int]:
    """The value of a target surface (`残疾儿童义务教育入学率达到97%以上` → `达到97%以上`)."""
    last = None
    for m in value_re().finditer(text, a, b):
        last = m
    return (last.start(), last.end()) if last else (a, b)


def rule_items(doc: Document, found: Extraction) -> Iterator[tuple[object, str, Labelled]]:
    """(key, provision id, span) of each rule extraction the model could also find; the key is
    ("unit", obligation index, unit index) or ("value", value index). Inherited clauses are left out."""
    provs = {p.id: p for p in readable(doc)}
    for i, ob in enumerate(found.obligations):
        prov = provs.get(ob.provision_id)
        if prov is None or ob.kind == "inherited":
            continue
        for j, (u, sp) in enumerate(ob.units):
            lab = _labelled(prov, sp, UNIT_LABEL[u.role], ob.confidence)
            if lab is not None:
                yield ("unit", i, j), prov.id, lab
    for i, v in enumerate(found.values):
        prov = provs.get(v.provision_id)
        if prov is not None and v.type in VALUE_LABEL:
            lab = _labelled(prov, v.span, VALUE_LABEL[v.type], v.confidence)
            if lab is not None:
                yield ("value", i), prov.id, lab


def rule_spans(doc: Document, found: Extraction) -> dict[str, list[Labelled]]:
    """Labelled spans of the rules' extractions, per readable provision id."""
    out: dict[str, list[Labelled]] = {p.id: [] for p in readable(doc)}
    for _key, pid, lab in rule_items(doc, found):
        out[pid].append(lab)
    return out


def _labelled(prov: Provision, sp: Span, label: str, conf: float) -> Labelled | None:
    para = prov.paragraph
    assert para is not None
    r = para_range(para, sp.start, sp.end)
    if r is None:
        return None
    a, b = r
    if label == "TARGET":
        a, b = _value_part(para.text, a, b)
    a, b = trim(para.text, a, b)
    return Labelled(a, b, label, conf) if b > a else None


def trim(text: str, a: int, b: int) -> tuple[int, int]:
    """[a, b) without surrounding whitespace."""
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def dedupe(spans: list[Labelled]) -> list[Labelled]:
    """One span per (start, end, label), sorted; the heaviest wins."""
    best: dict[tuple[int, int, str], Labelled] = {}
    for s in spans:
        k = (s.start, s.end, s.label)
        if k not in best or s.weight > best[k].weight:
            best[k] = s
    return sorted(best.values(), key=lambda s: (s.start, s.end, s.label))
