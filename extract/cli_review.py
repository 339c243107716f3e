"""`gazette review` (the editors' web app) and `gazette reviews export|import|orphans|reanchor`."""

from __future__ import annotations

import getpass
from pathlib import Path

import click

from extract.cli_common import db_option, write_out

with_db = db_option("SQLite store to review.")


def _existing(db_path: str) -> str:
    if not Path(db_path).is_file():
        raise click.ClickException(f"{db_path}: no store here; run `gazette build --db {db_path}` first")
    return db_path


@click.command("review")
@with_db
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Interface to listen on (127.0.0.1: this machine only).")
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--token", default=None, envvar="GAZETTE_REVIEW_TOKEN",
              help="Require this token (editors open the printed URL once; a cookie keeps it).")
@click.option("--editor", default=None, help="Default editor name shown in the page (default: your login).")
@click.option("--allow-host", "allow_hosts", multiple=True, metavar="NAME",
              help="Also answer requests addressed to this host name (repeatable); by default only 127.0.0.1, "
                   "localhost and the --host address, so a page reached through another name is refused.")
def review_cmd(db_path: str, host: str, port: int, token: str | None, editor: str | None,
               allow_hosts: tuple[str, ...]) -> None:
    """Open the review web app: accept, reject, correct and add extracted values."""
    from werkzeug.serving import make_server

    from extract.review.app import create_app
    from extract.review.store import after_build

    _existing(db_path)
    report = after_build(db_path)
    bound = () if host in ("0.0.0.0", "::", "") else (host,)  # a wildcard address is no host name
    app = create_app(db_path, token=token, editor=editor or _login(), allowed_hosts=(*bound, *allow_hosts))
    if not bound and not allow_hosts:
        click.echo(f"note: listening on {host} but answering only requests addressed to 127.0.0.1 or localhost; "
                   "add --allow-host NAME for each name or address editors use", err=True)
    if host not in ("127.0.0.1", "localhost", "::1") and not token:
        click.echo(f"warning: listening on {host} without --token: anyone who can reach it can edit", err=True)
    url = f"http://{host}:{port}/" + (f"?token={token}" if token else "")
    server = make_server(host, port, app, threaded=True)
    click.echo(f"reviewing {db_path} at {url}  ({report.orphaned} orphaned review target(s)); Ctrl-C stops",
               err=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


def _login() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name (containers): the page asks
        return "editor"


@click.group("reviews")
def reviews_group() -> None:
    """Editors' decisions: export, import, orphans, re-anchoring."""


@reviews_group.command("export")
@with_db
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Output file (default: stdout).")
def export_cmd(db_path: str, output: str | None) -> None:
    """Write every decision as JSONL (history order), to share or to train from."""
    from extract.review.store import connect, ensure_review_schema, export_reviews

    conn = connect(_existing(db_path))
    ensure_review_schema(conn)
    write_out(output, lambda f: export_reviews(conn, f), "reviews")


@reviews_group.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@with_db
def import_cmd(path: str, db_path: str) -> None:
    """Add the decisions of a JSONL export (already-present ones are skipped), then re-anchor."""
    from extract.review.store import connect, ensure_review_schema, import_reviews

    conn = connect(_existing(db_path))
    ensure_review_schema(conn)
    with open(path, encoding="utf-8") as f:
        try:
            imported, skipped = import_reviews(conn, f, db_path)
        except ValueError as e:
            raise click.ClickException(f"{path}: {e}") from None
    click.echo(f"{imported} imported, {skipped} already present", err=True)


@reviews_group.command("orphans")
@with_db
def orphans_cmd(db_path: str) -> None:
    """List decisions whose value a rebuild could not find again."""
    from extract.review.store import connect, ensure_review_schema

    conn = connect(_existing(db_path))
    ensure_review_schema(conn)
    rows = conn.execute("""SELECT review_id, target_type, decision, editor, source, surface, reason
                           FROM review_orphans ORDER BY created_at""").fetchall()
    for rid, t, d, editor, src, surface, reason in rows:
        click.echo(f"#{rid} {t} {d} by {editor or '?'}  {src}: {surface!r}  ({reason})")
    click.echo(f"{len(rows)} orphaned", err=True)


@reviews_group.command("reanchor")
@with_db
def reanchor_cmd(db_path: str) -> None:
    """Re-attach reviews to the current extraction (`gazette build` does this itself)."""
    from extract.review.store import after_build

    r = after_build(_existing(db_path))
    click.echo(f"{r.checked} checked, {r.reanchored} re-anchored, {r.merged} merged, {r.orphaned} orphaned", err=True)


def register(main: click.Group) -> None:
    """Add `review` and `reviews` to the `gazette` command group."""
    main.add_command(review_cmd)
    main.add_command(reviews_group)


if __name__ == "__main__":  # `python -m extract.cli_review …` works before cli.py registers these verbs
    from extract.cli import main as _main

    register(_main)
    _main()
