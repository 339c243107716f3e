"""The store's DDL: one place that says what every table holds (mirrored in schemas/store.sql).

Primary keys are stable ids (a hash of the source's content hash, the record kind and
its span), so a rebuild of unchanged input produces the same rows and editors'
reviews (kept in tables this module never drops) stay attached.
"""

from __future__ import annotations

import sqlite3
from importlib import resources

SCHEMA_VERSION = 1

# Tables rebuilt from sources; rows are deleted per source before a source is rewritten.
PER_SOURCE_TABLES = ["events", "provisions", "documents", "sections", "ingest_errors", "sources"]


def ddl() -> str:
    """The DDL text shipped with the package."""
    return resources.files("extract.store").joinpath("schema.sql").read_text(encoding="utf-8")


def ensure_schema(conn: sqlite3.Connection) -> None:
    """Create missing tables, indexes and the full-text index (idempotent)."""
    conn.executescript(ddl())
    conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
