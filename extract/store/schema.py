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
PER_SOURCE_TABLES = [
    "obligation_units", "obligations", "deadlines", "amounts", "targets", "citations", "members",
    "events", "provisions", "documents", "sections", "ingest_errors", "sources",
]
# The extracted-value tables and the fields of their `value` dataclass.
VALUE_TABLES = {
    "deadline": ("deadlines", ["surface", "kind", "date", "every", "start_date"]),
    "amount": ("amounts", ["surface", "value_yuan", "low_yuan", "high_yuan", "bound", "per", "role"]),
    "target": ("targets", ["surface", "indicator", "value", "unit", "comparator", "year", "binding", "due"]),
    "citation": ("citations", ["surface", "doc_number", "title"]),
    "member": ("members", ["group", "role", "person", "position"]),
}


def ddl() -> str:
    """The DDL text shipped with the package."""
    return resources.files("extract.store").joinpath("schema.sql").read_text(encoding="utf-8")


def ensure_schema(conn: sqlite3.Connection) -> None:
    """Create missing tables, indexes and the full-text index (idempotent)."""
    conn.executescript(ddl())
    conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
