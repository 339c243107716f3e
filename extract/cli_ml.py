"""`gazette train` and `gazette eval-model`: the model layer's verbs (see extract/ml/)."""

from __future__ import annotations

from pathlib import Path

import click

from extract.cli_common import db_option, format_option, print_rows, score_rows
from extract.defaults import DEFAULT_CORPUS


def register(main: click.Group) -> None:
    """Add the model verbs to the `gazette` group."""
    main.add_command(train_cmd)
    main.add_command(eval_model_cmd)


@click.command("train")
@click.option("--corpus", default=DEFAULT_CORPUS, show_default=True, type=click.Path(exists=True, file_okay=False))
@click.option("--with-reviews", is_flag=True, help="Also learn from editors' decisions in the store's reviews table.")
@db_option("Store whose reviews to learn from (with --with-reviews).")
@click.option("--output", type=click.Path(file_okay=False), help="Model directory (default: extract/ml/model/).")
@click.option("--max-steps", type=click.IntRange(min=1), help="Training steps (default: config.cfg's).")
@click.option("--no-eval", is_flag=True, help="Skip scoring the held-back documents after training.")
def train_cmd(corpus: str, with_reviews: bool, db_path: str, output: str | None, max_steps: int | None,
              no_eval: bool) -> None:
    """Train the span model on the corpus (rules as silver, dev gold, reviews) and install it.

    Then scores rules / model / combined on the held-back documents and records, in the model's
    gazette.json, the types where combined beats the rules: only those get model-only spans in builds.
    """
    from extract.ml.evaluate import EXTRACTORS, evaluate_extractors, format_three_way, record_verdict
    from extract.ml.train import DEFAULT_MODEL_DIR, train

    reviews = Path(db_path) if with_reviews else None
    if reviews is not None and not reviews.exists():
        raise click.UsageError(f"{db_path}: no such store (build it first, or drop --with-reviews)")
    report = train(Path(corpus), Path(output) if output else DEFAULT_MODEL_DIR, reviews_db=reviews,
                   max_steps=max_steps, log=lambda s: click.echo(s, err=True))
    click.echo(f"model → {report.output} ({report.size_bytes / 1e6:.1f} MB) in {report.seconds:.0f}s; "
               f"held-back documents: {len(report.data.eval_docs)}")
    if report.data.eval_docs and not no_eval:
        results = evaluate_extractors(Path(corpus), EXTRACTORS, report.output)
        click.echo(format_three_way(results))
        click.echo(_verdict(record_verdict(report.output, results)))


def _verdict(wins: list[str]) -> str:
    if not wins:
        return "combined beats the rules on no type: builds with --extractor combined add no model-only spans"
    return f"combined beats the rules on: {', '.join(wins)} — builds with --extractor combined add model spans there only"


@click.command("eval-model")
@click.option("--corpus", default=DEFAULT_CORPUS, show_default=True, type=click.Path(exists=True, file_okay=False))
@click.option("--model", "model_dir", type=click.Path(file_okay=False), help="Model directory (default: extract/ml/model/).")
@click.option("--extractor", "extractors", type=click.Choice(["rules", "model", "combined"]), multiple=True,
              help="Extractors to compare (default: all three).")
@click.option("--record", is_flag=True, help="Store the verdict (types where combined wins) in the model's "
              "gazette.json, e.g. after the rules changed; `gazette train` records it itself.")
@format_option("table (default) with the held-back documents and the verdict, or csv / json: one row per "
               "extractor and type.")
def eval_model_cmd(corpus: str, model_dir: str | None, extractors: tuple[str, ...], record: bool, fmt: str) -> None:
    """P/R/F1 per type for rules, model and combined on the held-back dev documents only."""
    from extract.ml.combine import default_model_dir, load_model
    from extract.ml.evaluate import (
        EXTRACTORS,
        evaluate_extractors,
        format_three_way,
        held_back,
        record_verdict,
        winning_types,
    )

    path = Path(model_dir) if model_dir else default_model_dir()
    if load_model(path) is None:
        raise click.ClickException(f"no trained model at {path} — run `gazette train` first")
    if fmt != "table":
        results = evaluate_extractors(Path(corpus), tuple(extractors) or EXTRACTORS, path)
        print_rows([r for name, scores in results.items() for r in score_rows(scores, name)], fmt)
        if record and "rules" in results and "combined" in results:
            record_verdict(path, results)
        return
    docs = held_back(Path(corpus), path)
    click.echo(f"held-back documents ({len(docs)}, never trained on):")
    for d in docs:
        click.echo(f"  {d['source'][:4]}:{d['from_line']}-{d['to_line']}  {d['title'][:36]}")
    results = evaluate_extractors(Path(corpus), tuple(extractors) or EXTRACTORS, path)
    click.echo(format_three_way(results))
    if "rules" in results and "combined" in results:
        click.echo(_verdict(record_verdict(path, results) if record else winning_types(results)))
        if not record:
            click.echo(f"in force: {_in_force(path)}")


def _in_force(path: Path) -> str:
    from extract.ml.combine import admitted

    types = admitted(path)
    return "model spans for every type" if types is None else f"model spans for: {', '.join(sorted(types)) or 'none'}"
