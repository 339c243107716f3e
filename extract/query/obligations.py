"""Obligations and deadlines: who must do what, by when — filtered by unit, role, document, date, text.

An obligation's `due` is the earliest due-kind deadline tied to it, else the earliest one in its
provision that no obligation owns (到2025年… in the same item). A deadline's task is its own
obligation, else the first obligation of its provision.
"""

from __future__ import annotations

from typing import Any

from extract.query.common import (
    DB,
    connect,
    placeholders,
    resolve_documents,
    resolve_units,
    rows,
    short_task,
    text_filter,
    vocab,
)

ROLES = ("lead", "co", "responsible")


def _due_sql(ob: str = "o") -> str:
    """`date<TAB>surface` of an obligation's due deadline (own first, else its provision's unowned one)."""
    kinds = ", ".join(f"'{k}'" for k in vocab()["due_kinds"])
    pick = "SELECT dl.date || char(9) || coalesce(dl.surface, '') FROM reviewed_deadlines dl WHERE "
    tail = f" AND dl.kind IN ({kinds}) AND dl.date IS NOT NULL ORDER BY dl.date LIMIT 1"
    return (f"coalesce(({pick}dl.obligation_id = {ob}.id{tail}), "
            f"({pick}dl.provision_id = {ob}.provision_id AND dl.obligation_id IS NULL{tail}))")


_OBLIGATION_COLUMNS = f"""
    o.id, o.source, o.line, o.document_id, coalesce(d.attached_title, d.title) AS document, d.doc_number,
    p.path, p.heading, o.text AS task, o.clause, o.kind, o.confidence, o.review_status, {_due_sql()} AS due_pick
"""


def obligations(
    db: DB, unit: str | None = None, role: str | None = None, document: str | None = None,
    due_before: str | None = None, due_after: str | None = None, kind: str | None = None,
    text: str | None = None, has_amount: bool = False, limit: int | None = 100,
) -> list[dict[str, Any]]:
    """Obligations matching every given filter, in document order, with their units and due date.

    `unit` is a canonical name, an alias or a tail of one (财政局); `role` lead|co|responsible;
    `document` an id, 文号, source file or title words; dates are ISO (inclusive bounds).
    """
    conn = connect(db)
    where, params = ["1"], []
    if unit is not None or role is not None:
        canon = resolve_units(conn, unit) if unit else None
        if canon == []:
            return []
        sub = "SELECT obligation_id FROM reviewed_obligation_units WHERE 1"
        if canon:
            sub += f" AND canonical IN ({placeholders(canon)})"
            params += canon
        if role:
            sub += " AND role = ?"
            params.append(role)
        where.append(f"o.id IN ({sub})")
    if document:
        docs = resolve_documents(conn, document)
        if not docs:
            return []
        where.append(f"o.document_id IN ({placeholders(docs)})")
        params += docs
    if kind:
        where.append("o.kind = ?")
        params.append(kind)
    if has_amount:
        where.append("EXISTS (SELECT 1 FROM reviewed_amounts a WHERE a.obligation_id = o.id)")
    sql, args = text_filter("o.text || coalesce(o.clause, '')", text, "o.provision_id")
    if sql:
        where.append(sql)
        params += args
    if due_before or due_after:
        cand, cargs = _due_candidates(due_before, due_after)
        where.append(cand)
        params += cargs
        where.append("due_pick IS NOT NULL" + "".join(
            f" AND substr(due_pick, 1, 10) {op} ?" for op, v in (("<=", due_before), (">=", due_after)) if v))
        params += [v for v in (due_before, due_after) if v]
    sql = f"""SELECT {_OBLIGATION_COLUMNS}
              FROM reviewed_obligations o JOIN documents d ON d.id = o.document_id
              LEFT JOIN provisions p ON p.id = o.provision_id
              WHERE {' AND '.join(where)} ORDER BY o.source, o.task_start, o.start"""
    if limit:
        sql += f" LIMIT {int(limit)}"
    found = rows(conn, sql, params)
    return _finish(conn, found)


def _due_candidates(before: str | None, after: str | None) -> tuple[str, list[Any]]:
    """Obligations that may have a due date in range, found from the deadlines' date index."""
    kinds = vocab()["due_kinds"]
    cond = f"dl.kind IN ({placeholders(kinds)})" + "".join(
        f" AND dl.date {op} ?" for op, v in (("<=", before), (">=", after)) if v)
    args = [*kinds, *[v for v in (before, after) if v]]
    sql = (f"(o.id IN (SELECT dl.obligation_id FROM reviewed_deadlines dl WHERE {cond}) OR o.provision_id IN "
           f"(SELECT dl.provision_id FROM reviewed_deadlines dl WHERE dl.obligation_id IS NULL AND {cond}))")
    return sql, args + args


def _finish(conn: Any, found: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Add each obligation's units by role and split its due deadline into date and surface."""
    units = units_of(conn, [r["id"] for r in found])
    for r in found:
        pick = r.pop("due_pick")
        r["due"], r["deadline"] = pick.split("\t", 1) if pick else (None, None)
        r["short_task"] = short_task(r["task"], r.pop("heading"))
        for role in ROLES:
            r[role] = [name for name, rl in units.get(r["id"], []) if rl == role]
    return found


def units_of(conn: Any, ids: list[str]) -> dict[str, list[tuple[str, str]]]:
    """(canonical, role) pairs of each obligation, in printed order."""
    out: dict[str, list[tuple[str, str]]] = {}
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        for ob, name, role in conn.execute(
            f"""SELECT obligation_id, coalesce(canonical, name), role FROM reviewed_obligation_units
                WHERE obligation_id IN ({placeholders(chunk)}) ORDER BY obligation_id, start""", chunk):
            pair = (name, role)
            if pair not in out.setdefault(ob, []):
                out[ob].append(pair)
    return out


def deadlines(
    db: DB, unit: str | None = None, role: str | None = None, document: str | None = None,
    before: str | None = None, after: str | None = None, kind: str | None = None,
    text: str | None = None, limit: int | None = 100,
) -> list[dict[str, Any]]:
    """Deadlines in date order with the task and units they bind; filters as for obligations."""
    conn = connect(db)
    where, params = ["1"], []
    if before:
        where.append("dl.date <= ?")
        params.append(before)
    if after:
        where.append("dl.date >= ?")
        params.append(after)
    if kind:
        where.append("dl.kind = ?")
        params.append(kind)
    if document:
        docs = resolve_documents(conn, document)
        if not docs:
            return []
        where.append(f"dl.document_id IN ({placeholders(docs)})")
        params += docs
    owner = ("coalesce(dl.obligation_id, (SELECT o.id FROM reviewed_obligations o "
             "WHERE o.provision_id = dl.provision_id ORDER BY o.task_start LIMIT 1))")
    if unit or role:
        canon = resolve_units(conn, unit) if unit else None
        if canon == []:
            return []
        sub = "SELECT obligation_id FROM reviewed_obligation_units WHERE 1"
        if canon:
            sub += f" AND canonical IN ({placeholders(canon)})"
            params += canon
        if role:
            sub += " AND role = ?"
            params.append(role)
        where.append(f"owner_id IN ({sub})")
    sql, args = text_filter("p.text", text, "dl.provision_id")
    if sql:
        where.append(sql)
        params += args
    query = f"""SELECT dl.id, dl.source, dl.line, dl.date, dl.kind, dl.surface, dl.every, dl.start_date,
                       dl.document_id, coalesce(d.attached_title, d.title) AS document, d.doc_number, p.path,
                       p.heading, {owner} AS owner_id, dl.review_status
                FROM reviewed_deadlines dl JOIN documents d ON d.id = dl.document_id
                LEFT JOIN provisions p ON p.id = dl.provision_id
                WHERE {' AND '.join(where)}
                ORDER BY dl.date IS NULL, dl.date, dl.source, dl.start"""
    if limit:
        query += f" LIMIT {int(limit)}"
    found = rows(conn, query, params)
    return _with_tasks(conn, found)


def _with_tasks(conn: Any, found: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Add the owning obligation's task and units to each deadline."""
    ids = [r["owner_id"] for r in found if r["owner_id"]]
    tasks = {}
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        tasks.update({r[0]: r[1] for r in conn.execute(
            f"SELECT id, text FROM reviewed_obligations WHERE id IN ({placeholders(chunk)})", chunk)})
    units = units_of(conn, ids)
    for r in found:
        ob = r.pop("owner_id")
        r["obligation_id"] = ob
        r["task"] = tasks.get(ob)
        r["short_task"] = short_task(r["task"], r["heading"]) if r["task"] else None
        r.pop("heading")
        for role in ROLES:
            r[role] = [name for name, rl in units.get(ob, []) if rl == role]
    return found
