"""The full-text index: which provisions hold each character bigram (FTS5, contentless, detail=none).

Chinese has no spaces, so every pair of adjacent letters or digits is a term: 残疾人就业 is
indexed as 残疾 疾人 人就 就业. A query asks for the provisions holding all of its bigrams (so
two-character words such as 财政 use the index), and the provision's own text then decides,
so the answer is exact. The index keeps no text and no positions, only which provisions hold
a term: about a quarter of the size of a trigram index, so the store stays a small multiple
of its input on a national corpus.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping

import regex

from extract.store.schema import PROVISIONS_OF_SOURCE

# A run of letters and digits (what str.isalnum accepts); bigrams never cross punctuation or spaces.
_RUN_RE = regex.compile(r"[\p{L}\p{N}]{2,}")


def bigrams(text: str) -> list[str]:
    """The distinct pairs of adjacent letters/digits in `text`, in first-seen order (财政资金 → 财政 政资 资金)."""
    seen: dict[str, None] = {}
    for run in _RUN_RE.findall((text or "").lower()):
        seen.update(dict.fromkeys(run[i:i + 2] for i in range(len(run) - 1)))
    return list(seen)


def index_text(text: str) -> str:
    """What the index holds for a provision: its bigrams, separated by spaces."""
    return " ".join(bigrams(text))


def match_expression(terms: Iterable[str]) -> str | None:
    """An FTS5 MATCH for provisions that hold every bigram of every term (None: no term has one,
    e.g. a single character; the caller then scans)."""
    grams = list(dict.fromkeys(g for t in terms for g in bigrams(t)))
    if not grams:
        return None
    return " AND ".join('"' + g.replace('"', '""') + '"' for g in grams)


def index_source(conn: sqlite3.Connection, source: str, terms: Mapping[str, str] | None = None) -> None:
    """Add the provisions of `source` (just inserted) to the index; `terms` maps provision ids to
    their index_text when a worker has already computed it."""
    if terms is not None:
        rows = [(rowid, terms[pid]) for rowid, pid in _provisions_of(conn, source, "id")]
    else:
        rows = [(rowid, index_text(text)) for rowid, text in _provisions_of(conn, source, "text")]
    conn.executemany("INSERT INTO provisions_fts(rowid, text) VALUES (?, ?)", rows)


def unindex_source(conn: sqlite3.Connection, source: str) -> None:
    """Remove the provisions of `source` (about to be deleted) from the index: a contentless
    table forgets a row when told the terms it was given."""
    conn.executemany("INSERT INTO provisions_fts(provisions_fts, rowid, text) VALUES ('delete', ?, ?)",
                     [(rowid, index_text(text)) for rowid, text in _provisions_of(conn, source, "text")])


def _provisions_of(conn: sqlite3.Connection, source: str, column: str) -> list[tuple]:
    """(rowid, column) of the source's provisions in rowid order (FTS5 takes ascending rowids without
    flushing a segment per row)."""
    return conn.execute(f"SELECT rowid, {column} FROM provisions WHERE {PROVISIONS_OF_SOURCE} ORDER BY rowid",
                        (source,)).fetchall()


def compact_index(conn: sqlite3.Connection, written: int) -> bool:
    """Merge the index's segments into one (FTS5 'optimize': a sixth smaller on ../shared/wild, and one
    b-tree to look terms up in) when this build wrote at least a quarter of the stored provisions, so
    the cost stays within a few times the indexing the build just did; after smaller builds FTS5's own
    automerge keeps the segments in check. Returns whether it merged."""
    total = conn.execute("SELECT coalesce(sum(provisions), 0) FROM sources").fetchone()[0]
    if written <= 0 or written * 4 < total:
        return False
    conn.execute("INSERT INTO provisions_fts(provisions_fts) VALUES ('optimize')")
    return True
