"""Amounts, targets, citations and leading-group seats, each with the document and place it was printed."""

from __future__ import annotations

from typing import Any

from extract.query.common import (
    DB,
    connect,
    normalize_doc_number,
    placeholders,
    resolve_documents,
    resolve_units,
    rows,
    text_filter,
    unit_names,
    vocab,
)

_DOC = "coalesce(d.attached_title, d.title) AS document, d.doc_number, p.path"
_JOIN = "JOIN documents d ON d.id = {t}.document_id LEFT JOIN provisions p ON p.id = {t}.provision_id"


class _Where:
    """WHERE clauses and their params, built up filter by filter."""

    def __init__(self) -> None:
        self.sql: list[str] = ["1"]
        self.params: list[Any] = []
        self.empty = False

    def add(self, sql: str, *params: Any) -> None:
        self.sql.append(sql)
        self.params.extend(params)

    def document(self, conn: Any, ref: str | None, col: str) -> None:
        if ref:
            docs = resolve_documents(conn, ref)
            self.empty |= not docs
            self.add(f"{col} IN ({placeholders(docs) or 'NULL'})", *docs)

    def unit(self, conn: Any, unit: str | None, ob_col: str, role: str | None = None) -> None:
        """Rows tied to an obligation of this unit (in this role)."""
        if not unit:
            return
        canon = resolve_units(conn, unit)
        self.empty |= not canon
        sub = f"SELECT obligation_id FROM reviewed_obligation_units WHERE canonical IN ({placeholders(canon) or 'NULL'})"
        if role:
            sub += " AND role = ?"
        self.add(f"{ob_col} IN ({sub})", *canon, *([role] if role else []))

    def text(self, column: str, text: str | None, provision_column: str) -> None:
        sql, args = text_filter(column, text, provision_column)
        if sql:
            self.add(sql, *args)

    def __str__(self) -> str:
        return " AND ".join(self.sql)


def _run(conn: Any, sql: str, w: _Where, limit: int | None) -> list[dict[str, Any]]:
    if w.empty:
        return []
    if limit:
        sql += f" LIMIT {int(limit)}"
    return rows(conn, sql, w.params)


def amounts(
    db: DB, unit: str | None = None, document: str | None = None, role: str | None = None,
    min_yuan: float | None = None, max_yuan: float | None = None, committed: bool = False,
    text: str | None = None, limit: int | None = 100,
) -> list[dict[str, Any]]:
    """Money amounts in document order; `role` is the amount's role (subsidy, fund, reward …),
    `committed` keeps sums a plan pays out (see data/query.yaml), `unit` the obligation's units."""
    conn = connect(db)
    w = _Where()
    w.document(conn, document, "a.document_id")
    w.unit(conn, unit, "a.obligation_id")
    if role:
        w.add("a.role = ?", role)
    if min_yuan is not None:
        w.add("a.value_yuan >= ?", min_yuan)
    if max_yuan is not None:
        w.add("a.value_yuan <= ?", max_yuan)
    if committed:
        v = vocab()
        w.add(f"a.per IS NULL AND a.role IN ({placeholders(v['committed_roles'])}) "
              f"AND a.bound IN ({placeholders(v['committed_bounds'])})", *v["committed_roles"], *v["committed_bounds"])
    w.text("p.text", text, "a.provision_id")
    sql = f"""SELECT a.id, a.source, a.line, a.surface, a.value_yuan, a.low_yuan, a.high_yuan, a.bound, a.per, a.role,
                     a.obligation_id, a.document_id, {_DOC}, a.review_status
              FROM reviewed_amounts a {_JOIN.format(t='a')} WHERE {w} ORDER BY a.source, a.start"""
    return _run(conn, sql, w, limit)


def amount_summary(db: DB, document: str | None = None) -> list[dict[str, Any]]:
    """Per document: how many amounts, and the committed total (exact/max sums paid out, not per head)."""
    conn = connect(db)
    v = vocab()
    w = _Where()
    w.document(conn, document, "a.document_id")
    if w.empty:
        return []
    roles, bounds = v["committed_roles"], v["committed_bounds"]
    committed = (f"a.per IS NULL AND a.role IN ({placeholders(roles)}) AND a.bound IN ({placeholders(bounds)})")
    sql = f"""SELECT a.document_id, coalesce(d.attached_title, d.title) AS document, d.doc_number,
                     count(*) AS amounts, sum(CASE WHEN {committed} THEN 1 ELSE 0 END) AS committed_amounts,
                     sum(CASE WHEN {committed} THEN a.value_yuan END) AS committed_yuan
              FROM reviewed_amounts a JOIN documents d ON d.id = a.document_id
              WHERE {w} GROUP BY a.document_id ORDER BY d.source, d.start"""
    return rows(conn, sql, [*roles, *bounds, *roles, *bounds, *w.params])


def targets(
    db: DB, year: int | None = None, binding: str | None = None, unit: str | None = None,
    document: str | None = None, text: str | None = None, limit: int | None = 100,
) -> list[dict[str, Any]]:
    """Numeric targets; `year` matches the target year or its due date's year, `binding` binding|expected."""
    conn = connect(db)
    w = _Where()
    if year:
        w.add("(t.year = ? OR substr(t.due, 1, 4) = ?)", int(year), str(year))
    if binding:
        w.add("t.binding = ?", binding)
    w.document(conn, document, "t.document_id")
    w.unit(conn, unit, "t.obligation_id")
    w.text("t.indicator || coalesce(t.surface, '')", text, "t.provision_id")
    sql = f"""SELECT t.id, t.source, t.line, t.indicator, t.comparator, t.value, t.unit, t.year, t.binding, t.due,
                     t.surface, t.obligation_id, t.document_id, {_DOC}, t.review_status
              FROM reviewed_targets t {_JOIN.format(t='t')} WHERE {w} ORDER BY t.source, t.start"""
    return _run(conn, sql, w, limit)


def citations(
    db: DB, cites: str | None = None, document: str | None = None, in_store: bool | None = None,
    limit: int | None = 100,
) -> list[dict[str, Any]]:
    """Which documents cite (or implement) a 文号 or title; `cites` matches the 文号 exactly or the title's words."""
    conn = connect(db)
    w = _Where()
    if cites:  # a 文号 found as such uses its index; otherwise words of the cited title
        number = normalize_doc_number(cites)
        if conn.execute("SELECT 1 FROM citations WHERE doc_number = ? LIMIT 1", [number]).fetchone():
            w.add("c.doc_number = ?", number)
        else:
            w.add("(c.title LIKE ? OR c.surface LIKE ?)", f"%{cites}%", f"%{cites}%")
    w.document(conn, document, "c.document_id")
    if in_store is not None:
        w.add("c.cited_document_id IS NOT NULL" if in_store else "c.cited_document_id IS NULL")
    sql = f"""SELECT c.id, c.source, c.line, c.surface, c.doc_number AS cited_doc_number, c.title AS cited_title,
                     c.cited_document_id, c.document_id, {_DOC}, c.review_status
              FROM reviewed_citations c {_JOIN.format(t='c')} WHERE {w} ORDER BY c.source, c.start"""
    return _run(conn, sql, w, limit)


def members(
    db: DB, person: str | None = None, unit: str | None = None, group: str | None = None,
    role: str | None = None, document: str | None = None, limit: int | None = 100,
) -> list[dict[str, Any]]:
    """Seats on leading groups: a person's, or a unit's (its names found in the member's position)."""
    conn = connect(db)
    w = _Where()
    if person:
        w.add("m.person = ?", person)
    if unit:
        names = unit_names(conn, resolve_units(conn, unit)) or [unit]
        w.add("(" + " OR ".join("instr(m.position, ?) > 0" for _ in names) + ")", *names)
    if group:
        w.add("m.group_name LIKE ?", f"%{group}%")
    if role:
        w.add("m.role = ?", role)
    w.document(conn, document, "m.document_id")
    sql = f"""SELECT m.id, m.source, m.line, m.group_name, m.role, m.person, m.position, m.document_id, {_DOC},
                     m.review_status
              FROM reviewed_members m {_JOIN.format(t='m')} WHERE {w} ORDER BY m.source, m.start"""
    return _run(conn, sql, w, limit)
