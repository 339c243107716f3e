"""The review store: append-only decisions, the reviewed_* tables, export/import, concurrent editors."""

from __future__ import annotations

import io
import shutil
import sqlite3
import threading
from pathlib import Path

import pytest
from conftest import build_seed_store, copy_seed_store

from extract.review.store import (
    after_build,
    connect,
    export_reviews,
    history,
    import_reviews,
    record_decision,
    state,
)

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
SEED = "002_8371b38728e487da.txt"  # the markdown seed: small, with units, deadlines and amounts
VIEWS = ("obligations", "obligation_units", "deadlines", "amounts", "targets", "citations", "members")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store built from one seed, with the review schema (built once, copied per test)."""
    return build_seed_store(tmp_path_factory.mktemp("review_store"), SEED)


@pytest.fixture
def conn(built: Path, tmp_path: Path) -> sqlite3.Connection:
    c = copy_seed_store(built, SEED, tmp_path)
    yield c
    c.close()


def _one(conn: sqlite3.Connection, sql: str, *args: object) -> tuple:
    return conn.execute(sql, args).fetchone()


def test_views_pass_rows_through_before_any_review(conn: sqlite3.Connection) -> None:
    for t in VIEWS:
        assert _one(conn, f"SELECT count(*) FROM reviewed_{t}") == _one(conn, f"SELECT count(*) FROM {t}")
        assert _one(conn, f"SELECT count(*) FROM reviewed_{t} WHERE review_status IS NOT NULL") == (0,)


def test_views_keep_the_base_columns_plus_review_status(conn: sqlite3.Connection) -> None:
    for t in VIEWS:
        base = [r[1] for r in conn.execute(f"PRAGMA table_info({t})")]
        view = [r[1] for r in conn.execute(f"PRAGMA table_info(reviewed_{t})")]
        assert view == [*base, "review_status"]


def test_reject_hides_the_row_and_accept_marks_it(conn: sqlite3.Connection) -> None:
    # 2.按照《包头市东河区…》… 每半年兑现一次 — the deadlines of the cover notice
    a, b = [r[0] for r in conn.execute("SELECT id FROM deadlines ORDER BY start LIMIT 2")]
    record_decision(conn, "deadline", a, "reject", editor="王")
    record_decision(conn, "deadline", b, "accept", editor="王")
    assert _one(conn, "SELECT count(*) FROM reviewed_deadlines WHERE id = ?", a) == (0,)
    assert _one(conn, "SELECT review_status FROM reviewed_deadlines WHERE id = ?", b) == ("accepted",)
    assert _one(conn, "SELECT count(*) FROM deadlines WHERE id = ?", a) == (1,)  # the extraction is untouched


def test_correction_overrides_only_the_corrected_fields(conn: sqlite3.Connection) -> None:
    rid, surface, date = _one(conn, "SELECT id, surface, date FROM deadlines WHERE date IS NOT NULL LIMIT 1")
    record_decision(conn, "deadline", rid, "correct", {"date": "2030-06-30"}, editor="李", note="typo")
    row = _one(conn, "SELECT surface, date, review_status FROM reviewed_deadlines WHERE id = ?", rid)
    assert row == (surface, "2030-06-30", "corrected")


def test_later_corrections_keep_earlier_corrected_fields(conn: sqlite3.Connection) -> None:
    rid = _one(conn, "SELECT id FROM amounts LIMIT 1")[0]
    record_decision(conn, "amount", rid, "correct", {"value_yuan": "5000"})
    record_decision(conn, "amount", rid, "correct", {"bound": "min"})
    assert _one(conn, "SELECT value_yuan, bound FROM reviewed_amounts WHERE id = ?", rid) == (5000.0, "min")


def test_latest_decision_wins_and_history_keeps_all(conn: sqlite3.Connection) -> None:
    rid = _one(conn, "SELECT id FROM amounts LIMIT 1")[0]
    record_decision(conn, "amount", rid, "reject", editor="a")
    record_decision(conn, "amount", rid, "accept", editor="b")
    assert _one(conn, "SELECT review_status FROM reviewed_amounts WHERE id = ?", rid) == ("accepted",)
    assert [h["decision"] for h in history(conn, "amount", rid)] == ["reject", "accept"]


def test_reviews_are_append_only(conn: sqlite3.Connection) -> None:
    rid = _one(conn, "SELECT id FROM amounts LIMIT 1")[0]
    record_decision(conn, "amount", rid, "accept")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        conn.execute("UPDATE reviews SET decision = 'reject'")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        conn.execute("DELETE FROM reviews")


def test_added_unit_appears_with_status_added(conn: sqlite3.Connection) -> None:
    ob_id, start, end = _one(conn, 'SELECT id, start, "end" FROM obligations ORDER BY start LIMIT 1')
    rec = record_decision(conn, "unit", None, "add", {"role": "co"}, span=(SEED, start, start + 4),
                          obligation_id=ob_id, editor="王")
    row = _one(conn, "SELECT obligation_id, role, method, review_status, start FROM reviewed_obligation_units "
                     "WHERE id = ?", rec["target_id"])
    assert row == (ob_id, "co", "editor", "added", start)
    assert rec["target_id"].startswith("add-")


def test_added_value_takes_its_text_from_the_source_and_knows_its_provision(conn: sqlite3.Connection) -> None:
    # 每半年兑现一次: select 每半年 and add it as a recurring deadline
    text = Path(_one(conn, "SELECT path FROM sources")[0]).read_text(encoding="utf-8")
    start = text.index("每半年")
    rec = record_decision(conn, "deadline", None, "add", {"kind": "recurring", "every": "half_year"},
                          span=(SEED, start, start + 3))
    row = _one(conn, "SELECT surface, every, provision_id, document_id FROM reviewed_deadlines WHERE id = ?",
               rec["target_id"])
    assert row[:2] == ("每半年", "half_year")
    assert row[2] and row[3]


def test_rejecting_an_added_value_removes_it(conn: sqlite3.Connection) -> None:
    rec = record_decision(conn, "citation", None, "add", {}, span=(SEED, 10, 20))
    record_decision(conn, "citation", rec["target_id"], "reject")
    assert _one(conn, "SELECT count(*) FROM reviewed_citations WHERE id = ?", rec["target_id"]) == (0,)


def test_rejecting_an_obligation_hides_its_units(conn: sqlite3.Connection) -> None:
    ob_id = _one(conn, "SELECT obligation_id FROM obligation_units LIMIT 1")[0]
    record_decision(conn, "obligation", ob_id, "reject")
    assert _one(conn, "SELECT count(*) FROM reviewed_obligation_units WHERE obligation_id = ?", ob_id) == (0,)


def test_bad_decisions_are_refused_with_a_reason(conn: sqlite3.Connection) -> None:
    rid = _one(conn, "SELECT id FROM obligation_units LIMIT 1")[0]
    with pytest.raises(ValueError, match="role must be one of"):
        record_decision(conn, "unit", rid, "correct", {"role": "boss"})
    with pytest.raises(ValueError, match="ISO date"):
        record_decision(conn, "deadline", _one(conn, "SELECT id FROM deadlines")[0], "correct", {"date": "明年"})
    with pytest.raises(LookupError):
        record_decision(conn, "unit", "nope", "accept")
    with pytest.raises(ValueError, match="unknown target type"):
        record_decision(conn, "person", rid, "accept")
    assert _one(conn, "SELECT count(*) FROM reviews") == (0,)


def test_export_then_import_is_idempotent(conn: sqlite3.Connection, built: Path, tmp_path: Path) -> None:
    rid = _one(conn, "SELECT id FROM amounts LIMIT 1")[0]
    record_decision(conn, "amount", rid, "correct", {"per": "人·年"}, editor="王", note="per person")
    record_decision(conn, "citation", None, "add", {}, span=(SEED, 10, 20))
    buf = io.StringIO()
    assert export_reviews(conn, buf) == 2
    other_dir = tmp_path / "other"
    other_dir.mkdir()
    shutil.copy(built / "gazette.db", other_dir / "gazette.db")
    other = connect(other_dir / "gazette.db")
    other.execute("UPDATE sources SET path = ?", (str(tmp_path / SEED),))
    other.commit()
    lines = buf.getvalue().splitlines()
    assert import_reviews(other, lines) == (2, 0)
    assert import_reviews(other, lines) == (0, 2)
    assert _one(other, "SELECT per, review_status FROM reviewed_amounts WHERE id = ?", rid) == ("人·年", "corrected")
    assert _one(other, "SELECT count(*) FROM reviewed_citations WHERE review_status = 'added'") == (1,)
    other.close()


def test_import_refuses_a_file_with_a_bad_line(conn: sqlite3.Connection) -> None:
    with pytest.raises(ValueError, match="line 2"):
        import_reviews(conn, ['{"uid": "x", "target_type": "unit", "target_id": "a", "decision": "accept"}', "{oops"])
    assert _one(conn, "SELECT count(*) FROM reviews") == (0,)


def test_two_editors_saving_at_once_lose_nothing(conn: sqlite3.Connection, tmp_path: Path) -> None:
    ids = [r[0] for r in conn.execute("SELECT id FROM obligation_units LIMIT 20")]
    errors: list[BaseException] = []

    def editor(name: str, field_value: str) -> None:
        c = connect(tmp_path / "gazette.db")
        try:
            for rid in ids:
                record_decision(c, "unit", rid, "correct", {"canonical": field_value}, editor=name)
                record_decision(c, "unit", rid, "accept", editor=name)
        except BaseException as e:  # noqa: BLE001 — reported below
            errors.append(e)
        finally:
            c.close()

    threads = [threading.Thread(target=editor, args=(n, n + "局")) for n in ("甲", "乙")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert _one(conn, "SELECT count(*) FROM reviews") == (80,)
    assert _one(conn, "SELECT count(DISTINCT editor) FROM reviews") == (2,)
    assert all(state(conn, "unit", rid)["reviews"] == 4 for rid in ids)


def test_after_build_takes_the_builds_database_and_open_db_keeps_the_views(conn: sqlite3.Connection,
                                                                            tmp_path: Path) -> None:
    import sqlite_utils

    from extract.store.write import open_db

    rid = _one(conn, "SELECT id FROM deadlines LIMIT 1")[0]
    record_decision(conn, "deadline", rid, "reject")
    db = sqlite_utils.Database(connect(tmp_path / "gazette.db"))
    report = after_build(db)  # what build.py calls before closing its connection
    assert report.orphaned == 0
    again = open_db(tmp_path / "gazette.db")  # every verb opens the store this way
    assert again.execute("SELECT count(*) FROM reviewed_deadlines WHERE id = ?", [rid]).fetchone() == (0,)
