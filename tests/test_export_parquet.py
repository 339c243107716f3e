"""`gazette export --format parquet`: one file per record type that DuckDB reads as the JSONL export's records."""

from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner
from conftest import CORPUS

from extract.cli import main


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    pytest.importorskip("pyarrow", reason="Parquet export is the optional [parquet] extra")
    tmp = tmp_path_factory.mktemp("pq")
    d = tmp / "corpus"
    d.mkdir()
    shutil.copy(sorted(CORPUS.glob("001_*.txt"))[0], d)
    db = tmp / "g.db"
    CliRunner().invoke(main, ["build", str(d), "--db", str(db), "-q", "--workers", "1"])
    res = CliRunner().invoke(main, ["export", "--db", str(db), "--format", "parquet", "-o", str(tmp / "out")])
    assert res.exit_code == 0, res.output
    jsonl = CliRunner().invoke(main, ["export", "--db", str(db)]).output
    return tmp / "out", [json.loads(x) for x in jsonl.splitlines()]


def test_every_record_type_has_a_file_with_the_jsonl_records(exported):
    duckdb = pytest.importorskip("duckdb")
    out, records = exported
    for t in ("document", "provision", "obligation", "deadline", "amount"):
        path = out / f"{t}s.parquet"
        n, ids = duckdb.sql(f"SELECT count(*), list(id ORDER BY id) FROM '{path}'").fetchall()[0]
        expected = sorted(r["id"] for r in records if r["type"] == t)
        assert n == len(expected) > 0 and ids == expected


def test_units_are_structs_and_numbers_are_numbers(exported):
    duckdb = pytest.importorskip("duckdb")
    out, records = exported
    rows = duckdb.sql(f"""SELECT u.role, count(*) FROM (SELECT unnest(units) AS u FROM '{out}/obligations.parquet')
                          GROUP BY ALL""").fetchall()
    units = [u for r in records if r["type"] == "obligation" for u in r["units"]]
    assert dict(rows) == {role: sum(1 for u in units if u["role"] == role) for role in {u["role"] for u in units}}
    total = duckdb.sql(f"SELECT sum(value_yuan) FROM '{out}/amounts.parquet'").fetchall()[0][0]
    assert total == pytest.approx(sum(r["value_yuan"] or 0 for r in records if r["type"] == "amount"))


def test_parquet_needs_an_output_folder(tmp_path):
    res = CliRunner().invoke(main, ["export", "--db", str(tmp_path / "none.db"), "--format", "parquet"])
    assert res.exit_code != 0
