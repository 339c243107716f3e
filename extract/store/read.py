"""Read the store: full-text search with highlighted snippets, and record listings.

Chinese has no spaces, so the full-text index holds character bigrams (store/fts.py): the
index finds the provisions that hold every bigram of the query, and their text decides. A
query of single characters only scans.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import sqlite_utils

from extract.store.fts import match_expression
from extract.store.schema import SCHEMA_VERSION, stored_version

_SNIPPET_CHARS = 24


class StoreError(Exception):
    """A store that cannot be read as it is (missing, or built by another schema version)."""


def open_store(path: str | Path) -> sqlite3.Connection:
    """Open an existing store for reading; never creates or migrates it (only `gazette build` does)."""
    p = Path(path)
    if not p.is_file():
        raise StoreError(f"{p}: no store here; build one with `gazette build --db {p}`")
    conn = sqlite3.connect(str(p))
    version = stored_version(conn)
    if version != SCHEMA_VERSION:
        conn.close()
        raise StoreError(
            f"{p}: built with store schema {version}, this version reads {SCHEMA_VERSION}; run "
            f"`gazette build --db {p}` to rebuild it (editors' reviews are kept)"
        )
    return conn


@dataclass
class SearchHit:
    """A provision that matched, with a highlighted snippet and where it was printed."""

    provision_id: str
    document_id: str
    document_title: str
    source: str
    line: int
    path: str
    snippet: str


def search(db: sqlite_utils.Database | sqlite3.Connection, query: str, limit: int = 20, mark: tuple[str, str] = ("[", "]")) -> list[SearchHit]:
    """Provisions containing `query` (all of its space-separated terms), in source order."""
    terms = [t for t in query.replace("\x00", "").split() if t]
    if not terms:
        return []
    match = match_expression(terms)
    where = " AND ".join("instr(lower(p.text), lower(?)) > 0" for _ in terms)
    select = """SELECT p.id, p.document_id, d.title, p.source, p.line, p.path, p.text
                FROM provisions p JOIN documents d ON d.id = p.document_id"""
    if match:
        rows = db.execute(
            f"""{select} WHERE p.rowid IN (SELECT rowid FROM provisions_fts WHERE provisions_fts MATCH ?)
                AND {where} ORDER BY p.source, p.start LIMIT ?""",
            [match, *terms, limit],
        ).fetchall()
    else:
        rows = db.execute(f"{select} WHERE {where} ORDER BY p.source, p.start LIMIT ?", [*terms, limit]).fetchall()
    return [SearchHit(*r[:6], snippet=_snippet(r[6], terms[0], mark)) for r in rows]


def _snippet(text: str, term: str, mark: tuple[str, str]) -> str:
    """A window of text around the first occurrence of `term`, the term marked."""
    i = text.find(term)
    if i < 0:
        return text[: 2 * _SNIPPET_CHARS]
    a, b = max(0, i - _SNIPPET_CHARS), i + len(term) + _SNIPPET_CHARS
    pre = "…" if a > 0 else ""
    post = "…" if b < len(text) else ""
    return pre + text[a:i] + mark[0] + term + mark[1] + text[i + len(term) : b] + post
