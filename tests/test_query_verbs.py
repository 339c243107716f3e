"""`gazette query …` verbs through Click's CliRunner on the corpus store (built once per session)."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.cli import main
from extract.query.common import normalize_doc_number, resolve_units, short_task


@pytest.fixture(scope="module")
def run(corpus_db):
    """Invoke `gazette query VERB … --db corpus --format json` and return the parsed rows."""
    runner = CliRunner()

    def _run(verb: str, *args: str, fmt: str = "json"):
        res = runner.invoke(main, ["query", verb, "--db", str(corpus_db), "--format", fmt, *args])
        assert res.exit_code == 0, res.output
        return json.loads(res.stdout) if fmt == "json" else res.stdout

    return _run


# 000_ line 2148: "（一）培育盟属政府性融资担保机构。…（责任单位：盟金融办、盟财政局、各旗县市政府）"
def test_obligations_unit_alias_finds_the_responsibility_clause(run):
    rows = run("obligations", "--unit", "盟财政局", "--role", "responsible")
    hit = [r for r in rows if r["short_task"] == "培育盟属政府性融资担保机构"]
    assert hit and hit[0]["doc_number"] == "兴署办发〔2022〕9号" and hit[0]["path"] == "二/（一）"
    assert "兴安盟财政局" in hit[0]["responsible"] and "兴安盟地方金融监督管理局" in hit[0]["responsible"]
    assert all("兴安盟财政局" in r["responsible"] for r in rows)


def test_obligations_unit_canonical_alias_and_tail_agree(run):
    by_alias = {r["id"] for r in run("obligations", "--unit", "盟财政局")}
    by_canonical = {r["id"] for r in run("obligations", "--unit", "兴安盟财政局")}
    by_tail = {r["id"] for r in run("obligations", "--unit", "财政局", "--limit", "0")}
    assert by_alias == by_canonical
    assert by_alias < by_tail  # 财政局 also means 二连浩特市财政局, 区财政局


def test_resolve_units_tries_canonical_then_alias_then_suffix(corpus_db):
    from extract.query.common import connect

    conn = connect(corpus_db)
    assert resolve_units(conn, "兴安盟财政局") == ["兴安盟财政局"]
    assert resolve_units(conn, "盟财政局") == ["兴安盟财政局"]
    assert {"兴安盟财政局", "二连浩特市财政局"} <= set(resolve_units(conn, "财政局"))
    assert resolve_units(conn, "不存在的单位") == []


# 004_ line 2060: "(盟行政审批和政务服务局、财政局牵头，各旗县市人民政府、盟直有关部门分工负责，2021年 4月30日前完成)"
def test_obligations_lead_role_carries_its_due_date(run):
    rows = run("obligations", "--unit", "盟财政局", "--role", "lead")
    hit = [r for r in rows if r["short_task"] == "统一组建专业队伍"]
    assert hit and hit[0]["due"] == "2021-04-30" and hit[0]["deadline"].replace(" ", "") == "2021年4月30日前"
    assert hit[0]["lead"] == ["兴安盟行政审批和政务服务局", "兴安盟财政局"]
    assert "各旗县市人民政府" in hit[0]["co"]


def test_obligations_due_range_keeps_only_tasks_due_inside_it(run):
    rows = run("obligations", "--due-after", "2021-01-01", "--due-before", "2021-12-31", "--limit", "0")
    assert rows and all("2021-01-01" <= r["due"] <= "2021-12-31" for r in rows)
    later = run("obligations", "--due-after", "2025-01-01", "--limit", "0")
    assert later and all(r["due"] >= "2025-01-01" for r in later)


def test_obligations_text_search_uses_trigram_index_and_short_fallback(run):
    long_rows = run("obligations", "--text", "残疾人就业")
    assert long_rows and all("残疾人就业" in r["task"] + r["clause"] for r in long_rows)
    short_rows = run("obligations", "--text", "财政")
    assert short_rows and all("财政" in r["task"] + r["clause"] for r in short_rows)


def test_obligations_has_amount_keeps_tasks_with_money(run, corpus_db):
    from extract.query import amounts

    rows = run("obligations", "--has-amount", "--limit", "0")
    with_money = {a["obligation_id"] for a in amounts(corpus_db, limit=None)}
    assert rows and {r["id"] for r in rows} == with_money - {None}


def test_obligations_document_accepts_doc_number_in_any_brackets(run):
    a = run("obligations", "--document", "兴署办发〔2022〕9号")
    b = run("obligations", "--document", "兴署办发[2022]9号")
    assert a and a == b and {r["doc_number"] for r in a} == {"兴署办发〔2022〕9号"}
    assert normalize_doc_number("兴署办发 (2022) 9号") == "兴署办发〔2022〕9号"


def test_obligations_kind_filter_and_csv_format(run):
    text = run("obligations", "--kind", "inline", fmt="csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows and {r["kind"] for r in rows} == {"inline"}
    assert {"id", "due", "lead", "co", "responsible", "source", "line"} <= set(rows[0])


def test_obligations_table_format_prints_units_by_role(run):
    out = run("obligations", "--unit", "盟财政局", "--role", "lead", fmt="table")
    assert "统一组建专业队伍" in out and "牵头" in out


def test_obligations_unknown_unit_returns_nothing(run):
    assert run("obligations", "--unit", "火星财政局") == []


def test_deadlines_are_in_date_order_inside_the_range(run):
    rows = run("deadlines", "--after", "2021-01-01", "--before", "2022-12-31", "--limit", "0")
    dates = [r["date"] for r in rows]
    assert rows and dates == sorted(dates) and all("2021-01-01" <= d <= "2022-12-31" for d in dates)


def test_deadlines_by_unit_name_the_task(run):
    rows = run("deadlines", "--unit", "盟财政局")
    hit = [r for r in rows if r["date"] == "2021-04-30"]
    assert hit and hit[0]["short_task"] == "统一组建专业队伍" and "兴安盟财政局" in hit[0]["lead"]


# 000_ line 1877: 兴安盟招商引资优惠政策 "…给予50万元奖励"-style rewards are committed money
def test_amounts_document_filter_and_committed_flag(run):
    rows = run("amounts", "--document", "兴署办发〔2022〕12号", "--limit", "0")
    assert rows and {r["doc_number"] for r in rows} == {"兴署办发〔2022〕12号"}
    committed = run("amounts", "--document", "兴署办发〔2022〕12号", "--committed", "--limit", "0")
    assert committed and len(committed) < len(rows)
    assert all(r["per"] is None and r["bound"] in ("exact", "max") for r in committed)
    assert all(r["role"] in ("fund", "subsidy", "reward", "loan") for r in committed)


def test_amounts_summary_totals_committed_money_per_document(run):
    rows = run("amounts", "--summary", "--document", "兴署办发〔2022〕12号")
    committed = run("amounts", "--document", "兴署办发〔2022〕12号", "--committed", "--limit", "0")
    assert len(rows) == 1 and rows[0]["committed_amounts"] == len(committed)
    assert rows[0]["committed_yuan"] == pytest.approx(sum(r["value_yuan"] for r in committed))


# 000_ line 311: "11.困难重度残疾人家庭无障碍改造数(户) ≥2500 约束性"
def test_targets_binding_for_2025(run):
    rows = run("targets", "--year", "2025", "--binding", "binding")
    assert rows and all(r["binding"] == "binding" and (r["year"] == 2025 or r["due"][:4] == "2025") for r in rows)
    hit = [r for r in rows if r["indicator"] == "困难重度残疾人家庭无障碍改造数"]
    assert any(r["value"] == 2500 and r["comparator"] == ">=" and r["unit"] == "户" for r in hit)


# 001_ line 112: "深入落实《残疾人就业条例》（国务院令第488号）" — and 002_ cites it too
def test_citations_find_every_document_citing_a_doc_number(run):
    rows = run("citations", "--cites", "国务院令第488号")
    assert {r["source"][:3] for r in rows} >= {"001", "002"}
    assert all(r["cited_doc_number"] == "国务院令第488号" for r in rows)


def test_citations_in_store_links_the_cited_document(run):
    rows = run("citations", "--in-store", "--limit", "0")
    assert rows and all(r["cited_document_id"] for r in rows)


# 004_ line 57: "高洪  盟财政局副局长" on the 放管服 coordination group
def test_members_by_person_and_by_unit(run):
    by_person = run("members", "--person", "高洪")
    assert len(by_person) >= 2 and {r["position"] for r in by_person} == {"盟财政局副局长"}
    by_unit = run("members", "--unit", "盟财政局", "--limit", "0")
    assert {r["id"] for r in by_person} <= {r["id"] for r in by_unit}
    assert all("财政局" in r["position"] for r in by_unit)


def test_units_workload_counts_roles_and_lists_next_deadlines(run):
    rows = run("units", "--unit", "盟财政局", "--as-of", "2021-01-01")
    assert [r["canonical"] for r in rows] == ["兴安盟财政局"]
    r = rows[0]
    assert r["lead"] >= 1 and r["responsible"] >= 5 and r["tasks"] >= r["lead"] + r["responsible"] - 1
    assert r["next_deadlines"][0]["date"] == "2021-04-30"


def test_units_without_name_lists_the_busiest(run):
    rows = run("units", "--limit", "5", "--as-of", "2020-01-01")
    totals = [r["tasks"] for r in rows]
    assert len(rows) == 5 and totals[0] >= totals[-1]


def test_short_task_prefers_heading_then_first_sentence():
    assert short_task("1.促进残疾人就业创业。深入落实…", "促进残疾人就业创业。") == "促进残疾人就业创业"
    assert short_task("（三）盟财政局负责下达财政补助资金。其他") == "盟财政局负责下达财政补助资金"


def test_obligations_follow_editors_decisions_through_reviewed_views(corpus_db, tmp_path):
    """A rejected obligation disappears at once: the decision updates the reviewed_* tables in its transaction."""
    import shutil
    import sqlite3

    from extract.query import obligations
    from extract.review.store import ensure_review_schema, record_decision

    db = tmp_path / "reviewed.db"
    shutil.copy(corpus_db, db)
    before = obligations(db, unit="盟财政局", role="responsible", limit=None)
    conn = sqlite3.connect(db)
    ensure_review_schema(conn)
    record_decision(conn, "obligation", before[0]["id"], "reject", editor="test", db_path=str(db))
    conn.commit()
    after = obligations(conn, unit="盟财政局", role="responsible", limit=None)
    assert [r["id"] for r in after] == [r["id"] for r in before[1:]]


@settings(max_examples=60, deadline=None)
@given(text=st.text(max_size=12), unit=st.text(max_size=8), document=st.text(max_size=8))
def test_query_functions_never_raise_on_any_input(corpus_db, text, unit, document):
    from extract.query import deadlines, obligations

    assert isinstance(obligations(corpus_db, text=text, limit=5), list)
    assert isinstance(obligations(corpus_db, unit=unit or None, document=document or None, limit=5), list)
    assert isinstance(deadlines(corpus_db, text=text, unit=unit or None, limit=5), list)
    assert isinstance(short_task(text, unit), str) and isinstance(normalize_doc_number(document), str)
