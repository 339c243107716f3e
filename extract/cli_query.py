"""`gazette query …`, `gazette matrix`, `gazette calendar`, `gazette serve`: thin verbs over extract.query and exports.

Every verb takes `--db` and prints a table (default), CSV or JSON; the library functions of the
same names return the same rows as lists of dicts.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from collections.abc import Callable
from typing import Any

import click

from extract.cli_common import db_option, format_option, print_rows

ROLE_LABELS = {"lead": "牵头", "co": "配合", "responsible": "负责"}


def _db(f: Callable) -> Callable:
    return db_option("SQLite store to read.", must_exist=True)(f)


def _fmt(f: Callable) -> Callable:
    f = format_option()(f)
    return click.option("--limit", default=100, show_default=True, help="At most this many rows (0: all).")(f)


def _units(r: dict[str, Any]) -> str:
    """牵头: A、B；配合: C — a row's units by role."""
    return "；".join(f"{ROLE_LABELS[k]}: {'、'.join(r[k])}" for k in ROLE_LABELS if r.get(k))


def _where(r: dict[str, Any]) -> str:
    """`source:line`, the source shortened (by `emit`) to the fewest leading words that name it in the store."""
    return f"{r.get('_source_label') or r['source']}:{r['line']}"


def _doc(r: dict[str, Any]) -> str:
    return r.get("doc_number") or (r.get("document") or "")[:24]


# (header, value of a row) per verb, for --format table; csv and json carry every field.
TABLE_COLUMNS: dict[str, list[tuple[str, Callable[[dict[str, Any]], Any]]]] = {
    "obligations": [("due", lambda r: r["due"] or ""), ("document", _doc), ("path", lambda r: r["path"] or ""),
                    ("task", lambda r: r["short_task"]), ("units", _units), ("at", _where)],
    "deadlines": [("date", lambda r: r["date"] or r["every"] or ""), ("kind", lambda r: r["kind"]),
                  ("as printed", lambda r: r["surface"]), ("document", _doc), ("path", lambda r: r["path"] or ""),
                  ("task", lambda r: r["short_task"] or ""), ("units", _units), ("at", _where)],
    "amounts": [("yuan", lambda r: f"{r['value_yuan']:,.0f}" if r["value_yuan"] is not None else ""),
                ("as printed", lambda r: r["surface"]), ("bound", lambda r: r["bound"] or ""),
                ("per", lambda r: r["per"] or ""), ("role", lambda r: r["role"] or ""), ("document", _doc),
                ("path", lambda r: r["path"] or ""), ("at", _where)],
    "targets": [("year", lambda r: r["year"] or ""), ("indicator", lambda r: r["indicator"]),
                ("target", lambda r: f"{r['comparator'] or ''} {r['value']:g}{r['unit'] or ''}"),
                ("binding", lambda r: r["binding"] or ""), ("document", _doc), ("at", _where)],
    "citations": [("cites", lambda r: r["cited_doc_number"] or ""), ("title", lambda r: r["cited_title"] or ""),
                  ("in store", lambda r: "yes" if r["cited_document_id"] else ""),
                  ("citing document", lambda r: r["document"]), ("path", lambda r: r["path"] or ""), ("at", _where)],
    "members": [("person", lambda r: r["person"]), ("role", lambda r: r["role"]),
                ("position", lambda r: r["position"] or ""), ("group", lambda r: r["group_name"]),
                ("document", _doc), ("at", _where)],
    "units": [("unit", lambda r: r["canonical"]), ("level", lambda r: r["level"] or ""),
              ("lead", lambda r: r["lead"]), ("co", lambda r: r["co"]), ("resp.", lambda r: r["responsible"]),
              ("tasks", lambda r: r["tasks"]),
              ("next deadlines", lambda r: "；".join(f"{d['date']} {d['task']}" for d in r["next_deadlines"]))],
    "summary": [("document", lambda r: r["document"]), ("文号", lambda r: r["doc_number"] or ""),
                ("amounts", lambda r: r["amounts"]), ("committed", lambda r: r["committed_amounts"]),
                ("committed yuan", lambda r: f"{r['committed_yuan']:,.0f}" if r["committed_yuan"] else "")],
}


def emit(verb: str, found: list[dict[str, Any]], fmt: str, db_path: str | None = None) -> None:
    """Print rows as a table, CSV (UTF-8, lists joined by 、) or JSON."""
    if fmt != "table":
        print_rows(found, fmt)
    else:
        if db_path and found and "source" in found[0]:
            labels = _query().source_labels(db_path)
            found = [{**r, "_source_label": labels.get(r["source"])} for r in found]
        _table(verb, found)
    if not found:
        click.echo("no match", err=True)


def _table(verb: str, found: list[dict[str, Any]]) -> None:
    from rich import box
    from rich.console import Console
    from rich.table import Table

    width = int(os.environ.get("COLUMNS") or 0) or (shutil.get_terminal_size().columns if sys.stdout.isatty() else 160)
    console = Console(file=sys.stdout, width=width, highlight=False)
    t = Table(box=box.SIMPLE_HEAD, header_style="bold", pad_edge=False)
    cols = TABLE_COLUMNS[verb]
    if verb == "units" and not any(r["next_deadlines"] for r in found):
        cols = [c for c in cols if c[0] != "next deadlines"]
    for head, _ in cols:
        t.add_column(head, overflow="fold")
    for r in found:
        t.add_row(*(str(fn(r)) for _, fn in cols))
    console.print(t)


def _query():
    """The query library, imported when a verb runs (so `gazette --help` need not load it)."""
    from extract import query

    return query


def _limit(n: int) -> int | None:
    return n or None


@click.group("query")
def query_group() -> None:
    """Ask the store: obligations, deadlines, amounts, targets, citations, members, units."""


@query_group.command("obligations")
@_db
@click.option("--unit", help="Canonical name, alias or its tail: 财政局, 盟财政局, 兴安盟财政局.")
@click.option("--role", type=click.Choice(["lead", "co", "responsible"]), help="The unit's role (牵头/配合/负责).")
@click.option("--document", help="Document id, 文号, source file or title words.")
@click.option("--due-before", help="Due on or before this ISO date.")
@click.option("--due-after", help="Due on or after this ISO date.")
@click.option("--kind", help="How the clause was stated: parenthetical, inline, duty_line, label_lines, table, inherited.")
@click.option("--text", help="Chinese full-text search in the task (terms separated by spaces).")
@click.option("--has-amount", is_flag=True, help="Only tasks that carry a money amount.")
@_fmt
def obligations_cmd(db_path: str, fmt: str, limit: int, **filters: Any) -> None:
    """Tasks and who must do them, in document order, with their due dates."""
    q = _query()
    emit("obligations", q.obligations(db_path, **filters, limit=_limit(limit)), fmt, db_path)


@query_group.command("deadlines")
@_db
@click.option("--unit", help="Unit of the task the deadline binds.")
@click.option("--role", type=click.Choice(["lead", "co", "responsible"]))
@click.option("--document", help="Document id, 文号, source file or title words.")
@click.option("--before", help="On or before this ISO date.")
@click.option("--after", help="On or after this ISO date.")
@click.option("--kind", type=click.Choice(["due", "target_year", "effective", "expires", "recurring"]))
@click.option("--text", help="Full-text search in the provision.")
@_fmt
def deadlines_cmd(db_path: str, fmt: str, limit: int, **filters: Any) -> None:
    """Deadlines in date order, with the task and units they bind."""
    q = _query()
    emit("deadlines", q.deadlines(db_path, **filters, limit=_limit(limit)), fmt, db_path)


@query_group.command("amounts")
@_db
@click.option("--unit", help="Unit of the task the amount belongs to.")
@click.option("--document", help="Document id, 文号, source file or title words.")
@click.option("--role", help="The amount's role: subsidy, fund, reward, loan, investment, turnover, fee.")
@click.option("--min-yuan", type=float)
@click.option("--max-yuan", type=float)
@click.option("--committed", is_flag=True, help="Only sums paid out (exact or capped, not per head, not thresholds).")
@click.option("--text", help="Full-text search in the provision.")
@click.option("--summary", is_flag=True, help="Per document: number of amounts and the committed total.")
@_fmt
def amounts_cmd(db_path: str, fmt: str, limit: int, summary: bool, **filters: Any) -> None:
    """Money amounts in yuan, with bound, per-basis and role; --summary totals them per document."""
    if summary:
        emit("summary", _query().amount_summary(db_path, document=filters["document"]), fmt, db_path)
        return
    q = _query()
    emit("amounts", q.amounts(db_path, **filters, limit=_limit(limit)), fmt, db_path)


@query_group.command("targets")
@_db
@click.option("--year", type=int, help="Target year (or year of its due date).")
@click.option("--binding", type=click.Choice(["binding", "expected"]), help="约束性 (binding) or 预期性 (expected).")
@click.option("--unit", help="Unit of the task the target belongs to.")
@click.option("--document", help="Document id, 文号, source file or title words.")
@click.option("--text", help="Words of the indicator.")
@_fmt
def targets_cmd(db_path: str, fmt: str, limit: int, **filters: Any) -> None:
    """Numeric targets (指标) with comparator, value, year and binding."""
    q = _query()
    emit("targets", q.targets(db_path, **filters, limit=_limit(limit)), fmt, db_path)


@query_group.command("citations")
@_db
@click.option("--cites", help="A 文号 (兴署发〔2022〕46号) or title words: which documents cite it.")
@click.option("--document", help="The citing document.")
@click.option("--in-store/--not-in-store", default=None, help="Only citations whose target is (not) in the store.")
@_fmt
def citations_cmd(db_path: str, fmt: str, limit: int, **filters: Any) -> None:
    """Which documents cite or implement a 文号 or title."""
    q = _query()
    emit("citations", q.citations(db_path, **filters, limit=_limit(limit)), fmt, db_path)


@query_group.command("members")
@_db
@click.option("--person", help="A person's name: their seats.")
@click.option("--unit", help="A unit: seats held by its officials (found in the position).")
@click.option("--group", help="Words of the group's name (领导小组).")
@click.option("--role", help="组长, 副组长, 成员 …")
@click.option("--document", help="Document id, 文号, source file or title words.")
@_fmt
def members_cmd(db_path: str, fmt: str, limit: int, **filters: Any) -> None:
    """Seats on leading groups, by person, unit or group."""
    q = _query()
    emit("members", q.members(db_path, **filters, limit=_limit(limit)), fmt, db_path)


@query_group.command("units")
@_db
@click.option("--unit", help="One unit (name, alias or tail); default: the busiest units.")
@click.option("--as-of", help="Nearest deadlines on or after this ISO date (default: today).")
@click.option("--deadlines", type=int, help="How many nearest deadlines to show (default: 3 with --unit, else 0).")
@_fmt
def units_cmd(db_path: str, fmt: str, limit: int, unit: str | None, as_of: str | None,
              deadlines: int | None) -> None:
    """A unit's workload: tasks led, co-operated on, responsible for; nearest deadlines."""
    q = _query()
    emit("units", q.units(db_path, unit=unit, as_of=as_of, deadlines=deadlines, limit=_limit(limit)), fmt, db_path)


@click.command("matrix")
@_db
@click.option("--document", help="One document (id, 文号, source file or title words); default: the corpus.")
@click.option("--unit", help="Only tasks involving this unit.")
@click.option("--transpose", is_flag=True, help="Units down, tasks across.")
@click.option("--format", "fmt", type=click.Choice(["csv", "xlsx", "json"]), help="Default: from -o's suffix, else csv.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Output file (default: stdout; xlsx needs one).")
def matrix_cmd(db_path: str, document: str | None, unit: str | None, transpose: bool, fmt: str | None,
               output: str | None) -> None:
    """The task-responsibility matrix (任务分工表): tasks × units, cells 牵头/配合/负责."""
    from extract.exports.matrix import build_matrix, matrix_json, write_csv, write_xlsx

    fmt = fmt or (output.rsplit(".", 1)[-1].lower() if output and "." in output else "csv")
    if fmt not in ("csv", "xlsx", "json"):
        raise click.UsageError(f"unknown format {fmt!r}")
    m = build_matrix(db_path, document=document, unit=unit)
    if not m.rows:
        click.echo("no task matches", err=True)
        sys.exit(1)
    if fmt == "xlsx":
        if not output:
            raise click.UsageError("xlsx needs -o FILE")
        write_xlsx(m, output, transpose)
    elif fmt == "json":
        text = json.dumps(matrix_json(m), ensure_ascii=False, indent=1)
        (open(output, "w", encoding="utf-8").write(text) if output else click.echo(text))
    else:
        write_csv(m, output or sys.stdout, transpose)
    if output:
        click.echo(f"{len(m.rows)} tasks × {len(m.units)} units → {output}", err=True)


@click.command("calendar")
@_db
@click.option("--unit", help="Deadlines of this unit's tasks.")
@click.option("--role", type=click.Choice(["lead", "co", "responsible"]))
@click.option("--document", help="Deadlines of one document.")
@click.option("--after", help="On or after this ISO date.")
@click.option("--before", help="On or before this ISO date.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="The .ics file to write (default: stdout).")
def calendar_cmd(db_path: str, output: str | None, **filters: Any) -> None:
    """Deadlines as iCalendar (one all-day event per due date), to a .ics file or stdout."""
    from extract.exports.calendar import build_calendar, write_ics

    cal = build_calendar(db_path, **filters)
    if not output:
        click.echo(cal.to_ical().decode("utf-8"), nl=False)
        return
    n = write_ics(cal, output)
    click.echo(f"{n} event{'' if n == 1 else 's'} → {output}", err=True)


@click.command("serve")
@_db
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8001, show_default=True)
@click.option("--open", "open_browser", is_flag=True, help="Open a browser on the store.")
def serve_cmd(db_path: str, host: str, port: int, open_browser: bool) -> None:
    """Browse the store in Datasette: facets, Chinese full-text search, canned queries."""
    from extract.serve import serve

    serve(db_path, host=host, port=port, open_browser=open_browser)


def register(main: click.Group) -> None:
    """Add the query, matrix, calendar and serve verbs to the `gazette` group."""
    for cmd in (query_group, matrix_cmd, calendar_cmd, serve_cmd):
        main.add_command(cmd)
