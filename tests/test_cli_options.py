"""Options every verb shares: the store from `gazette --db` or GAZETTE_DB, csv/json for every table,
calendars on stdout, `source:line` that tells sources apart, and no deprecation warnings from Click."""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import pytest
from click.testing import CliRunner

from extract.cli import main
from extract.query import short_source_names

NOTICE = """兴安盟行政公署办公室关于印发《兴安盟资金保障工作方案》的通知
兴署办发〔2022〕99号
各旗县市人民政府，盟直各有关部门：
现将《兴安盟资金保障工作方案》印发给你们，请认真贯彻落实。
兴安盟行政公署办公室
2022年5月1日
兴安盟资金保障工作方案
一、加强资金保障。按时拨付补贴资金。（责任单位：盟财政局，2022年12月31日前完成）
"""


@pytest.fixture(scope="module")
def two_notices(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """notice.txt and notes.txt (same first three letters), one task each, built into store.db."""
    d = tmp_path_factory.mktemp("notices")
    (d / "notice.txt").write_text(NOTICE, encoding="utf-8")
    (d / "notes.txt").write_text(NOTICE.replace("资金保障", "人才引进").replace("99号", "98号")
                                 .replace("盟财政局", "盟人社局"), encoding="utf-8")
    res = CliRunner().invoke(main, ["build", str(d / "notice.txt"), str(d / "notes.txt"), "--db", str(d / "store.db")])
    assert res.exit_code == 0, res.output
    return d


def test_db_before_the_verb_names_the_store(two_notices):
    res = CliRunner().invoke(main, ["--db", str(two_notices / "store.db"), "query", "obligations", "--format", "json"])
    assert res.exit_code == 0, res.output
    assert {r["short_task"] for r in json.loads(res.stdout)} == {"加强资金保障", "加强人才引进"}
    res = CliRunner().invoke(main, ["--db", str(two_notices / "store.db"), "matrix"])
    assert res.exit_code == 0 and "兴安盟财政局" in res.stdout


def test_gazette_db_environment_variable_names_the_store_and_a_verb_option_wins(two_notices, tmp_path):
    env = {"GAZETTE_DB": str(two_notices / "store.db")}
    res = CliRunner(env=env).invoke(main, ["query", "units", "--format", "csv"])
    assert res.exit_code == 0 and "兴安盟财政局" in res.stdout
    res = CliRunner(env=env).invoke(main, ["query", "units", "--db", str(tmp_path / "missing.db")])
    assert res.exit_code != 0 and "missing.db: no store here" in res.output


def test_calendar_without_output_writes_icalendar_to_stdout(two_notices):
    res = CliRunner().invoke(main, ["calendar", "--db", str(two_notices / "store.db"), "--unit", "盟财政局"])
    assert res.exit_code == 0, res.output
    assert res.stdout.startswith("BEGIN:VCALENDAR") and "SUMMARY:加强资金保障" in res.stdout
    assert "DTSTART;VALUE=DATE:20221231" in res.stdout and "人才引进" not in res.stdout


def test_at_column_tells_apart_sources_that_share_a_prefix(two_notices):
    res = CliRunner(env={"COLUMNS": "200"}).invoke(
        main, ["query", "deadlines", "--db", str(two_notices / "store.db")])
    assert res.exit_code == 0, res.output
    assert "notice:8" in res.stdout and "notes:8" in res.stdout


def test_short_source_names_are_the_fewest_leading_words_no_other_name_shares():
    names = ["000_a89ac985d1956224.txt", "001_959bca1da9133e88.txt", "notice.txt", "notes.txt", "a.txt",
             "a.txt.pdf", "plan_2021_a.txt", "plan_2021_b.txt"]
    assert short_source_names(names) == {
        "000_a89ac985d1956224.txt": "000", "001_959bca1da9133e88.txt": "001", "notice.txt": "notice",
        "notes.txt": "notes", "a.txt": "a.txt", "a.txt.pdf": "a.txt.pdf", "plan_2021_a.txt": "plan_2021_a",
        "plan_2021_b.txt": "plan_2021_b"}


def test_build_summary_as_csv_and_json_on_stdout(two_notices):
    args = ["build", str(two_notices / "notice.txt"), "--db", str(two_notices / "store.db")]
    rows = json.loads(CliRunner().invoke(main, [*args, "--format", "json"]).stdout)
    assert [(r["name"], r["status"], r["documents"]) for r in rows] == [("notice.txt", "unchanged", 1)]
    csv_out = CliRunner().invoke(main, [*args, "--format", "csv"]).stdout.splitlines()
    assert csv_out[0].startswith("name,status,documents,provisions") and csv_out[1].startswith("notice.txt,unchanged,1,")


def test_eval_as_json_gives_counts_and_scores_per_type():
    res = CliRunner().invoke(main, ["eval", "--format", "json"])
    assert res.exit_code == 0, res.output
    rows = {r["type"]: r for r in json.loads(res.stdout)}
    assert {"unit", "deadline", "amount", "document"} <= set(rows)
    r = rows["amount"]
    assert r["gold"] == r["tp"] + r["fn"] and r["pred"] == r["tp"] + r["fp"] and 0 <= r["f1"] <= 1


def test_csv_and_table_output_raise_no_deprecation_warning(two_notices):
    db = str(two_notices / "store.db")
    with warnings.catch_warnings():
        warnings.simplefilter("error", DeprecationWarning)
        for args in (["query", "obligations", "--format", "csv"], ["query", "obligations"], ["matrix"]):
            res = CliRunner().invoke(main, [*args, "--db", db])
            assert res.exit_code == 0 and res.exception is None, res.output
