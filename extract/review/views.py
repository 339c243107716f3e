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
_STATE_SELECT = """
SELECT target_type, target_id,
  max(CASE WHEN rn = 1 THEN decision END) AS decision,
  max(CASE WHEN rn_fields = 1 AND decision IN ('correct', 'add') THEN payload END) AS fields,
  min(CASE WHEN decision = 'add' THEN review_id END) AS add_review_id,
  count(*) AS reviews
FROM (SELECT x.*,
        row_number() OVER (PARTITION BY target_type, target_id
                           ORDER BY created_at DESC, review_id DESC) AS rn,
        row_number() OVER (PARTITION BY target_type, target_id, decision IN ('correct', 'add')
                           ORDER BY created_at DESC, review_id DESC) AS rn_fields
      FROM review_live x {where})
GROUP BY target_type, target_id"""
_STATE = "CREATE VIEW review_state AS" + _STATE_SELECT.format(where="")
# What editors must look at: decisions whose value could not be found again after a rebuild.
_ORPHANS = """
CREATE VIEW review_orphans AS
SELECT r.id AS review_id, r.uid, r.target_type, r.target_id AS original_target_id,
       a.target_id AS last_target_id, r.decision, r.payload, r.editor, r.note, r.created_at,
       a.source, a.surface, a.context_before, a.context_after, a.reason, a.updated_at
FROM reviews r JOIN review_anchors a ON a.review_id = r.id
WHERE a.status = 'orphaned'
"""


def state_of(target_type: str) -> str:
    """review_state restricted to one target type (computed before the join, not per row)."""
    return _STATE_SELECT.format(where=f"WHERE x.target_type = '{target_type}'")


HELPER_VIEWS = {"review_live": _LIVE, "review_state": _STATE, "review_orphans": _ORPHANS}


def reviewed_view_sql(conn: sqlite3.Connection, k: Kind) -> str:
    """The CREATE VIEW statement of reviewed_<table> for one kind, from the base table's columns."""
    cols = [r[1] for r in conn.execute(f"PRAGMA table_info({k.table})")]
    base = ", ".join(_base_col(c, k) for c in cols)
    added = ", ".join(_added_col(c, k) for c in cols)
    status = ("CASE WHEN s.decision IS NULL THEN NULL WHEN s.decision = 'accept' THEN 'accepted' "
              "ELSE 'corrected' END")
    unit_guard_b = unit_guard_a = ""
    with_ = f"WITH s_{k.name} AS ({state_of(k.name)})"
    if k.name == "unit":  # a rejected obligation takes its units with it
        with_ += f", s_ob AS ({state_of('obligation')})"
        guard = "AND NOT EXISTS (SELECT 1 FROM s_ob o WHERE o.target_id = {} AND o.decision = 'reject')"
        unit_guard_b, unit_guard_a = guard.format("b.obligation_id"), guard.format("a.obligation_id")
    return f"""CREATE VIEW reviewed_{k.table} AS {with_}
SELECT {base}, {status} AS review_status
FROM {k.table} b LEFT JOIN s_{k.name} s ON s.target_id = b.id
WHERE (s.decision IS NULL OR s.decision <> 'reject') {unit_guard_b}
UNION ALL
SELECT {added}, 'added' AS review_status
FROM s_{k.name} s JOIN review_anchors a ON a.review_id = s.add_review_id
WHERE s.decision <> 'reject'
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
