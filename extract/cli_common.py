"""What every group of `gazette` verbs shares: the --db option and writing to a file or stdout."""

from __future__ import annotations

import csv
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

import click

from extract.defaults import DEFAULT_CORPUS, DEFAULT_DB

__all__ = ["DEFAULT_CORPUS", "DEFAULT_DB", "db_option", "write_out"]

DB_ENV = "GAZETTE_DB"
FORMATS = ("table", "csv", "json")


def root_db_option(f: Callable) -> Callable:
    """`gazette --db PATH VERB …` (or GAZETTE_DB): the store for every verb that does not name its own."""
    return click.option("--db", "db_path", envvar=DB_ENV, type=click.Path(dir_okay=False),
                        help=f"SQLite store for every verb (default: ${DB_ENV}, else {DEFAULT_DB}).")(f)


def resolve_db(ctx: click.Context, value: str | None, must_exist: bool = False) -> str:
    """The store a verb uses: its own --db, else `gazette --db`, else $GAZETTE_DB, else gazette.db."""
    path = value or ctx.find_root().params.get("db_path") or os.environ.get(DB_ENV) or DEFAULT_DB
    if must_exist and not Path(path).is_file():
        raise click.BadParameter(f"{path}: no store here; run `gazette build --db {path}` first", param_hint="--db")
    return path


def db_option(help: str = "SQLite store to read or write.", must_exist: bool = False) -> Callable:
    """`--db PATH` after the verb, stored as `db_path`; defaults to `gazette --db` / $GAZETTE_DB / gazette.db."""
    def callback(ctx: click.Context, _param: Any, value: str | None) -> str:
        return resolve_db(ctx, value, must_exist)

    return click.option("--db", "db_path", default=None, callback=callback, type=click.Path(dir_okay=False),
                        help=f"{help} [default: gazette --db, ${DB_ENV}, else {DEFAULT_DB}]")


def write_out(output: str | None, write: Callable[[IO[str]], int], noun: str) -> None:
    """Run `write` on the file `output` (UTF-8) and say how many `noun`s went there, or on stdout."""
    if output:
        with open(output, "w", encoding="utf-8") as f:
            n = write(f)
        click.echo(f"{n} {noun} → {output}", err=True)
    else:
        write(sys.stdout)


def format_option(help: str = "table (default), csv or json (every field).") -> Callable:
    """`--format table|csv|json`, stored as `fmt`."""
    return click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True, help=help)


def print_rows(rows: list[dict[str, Any]], fmt: str) -> None:
    """Rows as JSON (a list of objects) or CSV (UTF-8 with a header; lists joined by 、) on stdout."""
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=1))
    elif rows:
        w = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows({k: _flat(v) for k, v in r.items()} for r in rows)


def _flat(v: Any) -> Any:
    if isinstance(v, list):
        return "、".join(json.dumps(x, ensure_ascii=False) if isinstance(x, dict) else str(x) for x in v)
    return v


def score_rows(scores: dict, extractor: str) -> list[dict]:
    """One row per type of an evaluation: counts and P/R/F1 (rounded to 3 places), for csv/json."""
    return [{"extractor": extractor, "type": t, "gold": s.tp + s.fn, "pred": s.tp + s.fp, "tp": s.tp, "fp": s.fp,
             "fn": s.fn, "precision": round(s.precision, 3), "recall": round(s.recall, 3), "f1": round(s.f1, 3)}
            for t, s in scores.items()]
