"""Write a processed source into SQLite: one transaction per source, nothing half-written.

A source's old rows are deleted and its new rows inserted inside one transaction,
so a crash or a bad file leaves the previous state intact. Tables that hold
editors' decisions are never touched here.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from hashlib import sha256
from pathlib import Path
from typing import Any

import sqlite_utils

from extract.faults import fault
from extract.ingest.chinese import as_printed, is_traditional
from extract.model import IngestError, Provision, Source, Span, stable_id
from extract.pipeline import SourceResult
from extract.store.fts import index_source, unindex_source
from extract.store.schema import (
    NAME_KEYED,
    PER_SOURCE_TABLES,
    PROVISIONS_OF_SOURCE,
    VALUE_TABLES,
    ensure_schema,
)
from extract.store.texts import pack as pack_text

# meta key set in every source's transaction and cleared once linking, units and reviews are done:
# a build killed in between leaves it set, and the next build finishes the job even if every source is unchanged.
FINISH_PENDING = "finish_pending"


def open_db(path: str | Path) -> sqlite_utils.Database:
    """Open (creating if needed) a store with the current schema."""
    conn = sqlite3.connect(str(path), timeout=30)  # wait for an editor's decision instead of failing
    conn.execute("PRAGMA auto_vacuum=INCREMENTAL")  # a new store only: pages freed by rebuilds can be given back
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")  # WAL: each source's commit is atomic without an fsync of its own
    conn.execute("PRAGMA foreign_keys=OFF")
    db = sqlite_utils.Database(conn)
    ensure_schema(conn)
    conn.commit()
    return db


def file_sha256(path: str | Path) -> str:
    """Content hash of a file, read in chunks."""
    h = sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def is_unchanged(db: sqlite_utils.Database, name: str, sha: str, extractor: str = "rules") -> bool:
    """True when the store already holds this source with this content hash, built by this extractor."""
    row = db.execute("SELECT sha256, extractor FROM sources WHERE name = ?", [name]).fetchone()
    return bool(row and row[0] == sha and (row[1] or "rules") == extractor)


def span_cols(span: Span) -> dict[str, Any]:
    """Provenance columns of a row."""
    return {
        "line": span.line,
        "end_line": span.end_line,
        "start": span.start,
        "end": span.end,
        "page": span.page,
        "bbox": json.dumps([round(v, 2) for v in span.bbox]) if span.bbox else None,
    }


def printed_text(p: Provision, src: Source, traditional: bool) -> str:
    """A provision's text as printed: a traditional-Chinese source keeps its own characters in the
    store (the extractors matched the OpenCC-simplified text; spans point at the printed text)."""
    if not traditional or p.paragraph is None or len(p.paragraph.text) != len(p.text):
        return p.text
    return as_printed(p.text, p.paragraph.offsets, src.text)


@dataclass
class SourceRows:
    """A processed source as the store's rows, table by table in write order: what a worker sends
    the writer (plain tuples travel between processes far faster than the pipeline's records)."""

    name: str
    tables: list[tuple[str, tuple[list[str], list[tuple[Any, ...]]]]]
    search_terms: dict[str, str] | None = None  # provision id → its search-index text
    documents: int = 0
    provisions: int = 0
    path: str = ""
    sha256: str = ""
    warning: str | None = None  # why the source, though built, gave nothing to query


def write_source(db: sqlite_utils.Database, result: SourceResult, extractor: str = "rules",
                 warning: str | None = None) -> None:
    """Replace everything stored for this source with `result`, atomically (with `warning`, also an
    ingest_errors row of status warning saying why the source, though built, gave no documents)."""
    write_rows(db, source_rows(result, extractor, warning))


def write_rows(db: sqlite_utils.Database, rows: SourceRows) -> None:
    """Replace everything stored for the source `rows.name` with `rows`, in one transaction."""
    conn = db.conn
    with conn:  # one transaction: commit on success, roll back on any error
        _delete_source(conn, rows.name)
        for table, data in rows.tables:
            _insert(conn, table, data)
            if table == "provisions":
                index_source(conn, rows.name, rows.search_terms)
        if rows.warning:
            conn.execute("INSERT INTO ingest_errors(name, path, sha256, error, status) VALUES (?, ?, ?, ?, 'warning')",
                         (rows.name, rows.path, rows.sha256, rows.warning))
        mark_finish_pending(conn)
        fault(f"in_write:{rows.name}")


def source_rows(result: SourceResult, extractor: str = "rules", warning: str | None = None) -> SourceRows:
    """The rows `result` gives each table (pure: no database, so a worker can compute them)."""
    src = result.source
    traditional = is_traditional(src.text)
    locators = result.locators if result.locators is not None else [
        (ln.number, ln.locator) for ln in src.lines if ln.locator]
    tables: list[tuple[str, list[dict[str, Any]]]] = [("sources", [{
        "name": src.name, "path": src.path, "sha256": src.sha256, "encoding": src.encoding,
        "kind": src.kind, "bytes": len(src.text.encode("utf-8")), "lines": result.line_count or len(src.lines),
        "pages": len(src.pages) or None, "documents": len(result.documents),
        "provisions": len(result.provisions), "warnings": json.dumps(src.warnings, ensure_ascii=False),
        "extractor": extractor,
    }]), ("source_texts", [{"name": src.name, "sha256": src.sha256,
                             "text": pack_text(src.text)}])]
    tables.append(("sections", [{
        "id": s.id, "source": s.source, "kind": s.kind, "title": s.title,
        "explains": s.explains, "explains_id": None,
        "text": "\n".join(p.text for p in s.paragraphs) if s.kind != "documents" else None,
        **span_cols(s.span),
    } for s in result.sections]))
    tables.append(("documents", [{
        "id": d.id, "source": d.source, "section_id": d.section_id, "ordinal": k, "title": d.title,
        "attached_title": d.attached_title, "doc_number": d.doc_number, "issuer": d.issuer,
        "date": d.date, "addressees": json.dumps(d.addressees, ensure_ascii=False), **span_cols(d.span),
    } for k, d in enumerate(result.documents)]))
    tables.append(("provisions", [{
        "id": p.id, "document_id": p.document_id, "parent_id": p.parent_id, "source": src.name,
        "ordinal": p.ordinal, "level": p.level, "kind": p.kind, "label": p.label, "path": p.path,
        "heading": p.heading, "text": printed_text(p, src, traditional),
        "cells": json.dumps(p.cells, ensure_ascii=False) if p.cells is not None else None,
        **span_cols(p.span),
    } for p in result.provisions]))
    tables.append(("events", [{
        "id": e.id, "section_id": e.section_id, "source": src.name, "date": e.date,
        "end_date": e.end_date, "text": e.text, **span_cols(e.span),
    } for e in result.events]))
    tables.append(("source_locators", [{"source": src.name, "line": n, "locator": loc} for n, loc in locators]))
    tables += _obligation_rows(result)
    tables += _value_rows(result)
    return SourceRows(src.name, [(t, _columns(rows)) for t, rows in tables if rows], result.search_terms,
                      len(result.documents), len(result.provisions), src.path, src.sha256, warning)


def _columns(rows: list[dict[str, Any]]) -> tuple[list[str], list[tuple[Any, ...]]]:
    cols = list(rows[0])
    return cols, [tuple(r[c] for c in cols) for r in rows]


def _obligation_rows(result: SourceResult) -> list[tuple[str, list[dict[str, Any]]]]:
    name = result.source.name
    return [("obligations", [{
        "id": o.id, "document_id": o.document_id, "provision_id": o.provision_id, "source": name,
        "text": o.text, "clause": o.clause, "kind": o.kind, "task_line": o.task_span.line,
        "task_start": o.task_span.start, "task_end": o.task_span.end, "method": o.method,
        "confidence": o.confidence, **span_cols(o.span),
    } for o in result.obligations]), ("obligation_units", [{
        "id": stable_id(o.id, k, u.name, u.role), "obligation_id": o.id, "source": name, "name": u.name,
        "canonical": u.canonical, "role": u.role, "surface": u.surface, "method": o.method,
        "confidence": o.confidence, **span_cols(sp),
    } for o in result.obligations for k, (u, sp) in enumerate(o.units)])]


def _value_rows(result: SourceResult) -> list[tuple[str, list[dict[str, Any]]]]:
    by_type: dict[str, list[dict[str, Any]]] = {}
    for v in result.values:
        table, fields = VALUE_TABLES[v.type]
        row = {
            "id": v.id, "obligation_id": v.obligation_id, "provision_id": v.provision_id,
            "document_id": v.document_id, "source": result.source.name,
            **{("group_name" if f == "group" else f): getattr(v.value, f, None) for f in fields},
            "method": v.method, "confidence": v.confidence, **span_cols(v.span),
        }
        by_type.setdefault(table, []).append(row)
    return [(table, _dedupe(rows)) for table, rows in by_type.items()]


def _dedupe(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One row per id (the same value found twice at the same span is one value)."""
    seen: dict[str, dict[str, Any]] = {}
    for r in rows:
        seen.setdefault(r["id"], r)
    return list(seen.values())


def refresh_units(db: sqlite_utils.Database) -> None:
    """Rebuild the derived `units` and `unit_aliases` tables from obligation_units and the registry."""
    from extract.extractors.units import canonical_unit

    conn = db.conn
    with conn:
        conn.execute("DELETE FROM units")
        conn.execute("DELETE FROM unit_aliases")
        rows = conn.execute(
            "SELECT canonical, name, count(DISTINCT obligation_id) FROM obligation_units "
            "WHERE canonical IS NOT NULL GROUP BY canonical, name"
        ).fetchall()
        totals: dict[str, int] = {}
        for canonical, name, n in rows:
            totals[canonical] = totals.get(canonical, 0) + n
            conn.execute("INSERT OR IGNORE INTO unit_aliases(alias, canonical) VALUES (?, ?)", (name, canonical))
            conn.execute("INSERT OR IGNORE INTO unit_aliases(alias, canonical) VALUES (?, ?)", (canonical, canonical))
        for canonical, n in totals.items():
            _, level, kind = canonical_unit(canonical)
            conn.execute("INSERT INTO units(canonical, level, kind, obligations) VALUES (?, ?, ?, ?)",
                         (canonical, level, kind, n))


def link_citations(db: sqlite_utils.Database) -> None:
    """Point each citation at the cited document when the store holds it (by 文号, else by title)."""
    with db.conn:
        db.conn.execute(
            """UPDATE citations SET cited_document_id = (
                   SELECT d.id FROM documents d
                   WHERE (citations.doc_number IS NOT NULL AND d.doc_number = citations.doc_number)
                      OR (citations.title IS NOT NULL AND (d.title = citations.title
                          OR d.attached_title = citations.title))
                   LIMIT 1)"""
        )


def record_error(db: sqlite_utils.Database, err: IngestError, status: str = "error") -> None:
    """Remember a source that failed (its previous good rows, if any, are kept), or, with
    status `warning`, one that was built but gave no documents."""
    with db.conn:
        db.conn.execute(
            "INSERT OR REPLACE INTO ingest_errors(name, path, sha256, error, status) VALUES (?, ?, ?, ?, ?)",
            (err.name, err.path, err.sha256, err.error, status),
        )


def mark_finish_pending(conn: sqlite3.Connection) -> None:
    """Note (inside the caller's transaction) that the finishing steps must run before the store is whole.

    The mark counts writes, so that a concurrent build's finish clears only the writes it saw."""
    conn.execute("INSERT INTO meta(key, value) VALUES (?, '1') "
                 "ON CONFLICT(key) DO UPDATE SET value = CAST(value AS INTEGER) + 1", (FINISH_PENDING,))


def finish_pending(db: sqlite_utils.Database) -> str | None:
    """The pending mark when a source was written since the finishing steps last completed, else None."""
    row = db.conn.execute("SELECT value FROM meta WHERE key = ?", (FINISH_PENDING,)).fetchone()
    return row[0] if row else None


def clear_finish_pending(db: sqlite_utils.Database, seen: str) -> None:
    """The finishing steps that started when the mark was `seen` completed (a later write keeps its mark)."""
    with db.conn:
        db.conn.execute("DELETE FROM meta WHERE key = ? AND value = ?", (FINISH_PENDING, seen))


def same_bytes_as(db: sqlite_utils.Database, name: str, sha: str) -> tuple[str, str] | None:
    """(name, path) of a source stored under another name with these exact bytes, if any."""
    row = db.conn.execute("SELECT name, path FROM sources WHERE sha256 = ? AND name <> ? ORDER BY name LIMIT 1",
                          (sha, name)).fetchone()
    return (row[0], row[1]) if row else None


def rename_source(db: sqlite_utils.Database, old: str, new: str) -> None:
    """Forget the rows of `old` (the same bytes are about to be written as `new`); reviews anchored
    to `old` follow to `new` (their anchors' source name is updated, the reviews themselves never)."""
    with db.conn:
        _delete_source(db.conn, old)
        db.conn.execute("INSERT OR IGNORE INTO reviewed_dirty(source) VALUES (?)", (old,))
        mark_finish_pending(db.conn)
        has_reviews = db.conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'review_anchors'").fetchone()
        if has_reviews:
            db.conn.execute("UPDATE review_anchors SET source = ? WHERE source = ?", (new, old))


def link_interpretations(db: sqlite_utils.Database) -> None:
    """Point each interpretation at the document it explains, when that document is stored."""
    with db.conn:
        db.conn.execute(
            """UPDATE sections SET explains_id = (
                   SELECT d.id FROM documents d
                   WHERE replace(d.attached_title, ' ', '') = replace(sections.explains, ' ', '')
                      OR replace(d.title, ' ', '') = replace(sections.explains, ' ', '')
                      OR d.title LIKE '%《' || sections.explains || '》%'
                   ORDER BY d.date DESC LIMIT 1)
               WHERE kind = 'interpretation' AND explains IS NOT NULL"""
        )


def _delete_source(conn: sqlite3.Connection, name: str) -> None:
    unindex_source(conn, name)
    for table in PER_SOURCE_TABLES:  # provisions before documents: they are found through them
        where = PROVISIONS_OF_SOURCE if table == "provisions" else (
            "name = ?" if table in NAME_KEYED else "source = ?")
        conn.execute(f"DELETE FROM {table} WHERE {where}", (name,))


def _insert(conn: sqlite3.Connection, table: str, rows: tuple[list[str], list[tuple[Any, ...]]]) -> None:
    cols, data = rows
    if not data:
        return
    sql = f"INSERT INTO {table} ({', '.join(_q(c) for c in cols)}) VALUES ({', '.join('?' * len(cols))})"
    conn.executemany(sql, data)


def _q(col: str) -> str:
    return f'"{col}"'
