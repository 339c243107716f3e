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
