"""What editors can review: each target type, its table, the fields a correction may set.

Mirrors the store's value tables (extract/store/schema.sql) and the enumerations of
extract/model.py, so the app can offer a select for enumerated fields.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Kind:
    """A reviewable target type."""

    name: str  # target_type in `reviews`
    table: str  # base table of extracted rows
    fields: tuple[str, ...]  # fields a correction or an addition may set
    numeric: tuple[str, ...] = ()  # fields stored as numbers
    integer: tuple[str, ...] = ()


KINDS: dict[str, Kind] = {
    k.name: k
    for k in (
        Kind("obligation", "obligations", ("text", "clause", "kind")),
        Kind("unit", "obligation_units", ("name", "canonical", "role", "surface")),
        Kind("deadline", "deadlines", ("surface", "kind", "date", "every", "start_date")),
        Kind("amount", "amounts", ("surface", "value_yuan", "low_yuan", "high_yuan", "bound", "per", "role",
                                   "currency", "status"),
             numeric=("value_yuan", "low_yuan", "high_yuan")),
        Kind("target", "targets", ("surface", "indicator", "value", "high", "unit", "comparator", "year", "binding",
                                   "due"),
             numeric=("value", "high"), integer=("year",)),
        Kind("citation", "citations", ("surface", "doc_number", "title")),
        Kind("member", "members", ("group_name", "role", "person", "position")),
    )
}
ADDED_PREFIX = "add-"  # ids of values editors added (extracted ids are hex digests)
DECISIONS = ("accept", "reject", "correct", "add")

# Enumerated fields (from extract/model.py): the app shows a select, the store checks the value.
CHOICES: dict[tuple[str, str], tuple[str, ...]] = {
    ("unit", "role"): ("lead", "co", "responsible"),
    ("deadline", "kind"): ("due", "effective", "expires", "target_year", "recurring"),
    ("deadline", "every"): ("", "year", "half_year", "quarter", "month", "week"),
    ("amount", "bound"): ("exact", "min", "max", "range"),
    ("target", "comparator"): (">", ">=", "<", "<=", "="),
    ("target", "binding"): ("", "expected", "binding"),
    ("obligation", "kind"): ("parenthetical", "inline", "duty_line", "label_lines", "table", "inherited"),
}
# Date fields: ISO dates (2022-12-31), checked on the way in.
DATE_FIELDS = {("deadline", "date"), ("deadline", "start_date"), ("target", "due")}
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

# Columns an added row takes from its anchor (where it is printed and what it belongs to).
ANCHOR_COLUMNS = ("source", "start", "end", "line", "end_line", "page", "bbox",
                  "provision_id", "document_id", "obligation_id")


def kind(name: str) -> Kind:
    """The Kind for a target type; ValueError for an unknown one."""
    try:
        return KINDS[name]
    except KeyError:
        raise ValueError(f"unknown target type {name!r}; known: {', '.join(KINDS)}") from None


def clean_fields(target_type: str, fields: dict) -> dict:
    """Keep the editable fields of `target_type`, typed (numbers as numbers, '' as null); ValueError if bad."""
    k = kind(target_type)
    out: dict = {}
    for f, v in fields.items():
        if f not in k.fields:
            continue
        if v is not None and (isinstance(v, bool) or not isinstance(v, str | int | float)):
            raise ValueError(f"{target_type}.{f} must be text or a number, not {type(v).__name__}")
        if isinstance(v, str):
            v = v.strip()
        if v == "" or v is None:
            out[f] = None
            continue
        if f in k.numeric or f in k.integer:
            try:
                v = int(v) if f in k.integer else float(v)
            except (TypeError, ValueError):
                raise ValueError(f"{target_type}.{f} must be a number, not {v!r}") from None
        choices = CHOICES.get((target_type, f))
        if choices and v not in choices:
            raise ValueError(f"{target_type}.{f} must be one of {', '.join(c for c in choices if c)}, not {v!r}")
        if (target_type, f) in DATE_FIELDS and not _ISO_DATE.fullmatch(str(v)):
            raise ValueError(f"{target_type}.{f} must be an ISO date like 2022-12-31, not {v!r}")
        out[f] = v
    return out
