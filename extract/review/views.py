"""The reviewed_* views: extracted rows with editors' latest decisions applied (the read contract).

For each target the latest live (not orphaned) decision wins: reject hides the row, correct
overrides the corrected fields, accept marks it, add makes a row appear. The views keep
exactly the base table's columns plus `review_status` (NULL | accepted | corrected | added).
"""

from __future__ import annotations

import sqlite3

from extract.review.kinds import ANCHOR_COLUMNS, KINDS, Kind

# Decisions whose anchor still holds, in history order (created_at, then insertion).
_LIVE = """
CREATE VIEW review_live AS
SELECT r.id AS review_id, r.target_type, a.target_id, r.decision, r.payload, r.created_at
FROM reviews r JOIN review_anchors a ON a.review_id = r.id
WHERE a.status <> 'orphaned'
"""
# One row per reviewed target: its latest decision, the latest corrected/added fields, the add.
_STATE = """
CREATE VIEW review_state AS
SELECT g.target_type, g.target_id,
  (SELECT x.decision FROM review_live x WHERE x.target_type = g.target_type AND x.target_id = g.target_id
   ORDER BY x.created_at DESC, x.review_id DESC LIMIT 1) AS decision,
  (SELECT x.payload FROM review_live x WHERE x.target_type = g.target_type AND x.target_id = g.target_id
     AND x.decision IN ('correct', 'add') ORDER BY x.created_at DESC, x.review_id DESC LIMIT 1) AS fields,
  (SELECT min(x.review_id) FROM review_live x WHERE x.target_type = g.target_type
     AND x.target_id = g.target_id AND x.decision = 'add') AS add_review_id,
  (SELECT count(*) FROM review_live x WHERE x.target_type = g.target_type AND x.target_id = g.target_id) AS reviews
FROM (SELECT DISTINCT target_type, target_id FROM review_live) g
"""
# What editors must look at: decisions whose value could not be found again after a rebuild.
_ORPHANS = """
CREATE VIEW review_orphans AS
SELECT r.id AS review_id, r.uid, r.target_type, r.target_id AS original_target_id,
       a.target_id AS last_target_id, r.decision, r.payload, r.editor, r.note, r.created_at,
       a.source, a.surface, a.context_before, a.context_after, a.reason, a.updated_at
FROM reviews r JOIN review_anchors a ON a.review_id = r.id
WHERE a.status = 'orphaned'
"""
HELPER_VIEWS = {"review_live": _LIVE, "review_state": _STATE, "review_orphans": _ORPHANS}


def reviewed_view_sql(conn: sqlite3.Connection, k: Kind) -> str:
    """The CREATE VIEW statement of reviewed_<table> for one kind, from the base table's columns."""
    cols = [r[1] for r in conn.execute(f"PRAGMA table_info({k.table})")]
    base = ", ".join(_base_col(c, k) for c in cols)
    added = ", ".join(_added_col(c, k) for c in cols)
    status = ("CASE WHEN s.decision IS NULL THEN NULL WHEN s.decision = 'accept' THEN 'accepted' "
              "ELSE 'corrected' END")
    unit_guard_b = unit_guard_a = ""
    if k.name == "unit":  # a rejected obligation takes its units with it
        guard = ("AND NOT EXISTS (SELECT 1 FROM review_state o WHERE o.target_type = 'obligation' "
                 "AND o.target_id = {} AND o.decision = 'reject')")
        unit_guard_b, unit_guard_a = guard.format("b.obligation_id"), guard.format("a.obligation_id")
    return f"""CREATE VIEW reviewed_{k.table} AS
SELECT {base}, {status} AS review_status
FROM {k.table} b LEFT JOIN review_state s ON s.target_type = '{k.name}' AND s.target_id = b.id
WHERE (s.decision IS NULL OR s.decision <> 'reject') {unit_guard_b}
UNION ALL
SELECT {added}, 'added' AS review_status
FROM review_state s JOIN review_anchors a ON a.review_id = s.add_review_id
WHERE s.target_type = '{k.name}' AND s.decision <> 'reject'
  AND NOT EXISTS (SELECT 1 FROM {k.table} b2 WHERE b2.id = s.target_id) {unit_guard_a}"""


def _base_col(c: str, k: Kind) -> str:
    if c in k.fields:
        return (f"CASE WHEN json_type(s.fields, '$.{c}') IS NOT NULL "
                f"THEN json_extract(s.fields, '$.{c}') ELSE b.\"{c}\" END AS \"{c}\"")
    return f'b."{c}"'


def _added_col(c: str, k: Kind) -> str:
    if c == "id":
        return 's.target_id AS "id"'
    if c == "method":
        return "'editor' AS \"method\""
    if c == "confidence":
        return '1.0 AS "confidence"'
    if c in k.fields:
        return f"json_extract(s.fields, '$.{c}') AS \"{c}\""
    if c in ANCHOR_COLUMNS:
        return f'a."{c}" AS "{c}"'
    if c in ("task_line", "task_start", "task_end"):  # an added obligation's task is where it was selected
        return f'a."{c.removeprefix("task_")}" AS "{c}"'
    return f"json_extract(s.fields, '$.{c}') AS \"{c}\""


def create_views(conn: sqlite3.Connection) -> None:
    """Drop and recreate the helper views and every reviewed_* view (idempotent)."""
    for k in KINDS.values():
        conn.execute(f"DROP VIEW IF EXISTS reviewed_{k.table}")
    for name in reversed(list(HELPER_VIEWS)):
        conn.execute(f"DROP VIEW IF EXISTS {name}")
    for sql in HELPER_VIEWS.values():
        conn.execute(sql)
    for k in KINDS.values():
        conn.execute(reviewed_view_sql(conn, k))
