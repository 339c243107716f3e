"""A unit's workload: tasks it leads, co-operates on or is responsible for, and its nearest deadlines."""

from __future__ import annotations

import datetime as dt
from typing import Any

from extract.query.common import DB, connect, placeholders, resolve_units, rows, run, short_task, vocab


def units(
    db: DB, unit: str | None = None, as_of: str | None = None, deadlines: int | None = None,
    limit: int | None = 20,
) -> list[dict[str, Any]]:
    """Per unit (the one named, else the busiest): tasks by role and the next `deadlines` due dates after `as_of`.

    Next deadlines default to 3 for a named unit and to none for the listing of the busiest units
    (finding them for many large units reads most of a big store's deadlines).
    """
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
    n = (3 if unit else 0) if deadlines is None else deadlines
    as_of = as_of or dt.date.today().isoformat()
    counts = _counts(conn, [r["canonical"] for r in found])
    future = _future_deadlines(conn, as_of) if n > 0 else 0
    for r in found:
        r.update(counts[r["canonical"]])
        r["next_deadlines"] = _next_deadlines(conn, r["canonical"], as_of, n, r["tasks"], future)
    return found


def _counts(conn: Any, canonicals: list[str]) -> dict[str, dict[str, int]]:
    """Per unit: distinct tasks in each role; `tasks` is their sum (a unit named twice in one clause counts twice)."""
    out: dict[str, dict[str, int]] = {c: {"lead": 0, "co": 0, "responsible": 0, "tasks": 0} for c in canonicals}
    if not canonicals:
        return out
    for canonical, role, n in run(conn,
        f"""SELECT canonical, role, count(DISTINCT obligation_id) FROM reviewed_obligation_units
            WHERE canonical IN ({placeholders(canonicals)}) GROUP BY canonical, role""", canonicals):
        out[canonical][role] = n
        out[canonical]["tasks"] += n
    return out


def _future_deadlines(conn: Any, as_of: str) -> int:
    """How many deadlines fall on or after `as_of` (from the date index alone: a cost estimate, not an answer)."""
    return run(conn, "SELECT count(*) FROM deadlines WHERE date >= ?", [as_of]).fetchone()[0]


def _next_deadlines(conn: Any, canonical: str, as_of: str, n: int, tasks: int, future: int) -> list[dict[str, Any]]:
    """The unit's `n` earliest due dates on or after `as_of` (own deadlines, else their provision's).

    Walks whichever is smaller: the unit's tasks (then sorts), or the future deadlines in date order
    (stopping at `n`). CROSS JOIN fixes that loop order; `+` keeps the date index in charge.
    """
    if n <= 0 or tasks == 0 or future == 0:
        return []
    kinds = vocab()["due_kinds"]
    if tasks * 2 > future:
        own = "reviewed_deadlines dl CROSS JOIN reviewed_obligation_units u ON u.obligation_id = +dl.obligation_id"
        prov = ("reviewed_deadlines dl CROSS JOIN reviewed_obligations o ON o.provision_id = +dl.provision_id "
                "CROSS JOIN reviewed_obligation_units u ON u.obligation_id = o.id")
    else:
        own = "reviewed_obligation_units u CROSS JOIN reviewed_deadlines dl ON dl.obligation_id = u.obligation_id"
        prov = ("reviewed_obligation_units u CROSS JOIN reviewed_obligations o ON o.id = u.obligation_id "
                "CROSS JOIN reviewed_deadlines dl ON dl.provision_id = o.provision_id")
    cond = f"u.canonical = ? AND dl.kind IN ({placeholders(kinds)}) AND dl.date >= ?"
    picks: list[tuple[Any, ...]] = []
    for frm, extra in ((own, ""), (prov, " AND +dl.obligation_id IS NULL")):
        picks += run(conn,
            f"SELECT dl.date, dl.start, dl.surface, u.role, u.obligation_id FROM {frm} WHERE {cond}{extra} "
            f"ORDER BY dl.date LIMIT ?", [canonical, *kinds, as_of, n]).fetchall()
    picks = sorted(set(picks))[:n]
    return [_deadline_row(conn, *p) for p in picks]


def _deadline_row(conn: Any, date: str, _start: int, surface: str, role: str, ob: str) -> dict[str, Any]:
    r = rows(conn, """SELECT o.text, p.heading, p.path, d.doc_number FROM reviewed_obligations o
                      JOIN documents d ON d.id = o.document_id LEFT JOIN provisions p ON p.id = o.provision_id
                      WHERE o.id = ?""", [ob])[0]
    return {"date": date, "surface": surface, "role": role, "path": r["path"], "doc_number": r["doc_number"],
            "task": short_task(r["text"], r["heading"])}
