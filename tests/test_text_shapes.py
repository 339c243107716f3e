"""Text shapes real files come in: one-line texts, CRLF / lone CR, blank line after every line,
zero-width and full-width characters, traditional Chinese, ㈠ and ① numbering."""

from __future__ import annotations

import opencc

from extract.coverage import coverage
from extract.ingest.chinese import is_traditional, to_simplified
from extract.ingest.text import decode_source
from extract.pipeline import process_source

NOTICE = [
    "某市人民政府关于加强养老服务工作的通知",
    "各区人民政府，市政府各部门：",
    "为进一步加强养老服务工作，现将有关事项通知如下。",
    "一、完善养老服务补贴制度，对经济困难老年人每人每月补贴200元。（责任单位：市民政局）",
    "二、加快建设社区养老服务设施，2025年底前实现街道全覆盖。（牵头单位：市发展改革委）",
]


def _run(text: str, name: str = "t.txt"):
    return process_source(decode_source(text.encode("utf-8"), name))


def _summary(r) -> tuple:
    units = sorted((u.name, u.role) for o in r.obligations for u, _ in o.units)
    values = sorted((v.type, str(getattr(v.value, "date", None) or getattr(v.value, "value_yuan", None)))
                    for v in r.values if v.type in ("deadline", "amount"))
    return [d.title for d in r.documents], units, values


def test_line_endings_and_blank_lines_do_not_change_what_is_found():
    plain = _summary(_run("\n".join(NOTICE) + "\n"))
    assert plain[1] and plain[2]
    assert _summary(_run("\r\n".join(NOTICE) + "\r\n")) == plain
    assert _summary(_run("\r".join(NOTICE) + "\r")) == plain
    assert _summary(_run("\n\n".join(NOTICE) + "\n")) == plain


def test_a_one_line_text_is_split_into_its_paragraphs():
    body = "　　".join(NOTICE[1:] * 3)
    r = _run("上海市市长　某某 " + body)
    assert len(r.provisions) >= 6
    assert {("市民政局", "responsible"), ("市发展改革委", "lead")} <= set(_summary(r)[1])


def test_zero_width_and_full_width_characters_are_read_as_plain_text():
    text = "\n".join(NOTICE[:3]) + "\n\u200b\n一、对经济困难老年人每人每月补贴２００元，２０２５年底前\u200b完成。\n"
    r = _run(text)
    summary = _summary(r)
    assert ("amount", "200.0") in summary[2] and ("deadline", "2025-12-31") in summary[2]
    assert coverage(r).missed == [2]  # the addressee line is header


def test_traditional_chinese_is_matched_as_simplified_with_spans_on_the_original():
    traditional = opencc.OpenCC("s2t").convert("\n".join(NOTICE) + "\n")
    assert traditional != "\n".join(NOTICE) + "\n" and is_traditional(traditional)
    r = _run(traditional)
    assert _summary(r) == _summary(_run("\n".join(NOTICE) + "\n"))
    ob = next(o for o in r.obligations if any(u.name == "市民政局" for u, _ in o.units))
    (_, span), = [(u, sp) for u, sp in ob.units if u.name == "市民政局"]
    assert traditional[span.start : span.end] == "市民政局"  # 市民政局 is the same in both scripts
    unit_span = [sp for o in r.obligations for u, sp in o.units if u.name == "市发展改革委"][0]
    assert traditional[unit_span.start : unit_span.end] == "市發展改革委"


def test_simplified_text_is_not_converted():
    assert not is_traditional("\n".join(NOTICE))
    assert to_simplified("國務院關於") == "国务院关于"


def test_parenthesized_and_circled_numerals_open_items():
    text = "\n".join(NOTICE[:3]) + "\n㈠完善养老服务补贴制度。\n①提高补贴标准，每人每月补贴200元。\n㈡加快建设社区养老设施。\n"
    labels = [p.label for p in _run(text).provisions if p.kind == "item"]
    assert labels == ["㈠", "①", "㈡"]


def test_a_traditional_text_stores_provisions_as_printed(tmp_path):
    import sqlite_utils

    from extract.store.schema import ensure_schema
    from extract.store.write import write_source

    traditional = opencc.OpenCC("s2t").convert("\n".join(NOTICE) + "\n")
    r = _run(traditional)
    assert any("養老" in p.text or "养老" in p.text for p in r.provisions)
    db = sqlite_utils.Database(tmp_path / "t.db")
    ensure_schema(db)
    write_source(db, r)
    texts = [row["text"] for row in db.query("SELECT text FROM provisions")]
    assert any("養老服務補貼" in t for t in texts)  # the printed characters, not 养老服务补贴
    assert not any("养老服务补贴" in t for t in texts)
    assert any("養老服務" in p.text for p in r.provisions) is False  # matching still reads simplified


def test_a_one_line_texts_numbered_heading_ended_by_one_space_is_its_own_paragraph():
    from extract.layout.reflow import reflow

    para = (" 一、2025年工作回顾 过去一年，全市经济运行稳中有进，地区生产总值增长5%。"
            " 二、2026年主要任务 今年是开局之年，要做好以下工作。 （一）坚持稳中求进 持续扩大有效投资，新建学校10所。")
    text = "各位代表： 现在，我代表市人民政府向大会报告工作，请予审议。" + para * 4
    texts = [p.text for p in reflow(decode_source(text.encode("utf-8"), "one.txt"))]
    assert "二、2026年主要任务" in texts and "（一）坚持稳中求进" in texts
    assert "持续扩大有效投资，新建学校10所。" in texts


def test_a_traditional_text_built_through_workers_stores_provisions_as_printed(tmp_path):
    """The worker slims its result before sending it, so the printed text is restored before the paragraphs go."""
    import sqlite3

    from extract.build import build

    (tmp_path / "t.txt").write_text(opencc.OpenCC("s2t").convert("\n".join(NOTICE) + "\n"), encoding="utf-8")
    build([tmp_path / "t.txt"], tmp_path / "t.db", workers=2)
    conn = sqlite3.connect(tmp_path / "t.db")
    texts = [t for (t,) in conn.execute("SELECT text FROM provisions")]
    found = conn.execute("SELECT count(*) FROM provisions_fts WHERE provisions_fts MATCH '養老'").fetchone()[0]
    conn.close()
    assert any("養老服務補貼" in t for t in texts) and not any("养老服务补贴" in t for t in texts)
    assert found > 0  # the search index holds the printed characters too
