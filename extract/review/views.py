"""The reviewed_* tables: extracted rows with editors' latest decisions applied (the read contract).

For each target the latest live (not orphaned) decision wins: reject hides the row, correct
overrides the corrected fields, accept marks it, add makes a row appear. `review_state` holds that
latest state, one row per target. They keep exactly the base table's columns plus `review_status`
(NULL | accepted | corrected | added).

A kind without a live decision keeps reviewed_<table> as a plain view over <table> (nothing copied,
the base tables' indexes answer: the store stays small, issue 14). The first decision on a kind turns
its view into a table (DDL in extract/store/schema.sql) materialized from review_state, so queries
keep their indexes however many decisions there are; units follow their obligations' decisions too.
A kind whose decisions are all gone (orphaned) is turned back into a view.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

import regex

from extract.review.kinds import ANCHOR_COLUMNS, KINDS, Kind
from extract.store.schema import reviewed_ddl

ADDED_ROWID = 1 << 50  # rowids of added rows (base rows keep their base rowid, so scans keep their order)
Key = tuple[str, str]  # (target_type, target_id)

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
_STATE_TABLE = """
CREATE TABLE IF NOT EXISTS review_state (
    target_type TEXT NOT NULL, target_id TEXT NOT NULL,
    decision TEXT, fields TEXT, add_review_id INTEGER, reviews INTEGER,
    PRIMARY KEY (target_type, target_id)
)"""
# What editors must look at: decisions whose value could not be found again after a rebuild.
_ORPHANS = """
CREATE VIEW review_orphans AS
SELECT r.id AS review_id, r.uid, r.target_type, r.target_id AS original_target_id,
       a.target_id AS last_target_id, r.decision, r.payload, r.editor, r.note, r.created_at,
       a.source, a.surface, a.context_before, a.context_after, a.reason, a.updated_at
FROM reviews r JOIN review_anchors a ON a.review_id = r.id
WHERE a.status = 'orphaned'
"""
HELPER_VIEWS = {"review_live": _LIVE, "review_orphans": _ORPHANS}
# Which column of an added row (alias s = review_state, a = its add anchor) a refresh filters on.
_ADDED_FILTER = {"id": "s.target_id", "obligation_id": "a.obligation_id", "source": "a.source"}


def state_of(target_type: str) -> str:
    """review_state restricted to one target type."""
    return f"SELECT * FROM review_state WHERE target_type = '{target_type}'"


def create_views(conn: sqlite3.Connection) -> None:
    """Recreate the helper views and create the review_state table (idempotent; replaces older views);
    a reviewed_<table> missing from the store is created as a view."""
    kinds = dict(conn.execute("SELECT name, type FROM sqlite_master WHERE name LIKE 'review%'").fetchall())
    for name in ("review_state", *reversed(list(HELPER_VIEWS))):
        if kinds.get(name) == "view":
            conn.execute(f"DROP VIEW {name}")
    for sql in HELPER_VIEWS.values():
        conn.execute(sql)
    conn.execute(_STATE_TABLE)
    for k in KINDS.values():
        if f"reviewed_{k.table}" not in kinds:
            as_view(conn, k)


def materialized(conn: sqlite3.Connection, k: Kind) -> bool:
    """Whether reviewed_<table> of this kind is a table (the kind has decisions), not a view."""
    row = conn.execute("SELECT type FROM sqlite_master WHERE name = ?", (f"reviewed_{k.table}",)).fetchone()
    return row is not None and row[0] == "table"


def needs_table(conn: sqlite3.Connection, k: Kind) -> bool:
    """Whether decisions apply to this kind's rows: its own, or (for units) their obligations'."""
    types = ("unit", "obligation") if k.name == "unit" else (k.name,)
    marks = ", ".join("?" * len(types))
    return conn.execute(f"SELECT 1 FROM review_state WHERE target_type IN ({marks}) LIMIT 1", types
                        ).fetchone() is not None


def as_view(conn: sqlite3.Connection, k: Kind) -> None:
    """Make reviewed_<table> a view over <table> with a NULL review_status (no decisions: no copy)."""
    _drop_reviewed(conn, k)
    cols = ", ".join(f'"{c}"' for c in _columns(conn, k.table))
    conn.execute(f"CREATE VIEW reviewed_{k.table} AS SELECT {cols}, NULL AS review_status FROM {k.table}")
    if _has_stats(conn):  # the copy's planner statistics went with it
        conn.execute("DELETE FROM sqlite_stat1 WHERE tbl = ?", (f"reviewed_{k.table}",))


def as_table(conn: sqlite3.Connection, k: Kind) -> None:
    """Make reviewed_<table> a materialized table filled from review_state (inside the caller's
    transaction: the DDL is run statement by statement, never as a script that would commit)."""
    _drop_reviewed(conn, k)
    own = regex.compile(rf"\breviewed_{k.table}\b")
    for sql in reviewed_ddl():
        if own.search(sql):
            conn.execute(sql)
    _refill_all(conn, k)
    _copy_stats(conn, [k])


def settle(conn: sqlite3.Connection) -> list[Kind]:
    """Give each kind the form its decisions call for (a table when it has some, else a view); return
    the kinds that were turned into tables just now (they are filled and current)."""
    fresh = []
    for k in KINDS.values():
        need, have = needs_table(conn, k), materialized(conn, k)
        if need and not have:
            as_table(conn, k)
            fresh.append(k)
        elif have and not need:
            as_view(conn, k)
    return fresh


def _drop_reviewed(conn: sqlite3.Connection, k: Kind) -> None:
    row = conn.execute("SELECT type FROM sqlite_master WHERE name = ?", (f"reviewed_{k.table}",)).fetchone()
    if row:
        conn.execute(f"DROP {row[0].upper()} reviewed_{k.table}")


def _has_stats(conn: sqlite3.Connection) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'").fetchone() is not None


def reviewed_select(conn: sqlite3.Connection, k: Kind, col: str | None = None, rhs: str = "") -> str:
    """SELECT rowid, base columns…, review_status of reviewed_<table>, optionally only rows whose `col` `rhs`.

    `col` is id, obligation_id or source; `rhs` e.g. `= ?` (the parameters then appear twice).
    """
    cols = _columns(conn, k.table)
    base = ", ".join(_base_col(c, k) for c in cols)
    added = ", ".join(_added_col(c, k) for c in cols)
    status = ("CASE WHEN s.decision IS NULL THEN NULL WHEN s.decision = 'accept' THEN 'accepted' "
              "ELSE 'corrected' END")
    guard_b = guard_a = ""
    if k.name == "unit":  # a rejected obligation takes its units with it
        guard = ("AND NOT EXISTS (SELECT 1 FROM review_state o WHERE o.target_type = 'obligation' "
                 "AND o.target_id = {} AND o.decision = 'reject')")
        guard_b, guard_a = guard.format("b.obligation_id"), guard.format("a.obligation_id")
    filter_b = f'AND b."{col}" {rhs}' if col else ""
    filter_a = f"AND {_ADDED_FILTER[col]} {rhs}" if col else ""
    return f"""SELECT b.rowid, {base}, {status} AS review_status
FROM {k.table} b LEFT JOIN review_state s ON s.target_type = '{k.name}' AND s.target_id = b.id
WHERE (s.decision IS NULL OR s.decision <> 'reject') {guard_b} {filter_b}
UNION ALL
SELECT {ADDED_ROWID} + s.add_review_id, {added}, 'added' AS review_status
FROM review_state s JOIN review_anchors a ON a.review_id = s.add_review_id
WHERE s.target_type = '{k.name}' AND s.decision <> 'reject'
  AND NOT EXISTS (SELECT 1 FROM {k.table} b2 WHERE b2.id = s.target_id) {guard_a} {filter_a}"""


def _columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]


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


def refill(conn: sqlite3.Connection, k: Kind, col: str | None = None, rhs: str = "",
           args: tuple = ()) -> None:
    """Replace the rows of reviewed_<table> whose `col` `rhs` (all rows without `col`) by fresh ones."""
    cols = ", ".join(f'"{c}"' for c in _columns(conn, k.table))
    where = f'WHERE "{col}" {rhs}' if col else ""
    conn.execute(f"DELETE FROM reviewed_{k.table} {where}", args)
    conn.execute(f"INSERT INTO reviewed_{k.table} (rowid, {cols}, review_status) "
                 f"{reviewed_select(conn, k, col, rhs)}", args * 2 if col else ())


# ---------------------------------------------------------------- keeping the tables current

def _snapshot(conn: sqlite3.Connection) -> set[tuple]:
    """review_state with each add's anchor version (re-anchoring may move an added row)."""
    return set(conn.execute("""SELECT s.*, a.updated_at FROM review_state s
                               LEFT JOIN review_anchors a ON a.review_id = s.add_review_id"""))


def refresh_state(conn: sqlite3.Connection) -> set[Key]:
    """Recompute review_state from the live decisions; return the targets whose state changed."""
    old = _snapshot(conn)
    conn.execute("DELETE FROM review_state")
    conn.execute("INSERT INTO review_state " + _STATE_SELECT.format(where=""))
    return {(r[0], r[1]) for r in old ^ _snapshot(conn)}


def refresh_targets(conn: sqlite3.Connection, keys: Iterable[Key]) -> None:
    """Bring the reviewed rows of these targets up to date, their review_state first.

    A decision on an obligation also refreshes its units (a rejected obligation hides them). The first
    decision on a kind turns its reviewed_* view into a table (filled from the whole review_state).
    """
    keys = list(keys)
    for target_type, target_id in keys:
        if target_type in KINDS:
            conn.execute("DELETE FROM review_state WHERE target_type = ? AND target_id = ?", (target_type, target_id))
            conn.execute("INSERT INTO review_state " + _STATE_SELECT.format(
                where="WHERE x.target_type = ? AND x.target_id = ?"), (target_type, target_id))
    _refill_targets(conn, keys, {k.name for k in settle(conn)})


def _refill_targets(conn: sqlite3.Connection, keys: list[Key], fresh: set[str]) -> None:
    """Refill the reviewed rows of these targets in the tables that were not just filled whole (`fresh`)."""
    for target_type, target_id in keys:
        k = KINDS.get(target_type)
        if k is None:
            continue
        if k.name not in fresh and materialized(conn, k):
            refill(conn, k, "id", "= ?", (target_id,))
        unit = KINDS["unit"]
        if k.name == "obligation" and unit.name not in fresh and materialized(conn, unit):
            refill(conn, unit, "obligation_id", "= ?", (target_id,))


def materialize(conn: sqlite3.Connection) -> dict[str, int]:
    """After a build or an import: refresh review_state, give each kind its form (view or table), refill
    the tables' rows of the sources written since last time, then the targets whose state changed.
    Returns what it did (sources written, whether a table was filled whole, targets refreshed)."""
    changed = refresh_state(conn)
    dirty = conn.execute("SELECT count(*) FROM reviewed_dirty").fetchone()[0]
    fresh = settle(conn)
    tables = [k for k in KINDS.values() if k not in fresh and materialized(conn, k)]
    clean = conn.execute("SELECT count(*) FROM sources WHERE name NOT IN (SELECT source FROM reviewed_dirty)"
                         ).fetchone()[0]
    whole = bool(fresh) or bool(tables and dirty and not clean)
    if dirty and not clean:  # everything written anew: one INSERT … SELECT per table
        for k in tables:
            _refill_all(conn, k)
        tables = []
    elif dirty:
        for k in tables:
            refill(conn, k, "source", "IN (SELECT source FROM reviewed_dirty)")
        if KINDS["citation"] in tables:
            conn.execute("""UPDATE reviewed_citations SET cited_document_id = c.cited_document_id
                            FROM citations c WHERE c.id = reviewed_citations.id
                              AND reviewed_citations.cited_document_id IS NOT c.cited_document_id""")
    names = {k.name for k in tables} | ({"obligation"} if KINDS["unit"] in tables else set())
    _refill_targets(conn, sorted(key for key in changed if key[0] in names), {k.name for k in fresh})
    if dirty and tables:
        _copy_stats(conn, tables)
    conn.execute("DELETE FROM reviewed_dirty")
    return {"sources": dirty, "full": int(whole), "targets": len(changed)}


def _refill_all(conn: sqlite3.Connection, k: Kind) -> None:
    """Refill a whole reviewed table, its secondary indexes built after the rows (twice as fast)."""
    indexes = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? "
                           "AND sql IS NOT NULL", (f"reviewed_{k.table}",)).fetchall()
    for name, _ in indexes:
        conn.execute(f'DROP INDEX "{name}"')
    refill(conn, k)
    for _, sql in indexes:
        conn.execute(sql)


def _copy_stats(conn: sqlite3.Connection, kinds: Iterable[Kind]) -> None:
    """Give the reviewed tables the planner statistics of their base tables (same rows, same indexes),
    so queries plan alike without an ANALYZE of the copies."""
    if not _has_stats(conn):
        return
    tables = [k.table for k in kinds]
    marks = ", ".join("?" * len(tables))
    conn.execute(f"DELETE FROM sqlite_stat1 WHERE tbl IN ({marks})", [f"reviewed_{t}" for t in tables])
    conn.execute(f"""INSERT INTO sqlite_stat1(tbl, idx, stat)
        SELECT 'reviewed_' || st.tbl,
               CASE WHEN st.idx LIKE 'sqlite_autoindex_%' THEN 'sqlite_autoindex_reviewed_' || substr(st.idx, 18)
                    ELSE 'r_' || st.idx END, st.stat
        FROM sqlite_stat1 st
        WHERE st.tbl IN ({marks}) AND st.idx IS NOT NULL AND EXISTS (SELECT 1 FROM sqlite_master m
              WHERE m.type = 'index' AND m.name = CASE WHEN st.idx LIKE 'sqlite_autoindex_%'
                    THEN 'sqlite_autoindex_reviewed_' || substr(st.idx, 18) ELSE 'r_' || st.idx END)""", tables)
    conn.execute("ANALYZE sqlite_schema")  # reload the statistics into the planner
