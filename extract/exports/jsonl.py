"""`gazette export`: the store as JSONL, one record per line, the contract in schemas/.

Every record has `type`, `id`, `source` (the input file's path relative to the build root), `line` and
`end_line` (1-based source lines), and `page`/`bbox` for PDF sources.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    import sqlite3

    import sqlite_utils

RECORD_TYPES = ("document", "provision", "event", "obligation", "deadline", "amount", "target", "citation", "member")
_VALUE_COLS = "id, source, line, end_line, page, bbox, document_id, provision_id, method, confidence"

_QUERIES = {
    "document": """SELECT d.id, d.source, d.line, d.end_line, d.page, d.bbox, d.title, d.attached_title,
                          d.doc_number, d.issuer, d.date, d.addressees, s.kind AS section
                   FROM documents d LEFT JOIN sections s ON s.id = d.section_id
                   ORDER BY d.source, d.start""",
    "provision": """SELECT id, source, line, end_line, page, bbox, document_id, parent_id, kind, label, path,
                           heading, text, cells
                    FROM provisions ORDER BY source, start, ordinal""",
    "event": """SELECT id, source, line, end_line, page, bbox, section_id, date, end_date, text
                FROM events ORDER BY source, start""",
    # extracted values come from the reviewed_* tables: editors' corrections win
    "obligation": f"""SELECT {_VALUE_COLS}, text, clause, kind FROM reviewed_obligations
                     ORDER BY source, start""",
    "deadline": f"""SELECT {_VALUE_COLS}, obligation_id, surface, kind, date, every, start_date
                   FROM reviewed_deadlines ORDER BY source, start""",
    "amount": f"""SELECT {_VALUE_COLS}, obligation_id, surface, value_yuan, low_yuan, high_yuan, bound, per, role,
                        currency, status
                 FROM reviewed_amounts ORDER BY source, start""",
    "target": f"""SELECT {_VALUE_COLS}, obligation_id, surface, indicator, value, high, unit, comparator, year, binding,
                        due FROM reviewed_targets ORDER BY source, start""",
    "citation": f"""SELECT {_VALUE_COLS}, surface, doc_number, title, cited_document_id
                   FROM reviewed_citations ORDER BY source, start""",
    "member": f"""SELECT {_VALUE_COLS}, group_name AS "group", role, person, position
                 FROM reviewed_members ORDER BY source, start""",
}
_UNITS_SQL = """SELECT name, canonical, role, surface FROM reviewed_obligation_units
                WHERE obligation_id = ? ORDER BY start, name"""
_JSON_COLUMNS = {"addressees", "cells", "bbox"}


def iter_records(db: sqlite_utils.Database | sqlite3.Connection, types: Iterable[str] = RECORD_TYPES) -> Iterator[dict[str, Any]]:
    """Export records of the given types, in source order."""
    for t in types:
        if t not in _QUERIES:
            raise ValueError(f"unknown record type {t!r}; known: {', '.join(RECORD_TYPES)}")
        cur = db.execute(_QUERIES[t])
        cols = [c[0] for c in cur.description]
        for row in cur:
            rec: dict[str, Any] = {"type": t}
            for c, v in zip(cols, row, strict=True):
                rec[c] = json.loads(v) if c in _JSON_COLUMNS and v is not None else v
            if t == "obligation":
                rec["units"] = [dict(zip(("name", "canonical", "role", "surface"), u, strict=True))
                                for u in db.execute(_UNITS_SQL, [rec["id"]])]
            yield rec


def write_jsonl(records: Iterable[dict[str, Any]], out: IO[str]) -> int:
    """Write records as JSON lines (UTF-8, Chinese unescaped); return how many."""
    n = 0
    for rec in records:
        out.write(json.dumps(rec, ensure_ascii=False) + "\n")
        n += 1
    return n
