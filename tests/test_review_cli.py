"""`gazette review` and `gazette reviews export|import|orphans|reanchor` through Click's CliRunner."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from extract.build import build
from extract.cli import main
from extract.cli_review import register
from extract.review.store import connect, record_decision

register(main)
ROOT = Path(__file__).resolve().parent.parent
SEED = "004_a2b4083a9edf5c5a.txt"  # the roster and task-table seed


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("cli")
    shutil.copy(ROOT / "corpus" / SEED, d / SEED)
    build([d / SEED], d / "gazette.db")
    return d


@pytest.fixture
def db(built: Path, tmp_path: Path) -> Path:
    shutil.copy(built / "gazette.db", tmp_path / "gazette.db")
    return tmp_path / "gazette.db"


def _decide(db: Path) -> None:
    conn = connect(db)
    from extract.review.store import ensure_review_schema

    ensure_review_schema(conn)
    # 组长：姜天虎 盟委委员、常务副盟长 — accept the first member, correct the second's position
    a, b = [r[0] for r in conn.execute("SELECT id FROM members ORDER BY start LIMIT 2")]
    record_decision(conn, "member", a, "accept", editor="王")
    record_decision(conn, "member", b, "correct", {"position": "盟行署秘书长（兼）"}, editor="王")
    conn.close()


def test_export_writes_one_json_line_per_decision(db: Path, tmp_path: Path) -> None:
    _decide(db)
    out = tmp_path / "reviews.jsonl"
    r = CliRunner().invoke(main, ["reviews", "export", "--db", str(db), "-o", str(out)])
    assert r.exit_code == 0, r.output
    recs = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [x["decision"] for x in recs] == ["accept", "correct"]
    assert recs[1]["payload"] == {"position": "盟行署秘书长（兼）"} and recs[1]["editor"] == "王"
    assert recs[0]["surface"] and recs[0]["uid"]


def test_import_into_another_store_twice_adds_once(db: Path, built: Path, tmp_path: Path) -> None:
    _decide(db)
    out = tmp_path / "reviews.jsonl"
    CliRunner().invoke(main, ["reviews", "export", "--db", str(db), "-o", str(out)])
    other = tmp_path / "other.db"
    shutil.copy(built / "gazette.db", other)
    first = CliRunner().invoke(main, ["reviews", "import", str(out), "--db", str(other)])
    again = CliRunner().invoke(main, ["reviews", "import", str(out), "--db", str(other)])
    assert "2 imported, 0 already present" in first.output
    assert "0 imported, 2 already present" in again.output
    conn = connect(other)
    assert conn.execute("SELECT count(*) FROM reviewed_members WHERE review_status IS NOT NULL").fetchone() == (2,)
    conn.close()


def test_import_of_a_bad_file_fails_with_its_line(db: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text("not json\n", encoding="utf-8")
    r = CliRunner().invoke(main, ["reviews", "import", str(bad), "--db", str(db)])
    assert r.exit_code != 0 and "line 1" in r.output


def test_orphans_and_reanchor_report_counts(db: Path) -> None:
    _decide(db)
    r = CliRunner().invoke(main, ["reviews", "reanchor", "--db", str(db)])
    assert "0 orphaned" in r.output
    r = CliRunner().invoke(main, ["reviews", "orphans", "--db", str(db)])
    assert "0 orphaned" in r.output


def test_review_needs_an_existing_store(tmp_path: Path) -> None:
    r = CliRunner().invoke(main, ["review", "--db", str(tmp_path / "none.db")])
    assert r.exit_code != 0 and "gazette build" in r.output


def test_review_binds_to_localhost_by_default() -> None:
    r = CliRunner().invoke(main, ["review", "--help"])
    assert "127.0.0.1" in r.output and "--token" in r.output
