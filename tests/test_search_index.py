"""The bigram search index: exact answers for two-character words, kept in step with rebuilds, small."""

from __future__ import annotations

import sqlite3

from extract.build import build
from extract.store.fts import bigrams, match_expression
from extract.store.read import search
from extract.store.write import open_db


def _store(tmp_path, text: str):
    d = tmp_path / "in"
    d.mkdir(exist_ok=True)
    (d / "notice.txt").write_text(text, encoding="utf-8")
    db = tmp_path / "s.db"
    build([d], db)
    return d, db


NOTICE = ("某市人民政府办公室关于加强资金管理的通知\n某政办发〔2023〕5号\n各区人民政府：\n"
          "一、各级财政部门要加强资金监管。\n二、残疾的人员和疾人之家另行规定。\n三、做好2023年预算编制。\n"
          "2023年3月1日\n")


def test_bigrams_pair_adjacent_letters_and_digits_only():
    assert bigrams("财政资金") == ["财政", "政资", "资金"]
    assert bigrams("财，政") == []
    assert bigrams("2023年") == ["20", "02", "23", "3年"]
    assert match_expression(["财"]) is None


def test_two_character_words_are_found_through_the_index(tmp_path):
    _, db = _store(tmp_path, NOTICE)
    hits = search(open_db(db), "财政")
    assert [h.path for h in hits] == ["一"] and "[财政]" in hits[0].snippet


def test_bigrams_present_but_apart_do_not_match(tmp_path):
    _, db = _store(tmp_path, NOTICE)  # 残疾 and 疾人 are in item 二, 残疾人 is not
    assert search(open_db(db), "残疾人") == []
    assert [h.path for h in search(open_db(db), "疾人之家")] == ["二"]


def test_single_characters_and_digits_still_answer(tmp_path):
    _, db = _store(tmp_path, NOTICE)
    assert {h.path for h in search(open_db(db), "预")} == {"三"}
    assert {h.path for h in search(open_db(db), "2023")} == {"三"}


def test_rebuilding_a_source_leaves_no_stale_index_rows(tmp_path):
    d, db = _store(tmp_path, NOTICE)
    (d / "notice.txt").write_text(NOTICE.replace("财政部门", "审计部门"), encoding="utf-8")
    build([d], db)
    conn = open_db(db)
    assert search(conn, "财政部门") == [] and [h.path for h in search(conn, "审计部门")] == ["一"]
    fts_rows = conn.execute("SELECT count(*) FROM provisions_fts WHERE provisions_fts MATCH '审计'").fetchone()[0]
    assert fts_rows == 1


def test_the_index_holds_no_copy_of_the_text(tmp_path):
    _, db = _store(tmp_path, NOTICE)
    conn = sqlite3.connect(db)
    sql = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'provisions_fts'").fetchone()[0]
    assert "content=''" in sql and "detail=none" in sql
