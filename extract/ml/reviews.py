"""Editors' review decisions as training signals, read defensively from the store's `reviews` table.

accepted → the reviewed span is a positive (gold); rejected → a negative (removed from the silver);
corrected → gold with the corrected role/offsets from the payload; added → gold. A store without
the table, rows pointing at vanished records, or payloads that are not JSON are skipped.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from extract.ml.spans import UNIT_LABEL, VALUE_LABEL

# reviews.target_type → the table holding the reviewed record.
TABLES = {
    "unit": "obligation_units", "obligation_unit": "obligation_units", "obligation_units": "obligation_units",
    "deadline": "deadlines", "deadlines": "deadlines", "amount": "amounts", "amounts": "amounts",
    "target": "targets", "targets": "targets",
}
POSITIVE = {"accept", "accepted", "correct", "corrected", "add", "added"}
NEGATIVE = {"reject", "rejected"}


@dataclass(frozen=True)
class Signal:
    """A reviewed span of a source (source offsets) with its label, positive or negative."""

    source: str
    start: int
    end: int
    label: str
    positive: bool


def _label(table: str, row: dict, payload: dict) -> str | None:
    if table == "obligation_units":
        return UNIT_LABEL.get(str(payload.get("role") or row.get("role") or ""))
    return VALUE_LABEL.get(table.rstrip("s"))


def _signal(db: sqlite3.Connection, ttype: str, tid: str, decision: str, payload: dict,
            anchor: dict) -> Signal | None:
    table = TABLES.get((ttype or "").lower())
    decision = (decision or "").lower()
    if table is None or decision not in POSITIVE | NEGATIVE:
        return None
    cur = db.execute(f'SELECT * FROM "{table}" WHERE id = ?', [tid])  # table name from TABLES only
    found = cur.fetchone()
    row = dict(zip([c[0] for c in cur.description], found, strict=True)) if found else {}
    # where: the reviewed row as extracted now, else the added value's place, else the review's anchor
    where = next((w for w in (row, payload, anchor) if isinstance(w.get("start"), int) and w.get("source")), {})
    source, start, end = where.get("source"), where.get("start"), where.get("end")
    label = _label(table, row, payload)
    if not source or not isinstance(start, int) or not isinstance(end, int) or end <= start or label is None:
        return None
    return Signal(str(source), start, end, label, decision in POSITIVE)


def read_reviews(db_path: str | Path) -> list[Signal]:
    """Training signals from the store's `reviews` table, oldest first (later decisions override)."""
    p = Path(db_path)
    if not p.exists():
        return []
    db = sqlite3.connect(f"file:{p}?mode=ro", uri=True)
    try:
        cols = {r[1] for r in db.execute("PRAGMA table_info(reviews)")}
        if not {"target_type", "target_id", "decision"} <= cols:
            return []
        order = "rowid" if "created_at" not in cols else "created_at, rowid"
        extra = [c if c.strip('"') in cols else "NULL" for c in ("payload", "source", "start", '"end"')]
        rows = db.execute(f"SELECT target_type, target_id, decision, {', '.join(extra)} FROM reviews "
                          f"ORDER BY {order}").fetchall()
        out = []
        for ttype, tid, decision, raw, source, start, end in rows:
            try:
                payload = json.loads(raw) if raw else {}
            except (TypeError, ValueError):
                payload = {}
            anchor = {"source": source, "start": start, "end": end}
            sig = _signal(db, ttype, tid, decision, payload if isinstance(payload, dict) else {}, anchor)
            if sig is not None:
                out.append(sig)
        return out
    except sqlite3.Error:
        return []
    finally:
        db.close()
