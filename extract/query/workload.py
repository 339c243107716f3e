"""A unit's workload: tasks it leads, co-operates on or is responsible for, and its nearest deadlines."""

from __future__ import annotations

import datetime as dt
from typing import Any

from extract.query.common import DB, connect, placeholders, resolve_units, rows, short_task, vocab


def units(
    db: DB, unit: str | None = None, as_of: str | None = None, deadlines: int = 3, limit: int | None = 20,
) -> list[dict[str, Any]]:
    """Per unit (the one named, else the busiest): counts by role, documents, next deadlines after `as_of`."""
    conn = connect(db)
    if unit:
        canon = resolve_units(conn, unit)
        if not canon:
            return []
        found = rows(conn, f"SELECT canonical, level, kind FROM units WHERE canonical IN ({placeholders(canon)}) "
                           "ORDER BY obligations DESC", canon)
    else:
        found = rows(conn, "SELECT canonical, level, kind FROM units ORDER BY obligations DESC"
                     + (f" LIMIT {int(limit)}" if limit else ""))
    as_of = as_of or dt.date.today().isoformat()
    for r in found:
        r.update(_counts(conn, r["canonical"]))
        r["next_deadlines"] = _next_deadlines(conn, r["canonical"], as_of, deadlines)
    return found


def _counts(conn: Any, canonical: str) -> dict[str, int]:
    counts = {"lead": 0, "co": 0, "responsible": 0}
    for role, n in conn.execute(
        "SELECT role, count(DISTINCT obligation_id) FROM reviewed_obligation_units WHERE canonical = ? GROUP BY role",
        [canonical],
    ):
        counts[role] = n
    counts["tasks"] = conn.execute(
        "SELECT count(DISTINCT obligation_id) FROM reviewed_obligation_units WHERE canonical = ?", [canonical]
    ).fetchone()[0]
    counts["documents"] = conn.execute(
        """SELECT count(DISTINCT o.document_id) FROM reviewed_obligations o WHERE o.id IN
           (SELECT obligation_id FROM reviewed_obligation_units WHERE canonical = ?)""", [canonical]
    ).fetchone()[0]
    return counts


def _next_deadlines(conn: Any, canonical: str, as_of: str, n: int) -> list[dict[str, Any]]:
    """The unit's `n` earliest due dates on or after `as_of` (own deadlines, else their provision's)."""
    if n <= 0:
        return []
    kinds = vocab()["due_kinds"]
    ks = placeholders(kinds)
    found = rows(conn, f"""
        SELECT date, surface, role, text, heading, path, doc_number FROM (
          SELECT dl.date, dl.surface, u.role, o.text, p.heading, p.path, d.doc_number, dl.start
          FROM reviewed_obligation_units u
          JOIN reviewed_obligations o ON o.id = u.obligation_id
          JOIN reviewed_deadlines dl ON dl.obligation_id = o.id
          JOIN documents d ON d.id = o.document_id LEFT JOIN provisions p ON p.id = o.provision_id
          WHERE u.canonical = ? AND dl.kind IN ({ks}) AND dl.date >= ?
          UNION ALL
          SELECT dl.date, dl.surface, u.role, o.text, p.heading, p.path, d.doc_number, dl.start
          FROM reviewed_obligation_units u
          JOIN reviewed_obligations o ON o.id = u.obligation_id
          JOIN reviewed_deadlines dl ON dl.provision_id = o.provision_id AND dl.obligation_id IS NULL
          JOIN documents d ON d.id = o.document_id LEFT JOIN provisions p ON p.id = o.provision_id
          WHERE u.canonical = ? AND dl.kind IN ({ks}) AND dl.date >= ?)
        ORDER BY date, start LIMIT ?""", [canonical, *kinds, as_of, canonical, *kinds, as_of, n])
    for r in found:
        r["task"] = short_task(r.pop("text"), r.pop("heading"))
    return found
