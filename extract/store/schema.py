"""The store's DDL: one place that says what every table holds (mirrored in schemas/store.sql).

Primary keys are stable ids (a hash of the source's content hash, the record kind and
its span), so a rebuild of unchanged input produces the same rows and editors'
reviews (kept in tables this module never drops) stay attached.
"""

from __future__ import annotations

import functools
import sqlite3
from importlib import resources

SCHEMA_VERSION = 7  # 7: reviewed_* views until a decision, no provisions(source) index, bzip2 texts; 6: merged 5s (bigram search index; amounts.currency/status, targets.high); 4: reviewed_* tables

# Tables rebuilt from sources; rows are deleted per source before a source is rewritten.
PER_SOURCE_TABLES = [
    "obligation_units", "obligations", "deadlines", "amounts", "targets", "citations", "members",
    "events", "provisions", "documents", "sections", "source_locators", "ingest_errors", "source_texts", "sources",
]
# The provisions of one source (parameter: its name), found through its documents: provisions keep no
# index on `source` (storage, issue 14); every provision belongs to a document of its source.
PROVISIONS_OF_SOURCE = "document_id IN (SELECT id FROM documents WHERE source = ?)"
# Per-source tables keyed by the source's name (the others have a `source` column).
NAME_KEYED = ("sources", "ingest_errors", "source_texts")
# The extracted-value tables and the fields of their `value` dataclass.
VALUE_TABLES = {
    "deadline": ("deadlines", ["surface", "kind", "date", "every", "start_date"]),
    "amount": ("amounts", ["surface", "value_yuan", "low_yuan", "high_yuan", "bound", "per", "role", "currency",
                           "status"]),
    "target": ("targets", ["surface", "indicator", "value", "high", "unit", "comparator", "year", "binding", "due"]),
    "citation": ("citations", ["surface", "doc_number", "title"]),
    "member": ("members", ["group", "role", "person", "position"]),
}


def ddl() -> str:
    """The DDL text shipped with the package."""
    return resources.files("extract.store").joinpath("schema.sql").read_text(encoding="utf-8")


REVIEWED_MARK = "-- @reviewed:"  # the DDL after this line is the materialized reviewed_* tables


def base_ddl() -> str:
    """The DDL `ensure_schema` runs: everything but the materialized reviewed_* tables."""
    text = ddl()
    return text[:text.index(REVIEWED_MARK)]


@functools.cache
def reviewed_ddl() -> tuple[str, ...]:
    """The statements that create the materialized reviewed_* tables and their indexes (one string each)."""
    text = ddl()
    statements, current = [], ""
    for line in text[text.index(REVIEWED_MARK):].splitlines(keepends=True):
        if line.startswith("--") and not current:
            continue
        current += line
        if sqlite3.complete_statement(current):
            statements.append(current.strip())
            current = ""
    return tuple(statements)


# Tables and views derived from sources: dropped and rebuilt when the schema version changes
# (the next build re-extracts every source). Editors' tables (reviews) are never in this list.
DERIVED = [*PER_SOURCE_TABLES, "units", "unit_aliases", "provisions_fts"]
# Extracted rows with editors' decisions applied (filled by extract/review/views.py after each build).
REVIEWED_TABLES = [f"reviewed_{t}" for t in ("obligations", "obligation_units", "deadlines", "amounts", "targets",
                                              "citations", "members")]
DERIVED += [*REVIEWED_TABLES, "reviewed_dirty"]


def ensure_schema(conn: sqlite3.Connection) -> None:
    """Create missing tables, indexes and the full-text index (idempotent); on a schema version
    change, drop the derived tables first so that the next build rebuilds them."""
    if stored_version(conn) not in (None, SCHEMA_VERSION):
        _drop_derived(conn)
    conn.executescript(base_ddl())
    _add_missing_columns(conn)
    conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))


# Columns added to an existing table without a schema version change: (table, column, definition).
_ADDED_COLUMNS = [("ingest_errors", "status", "TEXT NOT NULL DEFAULT 'error'")]


def _add_missing_columns(conn: sqlite3.Connection) -> None:
    """ALTER TABLE … ADD COLUMN for columns a store from an earlier release lacks (their defaults fit old rows)."""
    for table, column, definition in _ADDED_COLUMNS:
        have = {r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')}
        if column not in have:
            conn.execute(f'ALTER TABLE "{table}" ADD COLUMN "{column}" {definition}')


def stored_version(conn: sqlite3.Connection) -> int | None:
    """The schema version a store was built with (None for a new or foreign file)."""
    try:
        row = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    except sqlite3.OperationalError:
        return None
    return int(row[0]) if row else None


def _drop_derived(conn: sqlite3.Connection) -> None:
    views = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'view' AND name LIKE 'reviewed_%'")]
    for v in views:
        conn.execute(f'DROP VIEW IF EXISTS "{v}"')
    for t in DERIVED:
        conn.execute(f'DROP TABLE IF EXISTS "{t}"')
    conn.commit()
