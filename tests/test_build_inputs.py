"""Every input a build is given is reported — built, unchanged, warning, error or skipped, with the reason —
and sources are named by their path relative to the build root, so equal base names never collide."""

from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner

from extract.build import build
from extract.cli import main
from extract.inputs import enumerate_inputs

ROOT = Path(__file__).resolve().parent.parent
SLICES = ROOT / "tests" / "data" / "slices"
WILD = ROOT.parent / "shared" / "wild"
NOTICE = SLICES / "000_cover_notice.txt"
ROSTER = SLICES / "004_roster.txt"
FURNITURE = "兴安盟行政公署公报\n\n- 12 -\n\n2022年第3期\n\n- 13 -\n"  # running header, page numbers, issue


@pytest.fixture
def work() -> Iterator[Path]:
    """A folder every user can enter and write (the unreadable-file tests build as `nobody` when run as root)."""
    d = Path(tempfile.mkdtemp(prefix="inputs"))
    d.chmod(0o777)
    yield d
    for p in d.rglob("*"):
        if not p.is_symlink():
            p.chmod(0o777)
    shutil.rmtree(d, ignore_errors=True)


@contextmanager
def unreadable(*paths: Path) -> Iterator[None]:
    """Take every permission off `paths`; as root (who reads anything), act as `nobody` meanwhile.

    A build of a seed slice first loads, as the current user, every module and data file a build reads
    lazily, so that `nobody` needs no access to the checkout.
    """
    warm = Path(tempfile.mkdtemp(prefix="warm"))
    build([NOTICE], warm / "g.db")
    shutil.rmtree(warm, ignore_errors=True)
    for p in paths:
        p.chmod(0)
    root = os.geteuid() == 0
    if root:
        os.seteuid(65534)
    try:
        yield
    finally:
        if root:
            os.seteuid(0)
        for p in paths:
            p.chmod(0o755)


def _statuses(report) -> dict[str, tuple[str, str | None]]:
    return {s.name: (s.status, s.error) for s in report.sources}


def test_one_unreadable_file_is_reported_and_the_rest_is_built(work):
    """Issue 15.2: the content hash was taken outside the per-file error handling: one file aborted the build."""
    d = work / "in"
    d.mkdir(mode=0o755)
    shutil.copy(NOTICE, d / "a.txt")
    shutil.copy(ROSTER, d / "c.txt")
    (d / "b.txt").write_text("不可读", encoding="utf-8")
    with unreadable(d / "b.txt"):
        report = build([d], work / "g.db")
    status = _statuses(report)
    assert status["a.txt"][0] == status["c.txt"][0] == "built"
    assert status["b.txt"] == ("error", "b.txt: cannot read: Permission denied")
    conn = sqlite3.connect(work / "g.db")
    assert conn.execute("SELECT error FROM ingest_errors WHERE name = 'b.txt'").fetchone() == (status["b.txt"][1],)
    assert report.exit_code == 2


def test_links_loops_and_unreadable_folders_are_reported_not_skipped_silently(work):
    """Issue 15.3: a symlink loop, a dangling symlink and an unreadable sub-folder were dropped unseen."""
    d = work / "in"
    (d / "sub").mkdir(parents=True, mode=0o755)
    d.chmod(0o755)
    shutil.copy(NOTICE, d / "notice.txt")
    (d / "dangling.txt").symlink_to(d / "gone.txt")
    (d / "self.txt").symlink_to(d / "self.txt")
    (d / "loop").symlink_to(d)
    (d / "locked").mkdir(mode=0o755)
    shutil.copy(ROSTER, d / "locked" / "roster.txt")
    os.mkfifo(d / "pipe.txt")
    (d / "cover.jpg").write_bytes(b"\xff\xd8\xff")
    with unreadable(d / "locked"):
        report = build([d], work / "g.db")
    status = _statuses(report)
    assert status["notice.txt"][0] == "built"
    assert status["dangling.txt"][0] == "error" and "broken symlink" in status["dangling.txt"][1]
    assert status["self.txt"][0] == "error" and "symlink loop" in status["self.txt"][1]
    assert status["loop/"][0] == "error" and "symlink loop" in status["loop/"][1]
    assert status["locked/"] == ("error", "locked/: cannot read folder: Permission denied")
    assert status["pipe.txt"][0] == "error" and "not a regular file" in status["pipe.txt"][1]
    assert status["cover.jpg"][0] == "skipped" and "not a file type the build reads" in status["cover.jpg"][1]
    recorded = {r[0] for r in sqlite3.connect(work / "g.db").execute("SELECT name FROM ingest_errors")}
    assert recorded == {"dangling.txt", "self.txt", "loop/", "locked/", "pipe.txt"}


def test_same_file_name_in_two_folders_are_two_sources(tmp_path):
    """Issue 15.6: `gazette build a b` kept only b's rows and rebuilt both every time."""
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    shutil.copy(NOTICE, a / "notice.txt")
    shutil.copy(ROSTER, b / "notice.txt")
    db = tmp_path / "g.db"
    report = build([a, b], db)
    assert _statuses(report) == {"a/notice.txt": ("built", None), "b/notice.txt": ("built", None)}
    conn = sqlite3.connect(db)
    assert dict(conn.execute("SELECT source, count(*) FROM provisions GROUP BY source")) == {
        "a/notice.txt": report.sources[0].provisions, "b/notice.txt": report.sources[1].provisions}
    assert {s.status for s in build([a, b], db).sources} == {"unchanged"}


def test_a_single_folder_is_the_root_and_a_single_file_is_its_base_name(tmp_path):
    d = tmp_path / "corpus"
    (d / "sub").mkdir(parents=True)
    shutil.copy(NOTICE, d / "n.txt")
    shutil.copy(ROSTER, d / "sub" / "r.txt")
    assert [i.name for i in enumerate_inputs([d])] == ["n.txt", "sub/r.txt"]
    assert [i.name for i in enumerate_inputs([d / "sub" / "r.txt"])] == ["r.txt"]
    assert [i.name for i in enumerate_inputs([d / "n.txt", d / "sub"])] == ["n.txt", "sub/r.txt"]


def test_seed_names_do_not_change():
    assert [i.name for i in enumerate_inputs([ROOT / "corpus"])] == sorted(p.name for p in (ROOT / "corpus").iterdir())


@pytest.mark.skipif(not WILD.is_dir(), reason="../shared/wild is not here")
def test_wild_sources_are_named_by_their_folder():
    names = {i.name for i in enumerate_inputs([WILD]) if i.buildable}
    assert any(n.startswith("state-council/") for n in names) and all("/" in n or "." in n for n in names)


def test_identical_files_are_one_source_and_a_moved_file_keeps_its_reviews(tmp_path):
    from extract.review.store import record_decision

    d = tmp_path / "in"
    d.mkdir()
    shutil.copy(NOTICE, d / "notice.txt")
    db = tmp_path / "g.db"
    build([d], db)
    conn = sqlite3.connect(db)
    amount = conn.execute("SELECT id FROM amounts LIMIT 1").fetchone()[0]
    record_decision(conn, "amount", amount, "accept", editor="王", db_path=str(db))
    conn.close()
    shutil.copy(NOTICE, d / "copy.txt")
    status = _statuses(build([d], db))
    assert status["copy.txt"][0] == "skipped" and "the same bytes as notice.txt" in status["copy.txt"][1]
    (d / "copy.txt").unlink()
    (d / "2022").mkdir()
    (d / "notice.txt").rename(d / "2022" / "notice.txt")
    assert _statuses(build([d], db)) == {"2022/notice.txt": ("built", None)}
    conn = sqlite3.connect(db)
    assert [r[0] for r in conn.execute("SELECT name FROM sources")] == ["2022/notice.txt"]
    assert conn.execute("SELECT source, review_status FROM reviewed_amounts WHERE id = ?", (amount,)).fetchone() \
        == ("2022/notice.txt", "accepted")


def test_a_file_with_no_document_is_a_warning_in_the_table_and_in_ingest_errors(tmp_path):
    """Issue 15.4 / 11: a source giving no documents was reported "built" with exit 0."""
    d = tmp_path / "in"
    d.mkdir()
    shutil.copy(NOTICE, d / "notice.txt")
    (d / "furniture.txt").write_text(FURNITURE, encoding="utf-8")
    (d / "blank.txt").write_text("  \n\n\t\n", encoding="utf-8")
    db = tmp_path / "g.db"
    res = CliRunner().invoke(main, ["build", str(d), "--db", str(db)])
    assert res.exit_code == 2, res.output
    warning = next(line for line in res.output.splitlines() if line.startswith("warning: furniture.txt: "))
    assert "no body" in warning or "no documents" in warning
    assert "error: blank.txt: empty file" in res.output
    table = res.output[res.output.index("┃ source"):]
    assert "warning" in table and "reason" in table
    rows = dict(sqlite3.connect(db).execute("SELECT name, status FROM ingest_errors"))
    assert rows == {"furniture.txt": "warning", "blank.txt": "error"}
    again = CliRunner().invoke(main, ["build", str(d), "--db", str(db)])  # unchanged, and still said
    assert again.exit_code == 2 and "warning: furniture.txt" in again.output


def test_exit_code_is_zero_only_when_every_input_was_built(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    shutil.copy(NOTICE, d / "notice.txt")
    (d / "scan.jpg").write_bytes(b"\xff\xd8\xff")  # another file type: skipped, not a failure
    assert CliRunner().invoke(main, ["build", str(d), "--db", str(tmp_path / "g.db")]).exit_code == 0
    (d / "empty.txt").write_bytes(b"")
    assert CliRunner().invoke(main, ["build", str(d), "--db", str(tmp_path / "g.db")]).exit_code == 2
    (d / "notice.txt").unlink()
    assert CliRunner().invoke(main, ["build", str(d), "--db", str(tmp_path / "h.db")]).exit_code == 1


def test_no_input_is_built_silently_with_nothing_in_it(tmp_path):
    """Issue 15.4: a traditional-Chinese notice (UTF-8 or Big5) and a one-line text were "built" with no
    documents and exit 0. Whatever the segmenter makes of them, an empty result is a warning with its reason."""
    from test_ingest_text import TRADITIONAL

    d = tmp_path / "in"
    d.mkdir()
    (d / "tw-utf8.txt").write_text(TRADITIONAL, encoding="utf-8")
    (d / "tw-big5.txt").write_bytes(TRADITIONAL.encode("big5"))
    (d / "one-line.txt").write_text("各有关单位应当按照规定执行。" * 4000, encoding="utf-8")
    report = build([d], tmp_path / "g.db")
    conn = sqlite3.connect(tmp_path / "g.db")
    assert conn.execute("SELECT encoding FROM sources WHERE name = 'tw-big5.txt'").fetchone() == ("big5",)
    for s in report.sources:
        assert s.status in ("built", "warning"), s
        assert (s.status == "built") == (s.documents > 0), s
        if s.status == "warning":
            assert conn.execute("SELECT status FROM ingest_errors WHERE name = ?", (s.name,)).fetchone() == ("warning",)
