"""What every query verb shares: the connection, the extra indexes, unit and document resolution, search.

All reads go through the reviewed_* tables (the read contract), so editors' decisions show up
in every answer. Units resolve by canonical name, alias, then suffix (财政局 → 兴安盟财政局).
"""

from __future__ import annotations

import sqlite3
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Union

import regex

from extract.data import load_yaml
from extract.store.fts import match_expression

if TYPE_CHECKING:
    import sqlite_utils

# A store: a sqlite-utils Database, a connection or a path (sqlite-utils is not imported to start fast).
DB = Union["sqlite_utils.Database", sqlite3.Connection, str, Path]  # noqa: UP007



@cache
def vocab() -> dict[str, Any]:
    """The query vocabularies (extract/data/query.yaml), loaded once."""
    return load_yaml("query.yaml")


def connect(db: DB) -> sqlite3.Connection:
    """A sqlite3 connection for a Database, a connection or an existing store's path (never migrates)."""
    if isinstance(getattr(db, "conn", None), sqlite3.Connection):  # a sqlite_utils.Database
        conn = db.conn
    elif isinstance(db, sqlite3.Connection):
        conn = db
    else:  # a plain connection: reading never migrates (open_db drops derived tables of an older schema)
        if not Path(db).exists():
            raise FileNotFoundError(f"no store at {db}; build one with `gazette build --db {db}`")
        conn = sqlite3.connect(str(db))
    return conn


def run(conn: sqlite3.Connection, sql: str, params: list[Any] | tuple[Any, ...] = ()) -> sqlite3.Cursor:
    """Execute a query over the reviewed_* tables (materialized, indexed like the base tables)."""
    return conn.execute(sql, params)


def rows(conn: sqlite3.Connection, sql: str, params: list[Any] | tuple[Any, ...] = ()) -> list[dict[str, Any]]:
    """Run a query (see `run`) and return its rows as dicts."""
    cur = run(conn, sql, params)
    cols = [c[0] for c in cur.description]
    return [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]


def placeholders(values: list[Any]) -> str:
    """`?, ?, ?` for an IN list."""
    return ", ".join("?" * len(values))


def resolve_units(conn: sqlite3.Connection, name: str) -> list[str]:
    """Canonical units a user's name means: exact canonical, else alias, else suffix, else substring."""
    name = regex.sub(r"\s+", "", name or "")
    if not name:
        return []
    tiers = [
        ("SELECT canonical FROM units WHERE canonical = ?", name),
        ("SELECT DISTINCT canonical FROM unit_aliases WHERE alias = ?", name),
        ("SELECT DISTINCT canonical FROM unit_aliases WHERE alias LIKE ? ESCAPE '\\' "
         "UNION SELECT canonical FROM units WHERE canonical LIKE ? ESCAPE '\\'", "%" + _like(name)),
        ("SELECT DISTINCT canonical FROM unit_aliases WHERE alias LIKE ? ESCAPE '\\' "
         "UNION SELECT canonical FROM units WHERE canonical LIKE ? ESCAPE '\\'", "%" + _like(name) + "%"),
    ]
    for sql, arg in tiers:
        found = [r[0] for r in conn.execute(sql, [arg] * sql.count("?"))]
        if found:
            return sorted(set(found))
    return []


def unit_names(conn: sqlite3.Connection, canonicals: list[str]) -> list[str]:
    """Every printed name of these units (aliases and canonicals), longest first."""
    if not canonicals:
        return []
    names = {r[0] for r in conn.execute(
        f"SELECT alias FROM unit_aliases WHERE canonical IN ({placeholders(canonicals)})", canonicals)}
    return sorted(names | set(canonicals), key=len, reverse=True)


def resolve_documents(conn: sqlite3.Connection, ref: str) -> list[str]:
    """Document ids a reference means: id, 文号, source file (or its prefix), else a title substring."""
    ref = (ref or "").strip()
    if not ref:
        return []
    tiers = [
        ("SELECT id FROM documents WHERE id = ?", ref),
        ("SELECT id FROM documents WHERE doc_number = ?", normalize_doc_number(ref)),
        ("SELECT id FROM documents WHERE source = ? OR source LIKE ? ESCAPE '\\'", ref),
        ("SELECT id FROM documents WHERE title LIKE ? ESCAPE '\\' OR attached_title LIKE ? ESCAPE '\\'",
         "%" + _like(ref) + "%"),
    ]
    for sql, arg in tiers:
        args = [arg, _like(arg) + "%"] if "source =" in sql else [arg] * sql.count("?")
        found = [r[0] for r in conn.execute(sql, args)]
        if found:
            return found
    return []


def normalize_doc_number(text: str) -> str:
    """A 文号 as stored: no spaces, year in 〔〕 (兴署办发[2022]12号 → 兴署办发〔2022〕12号)."""
    t = regex.sub(r"\s+", "", text or "")
    return regex.sub(r"[\[［【(（](\d{4})[\]］】)）]", r"〔\1〕", t)


def text_filter(column: str, text: str | None, provision_column: str) -> tuple[str, list[Any]]:
    """SQL and params for a Chinese text search: the bigram index narrows, the row's text decides.

    The provisions holding every bigram of the terms come from provisions_fts (store/fts.py);
    terms of one character only fall back to a substring test on `column` alone.
    """
    terms = [t for t in (text or "").replace("\x00", "").split() if t]  # FTS5 reads NUL as the end of its query
    if not terms:
        return "", []
    sql: list[str] = []
    params: list[Any] = []
    match = match_expression(terms)
    if match:
        sql.append(f"{provision_column} IN (SELECT p.id FROM provisions p WHERE p.rowid IN "
                   "(SELECT rowid FROM provisions_fts WHERE provisions_fts MATCH ?))")
        params.append(match)
    for t in terms:
        sql.append(f"instr({column}, ?) > 0")
        params.append(t)
    return " AND ".join(sql), params


def short_task(text: str | None, heading: str | None = None) -> str:
    """A task in a few words: its heading, else its first sentence, label stripped, cut to size."""
    v = vocab()
    limit = int(v["short_task_chars"])
    t = (text or "").replace("\n", "")
    t = regex.sub(v["task_label_pattern"], "", t)
    h = regex.sub(v["task_label_pattern"], "", (heading or "").replace("\n", "")).rstrip("。；;")
    if h and t.startswith(h) and len(h) <= limit:
        return h
    first = regex.split(r"[。；;]", t, maxsplit=1)[0]
    return first if len(first) <= limit else first[: limit - 1] + "…"


def _like(text: str) -> str:
    """Escape LIKE wildcards."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


_NAME_PARTS = regex.compile(r"[^_.\-\s]+[_.\-\s]*")  # 000_a89ac985d1956224.txt → 000_ | a89ac985d1956224. | txt


def short_source_names(names: list[str]) -> dict[str, str]:
    """Each file name shortened to its fewest leading words that no other name shares, for `source:line`.

    Words are cut at `_`, `-`, `.` and spaces: 000_a89a….txt → 000, notice.txt / notes.txt → notice / notes;
    a name that is a prefix of another (a.txt, a.txt.pdf) stays whole.
    """
    out: dict[str, str] = {}
    for name in names:
        parts = _NAME_PARTS.findall(name) or [name]
        label = name
        for i in range(1, len(parts)):
            head = "".join(parts[:i]).rstrip("_.- ")
            if not any(o != name and o.startswith(head) for o in names):
                label = head
                break
        out[name] = label
    return out


def source_labels(db: DB) -> dict[str, str]:
    """The store's source names mapped to their short labels (see `short_source_names`)."""
    conn = connect(db)
    return short_source_names([r[0] for r in conn.execute("SELECT name FROM sources ORDER BY name")])
