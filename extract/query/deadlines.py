"""Deadlines in date order, each with the task and units it binds.

A deadline binds its own obligation, else (when the extractor left it unowned) the obligations of
its provision; it is shown with the first of them.
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
    run,
    short_task,
    text_filter,
)
from extract.query.obligations import ROLES, _dense, units_of


def deadlines(
    db: DB, unit: str | None = None, role: str | None = None, document: str | None = None,
    before: str | None = None, after: str | None = None, kind: str | None = None,
    text: str | None = None, limit: int | None = 100,
) -> list[dict[str, Any]]:
    """Deadlines in date order (undated recurring ones last), with task and units; filters as for obligations."""
    conn = connect(db)
    where, params = ["1"], []
    for sql, value in (("dl.date <= ?", before), ("dl.date >= ?", after), ("dl.kind = ?", kind)):
        if value:
            where.append(sql)
            params.append(value)
    if document:
        docs = resolve_documents(conn, document)
        if not docs:
            return []
        where.append(f"dl.document_id IN ({placeholders(docs)})")
        params += docs
    if unit or role:
        canon = resolve_units(conn, unit) if unit else None
        if canon == []:
            return []
        sql, args = _unit_condition(conn, canon, role)
        where.append(sql)
        params += args
    sql, args = text_filter("(SELECT text FROM provisions WHERE id = dl.provision_id)", text, "dl.provision_id")
    if sql:
        where.append(sql)
        params += args
    ids = _ids(conn, " AND ".join(where), params, limit)
    return _with_tasks(conn, _details(conn, ids))


def _unit_condition(conn: Any, canon: list[str] | None, role: str | None) -> tuple[str, list[Any]]:
    """Deadlines binding a task of these units: their own, or unowned ones in the task's provision."""

    def cond(u: str) -> tuple[str, list[Any]]:
        sql, args = "1", []
        if canon:
            sql += f" AND {u}.canonical IN ({placeholders(canon)})"
            args += canon
        if role:
            sql += f" AND {u}.role = ?"
            args.append(role)
        return sql, args

    c, args = cond("u")
    sub = f"SELECT u.obligation_id FROM reviewed_obligation_units u WHERE {c}"
    if _dense(conn, sub, args):  # many tasks: walk deadlines in date order and test each
        return (f"""(EXISTS (SELECT 1 FROM reviewed_obligation_units u WHERE u.obligation_id = dl.obligation_id AND {c})
                     OR (dl.obligation_id IS NULL AND EXISTS (SELECT 1 FROM reviewed_obligations o
                         JOIN reviewed_obligation_units u ON u.obligation_id = o.id
                         WHERE o.provision_id = dl.provision_id AND {c})))""", args + args)
    # few tasks: collect their own deadlines and the unowned ones of their provisions
    return (f"""dl.id IN (SELECT d2.id FROM reviewed_deadlines d2 WHERE d2.obligation_id IN ({sub})
                UNION SELECT d3.id FROM reviewed_obligations o
                      CROSS JOIN reviewed_deadlines d3 ON d3.provision_id = o.provision_id
                      WHERE +d3.obligation_id IS NULL AND o.id IN ({sub}))""", args + args)


def _ids(conn: Any, where: str, params: list[Any], limit: int | None) -> list[str]:
    """Dated deadlines by date, then undated (recurring) ones, up to `limit`."""
    lim = f" LIMIT {int(limit)}" if limit else ""
    ids = [r[0] for r in run(conn,
        f"SELECT dl.id FROM reviewed_deadlines dl WHERE {where} AND dl.date IS NOT NULL "
        f"ORDER BY dl.date, dl.source, dl.start{lim}", params)]
    if limit and len(ids) >= limit:
        return ids
    more = f" LIMIT {int(limit) - len(ids)}" if limit else ""
    return ids + [r[0] for r in run(conn,
        f"SELECT dl.id FROM reviewed_deadlines dl WHERE {where} AND dl.date IS NULL ORDER BY dl.source, dl.start{more}",
        params)]


def _details(conn: Any, ids: list[str]) -> list[dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        for r in rows(conn, f"""
                SELECT dl.id, dl.source, dl.line, dl.date, dl.kind, dl.surface, dl.every, dl.start_date,
                       dl.document_id, coalesce(d.attached_title, d.title) AS document, d.doc_number, p.path,
                       p.heading, coalesce(dl.obligation_id, (SELECT o.id FROM reviewed_obligations o
                           WHERE o.provision_id = dl.provision_id ORDER BY o.task_start LIMIT 1)) AS owner_id,
                       dl.review_status
                FROM reviewed_deadlines dl JOIN documents d ON d.id = dl.document_id
                LEFT JOIN provisions p ON p.id = dl.provision_id
                WHERE dl.id IN ({placeholders(chunk)})""", chunk):
            found[r["id"]] = r
    return [found[i] for i in ids if i in found]


def _with_tasks(conn: Any, found: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Add the owning obligation's task and units to each deadline."""
    ids = [r["owner_id"] for r in found if r["owner_id"]]
    tasks: dict[str, str] = {}
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        tasks.update({r[0]: r[1] for r in run(conn,
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
