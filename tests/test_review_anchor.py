"""Re-anchoring: decisions follow their value when the source text changes, or are flagged orphaned."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from conftest import build_seed_store, copy_seed_store
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.build import build
from extract.review.anchor import Anchor, capture, find_span
from extract.review.store import after_build, record_decision

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
SEED = "000_a89ac985d1956224.txt"
# line 53 of the seed: 提高到每人每月 100元，政府代缴重度残
AMOUNT_LINE = "提高到每人每月 100元，政府代缴重度残"
# lines 2190–2193: 不断提升担保实力。（责任单位：盟金融办、 / 盟财政局）
UNIT_SENTENCE_END = "盟财政局）\n\n（四）推广新型政银担合作模式。"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_seed_store(tmp_path_factory.mktemp("anchor"), SEED)


@pytest.fixture
def store(built: Path, tmp_path: Path) -> tuple[Path, sqlite3.Connection]:
    conn = copy_seed_store(built, SEED, tmp_path)
    yield tmp_path, conn
    conn.close()


def _rebuild(d: Path, conn: sqlite3.Connection, text: str) -> None:
    (d / SEED).write_text(text, encoding="utf-8")
    build([d / SEED], d / "gazette.db")
    after_build(conn, str(d / "gazette.db"))


def _amount(conn: sqlite3.Connection) -> str:
    return conn.execute("SELECT id FROM amounts WHERE surface = '每人每月100元'").fetchone()[0]


def _sentence(text: str) -> tuple[int, int]:
    """The sentence 各级监督管理部门要…不断提升担保实力。（责任单位：盟金融办、盟财政局）."""
    end = text.index(UNIT_SENTENCE_END) + len("盟财政局）")
    return text.rindex("。", 0, text.index("提升担保实力。（责任单位")) + 1, end


def _unit(conn: sqlite3.Connection, text: str) -> str:
    at = text.index(UNIT_SENTENCE_END)
    return conn.execute("SELECT id FROM obligation_units WHERE name = '盟财政局' AND start = ?", (at,)).fetchone()[0]


def test_find_span_ignores_rewrapped_whitespace() -> None:
    # 提高到每人每月 100元 — the same value after the line was wrapped differently
    a = Anchor("s", None, 10, 19, "每人每月 100元", "标准均\n\n提高到", "，政府代缴重度残")
    new = "前言。标准均提高到每人每月\n100元，政府代缴重度残疾人"
    s, e = find_span(new, a)
    assert new[s:e] == "每人每月\n100元"


def test_find_span_prefers_the_occurrence_with_the_same_context() -> None:
    a = Anchor("s", None, 0, 4, "盟财政局", "提升担保实力。（责任单位：盟金融办、", "）（四）推广新型政银担合作模式。")
    text = "（责任单位：盟财政局、各旗县市政府）不断提升担保实力。（责任单位：盟金融办、盟财政局）（四）推广新型政银担合作模式。"
    s, _ = find_span(text, a)
    assert s == text.rindex("盟财政局")


def test_find_span_refuses_a_repeated_name_in_another_sentence() -> None:
    a = Anchor("s", None, 0, 4, "盟财政局", "提升担保实力。（责任单位：盟金融办、", "）（四）推广新型政银担合作模式。")
    assert find_span("（责任单位：盟金融办、盟财政局、各旗县市政府）", a) is None


@given(st.text(max_size=200), st.text(max_size=20), st.text(max_size=40), st.integers(-5, 300))
@settings(max_examples=200, deadline=None)
def test_find_span_never_raises(text: str, surface: str, ctx: str, start: int) -> None:
    span = find_span(text, Anchor("s", None, start, start + len(surface), surface, ctx, ctx))
    assert span is None or 0 <= span[0] <= span[1] <= len(text)


def test_capture_keeps_thirty_characters_each_side() -> None:
    from extract.ingest.text import decode_source

    src = decode_source(("甲" * 50 + "目标值" + "乙" * 50).encode(), "x.txt")
    a = capture(src, "x.txt", src.sha256, 50, 53)
    assert (a.surface, a.context_before, a.context_after) == ("目标值", "甲" * 30, "乙" * 30)


def test_force_rebuild_of_an_unchanged_source_keeps_reviews_attached(store) -> None:
    d, conn = store
    rid = _amount(conn)
    record_decision(conn, "amount", rid, "correct", {"value_yuan": 120}, editor="王")
    build([d / SEED], d / "gazette.db", force=True)
    after_build(conn, str(d / "gazette.db"))
    assert conn.execute("SELECT value_yuan, review_status FROM reviewed_amounts WHERE id = ?", (rid,)).fetchone() \
        == (120.0, "corrected")
    assert conn.execute("SELECT status FROM review_anchors").fetchone() == ("ok",)


def test_inserting_a_line_above_the_value_reanchors_the_correction(store) -> None:
    d, conn = store
    rid = _amount(conn)
    record_decision(conn, "amount", rid, "correct", {"value_yuan": 120}, editor="王")
    text = (d / SEED).read_text(encoding="utf-8")
    at = text.index(AMOUNT_LINE)
    _rebuild(d, conn, text[:at] + "（编者注：本段数字经核对。）\n\n" + text[at:])
    new_id = _amount(conn)
    assert new_id != rid  # ids hash the source bytes: the value got a new id
    assert conn.execute("SELECT value_yuan, review_status FROM reviewed_amounts WHERE id = ?",
                        (new_id,)).fetchone() == (120.0, "corrected")
    assert conn.execute("SELECT target_id, status FROM review_anchors").fetchone() == (new_id, "reanchored")


def test_deleting_the_values_sentence_orphans_the_review_but_keeps_it(store) -> None:
    d, conn = store
    text = (d / SEED).read_text(encoding="utf-8")
    uid = _unit(conn, text)
    record_decision(conn, "unit", uid, "correct", {"role": "lead"}, editor="李")
    start, end = _sentence(text)
    _rebuild(d, conn, text[:start] + text[end:])
    assert conn.execute("SELECT count(*) FROM reviews").fetchone() == (1,)
    orphan = conn.execute("SELECT surface, decision, editor, reason FROM review_orphans").fetchone()
    assert orphan[:3] == ("盟财政局", "correct", "李")
    assert "no longer in the source" in orphan[3]
    # 盟财政局 is still named in other clauses: none of them took the orphaned correction
    assert conn.execute("SELECT count(*) FROM reviewed_obligation_units WHERE review_status IS NOT NULL").fetchone() \
        == (0,)


def test_restoring_the_source_brings_an_orphan_back(store) -> None:
    d, conn = store
    original = (d / SEED).read_text(encoding="utf-8")
    uid = _unit(conn, original)
    record_decision(conn, "unit", uid, "accept", editor="李")
    start, end = _sentence(original)
    _rebuild(d, conn, original[:start] + original[end:])
    assert conn.execute("SELECT count(*) FROM review_orphans").fetchone() == (1,)
    _rebuild(d, conn, original)
    assert conn.execute("SELECT count(*) FROM review_orphans").fetchone() == (0,)
    assert conn.execute("SELECT review_status FROM reviewed_obligation_units WHERE id = ?",
                        (_unit(conn, original),)).fetchone() == ("accepted",)


def test_an_added_value_moves_with_its_text(store) -> None:
    d, conn = store
    text = (d / SEED).read_text(encoding="utf-8")
    at = text.index("政府代缴重度残")  # select 政府代缴 and add it as a unit of the nearest obligation
    ob = conn.execute("SELECT id FROM obligations ORDER BY start LIMIT 1").fetchone()[0]
    rec = record_decision(conn, "unit", None, "add", {"role": "responsible"}, span=(SEED, at, at + 2),
                          obligation_id=ob)
    line = conn.execute("SELECT line FROM reviewed_obligation_units WHERE id = ?", (rec["target_id"],)).fetchone()[0]
    ins = "新增的一行。\n\n"
    _rebuild(d, conn, text[:at] + ins + text[at:])
    row = conn.execute("SELECT start, line, name, review_status FROM reviewed_obligation_units WHERE id = ?",
                       (rec["target_id"],)).fetchone()
    assert row == (at + len(ins), line + 2, "政府", "added")


def test_an_added_unit_follows_its_reviewed_obligation(store) -> None:
    d, conn = store
    text = (d / SEED).read_text(encoding="utf-8")
    clause_at = text.index(UNIT_SENTENCE_END)
    ob = conn.execute('SELECT id FROM obligations WHERE start <= ? AND "end" > ?', (clause_at, clause_at)).fetchone()[0]
    record_decision(conn, "obligation", ob, "accept")
    at = text.index("提升担保实力。（责任单位")
    rec = record_decision(conn, "unit", None, "add", {"role": "co"}, span=(SEED, at, at + 6), obligation_id=ob)
    _rebuild(d, conn, "（编者按）\n\n" + text)
    new_ob = conn.execute('SELECT id FROM obligations WHERE start <= ? AND "end" > ?',
                          (clause_at + 7, clause_at + 7)).fetchone()[0]
    assert new_ob != ob
    assert conn.execute("SELECT obligation_id FROM reviewed_obligation_units WHERE id = ?",
                        (rec["target_id"],)).fetchone() == (new_ob,)
