"""The materialized reviewed_* tables: kept current by each decision, refilled per source after a build."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from extract.build import build
from extract.review.kinds import KINDS
from extract.review.store import connect, import_reviews, record_decision
from extract.review.views import materialize, materialized, refill

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
SEED = "002_8371b38728e487da.txt"  # the markdown seed: small, with units, deadlines and amounts
OTHER = "001_959bca1da9133e88.txt"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store of two seeds (built once, copied per test)."""
    d = tmp_path_factory.mktemp("materialize")
    for name in (SEED, OTHER):
        shutil.copy(CORPUS / name, d / name)
    build([d / SEED, d / OTHER], d / "gazette.db")
    return d


@pytest.fixture
def conn(built: Path, tmp_path: Path) -> sqlite3.Connection:
    for name in (SEED, OTHER, "gazette.db"):
        shutil.copy(built / name, tmp_path / name)
    c = connect(tmp_path / "gazette.db")
    c.execute("UPDATE sources SET path = ? || '/' || name", (str(tmp_path),))
    c.commit()
    yield c
    c.close()


def _snapshot(conn: sqlite3.Connection) -> dict[str, list[tuple]]:
    return {k.table: conn.execute(f"SELECT rowid, * FROM reviewed_{k.table} ORDER BY rowid").fetchall()
            for k in KINDS.values()}


def _full_refill(conn: sqlite3.Connection) -> dict[str, list[tuple]]:
    with conn:
        for k in KINDS.values():
            if materialized(conn, k):
                refill(conn, k)
    return _snapshot(conn)


def _decide_one_of_each(conn: sqlite3.Connection) -> None:
    ob_id, ob_start = conn.execute(
        "SELECT obligation_id, start FROM obligation_units WHERE source = ? ORDER BY start LIMIT 1", (SEED,)).fetchone()
    other_ob, start = conn.execute('SELECT id, start FROM obligations WHERE id <> ? AND source = ? LIMIT 1',
                                   (ob_id, SEED)).fetchone()
    unit = conn.execute("SELECT id FROM obligation_units WHERE obligation_id = ? LIMIT 1", (other_ob,)).fetchone()[0]
    deadline = conn.execute("SELECT id FROM deadlines WHERE date IS NOT NULL LIMIT 1").fetchone()[0]
    amount = conn.execute("SELECT id FROM amounts LIMIT 1").fetchone()[0]
    record_decision(conn, "obligation", ob_id, "reject", editor="王")
    record_decision(conn, "unit", unit, "correct", {"role": "lead", "canonical": "兴安盟财政局"}, editor="王")
    record_decision(conn, "deadline", deadline, "correct", {"date": "2030-06-30"}, editor="李")
    record_decision(conn, "amount", amount, "accept", editor="李")
    record_decision(conn, "unit", None, "add", {"role": "co"}, span=(SEED, start, start + 4),
                    obligation_id=other_ob, editor="王")
    added = record_decision(conn, "citation", None, "add", {}, span=(SEED, 10, 20))
    record_decision(conn, "citation", added["target_id"], "reject")
    record_decision(conn, "unit", None, "add", {"role": "co"}, span=(SEED, ob_start, ob_start + 4),
                    obligation_id=ob_id, editor="王")  # hidden: its obligation is rejected


def test_each_decision_leaves_the_tables_as_a_full_refill_would(conn: sqlite3.Connection) -> None:
    _decide_one_of_each(conn)
    after_decisions = _snapshot(conn)
    assert after_decisions == _full_refill(conn)
    statuses = {r[0] for r in conn.execute("SELECT review_status FROM reviewed_obligation_units")}
    assert {"corrected", "added", None} <= statuses


def test_a_corrected_row_keeps_its_base_rowid_so_scans_keep_their_order(conn: sqlite3.Connection) -> None:
    rowid, rid = conn.execute("SELECT rowid, id FROM amounts ORDER BY rowid LIMIT 1 OFFSET 2").fetchone()
    record_decision(conn, "amount", rid, "correct", {"value_yuan": "5000"})
    assert conn.execute("SELECT rowid, value_yuan FROM reviewed_amounts WHERE id = ?", (rid,)).fetchone() == (
        rowid, 5000.0)
    assert [r[0] for r in conn.execute("SELECT id FROM reviewed_amounts")] == [
        r[0] for r in conn.execute("SELECT id FROM amounts")]


def test_a_rebuilt_source_is_refilled_alone_and_the_others_are_kept(conn: sqlite3.Connection) -> None:
    _decide_one_of_each(conn)
    conn.execute("INSERT INTO reviewed_dirty(source) VALUES (?)", (OTHER,))
    conn.commit()
    with conn:
        done = materialize(conn)
    assert done["sources"] == 1 and not done["full"]
    assert conn.execute("SELECT count(*) FROM reviewed_dirty").fetchone() == (0,)
    assert _snapshot(conn) == _full_refill(conn)


def test_a_build_after_an_edit_refills_the_edited_source_with_decisions_kept(conn: sqlite3.Connection,
                                                                             tmp_path: Path) -> None:
    _decide_one_of_each(conn)
    before = _snapshot(conn)
    conn.close()
    with (tmp_path / OTHER).open("a", encoding="utf-8") as f:
        f.write("\n\n附件：无\n")
    report = build([tmp_path / SEED, tmp_path / OTHER], tmp_path / "gazette.db")
    assert [s.status for s in report.sources] == ["unchanged", "built"]
    c = connect(tmp_path / "gazette.db")
    assert c.execute("SELECT count(*) FROM reviewed_dirty").fetchone() == (0,)
    after = _snapshot(c)
    assert after == _full_refill(c)
    unchanged_source = [r for r in after["obligation_units"] if r[3] == SEED]  # rowid, id, obligation_id, source
    assert unchanged_source == [r for r in before["obligation_units"] if r[3] == SEED]
    c.close()


def test_imported_decisions_show_in_the_tables(conn: sqlite3.Connection) -> None:
    rid = conn.execute("SELECT id FROM deadlines LIMIT 1").fetchone()[0]
    line = json.dumps({"uid": "u1", "target_type": "deadline", "target_id": rid, "decision": "reject",
                       "created_at": "2026-01-01T00:00:00.000000+00:00"})
    assert import_reviews(conn, [line]) == (1, 0)
    assert conn.execute("SELECT count(*) FROM reviewed_deadlines WHERE id = ?", (rid,)).fetchone() == (0,)
    assert _snapshot(conn) == _full_refill(conn)


def test_queries_keep_their_indexes_once_a_review_exists(conn: sqlite3.Connection) -> None:
    _decide_one_of_each(conn)
    plan = " ".join(r[3] for r in conn.execute(
        "EXPLAIN QUERY PLAN SELECT obligation_id FROM reviewed_obligation_units WHERE canonical = ? AND role = ?",
        ("兴安盟财政局", "lead")))
    assert "USING" in plan and "INDEX" in plan and "SCAN" not in plan


def _kinds_of_reviewed(conn: sqlite3.Connection) -> set[str]:
    return {r[0] for r in conn.execute("SELECT type FROM sqlite_master WHERE name LIKE 'reviewed_%' "
                                       "AND name <> 'reviewed_dirty' AND type IN ('table', 'view')")}


def _rows(conn: sqlite3.Connection) -> dict[str, list[tuple]]:
    return {k.table: conn.execute(f"SELECT * FROM reviewed_{k.table} ORDER BY id").fetchall()
            for k in KINDS.values()}


def test_a_store_without_decisions_reads_views_over_the_base_tables_through_their_indexes(
        conn: sqlite3.Connection) -> None:
    assert _kinds_of_reviewed(conn) == {"view"}
    for k in KINDS.values():
        base = conn.execute(f"SELECT *, NULL FROM {k.table} ORDER BY id").fetchall()
        assert conn.execute(f"SELECT * FROM reviewed_{k.table} ORDER BY id").fetchall() == base
    plan = " ".join(r[3] for r in conn.execute(
        "EXPLAIN QUERY PLAN SELECT obligation_id FROM reviewed_obligation_units WHERE canonical = ? AND role = ?",
        ("兴安盟财政局", "lead")))
    assert "USING" in plan and "INDEX" in plan and "SCAN" not in plan


def _forms(conn: sqlite3.Connection) -> dict[str, str]:
    return dict(conn.execute("SELECT name, type FROM sqlite_master WHERE name LIKE 'reviewed_%' "
                             "AND name <> 'reviewed_dirty' AND type IN ('table', 'view')"))


def test_the_first_decision_on_a_kind_materializes_its_table_and_a_kind_whose_decisions_are_gone_is_a_view(
        conn: sqlite3.Connection) -> None:
    before = _rows(conn)
    amount = conn.execute("SELECT id FROM amounts LIMIT 1").fetchone()[0]
    record_decision(conn, "amount", amount, "reject", editor="王")
    assert [t for t, kind in _forms(conn).items() if kind == "table"] == ["reviewed_amounts"]
    ob = conn.execute("SELECT obligation_id FROM obligation_units LIMIT 1").fetchone()[0]
    record_decision(conn, "obligation", ob, "reject", editor="王")  # its units go with it: their table too
    assert {t for t, kind in _forms(conn).items() if kind == "table"} == {
        "reviewed_amounts", "reviewed_obligations", "reviewed_obligation_units"}
    assert conn.execute("SELECT count(*) FROM reviewed_obligation_units WHERE obligation_id = ?", (ob,)
                        ).fetchone() == (0,)
    after = _rows(conn)
    assert [r for r in after["amounts"] if r[0] == amount] == []
    assert after["deadlines"] == before["deadlines"]
    assert len(after["obligations"]) == len(before["obligations"]) - 1
    assert _snapshot(conn) == _full_refill(conn)
    with conn:  # every decision orphaned (its value gone from a rebuilt text) or taken back
        conn.execute("UPDATE review_anchors SET status = 'orphaned'")
        materialize(conn)
    assert _kinds_of_reviewed(conn) == {"view"}
    assert _rows(conn) == before


def test_a_fresh_store_keeps_no_copy_of_the_extracted_tables(built: Path) -> None:
    c = sqlite3.connect(built / "gazette.db")
    tables = {r[0] for r in c.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert not {f"reviewed_{k.table}" for k in KINDS.values()} & tables
    c.close()
