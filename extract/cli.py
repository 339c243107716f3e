"""The `gazette` command: thin verbs over the library (build, search, export, …)."""

from __future__ import annotations

import json
import sys
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING

import click

from extract.cli_common import db_option, format_option, print_rows, root_db_option, score_rows, write_out
from extract.defaults import DEFAULT_CORPUS, EXTRACTORS, STATUSES
from extract.exports.jsonl import RECORD_TYPES

if TYPE_CHECKING:
    from extract.build import BuildReport

# Verbs import the pipeline, sqlite-utils and rich inside their bodies, so that `gazette --help` and
# the query verbs start without them.

with_db = db_option()


def _console():
    from rich.console import Console

    return Console(stderr=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="gazette-extract")
@root_db_option
def main(db_path: str | None) -> None:
    """gazette-extract: Chinese government gazettes → a queryable store of obligations.

    `--db PATH` (or $GAZETTE_DB) before the verb names the store for every verb; a verb's own
    `--db` wins.
    """


@main.command("build")
@click.argument("paths", nargs=-1, type=click.Path(exists=True))
@with_db
@click.option("--force", is_flag=True, help="Rebuild sources even when unchanged.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar or summary table.")
@format_option("The summary: a table on stderr (default), or csv / json (one row per source) on stdout.")
@click.option("--extractor", type=click.Choice(EXTRACTORS), default="rules", show_default=True,
              help="Rules alone, or with the locally trained model (see `gazette train`).")
@click.option("--workers", "-j", type=click.IntRange(min=1), default=None,
              help="Worker processes (default: the number of cores; on a cluster, local workers to start).")
@click.option("--cluster", metavar="ADDRESS", default=None,
              help="Process on a Dask cluster: its scheduler (tcp://HOST:8786), or 'local' for one on this "
                   "machine (needs `pip install 'gazette-extract[cluster]'`).")
@click.option("--send-bytes", is_flag=True,
              help="With --cluster: send each file's bytes to the workers (they do not share this filesystem).")
def build_cmd(paths: tuple[str, ...], db_path: str, force: bool, quiet: bool, fmt: str, extractor: str,
              workers: int | None, cluster: str | None, send_bytes: bool) -> None:
    """Build the store from gazette files or folders (default: the shipped corpus/), on every core."""
    from extract.build import build
    from extract.inputs import enumerate_inputs
    from extract.parallel import default_workers

    inputs = list(paths) or [DEFAULT_CORPUS]
    files = enumerate_inputs(inputs)
    console = _console()
    with _progress(console, disable=quiet or len(files) < 2) as progress:
        task = progress.add_task("building", total=len(files), rate="")

        def step(done) -> None:
            stats = progress.tasks[task]
            mb = (stats.fields.get("mb") or 0.0) + done.bytes / 1e6
            secs = max(stats.elapsed or 0.0, 1e-6)
            progress.update(task, advance=1, description=done.name, mb=mb,
                            rate=f"{(stats.completed + 1) / secs:.1f} files/s {mb / secs:.2f} MB/s")

        try:
            report = build(inputs, db_path, force=force, on_result=step, extractor=extractor,
                           workers=workers or default_workers(), cluster=cluster, send_bytes=send_bytes)
        except KeyboardInterrupt:
            progress.stop()
            click.echo(f"interrupted: the sources finished so far are in {db_path}; "
                       "build again to go on (they are skipped as unchanged)", err=True)
            sys.exit(130)
        except RuntimeError as e:
            raise click.ClickException(str(e)) from e
    for s in report.sources:
        if s.status in ("error", "warning"):
            click.echo(f"{s.status}: {s.error}", err=True)
    if fmt != "table":
        print_rows([{**asdict(s), "seconds": round(s.seconds, 3)} for s in report.sources], fmt)
    elif not quiet:
        console.print(_summary(report, db_path))
    if report.exit_code:
        sys.exit(report.exit_code)


def _progress(console, disable: bool):
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    return Progress(TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed}/{task.total}"),
                    TextColumn("{task.fields[rate]}"), TimeElapsedColumn(), console=console, disable=disable,
                    transient=True)


def _read(db_path: str):
    """Open a store for reading, or stop with a one-line reason."""
    from extract.store.read import StoreError, open_store

    try:
        return open_store(db_path)
    except StoreError as e:
        raise click.ClickException(str(e)) from e


def _summary(report: BuildReport, db_path: str):
    from rich.table import Table

    counts = ", ".join(f"{report.count(st)} {st}" for st in STATUSES if report.count(st))
    t = Table(title=f"{db_path}: {counts or 'no inputs'} in {report.seconds:.2f}s", title_justify="left")
    reasons = any(s.error for s in report.sources)
    for col in ("source", "status", "documents", "provisions", "KB", "seconds", *(("reason",) if reasons else ())):
        t.add_column(col, justify="right" if col not in ("source", "status", "reason") else "left",
                     overflow="fold" if col == "source" else "ellipsis")
    for s in report.sources:
        reason = (s.error or "").removeprefix(f"{s.name}: ")
        t.add_row(s.name, s.status, str(s.documents), str(s.provisions), f"{s.bytes / 1024:.0f}", f"{s.seconds:.2f}",
                  *((reason,) if reasons else ()))
    return t


@main.command("search")
@click.argument("query")
@with_db
@click.option("--limit", default=20, show_default=True)
def search_cmd(query: str, db_path: str, limit: int) -> None:
    """Full-text search over provisions (Chinese), with highlighted snippets."""
    from extract.store.read import search

    db = _read(db_path)
    hits = search(db, query, limit=limit, mark=("\x1b[1;31m", "\x1b[0m") if sys.stdout.isatty() else ("【", "】"))
    for h in hits:
        click.echo(f"{h.source}:{h.line}  {h.path}  {h.document_title}")
        click.echo(f"    {h.snippet}".replace("\n", ""))
    if not hits:
        click.echo("no match", err=True)


@main.command("export")
@with_db
@click.option("--type", "types", multiple=True, type=click.Choice(RECORD_TYPES), help="Record types (default: all).")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "parquet"]), default="jsonl", show_default=True,
              help="jsonl: one JSON object per line; parquet: one file per record type in the -o folder.")
@click.option("-o", "--output", type=click.Path(), help="Output file (default: stdout); a folder for parquet.")
def export_cmd(db_path: str, types: tuple[str, ...], fmt: str, output: str | None) -> None:
    """Export records as JSONL (contract in schemas/) or Parquet files (for DuckDB, pandas, Spark)."""
    db = _read(db_path)
    if fmt == "parquet":
        from extract.exports.parquet import write_parquet

        if not output:
            raise click.UsageError("--format parquet needs -o FOLDER")
        try:
            written = write_parquet(db, output, types or RECORD_TYPES)
        except RuntimeError as e:
            raise click.ClickException(str(e)) from e
        for name, n in written.items():
            click.echo(f"{n} records → {Path(output) / name}", err=True)
        return
    from extract.exports.jsonl import iter_records, write_jsonl

    records = iter_records(db, types or RECORD_TYPES)
    write_out(output, lambda f: write_jsonl(records, f), "records")


@main.command("eval")
@click.option("--corpus", default=DEFAULT_CORPUS, show_default=True, type=click.Path(exists=True, file_okay=False))
@click.option("--wild", "wild_dir", default=None, type=click.Path(file_okay=False),
              help="The wild corpus the wild gold (tests/data/gold-wild) refers to [default: <repo>/../shared/wild].")
@click.option("--wild-gold", "wild_gold", default=None, type=click.Path(file_okay=False),
              help="A wild gold folder other than tests/data/gold-wild.")
@click.option("--errors", "show_errors", type=click.Choice(["unit", "deadline", "amount", "target", "citation",
              "member", "document"]), multiple=True, help="Also list the misses and false alarms of these types.")
@click.option("--extractor", type=click.Choice([*EXTRACTORS, "all"]), default="rules", show_default=True,
              help="rules: the whole dev gold; model/combined/all: rules vs the trained model on the held-back "
                   "dev documents (see `gazette train`).")
@format_option("table (default), or csv / json: one row per gold set (seed, wild), type (and extractor) with gold, pred, tp, fp, fn, "
               "P, R, F1.")
def eval_cmd(corpus: str, wild_dir: str | None, wild_gold: str | None, show_errors: tuple[str, ...], extractor: str,
             fmt: str) -> None:
    """Precision, recall and F1 per type on the seed gold (tests/data/gold) and the wild gold
    (tests/data/gold-wild, sources under ../shared/wild)."""
    from extract.evaluate import WILD_DIR, WILD_GOLD_DIR, evaluate, evaluate_wild, format_table

    if extractor != "rules":
        from extract.ml.evaluate import EXTRACTORS as ML_EXTRACTORS
        from extract.ml.evaluate import evaluate_extractors, format_three_way

        which = ML_EXTRACTORS if extractor == "all" else ("rules", extractor)
        results = evaluate_extractors(Path(corpus), which)
        if fmt != "table":
            print_rows([r for name, scores in results.items() for r in score_rows(scores, name)], fmt)
            return
        click.echo(format_three_way(results))
        return
    scores = evaluate(Path(corpus))
    wild = evaluate_wild(Path(wild_dir) if wild_dir else WILD_DIR, Path(wild_gold) if wild_gold else WILD_GOLD_DIR)
    if fmt != "table":
        rows = [{"gold_set": "seed", **r} for r in score_rows(scores, "rules")]
        if wild.scores is not None:
            rows += [{"gold_set": "wild", **r} for r in score_rows(wild.scores, "rules")]
        print_rows(rows, fmt)
        return
    click.echo(format_table(scores, "seed gold (tests/data/gold), rules"))
    _echo_errors(scores, show_errors)
    click.echo("")
    click.echo(wild.message)
    for n in wild.missing:
        click.echo(f"  missing source (its records count as misses): {n}")
    if wild.scores is not None:
        click.echo(format_table(wild.scores, "wild gold (tests/data/gold-wild), rules"))
        _echo_errors(wild.scores, show_errors)


def _echo_errors(scores: dict, show_errors: tuple[str, ...]) -> None:
    from extract.query.common import short_source_names

    for t in show_errors:
        s = scores[t]
        at = short_source_names(sorted({r["source"] for r in [*s.false_negatives, *s.false_positives]}))
        for g in s.false_negatives:
            click.echo(f"MISS  {t} {at[g['source']]}:{g['line']} " + json.dumps(_brief(g), ensure_ascii=False))
        for p in s.false_positives:
            click.echo(f"FALSE {t} {at[p['source']]}:{p['line']} " + json.dumps(_brief(p), ensure_ascii=False))


def _brief(rec: dict) -> dict:
    skip = ("type", "source", "line", "end_line", "start", "end", "span_start", "span_end")
    return {k: v for k, v in rec.items() if k not in skip}



def _register_verbs() -> None:
    """Verbs that live beside their library code: queries and exports, the review app, the model."""
    from extract.cli_ml import register as register_ml
    from extract.cli_query import register as register_query
    from extract.cli_review import register as register_review

    for register in (register_query, register_review, register_ml):
        register(main)


_register_verbs()

if __name__ == "__main__":
    main()
