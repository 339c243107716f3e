"""The store: stable ids, unchanged sources skipped, one transaction per source, Chinese search."""

from __future__ import annotations

import shutil
import sqlite3

import pytest
from conftest import CORPUS, SLICES

from extract.build import build
from extract.store.read import search
from extract.store.write import open_db


def _dump(db_path) -> list:
    conn = sqlite3.connect(db_path)
    rows = []
    for t in ("sources", "sections", "documents", "provisions", "events"):
        rows += [(t, *r) for r in conn.execute(f"SELECT * FROM {t} ORDER BY 1")]
    conn.close()
    return rows


@pytest.fixture()
def small_corpus(tmp_path):
    d = tmp_path / "corpus"
    d.mkdir()
    for name in ("000_cover_notice.txt", "004_roster.txt", "002_box.md"):
        shutil.copy(SLICES / name, d / name)
    return d


def test_building_twice_gives_the_same_database(small_corpus, tmp_path):
    a, b = tmp_path / "a.db", tmp_path / "b.db"
    build([small_corpus], a)
    build([small_corpus], b)
    build([small_corpus], b, force=True)
    assert _dump(a) == _dump(b)


def test_unchanged_source_is_skipped_and_changed_one_rebuilt(small_corpus, tmp_path):
    db = tmp_path / "s.db"
    build([small_corpus], db)
    report = build([small_corpus], db)
    # a source that gave no documents (the 002_box.md slice) says so again on every build
    assert {s.status for s in report.sources} <= {"unchanged", "warning"} and report.count("unchanged") >= 2
    f = small_corpus / "004_roster.txt"
    f.write_text(f.read_text(encoding="utf-8") + "\n附加一行。\n", encoding="utf-8")
    report = build([small_corpus], db)
    assert {s.name: s.status for s in report.sources}["004_roster.txt"] == "built"


def test_bad_files_are_recorded_and_the_build_goes_on(small_corpus, tmp_path):
    (small_corpus / "empty.txt").write_bytes(b"")
    (small_corpus / "binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    (small_corpus / "gbk.txt").write_bytes((SLICES / "000_cover_notice.txt").read_text(encoding="utf-8").encode("gbk"))
    db = tmp_path / "e.db"
    report = build([small_corpus], db)
    assert report.ok
    status = {s.name: s.status for s in report.sources}
    assert status["empty.txt"] == status["binary.txt"] == "error" and status["gbk.txt"] == "built"
    errors = dict(sqlite3.connect(db).execute("SELECT name, error FROM ingest_errors"))
    assert errors["empty.txt"].startswith("empty.txt: empty") and "NUL" in errors["binary.txt"]


def test_a_failing_write_leaves_the_previous_rows_intact(small_corpus, tmp_path, monkeypatch):
    import extract.store.write as w

    db = tmp_path / "t.db"
    build([small_corpus], db)
    before = _dump(db)
    original = w._insert

    def broken(conn, table, rows):
        if table == "provisions":
            raise sqlite3.OperationalError("disk I/O error (simulated)")
        original(conn, table, rows)

    monkeypatch.setattr(w, "_insert", broken)
    with pytest.raises(sqlite3.OperationalError):
        build([small_corpus], db, force=True)
    monkeypatch.setattr(w, "_insert", original)
    assert _dump(db) == before


def test_search_finds_chinese_words_with_highlighted_snippets(corpus_db):
    db = open_db(corpus_db)
    hits = search(db, "残疾人就业")
    assert hits and all("[残疾人就业]" in h.snippet for h in hits)
    two_char = search(db, "财政")
    assert two_char and all("[财政]" in h.snippet for h in two_char)
    assert search(db, "不存在的词语组合") == []


def test_whole_corpus_builds_with_every_seed(corpus_db):
    conn = sqlite3.connect(corpus_db)
    assert conn.execute("SELECT count(*) FROM sources").fetchone()[0] == len(list(CORPUS.iterdir()))
    assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 22
    assert conn.execute("SELECT count(*) FROM events").fetchone()[0] > 40
    assert conn.execute("SELECT count(*) FROM ingest_errors").fetchone()[0] == 0


def test_a_store_from_an_older_schema_is_rebuilt_and_keeps_editors_reviews(small_corpus, tmp_path):
    from extract.review.store import record_decision

    db = tmp_path / "old.db"
    build([small_corpus], db)
    conn = sqlite3.connect(db)
    amount_id = conn.execute("SELECT id FROM amounts LIMIT 1").fetchone()[0]
    record_decision(conn, "amount", amount_id, "accept", editor="编辑甲", db_path=str(db))
    conn.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")  # as an older release left it
    conn.commit()
    conn.close()
    report = build([small_corpus], db)
    assert report.count("unchanged") == 0  # derived tables dropped and rebuilt
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM reviews WHERE editor = '编辑甲'").fetchone()[0] == 1
    status = conn.execute("SELECT review_status FROM reviewed_amounts WHERE id = ?", [amount_id]).fetchone()
    assert status == ("accepted",)


def test_schemas_dir_documents_the_ddl_the_store_uses():
    from conftest import ROOT

    from extract.store.schema import ddl

    assert (ROOT / "schemas" / "store.sql").read_text(encoding="utf-8") == ddl()


def test_an_interpretation_links_to_the_document_it_explains_when_stored(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    (d / "notice.txt").write_text(
        "某市人民政府办公室关于印发《某市养老服务补贴办法》的通知\n某政办发〔2023〕5号\n各区人民政府：\n"
        "现将《某市养老服务补贴办法》印发给你们，请认真贯彻执行。\n2023年3月1日\n",
        encoding="utf-8",
    )
    (d / "interpretation.txt").write_text(
        "市民政局关于《某市养老服务补贴办法》解读\n一、制定背景\n为规范养老服务补贴发放，制定本办法。\n",
        encoding="utf-8",
    )
    db = tmp_path / "i.db"
    build([d], db)
    conn = sqlite3.connect(db)
    doc_id = conn.execute("SELECT id FROM documents").fetchone()[0]
    row = conn.execute("SELECT explains, explains_id FROM sections WHERE kind = 'interpretation'").fetchone()
    assert row == ("某市养老服务补贴办法", doc_id)


def test_source_texts_are_bzip2_and_zlib_blobs_of_older_stores_still_read() -> None:
    import zlib

    from extract.store.texts import pack, unpack

    text = "兴安盟行政公署关于印发《兴安盟“十四五”残疾人事业发展规划》的通知\n\n各旗县市人民政府：\n" * 20
    blob = pack(text)
    assert blob[:3] == b"BZh" and len(blob) < len(text.encode("utf-8")) / 4
    assert unpack(blob) == text
    assert unpack(zlib.compress(text.encode("utf-8"), 6)) == text


def test_a_rebuild_gives_back_the_pages_it_freed_and_search_still_answers(small_corpus, tmp_path):
    db = tmp_path / "s.db"
    build([small_corpus], db)
    f = small_corpus / "000_cover_notice.txt"
    f.write_text(f.read_text(encoding="utf-8").replace("新征程", "新阶段"), encoding="utf-8")
    assert {s.name: s.status for s in build([small_corpus], db).sources}["000_cover_notice.txt"] == "built"
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA auto_vacuum").fetchone() == (2,)  # incremental
    assert conn.execute("PRAGMA freelist_count").fetchone() == (0,)
    conn.close()
    assert [h.snippet.count("[新阶段]") for h in search(open_db(db), "新阶段")] == [1]
    assert not search(open_db(db), "新征程")
