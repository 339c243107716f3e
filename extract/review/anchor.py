"""Anchors: where a reviewed value was printed, and finding it again after the source changed.

A decision records the value's span, its exact text in the source and ±30 characters of
context. Stable ids change when a source's bytes change, so after a rebuild a review whose
target disappeared is re-attached by searching its text and scoring the context around each
occurrence; if nothing convincing is found it is flagged orphaned (never dropped).
"""

from __future__ import annotations

import functools
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import regex

from extract.model import Source
from extract.review.kinds import ADDED_PREFIX, KINDS, Kind
from extract.store.schema import PROVISIONS_OF_SOURCE
from extract.store.texts import unpack as unpack_text

CONTEXT = 30  # characters of context kept on each side of a reviewed value
_WS = regex.compile(r"\s+")


@dataclass
class Anchor:
    """A value's place in its source at decision time."""

    source: str
    sha256: str | None
    start: int
    end: int
    surface: str
    context_before: str
    context_after: str


def resolve_path(path: str, db_path: str | None = None) -> Path | None:
    """The source file at `path` (as stored at build time): as given, else next to the store."""
    p = Path(path)
    if p.is_file():
        return p
    if db_path and not p.is_absolute():
        for base in (Path(db_path).resolve().parent, Path(db_path).resolve().parent.parent):
            if (base / p).is_file():
                return base / p
            if (base / p.name).is_file():
                return base / p.name
    return None


@functools.lru_cache(maxsize=16)
def _read_cached(path: str, mtime_ns: int, size: int) -> Source:
    from extract.pipeline import read_source

    return read_source(path)


@functools.lru_cache(maxsize=256)
def _sha_cached(path: str, mtime_ns: int, size: int) -> str:
    from extract.store.write import file_sha256

    return file_sha256(path)


def _file_state(conn: sqlite3.Connection, name: str, db_path: str | None) -> tuple[Path | None, str | None, bool]:
    """(the file, its stored hash, whether the file's bytes are those the build read)."""
    row = conn.execute("SELECT path, sha256 FROM sources WHERE name = ?", (name,)).fetchone()
    if not row:
        return None, None, False
    p = resolve_path(row[0], db_path)
    if p is None:
        return None, row[1], False
    try:
        st = p.stat()
        return p, row[1], _sha_cached(str(p), st.st_mtime_ns, st.st_size) == row[1]
    except OSError:
        return p, row[1], False


def load_source(conn: sqlite3.Connection, name: str, db_path: str | None = None) -> Source | None:
    """The source `name` as the build read it: its file when the bytes are unchanged (PDF boxes and all),
    else the text the store kept (so spans stay right while the file on disk was edited), else None."""
    p, _, same = _file_state(conn, name, db_path)
    if p is not None and same:
        st = p.stat()
        try:
            src = _read_cached(str(p), st.st_mtime_ns, st.st_size)
        except Exception:  # noqa: BLE001 — an unreadable file falls back to the stored text
            src = None
        if src is not None:
            src.name = name
            return src
    return stored_source(conn, name)


def stored_source(conn: sqlite3.Connection, name: str) -> Source | None:
    """The source's text as kept in the store at build time (None for a store built before texts were kept)."""
    try:
        row = conn.execute("""SELECT s.path, s.sha256, s.encoding, s.kind, t.text FROM sources s
                              JOIN source_texts t ON t.name = s.name AND t.sha256 = s.sha256
                              WHERE s.name = ?""", (name,)).fetchone()
    except sqlite3.OperationalError:  # no source_texts table
        return None
    if row is None:
        return None
    path, sha, encoding, kind, blob = row
    return Source(path=path, name=name, sha256=sha, text=unpack_text(blob),
                  encoding=encoding or "", kind=kind or "text")


def source_changed(conn: sqlite3.Connection, name: str, db_path: str | None = None) -> str | None:
    """A sentence for the editor when the file on disk is not what the store was built from, else None."""
    p, sha, same = _file_state(conn, name, db_path)
    if sha is None or same:
        return None
    if p is None:
        return f"The file of {name} cannot be found from here; the text shown is the one the last build read."
    return (f"{name} changed on disk since the last build: the text shown, and what decisions anchor to, is the one "
            f"the build read. Run `gazette build` to review the new text.")


def capture(source: Source | None, name: str, sha: str | None, start: int, end: int, surface: str = "") -> Anchor:
    """The anchor of span [start, end) of `source`: its text and the context around it."""
    if source is None or not (0 <= start <= end <= len(source.text)):
        return Anchor(name, sha, start, end, surface, "", "")
    text = source.text
    return Anchor(name, sha, start, end, text[start:end],
                  text[max(0, start - CONTEXT):start], text[end:end + CONTEXT])


def _squash(s: str) -> str:
    return _WS.sub("", s)


def _common_suffix(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[-1 - n] == b[-1 - n]:
        n += 1
    return n


def _common_prefix(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n


def find_span(text: str, anchor: Anchor) -> tuple[int, int] | None:
    """Where `anchor`'s text is printed in `text` now: the occurrence whose context matches best.

    Whitespace may differ (re-wrapped lines); an occurrence is accepted only when its context
    matches enough (a repeated unit name elsewhere in the text is not the same value).
    """
    surface = _squash(anchor.surface)
    if not surface:
        return None
    pattern = regex.compile(r"\s*".join(regex.escape(ch) for ch in surface))
    before, after = _squash(anchor.context_before), _squash(anchor.context_after)
    available = len(before) + len(after)
    need = min(available, max(12, int(0.4 * available)))  # 24 of the usual 60 context characters
    best: tuple[tuple[int, int], tuple[int, int]] | None = None
    for m in pattern.finditer(text, overlapped=True):
        ctx_b = _squash(text[max(0, m.start() - 3 * CONTEXT):m.start()])
        ctx_a = _squash(text[m.end():m.end() + 3 * CONTEXT])
        score = _common_suffix(before, ctx_b) + _common_prefix(after, ctx_a)
        if score < need:
            continue
        key = (score, -abs(m.start() - anchor.start))
        if best is None or key > best[0]:
            best = (key, (m.start(), m.end()))
    return best[1] if best else None


# ---------------------------------------------------------------- re-anchoring after a build

@dataclass
class ReanchorReport:
    """What a re-anchoring pass did (counts of review targets, not of reviews)."""

    checked: int = 0
    reanchored: int = 0
    orphaned: int = 0
    merged: int = 0


def reanchor(conn: sqlite3.Connection, db_path: str | None = None) -> ReanchorReport:
    """Re-attach every review whose target is gone (or whose added value's source changed).

    Runs in one transaction; reviews themselves are never modified, only review_anchors.
    """
    report = ReanchorReport()
    groups = conn.execute(
        """SELECT r.target_type, a.target_id, max(r.decision = 'add'), max(a.status = 'orphaned'), max(r.id)
           FROM reviews r JOIN review_anchors a ON a.review_id = r.id
           GROUP BY r.target_type, a.target_id"""
    ).fetchall()
    # extracted targets first, so that an added value can follow its re-anchored obligation
    for target_type, target_id, added, orphaned, _ in sorted(groups, key=lambda g: g[2]):
        k = KINDS.get(target_type)
        if k is None:
            continue
        exists = conn.execute(f"SELECT 1 FROM {k.table} WHERE id = ?", (target_id,)).fetchone() is not None
        if exists and not added:
            if orphaned:
                _set_group(conn, target_type, target_id, status="ok", reason=None)
            continue
        report.checked += 1
        outcome = (_reanchor_added if added else _reanchor_extracted)(conn, k, target_id, db_path)
        if outcome == "reanchored":
            report.reanchored += 1
        elif outcome == "orphaned":
            report.orphaned += 1
        elif outcome == "merged":
            report.merged += 1
    return report


def _latest_anchor(conn: sqlite3.Connection, target_type: str, target_id: str) -> sqlite3.Row:
    cur = conn.cursor()
    cur.row_factory = sqlite3.Row
    return cur.execute(
        """SELECT a.* FROM review_anchors a JOIN reviews r ON r.id = a.review_id
           WHERE r.target_type = ? AND a.target_id = ? ORDER BY r.id DESC LIMIT 1""",
        (target_type, target_id),
    ).fetchone()


def _set_group(conn: sqlite3.Connection, group_type: str, group_id: str, **cols: object) -> None:
    """Update the anchors of every review of one target (they move together)."""
    cols["updated_at"] = _now()
    sets = ", ".join(f'"{c}" = ?' for c in cols)
    conn.execute(
        f"""UPDATE review_anchors SET {sets} WHERE review_id IN (
               SELECT r.id FROM reviews r JOIN review_anchors a ON a.review_id = r.id
               WHERE r.target_type = ? AND a.target_id = ?)""",
        (*cols.values(), group_type, group_id),
    )


def _now() -> str:
    from datetime import UTC, datetime

    return datetime.now(UTC).isoformat(timespec="microseconds")


def _new_span(conn: sqlite3.Connection, a: sqlite3.Row, db_path: str | None) -> tuple[tuple[int, int] | None, Source | None, str]:
    """The anchor's span in the source as stored now, the Source, and why not when not found."""
    src = conn.execute("SELECT sha256 FROM sources WHERE name = ?", (a["source"],)).fetchone()
    if src is None:
        return None, None, "source no longer in the store"
    source = load_source(conn, a["source"], db_path)
    if src[0] == a["sha256"]:
        return (a["start"], a["end"]), source, ""
    if source is None:
        return None, None, "source file cannot be read"
    anchor = Anchor(a["source"], a["sha256"], a["start"], a["end"], a["surface"] or "",
                    a["context_before"] or "", a["context_after"] or "")
    span = find_span(source.text, anchor)
    return span, source, "" if span else "its text and context are no longer in the source"


def _reanchor_extracted(conn: sqlite3.Connection, k: Kind, target_id: str, db_path: str | None) -> str:
    a = _latest_anchor(conn, k.name, target_id)
    span, source, why = _new_span(conn, a, db_path)
    new_id = _match_row(conn, k, a["source"], span, a["surface"] or "") if span else None
    if new_id is None:
        why = why or f"no extracted {k.name} at that place any more"
        _set_group(conn, k.name, target_id, status="orphaned", reason=why)
        return "orphaned"
    sha = conn.execute("SELECT sha256 FROM sources WHERE name = ?", (a["source"],)).fetchone()[0]
    cap = capture(source, a["source"], sha, *span)
    _set_group(conn, k.name, target_id, target_id=new_id, status="reanchored", reason=None, sha256=sha,
               start=span[0], end=span[1], surface=cap.surface or a["surface"],
               context_before=cap.context_before or a["context_before"],
               context_after=cap.context_after or a["context_after"])
    return "reanchored"


def _match_row(conn: sqlite3.Connection, k: Kind, source: str, span: tuple[int, int], surface: str) -> str | None:
    """The extracted row of kind `k` printed at `span` (exact, else the best overlap of at least half)."""
    s, e = span
    name_col = "name" if k.name == "unit" else "surface" if "surface" in k.fields else None
    sel = f', "{name_col}"' if name_col else ", NULL"
    rows = conn.execute(
        f'SELECT id, start, "end"{sel} FROM {k.table} WHERE source = ? AND start < ? AND "end" > ?',
        (source, max(e, s + 1), s),
    ).fetchall()
    best: tuple[tuple[float, int], str] | None = None
    for rid, rs, re_, name in rows:
        inter = min(e, re_) - max(s, rs)
        union = max(e, re_) - min(s, rs)
        iou = inter / union if union > 0 else 0.0
        key = (iou, int(bool(name) and _squash(name) == _squash(surface)))
        if iou >= 0.5 and (best is None or key > best[0]):
            best = (key, rid)
    return best[1] if best else None


def _reanchor_added(conn: sqlite3.Connection, k: Kind, target_id: str, db_path: str | None) -> str:
    a = _latest_anchor(conn, k.name, target_id)
    sha_row = conn.execute("SELECT sha256 FROM sources WHERE name = ?", (a["source"],)).fetchone()
    prov_ok = a["provision_id"] and conn.execute(
        "SELECT 1 FROM provisions WHERE id = ?", (a["provision_id"],)).fetchone()
    if sha_row and sha_row[0] == a["sha256"] and a["status"] != "orphaned" and prov_ok:
        return _merge_if_extracted(conn, k, target_id, a["source"], (a["start"], a["end"]))
    span, source, why = _new_span(conn, a, db_path)
    if span is None:
        _set_group(conn, k.name, target_id, status="orphaned", reason=why)
        return "orphaned"
    pos = place(conn, source, a["source"], span, k.name, a["obligation_id"])
    cap = capture(source, a["source"], sha_row[0], *span)
    _set_group(conn, k.name, target_id, status="reanchored", reason=None, sha256=sha_row[0],
               surface=cap.surface or a["surface"], context_before=cap.context_before or a["context_before"],
               context_after=cap.context_after or a["context_after"], **pos)
    merged = _merge_if_extracted(conn, k, target_id, a["source"], span)
    return merged if merged == "merged" else "reanchored"


def _merge_if_extracted(conn: sqlite3.Connection, k: Kind, target_id: str, source: str, span: tuple[int, int]) -> str:
    """An added value that the extractors now find at the same span becomes a correction of that row."""
    row = conn.execute(f'SELECT id FROM {k.table} WHERE source = ? AND start = ? AND "end" = ?',
                       (source, *span)).fetchone()
    if row is None:
        return "unchanged"
    _set_group(conn, k.name, target_id, target_id=row[0], status="reanchored", reason="now extracted")
    return "merged"


def place(conn: sqlite3.Connection, source: Source | None, name: str, span: tuple[int, int],
          target_type: str, obligation_id: str | None = None) -> dict:
    """Where an added value sits: lines, page and box, its provision, document and obligation."""
    s, e = span
    pos: dict = {"source": name, "start": s, "end": e, "line": None, "end_line": None, "page": None, "bbox": None}
    if source is not None and 0 <= s < e <= len(source.text):
        sp = source.span(s, e)
        pos.update(line=sp.line, end_line=sp.end_line, page=sp.page,
                   bbox=("[" + ", ".join(str(round(v, 2)) for v in sp.bbox) + "]") if sp.bbox else None)
    prov = conn.execute(
        f"""SELECT id, document_id FROM provisions WHERE {PROVISIONS_OF_SOURCE} AND start <= ? AND "end" >= ?
           ORDER BY ("end" - start), level DESC LIMIT 1""", (name, s, e)).fetchone()
    pos["provision_id"], pos["document_id"] = prov if prov else (None, None)
    if pos["document_id"] is None:
        doc = conn.execute('SELECT id FROM documents WHERE source = ? AND start <= ? AND "end" >= ?',
                           (name, s, e)).fetchone()
        pos["document_id"] = doc[0] if doc else None
    pos["obligation_id"] = _obligation_for(conn, name, span, pos["provision_id"], target_type, obligation_id)
    return pos


def _obligation_for(conn: sqlite3.Connection, name: str, span: tuple[int, int], provision_id: str | None,
                    target_type: str, current: str | None) -> str | None:
    """Keep the chosen obligation if it still exists, else the one whose clause or task holds the span."""
    if target_type == "obligation":
        return None
    if current and (current.startswith(ADDED_PREFIX)
                    or conn.execute("SELECT 1 FROM obligations WHERE id = ?", (current,)).fetchone()):
        return current
    moved = conn.execute(  # the obligation was reviewed too: follow its own re-anchoring
        """SELECT a.target_id FROM reviews r JOIN review_anchors a ON a.review_id = r.id
           WHERE r.target_type = 'obligation' AND r.target_id = ? AND a.status <> 'orphaned'
           ORDER BY r.id DESC LIMIT 1""", (current,)).fetchone() if current else None
    if moved and conn.execute("SELECT 1 FROM obligations WHERE id = ?", (moved[0],)).fetchone():
        return moved[0]
    s, e = span
    row = conn.execute(
        """SELECT id FROM obligations WHERE source = ? AND
             ((start <= ? AND "end" >= ?) OR (task_start <= ? AND task_end >= ?))
           ORDER BY ("end" - start) LIMIT 1""", (name, s, e, s, e)).fetchone()
    if row is None and provision_id:
        row = conn.execute("SELECT id FROM obligations WHERE provision_id = ? LIMIT 1", (provision_id,)).fetchone()
    return row[0] if row else None
