"""The review store: an append-only history of editors' decisions, and their current anchors.

`reviews` is never updated or deleted (triggers refuse it); `review_anchors` says which
extracted row each review applies to now, and is what re-anchoring after a rebuild moves.
Every write is one `BEGIN IMMEDIATE` transaction, so two editors saving at once both land.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from extract.review.anchor import Anchor, ReanchorReport, capture, load_source, place, reanchor
from extract.review.kinds import ADDED_PREFIX, DECISIONS, KINDS, clean_fields, kind
from extract.review.views import create_views, materialize, refresh_targets

_DDL = f"""
CREATE TABLE IF NOT EXISTS reviews (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    uid TEXT NOT NULL UNIQUE,           -- global id: import is idempotent on it
    target_type TEXT NOT NULL CHECK (target_type IN ({", ".join(f"'{k}'" for k in KINDS)})),
    target_id TEXT NOT NULL,            -- the reviewed row's stable id when decided (add-… for additions)
    decision TEXT NOT NULL CHECK (decision IN ({", ".join(f"'{d}'" for d in DECISIONS)})),
    payload TEXT NOT NULL DEFAULT '{{}}', -- JSON: corrected fields, or the added value and its place
    editor TEXT, note TEXT,
    created_at TEXT NOT NULL,           -- ISO UTC with microseconds; the latest decision wins
    source TEXT, sha256 TEXT, start INTEGER, "end" INTEGER,
    surface TEXT, context_before TEXT, context_after TEXT   -- the anchor at decision time
);
CREATE INDEX IF NOT EXISTS reviews_target ON reviews(target_type, target_id);
CREATE TRIGGER IF NOT EXISTS reviews_no_update BEFORE UPDATE ON reviews
BEGIN SELECT RAISE(ABORT, 'reviews are append-only: record a new decision instead'); END;
CREATE TRIGGER IF NOT EXISTS reviews_no_delete BEFORE DELETE ON reviews
BEGIN SELECT RAISE(ABORT, 'reviews are append-only: record a new decision instead'); END;

CREATE TABLE IF NOT EXISTS review_anchors (
    review_id INTEGER PRIMARY KEY REFERENCES reviews(id),
    target_id TEXT NOT NULL,            -- the row the review applies to now
    status TEXT NOT NULL DEFAULT 'ok',  -- ok | reanchored | orphaned
    reason TEXT,
    source TEXT, sha256 TEXT, start INTEGER, "end" INTEGER,
    surface TEXT, context_before TEXT, context_after TEXT,
    line INTEGER, end_line INTEGER, page INTEGER, bbox TEXT,
    provision_id TEXT, document_id TEXT, obligation_id TEXT,
    updated_at TEXT
);
CREATE INDEX IF NOT EXISTS review_anchors_target ON review_anchors(target_id);
CREATE INDEX IF NOT EXISTS review_anchors_document ON review_anchors(document_id);
"""
_EXPORT_COLUMNS = ("uid", "target_type", "target_id", "decision", "payload", "editor", "note", "created_at",
                   "source", "sha256", "start", "end", "surface", "context_before", "context_after")


def ensure_review_schema(conn: sqlite3.Connection, current: bool = True) -> None:
    """Create the review tables and views if missing; with `current`, also bring the reviewed_* tables
    up to date when a write since the last build left them behind (a no-op on a store fresh from a build)."""
    from extract.store.schema import ensure_schema

    ensure_schema(conn)
    conn.executescript(_DDL)
    with conn:
        create_views(conn)
    if current and _behind(conn):
        with immediate(conn):
            materialize(conn)


def _behind(conn: sqlite3.Connection) -> bool:
    """Whether sources were written since the reviewed tables were filled, or review_state was never filled."""
    if conn.execute("SELECT 1 FROM reviewed_dirty LIMIT 1").fetchone():
        return True
    return (conn.execute("SELECT 1 FROM review_state LIMIT 1").fetchone() is None
            and conn.execute("SELECT 1 FROM reviews LIMIT 1").fetchone() is not None)


def connect(db_path: str | Path) -> sqlite3.Connection:
    """A connection to the store for review work (waits for other writers instead of failing)."""
    conn = sqlite3.connect(str(db_path), timeout=30, check_same_thread=False)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA busy_timeout=30000")
    return conn


def after_build(db: Any, db_path: str | None = None) -> ReanchorReport:
    """Call after every `gazette build`: review schema, re-anchoring of moved targets, then the
    reviewed_* tables refilled for the sources just written and the targets whose state changed.

    `db` is a sqlite_utils.Database, a sqlite3.Connection or a path.
    """
    conn = db if isinstance(db, sqlite3.Connection) else getattr(db, "conn", None)
    own = conn is None
    if own:
        db_path = str(db)
        conn = connect(db_path)
    db_path = db_path or _db_file(conn)
    try:
        ensure_review_schema(conn, current=False)
        with immediate(conn):
            report = reanchor(conn, db_path)
            materialize(conn)
        return report
    finally:
        if own:
            conn.close()


def _db_file(conn: sqlite3.Connection) -> str | None:
    row = conn.execute("PRAGMA database_list").fetchone()
    return row[2] if row and row[2] else None


@contextmanager
def immediate(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One write transaction taken up front (BEGIN IMMEDIATE): writers queue, nobody's save is lost."""
    if conn.in_transaction:
        conn.commit()
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.rollback()
        raise
    conn.commit()


def now() -> str:
    """The current time, ISO UTC with microseconds (orders decisions)."""
    return datetime.now(UTC).isoformat(timespec="microseconds")


def _row(conn: sqlite3.Connection, sql: str, args: Iterable[Any]) -> dict[str, Any] | None:
    cur = conn.execute(sql, tuple(args))
    r = cur.fetchone()
    return dict(zip([c[0] for c in cur.description], r, strict=True)) if r else None


def state(conn: sqlite3.Connection, target_type: str, target_id: str) -> dict[str, Any] | None:
    """The target's current review state: latest decision, corrected fields, number of decisions."""
    rows = conn.execute("SELECT decision, payload, review_id FROM review_live WHERE target_type = ? AND target_id = ? "
                        "ORDER BY created_at, review_id", (target_type, target_id)).fetchall()
    if not rows:
        return None
    edits = [r for r in rows if r[0] in ("correct", "add")]
    adds = [r[2] for r in rows if r[0] == "add"]
    return {"decision": rows[-1][0], "fields": json.loads(edits[-1][1] or "{}") if edits else {},
            "add_review_id": min(adds) if adds else None, "reviews": len(rows)}


def history(conn: sqlite3.Connection, target_type: str, target_id: str) -> list[dict[str, Any]]:
    """Every decision ever recorded on the target, oldest first (with its anchor status)."""
    cur = conn.execute(
        """SELECT r.id, r.decision, r.payload, r.editor, r.note, r.created_at, a.status
           FROM reviews r JOIN review_anchors a ON a.review_id = r.id
           WHERE r.target_type = ? AND a.target_id = ? ORDER BY r.created_at, r.id""",
        (target_type, target_id))
    cols = [c[0] for c in cur.description]
    return [dict(zip(cols, r, strict=True)) for r in cur]


def record_decision(
    conn: sqlite3.Connection, target_type: str, target_id: str | None, decision: str,
    fields: dict[str, Any] | None = None, *, editor: str | None = None, note: str | None = None,
    span: tuple[str, int, int] | None = None, obligation_id: str | None = None, db_path: str | None = None,
) -> dict[str, Any]:
    """Append one decision (accept | reject | correct | add) and return it with its target's new state.

    `add` needs `span` = (source name, start, end) and gets a new `add-…` id; `correct` stores the
    merged corrected fields, so the latest correction holds every correction made so far.
    """
    k = kind(target_type)
    if decision not in DECISIONS:
        raise ValueError(f"unknown decision {decision!r}; known: {', '.join(DECISIONS)}")
    cleaned = clean_fields(target_type, fields or {})
    if decision == "add":
        return _record_add(conn, k.name, cleaned, editor, note, span, obligation_id, db_path)
    if not target_id:
        raise ValueError(f"{decision} needs the id of the reviewed {target_type}")
    if decision == "correct" and not cleaned:
        raise ValueError(f"a correction of a {target_type} needs at least one of: {', '.join(k.fields)}")
    _warm(conn, k.name, target_id, db_path)
    with immediate(conn):  # the row and the text it is anchored to are read in the write transaction:
        where = _locate(conn, k.name, target_id)  # a build cannot rewrite the source in between
        source = load_source(conn, where["source"], db_path) if where.get("source") else None
        prior = state(conn, k.name, target_id)
        payload = {**(prior["fields"] if prior else {}), **cleaned} if decision == "correct" else cleaned
        cap = _anchor_of(where, source)
        rid = _insert(conn, k.name, target_id, decision, payload, editor, note, cap)
        _insert_anchor(conn, rid, target_id, cap, where)
        refresh_targets(conn, [(k.name, target_id)])  # same transaction: the app reads the new state at once
        return {"review_id": rid, "target_type": k.name, "target_id": target_id, "decision": decision,
                "payload": payload, "state": state(conn, k.name, target_id)}


def _warm(conn: sqlite3.Connection, target_type: str, target_id: str, db_path: str | None) -> None:
    """Read the target's source once before the write transaction (a PDF can take seconds to read),
    so that the read inside it comes from the cache and writers are not held up."""
    try:
        where = _locate(conn, target_type, target_id)
    except LookupError:
        return
    if where.get("source"):
        load_source(conn, where["source"], db_path)


def _anchor_of(where: dict[str, Any], source: Any) -> Anchor:
    """The anchor of a located target: captured from the text it was extracted from, or — for a target
    known only from an earlier review's anchor in an older version of the text — that anchor as recorded."""
    if source is not None and where.get("sha256") not in (None, source.sha256):
        return Anchor(where.get("source") or "", where.get("sha256"), where.get("start") or 0, where.get("end") or 0,
                      where.get("surface") or "", where.get("context_before") or "", where.get("context_after") or "")
    return capture(source, where.get("source") or "", where.get("sha256"), where.get("start") or 0,
                   where.get("end") or 0, where.get("surface") or "")


def _locate(conn: sqlite3.Connection, target_type: str, target_id: str) -> dict[str, Any]:
    """Where the reviewed row is printed: the extracted row, else the anchor of an added value."""
    k = KINDS[target_type]
    row = _row(conn, f'SELECT * FROM {k.table} WHERE id = ?', (target_id,))
    if row:
        row["sha256"] = (conn.execute("SELECT sha256 FROM sources WHERE name = ?", (row["source"],)).fetchone()
                         or [None])[0]
        if target_type == "unit":
            row["surface"] = row.get("surface") or row.get("name")
        return row
    a = _row(conn, """SELECT a.* FROM review_anchors a JOIN reviews r ON r.id = a.review_id
                      WHERE r.target_type = ? AND a.target_id = ? ORDER BY r.id DESC LIMIT 1""",
             (target_type, target_id))
    if a is None:
        raise LookupError(f"no {target_type} with id {target_id!r} in the store (a rebuild may have replaced it "
                          "since the page was loaded): reload the page")
    return a


def _record_add(conn: sqlite3.Connection, target_type: str, cleaned: dict[str, Any], editor: str | None,
                note: str | None, span: tuple[str, int, int] | None, obligation_id: str | None,
                db_path: str | None) -> dict[str, Any]:
    if not span:
        raise ValueError("adding a value needs its span: (source, start, end)")
    name, start, end = span
    if target_type == "unit" and not obligation_id:
        raise ValueError("an added unit needs the obligation it is responsible for")
    target_id = ADDED_PREFIX + uuid.uuid4().hex[:16]
    load_source(conn, name, db_path)  # warm the cache outside the write transaction (see _warm)
    with immediate(conn):  # the text the span points into is read in the write transaction (see record_decision)
        sha = conn.execute("SELECT sha256 FROM sources WHERE name = ?", (name,)).fetchone()
        if sha is None:
            raise LookupError(f"no source {name!r} in the store")
        source = load_source(conn, name, db_path)
        if source is None or not (0 <= start < end <= len(source.text)):
            raise ValueError(f"span {start}–{end} is not inside the text of {name}")
        cap = capture(source, name, sha[0], start, end)
        fields = {"surface": cap.surface, **({"name": cap.surface} if target_type == "unit" else {}), **cleaned}
        fields = {f: v for f, v in fields.items() if f in KINDS[target_type].fields}
        pos = place(conn, source, name, (start, end), target_type, obligation_id)
        payload = {**fields, **pos}
        rid = _insert(conn, target_type, target_id, "add", payload, editor, note, cap)
        _insert_anchor(conn, rid, target_id, cap, pos)
        refresh_targets(conn, [(target_type, target_id)])
        return {"review_id": rid, "target_type": target_type, "target_id": target_id, "decision": "add",
                "payload": payload, "state": state(conn, target_type, target_id)}


def _insert(conn: sqlite3.Connection, target_type: str, target_id: str, decision: str, payload: dict,
            editor: str | None, note: str | None, cap: Any, uid: str | None = None,
            created_at: str | None = None) -> int:
    cur = conn.execute(
        """INSERT INTO reviews(uid, target_type, target_id, decision, payload, editor, note, created_at,
               source, sha256, start, "end", surface, context_before, context_after)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        (uid or uuid.uuid4().hex, target_type, target_id, decision, json.dumps(payload, ensure_ascii=False),
         editor, note, created_at or now(), cap.source, cap.sha256, cap.start, cap.end, cap.surface,
         cap.context_before, cap.context_after))
    return int(cur.lastrowid)


def _insert_anchor(conn: sqlite3.Connection, rid: int, target_id: str, cap: Any, pos: dict) -> None:
    conn.execute(
        """INSERT INTO review_anchors(review_id, target_id, status, source, sha256, start, "end", surface,
               context_before, context_after, line, end_line, page, bbox, provision_id, document_id,
               obligation_id, updated_at) VALUES (?, ?, 'ok', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        (rid, target_id, cap.source, cap.sha256, cap.start, cap.end, cap.surface, cap.context_before,
         cap.context_after, pos.get("line"), pos.get("end_line"), pos.get("page"), pos.get("bbox"),
         pos.get("provision_id"), pos.get("document_id"), pos.get("obligation_id"), now()))


# ---------------------------------------------------------------- export / import

def export_reviews(conn: sqlite3.Connection, out: IO[str]) -> int:
    """Write every decision as one JSON line (history order); return how many."""
    cols = ", ".join(f'"{c}"' for c in _EXPORT_COLUMNS)
    n = 0
    for row in conn.execute(f"SELECT {cols} FROM reviews ORDER BY created_at, id"):
        rec = dict(zip(_EXPORT_COLUMNS, row, strict=True))
        rec["payload"] = json.loads(rec["payload"] or "{}")
        out.write(json.dumps(rec, ensure_ascii=False) + "\n")
        n += 1
    return n


def import_reviews(conn: sqlite3.Connection, lines: Iterable[str], db_path: str | None = None) -> tuple[int, int]:
    """Append decisions from JSON lines, skipping those already here (same uid); then re-anchor.

    Returns (imported, skipped). A bad line raises ValueError naming its line number; nothing is
    imported from a file with a bad line.
    """
    recs = []
    for i, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
            kind(rec["target_type"])
            if rec["decision"] not in DECISIONS or not rec.get("uid") or not rec.get("target_id"):
                raise ValueError("needs uid, target_type, target_id and a known decision")
        except (ValueError, KeyError, TypeError) as e:
            raise ValueError(f"line {i}: not a review record ({e})") from None
        recs.append(rec)
    imported = 0
    with immediate(conn):
        for rec in recs:
            if conn.execute("SELECT 1 FROM reviews WHERE uid = ?", (rec["uid"],)).fetchone():
                continue
            imported += 1
            _import_one(conn, rec)
        reanchor(conn, db_path or _db_file(conn))
        materialize(conn)
    return imported, len(recs) - imported


def _import_one(conn: sqlite3.Connection, rec: dict[str, Any]) -> None:
    payload = rec.get("payload") or {}
    cap = Anchor(rec.get("source") or "", rec.get("sha256"), rec.get("start") or 0, rec.get("end") or 0,
                 rec.get("surface") or "", rec.get("context_before") or "", rec.get("context_after") or "")
    rid = _insert(conn, rec["target_type"], rec["target_id"], rec["decision"], payload, rec.get("editor"),
                  rec.get("note"), cap, uid=rec["uid"], created_at=rec.get("created_at"))
    pos = {c: payload.get(c) for c in ("line", "end_line", "page", "bbox", "provision_id", "document_id",
                                       "obligation_id")}
    _insert_anchor(conn, rid, rec["target_id"], cap, pos)
