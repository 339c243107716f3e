"""Fault suite: a build killed (SIGKILL) at ten points, then rebuilt, gives the store a clean build gives;
random bytes and mutated gazettes never escape the per-source job or leave the store inconsistent.

The kill points are `extract.faults.fault()` calls, armed by GAZETTE_FAULT_AT in a child process.
"""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extract.build import build, source_job, write_outcome
from extract.inputs import Input
from extract.model import IngestError
from extract.pipeline import SourceResult
from extract.review.store import connect, record_decision
from extract.store.write import open_db

ROOT = Path(__file__).resolve().parent.parent
SLICES = ROOT / "tests" / "data" / "slices"

# Three small gazettes that exercise every finishing step: b cites a by its 文号 (link_citations),
# c interprets a (link_interpretations), a and b name responsible units (refresh_units).
NOTICE = """某市人民政府关于印发《某市养老服务补贴办法》的通知
某政发〔2023〕5号

各区人民政府，市政府各部门：
现将《某市养老服务补贴办法》印发给你们，请认真贯彻执行。

某市人民政府
2023年3月1日

某市养老服务补贴办法

一、提高补贴标准。将高龄老人补贴提高到每人每月100元，所需资金由市级财政承担。（责任单位：市民政局、市财政局）
二、完善信息系统。2023年12月31日前完成养老服务信息系统建设。（牵头单位：市大数据局；配合单位：各区人民政府）
三、加强监督检查。每半年开展一次补贴发放检查。（责任单位：市民政局）
"""
FOLLOW_UP = """某市民政局关于落实养老服务补贴的通知
某民发〔2023〕9号

各区民政局：
根据《某市人民政府关于印发〈某市养老服务补贴办法〉的通知》（某政发〔2023〕5号）要求，现就有关事项通知如下。
一、开展摸底调查。各区民政局要于2023年6月30日前完成高龄老人摸底。（责任单位：各区民政局）
二、按时足额发放。补贴每人每月100元，按月发放到人。（责任单位：各区民政局、市财政局）

某市民政局
2023年4月1日
"""
INTERPRETATION = """市民政局关于《某市养老服务补贴办法》解读
一、制定背景
为规范养老服务补贴发放，制定本办法。
二、主要内容
将高龄老人补贴提高到每人每月100元。
"""
EDIT = "（本文件经市政府常务会议审议通过。）\n"  # a line inserted into a and c: their ids change

# Ten points of a build that rewrites a and c (b is unchanged but its citation must be re-linked).
POINTS = ["in_write:a_notice.txt", "after_source:1", "in_write:c_interp.txt", "after_source:2", "after_source:3",
          "before_link", "after_interpretations", "after_citations", "after_units", "after_reviews"]
DERIVED = ["sources", "source_texts", "sections", "documents", "provisions", "obligations", "obligation_units",
           "amounts", "deadlines", "targets", "citations", "units", "unit_aliases", "ingest_errors"]


def write_corpus(d: Path, edited: bool = False) -> Path:
    """The three gazettes in `d` (with `edited`, a and c carry an inserted line)."""
    d.mkdir(parents=True, exist_ok=True)
    extra = EDIT if edited else ""
    (d / "a_notice.txt").write_text(NOTICE.replace("某市养老服务补贴办法\n\n", "某市养老服务补贴办法\n\n" + extra, 1),
                                    encoding="utf-8")
    (d / "b_follow.txt").write_text(FOLLOW_UP, encoding="utf-8")
    (d / "c_interp.txt").write_text(INTERPRETATION.replace("一、制定背景\n", "一、制定背景\n" + extra, 1), encoding="utf-8")
    return d


def dump(db: Path) -> dict[str, list]:
    """Every derived table's rows, sorted (paths differ between stores, so sources.path is left out)."""
    conn = sqlite3.connect(db)
    out = {}
    for t in DERIVED:
        cols = [r[1] for r in conn.execute(f"PRAGMA table_info({t})") if not (t == "sources" and r[1] == "path")]
        sel = ", ".join(f'"{c}"' for c in cols)
        out[t] = sorted(map(repr, conn.execute(f"SELECT {sel} FROM {t}")))
    conn.close()
    return out


def killed_build(corpus: Path, db: Path, point: str, workers: int = 1) -> None:
    """Run `build` (with `workers` processes) in a child process that kills itself at `point`."""
    env = {**os.environ, "GAZETTE_FAULT_AT": point, "PYTHONPATH": str(ROOT)}
    code = "import sys; from extract.build import build; build([sys.argv[1]], sys.argv[2], workers=int(sys.argv[3]))"
    r = subprocess.run([sys.executable, "-c", code, str(corpus), str(db), str(workers)], env=env,
                       capture_output=True, timeout=120)
    assert r.returncode == -signal.SIGKILL, f"{point}: not killed ({r.returncode}) {r.stderr.decode()[-500:]}"


@pytest.fixture(scope="module")
def stores(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """v1: a store of the first version with one editor's decision; clean: a clean build of the edited corpus."""
    base = tmp_path_factory.mktemp("faults")
    corpus = write_corpus(base / "v1")
    build([corpus], base / "v1.db")
    conn = connect(base / "v1.db")
    amount = conn.execute("SELECT id FROM amounts WHERE source = 'a_notice.txt'").fetchone()[0]
    record_decision(conn, "amount", amount, "accept", editor="王", db_path=str(base / "v1.db"))
    conn.close()
    build([write_corpus(base / "v2", edited=True)], base / "clean.db")
    return {"v1": base / "v1.db", "clean": base / "clean.db"}


@pytest.mark.parametrize("point", POINTS)
def test_a_build_killed_at_any_point_is_completed_by_the_next_build(stores, tmp_path, point):
    corpus = write_corpus(tmp_path / "corpus", edited=True)
    db = tmp_path / "g.db"
    shutil.copy(stores["v1"], db)
    killed_build(corpus, db, point)
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    conn.close()
    report = build([corpus], db)  # no --force: the pending finishing steps must run anyway
    assert not report.errors
    assert dump(db) == dump(stores["clean"])
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM meta WHERE key = 'finish_pending'").fetchone() == (0,)
    # the editor's decision followed its amount into the new version
    assert conn.execute("SELECT surface, review_status FROM reviewed_amounts WHERE review_status IS NOT NULL"
                        ).fetchall() == [("每人每月100元", "accepted")]


@pytest.mark.parametrize("point", ["in_write:c_interp.txt", "after_source:1"])
def test_a_parallel_build_killed_in_its_writer_is_completed_by_the_next_build(stores, tmp_path, point):
    """With worker processes the kill points still fire in the one writer, and a rebuild completes the store."""
    corpus = write_corpus(tmp_path / "corpus", edited=True)
    db = tmp_path / "g.db"
    shutil.copy(stores["v1"], db)
    killed_build(corpus, db, point, workers=2)
    report = build([corpus], db, workers=2)
    assert not report.errors
    assert dump(db) == dump(stores["clean"])


def test_killed_after_the_last_source_of_a_new_store_the_next_build_fills_units(tmp_path):
    """Issue 15.1: killed when the last source row appears, a rebuild found every source unchanged and
    left units, unit_aliases and the citation links empty."""
    corpus = write_corpus(tmp_path / "corpus")
    db = tmp_path / "g.db"
    killed_build(corpus, db, "after_source:3")
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM units").fetchone() == (0,)  # the crash window
    conn.close()
    report = build([corpus], db)
    assert {s.status for s in report.sources} == {"unchanged"}
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM units").fetchone()[0] >= 4
    assert conn.execute("SELECT count(*) FROM unit_aliases").fetchone()[0] >= 4
    assert conn.execute("SELECT count(cited_document_id) FROM citations").fetchone() == (1,)


def test_a_finish_clears_only_the_writes_it_saw(tmp_path):
    """Two builds at once: one build's finish must not clear the mark of a source the other wrote after it began."""
    from extract.store.write import clear_finish_pending, finish_pending, mark_finish_pending

    db = open_db(tmp_path / "g.db")
    with db.conn:
        mark_finish_pending(db.conn)
    seen = finish_pending(db)
    with db.conn:
        mark_finish_pending(db.conn)  # the other build writes a source meanwhile
    clear_finish_pending(db, seen)
    assert finish_pending(db) is not None
    clear_finish_pending(db, finish_pending(db))
    assert finish_pending(db) is None
    db.conn.close()


# ---------------------------------------------------------------- random input never escapes the job

SEED = (SLICES / "000_cover_notice.txt").read_bytes()


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    """A seed slice with a few random edits: cut, inserted bytes, changed bytes, or re-encoded."""
    data = bytearray(SEED[: draw(st.integers(0, len(SEED)))] if draw(st.booleans()) else SEED)
    for _ in range(draw(st.integers(0, 4))):
        at = draw(st.integers(0, len(data)))
        op = draw(st.sampled_from(["insert", "delete", "flip"]))
        if op == "insert":
            data[at:at] = draw(st.binary(max_size=40))
        elif op == "delete":
            del data[at:at + draw(st.integers(1, 200))]
        elif data:
            data[min(at, len(data) - 1)] = draw(st.integers(0, 255))
    codec = draw(st.sampled_from(["utf-8", "gbk", "big5", "utf-16"]))
    if codec != "utf-8":
        data = bytearray(bytes(data).decode("utf-8", errors="ignore").encode(codec, errors="ignore"))
    return bytes(data)


def _consistent(db: Path) -> None:
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    for t in ("documents", "provisions", "obligations", "amounts", "deadlines"):
        stray = conn.execute(f"SELECT count(*) FROM {t} WHERE source NOT IN (SELECT name FROM sources)").fetchone()
        assert stray == (0,), t
    for name, docs in conn.execute("SELECT name, documents FROM sources"):
        assert conn.execute("SELECT count(*) FROM documents WHERE source = ?", (name,)).fetchone() == (docs,)
    conn.close()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.one_of(st.binary(max_size=2000), mutated()), suffix=st.sampled_from([".txt", ".md", ".pdf"]))
def test_random_bytes_and_mutated_gazettes_give_a_result_or_a_reported_error(data, suffix):
    d = Path(tempfile.mkdtemp(prefix="fuzz"))
    try:
        path = d / f"x{suffix}"
        path.write_bytes(b"%PDF-1.4\n" + data + b"\n%%EOF\n" if suffix == ".pdf" else data)
        item = Input(path, path.name)
        outcome = source_job(item)
        assert isinstance(outcome, SourceResult | IngestError)
        if isinstance(outcome, IngestError):
            assert outcome.error.startswith(f"{path.name}: ") and "internal error" not in outcome.error
        db = open_db(d / "g.db")
        report = write_outcome(db, item, outcome, "rules", len(data), 0.0)
        db.conn.close()
        assert report.status in ("built", "warning", "error") and (report.status == "built" or report.error)
        _consistent(d / "g.db")
    finally:
        shutil.rmtree(d, ignore_errors=True)
