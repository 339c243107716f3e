"""Regenerate every command output shown in README.md and docs/*.md, or check that none has drifted.

    python docs/regen.py            # rewrite the outputs in place (after changing the code or the corpus)
    python docs/regen.py --check    # exit 1, with a diff, when a page shows an output the code no longer gives

The pages hold cog blocks (https://nedbatchelder.com/code/cog/): a `[[[cog … ]]]` comment naming the
command, then its output, then `[[[end]]]`. The helpers below run each command the way a reader would, in
a scratch folder holding a link to `corpus/` (so `gazette build` writes `gazette.db` there), and print
`$ command` and its output. Run-dependent text is masked: build seconds become `…`, an iCalendar DTSTAMP
becomes `…`. Commands that take minutes (training, the three-way model evaluation, a combined build)
are marked `slow=True`: `--check` keeps their shown output, and a plain run reruns them only with
`--slow`.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES = ["README.md", *sorted(str(p.relative_to(ROOT)) for p in (ROOT / "docs").glob("*.md"))]
COMMAND = "python docs/regen.py"
WIDTH = "110"  # terminal width the tables are drawn for

_work: Path | None = None
SLOW_ENV = "GAZETTE_DOCS_SLOW"  # set by --slow: rerun the commands marked slow=True too


def workdir() -> Path:
    """The scratch folder every documented command runs in (created once per run, with corpus/ linked)."""
    global _work
    if _work is None:
        _work = Path(tempfile.mkdtemp(prefix="gazette-docs-"))
        (_work / "corpus").symlink_to(ROOT / "corpus", target_is_directory=True)
        (_work / "tests").symlink_to(ROOT / "tests", target_is_directory=True)
    return _work


def cleanup() -> None:
    """Remove the scratch folder (the next command creates a fresh one)."""
    global _work
    if _work is not None:
        shutil.rmtree(_work, ignore_errors=True)
        _work = None


@contextmanager
def _cwd(path: Path) -> Iterator[None]:
    old = Path.cwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(old)


def _gazette(args: list[str]) -> tuple[str, str]:
    """Run `gazette ARGS` in-process (Click's runner); return (stdout, what the terminal shows)."""
    from click.testing import CliRunner

    from extract.cli import main

    runner = CliRunner(env={"COLUMNS": WIDTH, "GAZETTE_DB": None})
    res = runner.invoke(main, args, prog_name="gazette", catch_exceptions=False)
    return res.stdout, res.output


def _shell(cmd: str, stdin: str | None = None) -> str:
    out = subprocess.run(["bash", "-c", cmd], input=stdin, capture_output=True, text=True, cwd=workdir(),
                         env={**os.environ, "LC_ALL": "C.UTF-8"})
    return out.stdout + out.stderr


def _curl(cmd: str) -> str:
    """`curl -s [-G] URL [--data-urlencode k=v …]` against `gazette serve`, answered by Datasette in-process."""
    import asyncio
    from urllib.parse import urlencode, urlsplit

    from extract.serve import make_datasette

    args = shlex.split(cmd)[1:]
    url = next(a for a in args if a.startswith("http"))
    pairs = [tuple(args[i + 1].split("=", 1)) for i, a in enumerate(args) if a == "--data-urlencode"]
    parts = urlsplit(url)
    path = parts.path + "?" + "&".join(q for q in (parts.query, urlencode(pairs)) if q)
    ds = make_datasette(workdir() / "gazette.db")

    async def get() -> str:
        await ds.invoke_startup()
        return (await ds.client.get(path)).text

    return asyncio.run(get())


def output(cmd: str) -> str:
    """What the terminal shows for a command line: a `gazette` verb, optionally piped into shell tools."""
    first, _, rest = cmd.partition(" | ")
    if not first.startswith("gazette build"):
        build_store()
    with _cwd(workdir()):
        if first.startswith("curl "):
            text = _shell(rest, stdin=_curl(first)) if rest else _curl(first)
        elif first.startswith("gazette "):
            stdout, shown = _gazette(shlex.split(first)[1:])
            text = _shell(rest, stdin=stdout) if rest else shown
        else:
            text = _shell(cmd)
    return mask(text)


def mask(text: str) -> str:
    """Hide what differs between runs: build seconds, iCalendar stamps; drop trailing spaces."""
    text = re.sub(r"(built in )\d+\.\d+s", r"\1…s", text)
    text = re.sub(r"(?m)(\s)(\d+\.\d\d)( │)$", lambda m: m[1] + "…".rjust(len(m[2])) + m[3], text)
    text = re.sub(r"(?m)^DTSTAMP:.*$", "DTSTAMP:…", text)
    text = re.sub(r"(?m)^([^,\n]+,\w+,\d+,\d+,\d+,)[\d.e-]+(,)", r"\1…\2", text)  # build --format csv: seconds
    text = re.sub(r'("seconds": )[\d.e-]+', r"\1…", text)  # build --format json
    return "\n".join(line.rstrip() for line in text.splitlines()).strip("\n")


def run(*cmds: str, slow: bool = False, lang: str = "console") -> None:
    """Emit a fenced block with each `$ command` and its output (for cog)."""
    import cog

    if slow and os.environ.get(SLOW_ENV) != "1" and cog.previous.strip():
        cog.out(cog.previous)
        return
    parts = []
    for cmd in cmds:
        parts.append(f"$ {cmd}")
        shown = output(cmd)
        if shown:
            parts.append(shown)
    cog.outl(f"```{lang}\n" + "\n".join(parts) + "\n```")


def build_store() -> None:
    """Make sure the scratch folder holds the corpus store, built quietly (for pages read on their own)."""
    with _cwd(workdir()):
        if not Path("gazette.db").exists():
            _gazette(["build", "-q"])


def help_text(*verb: str) -> None:
    """Emit `gazette VERB --help` as a fenced block."""
    run("gazette " + " ".join([*verb, "--help"]))


def cli_reference() -> None:
    """Emit a section per verb (and per sub-verb of a group) with its `--help`, in the order `gazette --help` lists them."""
    import click
    import cog

    from extract.cli import main as gazette

    def walk(cmd: click.Command, path: list[str]) -> None:
        cog.outl(f"{'#' * min(len(path) + 2, 4)} `{' '.join(['gazette', *path])}`\n")
        help_text(*path)
        cog.outl("")
        if isinstance(cmd, click.Group):
            for name in cmd.list_commands(click.Context(cmd)):
                walk(cmd.get_command(click.Context(cmd), name), [*path, name])

    walk(gazette, [])


def main(argv: list[str]) -> int:
    """Run cog over the pages: rewrite them, or with --check report (and diff) any that would change."""
    from cogapp import Cog

    check = "--check" in argv
    if "--slow" in argv:
        os.environ[SLOW_ENV] = "1"
    if str(ROOT / "docs") not in sys.path:
        sys.path.insert(0, str(ROOT / "docs"))
    args = ["cog", "-p", "from regen import run, help_text, build_store, cli_reference, schema_fields, store_tables"]
    args += ["--check", "--diff", "--check-fail-msg", f"run `{COMMAND}` and commit the pages"] if check else ["-r"]
    try:
        with _cwd(ROOT):
            status = Cog().main([*args, *PAGES])
    finally:  # the blocks ran in the module cog imported (`regen`), which may not be this one (`__main__`)
        for module in {sys.modules.get("regen"), sys.modules.get(__name__)} - {None}:
            module.cleanup()
    return 1 if status else 0


# ------------------------------------------------------------------ generated reference tables

FIELD_NOTES = {  # what a field means, where the schema's name does not say it; fields without a note show none
    "type": "the record type", "id": "stable id: a hash of the source's content, the record kind and its span",
    "source": "the input file's path relative to the build root (its base name for a single file)", "line": "1-based source line where the record's text starts",
    "end_line": "1-based source line where it ends", "page": "PDF page (null for text sources)",
    "bbox": "[x0, top, x1, bottom] in PDF points (null for text sources)",
    "document_id": "the document it was found in", "provision_id": "the provision it was found in",
    "method": "who found it: rule, model or both", "confidence": "0–1, the extractor's confidence",
    "surface": "the text as printed", "obligation_id": "the obligation (task) it belongs to, if any",
    "title": "title, wrapped lines joined", "attached_title": "X of 关于印发《X》的通知",
    "doc_number": "文号, brackets normalized: 兴署办发〔2022〕9号", "issuer": "issuing body as printed",
    "date": "ISO date (for a deadline: the last day allowed)", "addressees": "主送机关, as printed",
    "section": "gazette section the document sits in", "parent_id": "enclosing provision",
    "kind": "how it was printed or what it is (see the values)", "label": "三, （二）, 4, 专栏1, 附件1",
    "path": "labels from the document root: 三/（二）/4", "heading": "the provision's heading, if any",
    "text": "full text", "cells": "table rows of cells", "section_id": "the chronicle section",
    "end_date": "last day of a dated span", "clause": "the responsibility clause as printed",
    "units": "responsible units: name as printed, canonical name, role, surface",
    "every": "period of a recurring deadline", "start_date": "first day of a recurring deadline",
    "value_yuan": "value in yuan (a range's low end)", "low_yuan": "range low end, yuan",
    "high_yuan": "range high end, yuan", "bound": "exact, min (以上), max (不超过) or range",
    "per": "basis of a rate: 人·月 for 每人每月", "role": "what the value is for, or the unit's role",
    "indicator": "the indicator as printed", "value": "target value", "unit": "unit of the value: %, 人, 个",
    "comparator": "> >= < <= =", "year": "target year", "binding": "expected (预期性) or binding (约束性)",
    "due": "due date of the target's task", "cited_document_id": "the cited document, when it is in the store",
    "group": "leading group (领导小组)", "person": "person's name", "position": "position as printed",
    "currency": "ISO code of the printed currency (美元 → USD); values are in it",
    "status": "past (money already spent) or committed (granted, allocated, planned)",
    "high": "top of a printed range (培育10—20家 → 20)",
}


def _type_name(spec: dict) -> str:
    t = spec.get("type", "const" if "const" in spec else "")
    names = t if isinstance(t, list) else [t]
    return " or ".join(n for n in names if n)


def _values(spec: dict) -> str:
    if "const" in spec:
        return f"`{spec['const']}`"
    enum = spec.get("enum") or next((s.get("enum") for s in spec.get("anyOf", []) if s.get("enum")), None)
    return ", ".join(f"`{v}`" for v in enum if v is not None) if enum else ""


def schema_fields(record: str) -> None:
    """Emit the fields of `schemas/<record>.schema.json` as a markdown table: name, type, values, meaning."""
    import json

    import cog

    schema = json.loads((ROOT / "schemas" / f"{record}.schema.json").read_text(encoding="utf-8"))
    required = set(schema.get("required", []))
    cog.outl(f"*{schema.get('title', record)}* — `schemas/{record}.schema.json`\n")
    cog.outl("| field | type | values | meaning |\n|---|---|---|---|")
    for name, spec in schema["properties"].items():
        opt = "" if name in required else " (optional)"
        cog.outl(f"| `{name}` | {_type_name(spec)}{opt} | {_values(spec)} | {FIELD_NOTES.get(name, '')} |")


def _column_notes() -> dict[tuple[str, str], str]:
    """(table, column) → the comment beside the column in the DDL (schemas/store.sql)."""
    notes, table = {}, None
    for line in (ROOT / "schemas" / "store.sql").read_text(encoding="utf-8").splitlines():
        if m := re.match(r"CREATE (?:VIRTUAL )?TABLE IF NOT EXISTS (\w+)", line):
            table = m[1]
        elif table and (m := re.match(r'\s+"?(\w+)"?\s+\w+.*?--\s*(.+)$', line)):
            notes[(table, m[1])] = m[2].strip()
    return notes


def store_tables() -> None:
    """Emit the tables of a freshly built store: name, rows for the shipped corpus, columns (with DDL notes)."""
    import sqlite3

    import cog

    build_store()
    notes = _column_notes()
    conn = sqlite3.connect(workdir() / "gazette.db")
    names = conn.execute("SELECT name, type FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE "
                         "'%fts_%' AND name NOT LIKE 'sqlite_%' AND name NOT IN ('review_live', 'review_orphans') "
                         "ORDER BY name").fetchall()
    cog.outl("| table | rows (corpus) | columns |\n|---|---|---|")
    for t, kind in names:
        cols = [r[1] for r in conn.execute(f'PRAGMA table_info("{t}")')]
        n = conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]
        shown = ", ".join(f"`{c}`" + (f" ({notes[(t, c)]})" if (t, c) in notes else "") for c in cols).replace("|", "\\|")
        cog.outl(f"| `{t}`{' (view)' if kind == 'view' else ''} | {n} | {shown} |")


__all__ = ["build_store", "cleanup", "cli_reference", "help_text", "main", "mask", "output", "run", "schema_fields", "store_tables"]

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
