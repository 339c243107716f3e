"""What every group of `gazette` verbs shares: the --db option and writing to a file or stdout."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import IO

import click

from extract.defaults import DEFAULT_CORPUS, DEFAULT_DB

__all__ = ["DEFAULT_CORPUS", "DEFAULT_DB", "db_option", "write_out"]


def db_option(help: str = "SQLite store to read or write.", must_exist: bool = False) -> Callable:
    """`--db PATH` (default gazette.db), stored as `db_path`."""
    return click.option("--db", "db_path", default=DEFAULT_DB, show_default=True,
                        type=click.Path(dir_okay=False, exists=must_exist), help=help)


def write_out(output: str | None, write: Callable[[IO[str]], int], noun: str) -> None:
    """Run `write` on the file `output` (UTF-8) and say how many `noun`s went there, or on stdout."""
    if output:
        with open(output, "w", encoding="utf-8") as f:
            n = write(f)
        click.echo(f"{n} {noun} → {output}", err=True)
    else:
        write(sys.stdout)
