"""The gazette command, verb by verb, through Click's runner; exports validated against schemas/."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
from click.testing import CliRunner
from conftest import SLICES

from extract.cli import main

SCHEMAS = Path(__file__).resolve().parent.parent / "schemas"


def _corpus(tmp_path: Path) -> Path:
    d = tmp_path / "corpus"
    d.mkdir()
    for name in ("000_cover_notice.txt", "004_roster.txt", "000_chronicle.txt"):
        shutil.copy(SLICES / name, d / name)
    return d


def test_help_lists_the_verbs():
    out = CliRunner().invoke(main, ["--help"]).output
    for verb in ("build", "search", "export"):
        assert verb in out


def test_build_prints_a_summary_and_writes_the_db(tmp_path):
    db = tmp_path / "g.db"
    res = CliRunner().invoke(main, ["build", str(_corpus(tmp_path)), "--db", str(db)])
    assert res.exit_code == 0, res.output
    assert "000_cover_notice.txt" in res.output and "built" in res.output and db.exists()


def test_build_exits_non_zero_only_when_nothing_could_be_built(tmp_path):
    d = tmp_path / "bad"
    d.mkdir()
    (d / "a.txt").write_bytes(b"")
    res = CliRunner().invoke(main, ["build", str(d), "--db", str(tmp_path / "x.db")])
    assert res.exit_code == 1 and "a.txt: empty" in res.output


def test_search_prints_source_line_and_snippet(tmp_path):
    db = tmp_path / "g.db"
    CliRunner().invoke(main, ["build", str(_corpus(tmp_path)), "--db", str(db)])
    res = CliRunner().invoke(main, ["search", "残疾人", "--db", str(db)])
    assert res.exit_code == 0 and "000_cover_notice.txt:" in res.output and "【残疾人】" in res.output


def test_export_writes_jsonl_valid_against_the_schemas(tmp_path):
    db = tmp_path / "g.db"
    CliRunner().invoke(main, ["build", str(_corpus(tmp_path)), "--db", str(db)])
    out = tmp_path / "out.jsonl"
    res = CliRunner().invoke(main, ["export", "--db", str(db), "-o", str(out)])
    assert res.exit_code == 0, res.output
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    types = {r["type"] for r in records}
    assert {"document", "provision", "event"} <= types
    for r in records:
        schema = json.loads((SCHEMAS / f"{r['type']}.schema.json").read_text(encoding="utf-8"))
        jsonschema.validate(r, schema)
    doc = next(r for r in records if r["type"] == "document" and r["source"] == "000_cover_notice.txt")
    assert doc["line"] == 1 and doc["doc_number"] == "兴署发〔2022〕46号"


def test_export_type_filter(tmp_path):
    db = tmp_path / "g.db"
    CliRunner().invoke(main, ["build", str(_corpus(tmp_path)), "--db", str(db)])
    res = CliRunner().invoke(main, ["export", "--db", str(db), "--type", "event"])
    assert res.exit_code == 0
    assert {json.loads(x)["type"] for x in res.output.splitlines()} == {"event"}
