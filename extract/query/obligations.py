"""Obligations: who must do what, by when — filtered by unit, role, document, due date, kind, text, amount.

An obligation's `due` is the earliest due-kind deadline tied to it, else the earliest one in its
provision that no obligation owns (到2025年… in the same item).
"""

from __future__ import annotations

from dataclasses import dataclass
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
    vocab,
)
from extract.store.fts import match_expression

ROLES = ("lead", "co", "responsible")


def _due_sql(ob: str = "o") -> str:
    """`date<TAB>surface` of an obligation's due deadline (own first, else its provision's unowned one)."""
    kinds = ", ".join(f"'{k}'" for k in vocab()["due_kinds"])
    pick = "SELECT dl.date || char(9) || coalesce(dl.surface, '') FROM reviewed_deadlines dl WHERE "
    tail = f" AND dl.kind IN ({kinds}) AND dl.date IS NOT NULL ORDER BY dl.date, dl.start LIMIT 1"
    return (f"coalesce(({pick}dl.obligation_id = {ob}.id{tail}), "
            f"({pick}dl.provision_id = {ob}.provision_id AND dl.obligation_id IS NULL{tail}))")


_OBLIGATION_COLUMNS = f"""
    o.id, o.source, o.line, o.document_id, coalesce(d.attached_title, d.title) AS document, d.doc_number,
    p.path, p.heading, o.text AS task, o.clause, o.kind, o.confidence, o.review_status, {_due_sql()} AS due_pick
"""


# A filter matching at least this many rows is "dense": walking obligations in document order and
# testing each finds `limit` hits sooner than collecting every match and sorting it.
DENSE_ROWS = 3000


@dataclass
class _Filter:
    """One WHERE condition, as a driving set (sparse) and as a per-row test (dense)."""

    sparse: str
    args: list[Any]
    dense: str
    dense_args: list[Any]
    is_dense: bool


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
    filters: list[_Filter] = []
    if unit is not None or role is not None:
        canon = resolve_units(conn, unit) if unit else None
        if canon == []:
            return []
        filters.append(_unit_filter(conn, canon, role))
    if document:
        docs = resolve_documents(conn, document)
        if not docs:
            return []
        sql = f"o.document_id IN ({placeholders(docs)})"
        filters.append(_Filter(sql, docs, sql, docs, False))
    if kind:
        filters.append(_Filter("o.kind = ?", [kind], "o.kind = ?", [kind], True))
    if has_amount:
        sql = "EXISTS (SELECT 1 FROM reviewed_amounts a WHERE a.obligation_id = o.id)"
        filters.append(_Filter(sql, [], sql, [], True))
    text = (text or "").replace("\x00", "")
    if text.split():
        filters.append(_text_filter(conn, text))
    if due_before or due_after:
        filters.append(_due_filter(conn, due_before, due_after))
    return _finish(conn, details(conn, _ids(conn, filters, limit)))


def _ids(conn: Any, filters: list[_Filter], limit: int | None) -> list[str]:
    """Matching ids in document order: driven by the filters when one is sparse, else by the order index."""
    dense = bool(limit) and all(f.is_dense for f in filters)
    where = " AND ".join(["1"] + [f.dense if dense else f.sparse for f in filters])
    params = [a for f in filters for a in (f.dense_args if dense else f.args)]
    order = "ORDER BY o.source, o.task_start, o.start"
    sql = f"SELECT o.id FROM reviewed_obligations o WHERE {where} {order}"
    if limit:
        sql += f" LIMIT {int(limit)}"
    return [r[0] for r in run(conn, sql, params)]


def _dense(conn: Any, sql: str, args: list[Any]) -> bool:
    """Whether a set query yields at least DENSE_ROWS rows (reads at most that many)."""
    return run(conn, f"SELECT count(*) FROM ({sql} LIMIT {DENSE_ROWS})", args).fetchone()[0] >= DENSE_ROWS


def _unit_filter(conn: Any, canon: list[str] | None, role: str | None) -> _Filter:
    cond, args = "1", []
    if canon:
        cond += f" AND canonical IN ({placeholders(canon)})"
        args += canon
    if role:
        cond += " AND role = ?"
        args.append(role)
    sub = f"SELECT obligation_id FROM reviewed_obligation_units WHERE {cond}"
    probe = f"EXISTS (SELECT 1 FROM reviewed_obligation_units WHERE obligation_id = o.id AND {cond})"
    return _Filter(f"o.id IN ({sub})", args, probe, args, _dense(conn, sub, args))


def _text_filter(conn: Any, text: str) -> _Filter:
    """Bigram index as the driving set; a plain substring test per row when the terms are common."""
    column = "o.text || coalesce(o.clause, '')"
    sql, args = text_filter(column, text, "o.provision_id")
    terms = text.split()
    probe = " AND ".join(f"instr({column}, ?) > 0" for _ in terms)
    match = match_expression(terms)
    if not match:
        return _Filter(sql, args, probe, terms, True)
    common = _dense(conn, "SELECT rowid FROM provisions_fts WHERE provisions_fts MATCH ?", [match])
    return _Filter(sql, args, probe, terms, common)


def _due_filter(conn: Any, before: str | None, after: str | None) -> _Filter:
    """Due date in range: candidates from the deadlines' date index, then each candidate's own due date."""
    kinds = vocab()["due_kinds"]
    cond = f"dl.kind IN ({placeholders(kinds)})" + "".join(
        f" AND dl.date {op} ?" for op, v in (("<=", before), (">=", after)) if v)
    cargs = [*kinds, *[v for v in (before, after) if v]]
    due = f"substr(({_due_sql()}), 1, 10)"
    check = f"{due} IS NOT NULL" + "".join(f" AND {due} {op} ?" for op, v in (("<=", before), (">=", after)) if v)
    check_args = [v for v in (before, after) if v]
    cand = (f"(o.id IN (SELECT dl.obligation_id FROM reviewed_deadlines dl WHERE {cond}) OR o.provision_id IN "
            f"(SELECT dl.provision_id FROM reviewed_deadlines dl WHERE dl.obligation_id IS NULL AND {cond}))")
    dense = _dense(conn, f"SELECT 1 FROM reviewed_deadlines dl WHERE {cond}", cargs)
    return _Filter(f"{cand} AND {check}", cargs + cargs + check_args, check, check_args, dense)


def details(conn: Any, ids: list[str]) -> list[dict[str, Any]]:
    """Obligation rows (document, path, task, clause, due pick) for these ids, in the given order."""
    found: dict[str, dict[str, Any]] = {}
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        for r in rows(conn, f"""SELECT {_OBLIGATION_COLUMNS}
                               FROM reviewed_obligations o JOIN documents d ON d.id = o.document_id
                               LEFT JOIN provisions p ON p.id = o.provision_id
                               WHERE o.id IN ({placeholders(chunk)})""", chunk):
            found[r["id"]] = r
    return [found[i] for i in ids if i in found]


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
        for ob, name, role in run(conn,
            f"""SELECT obligation_id, coalesce(canonical, name), role FROM reviewed_obligation_units
                WHERE obligation_id IN ({placeholders(chunk)}) ORDER BY obligation_id, start""", chunk):
            pair = (name, role)
            if pair not in out.setdefault(ob, []):
                out[ob].append(pair)
    return out
