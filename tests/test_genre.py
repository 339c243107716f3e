"""What a document is decides what its numbers and dates mean: bulletins report, reports plan their year."""

from pathlib import Path

from extract.extractors.genre import goal_heading_year, inline_sections, is_review_heading
from extract.pipeline import process_file

BULLETIN = """某某县2024年国民经济和社会发展统计公报

某某县统计局

全年地区生产总值达到120亿元，比上年增长5.2%。年末常住人口30万人。
全县广播覆盖率达到100%。新建幼儿园3所，2024年底前完成的项目12个。
"""

REPORT = """2025年某某市政府工作报告

——2025年1月10日在某某市第十届人民代表大会第五次会议上

一、2024年工作回顾

过去一年，全市地区生产总值增长6%，新建幼儿园12所，年底前完成旧城改造。

二、2025年主要工作

今年全市发展的主要预期目标是：地区生产总值增长5.5%左右；城镇新增就业3万人以上。
新建幼儿园20所。年内完成老旧小区改造100个。
"""

ONE_LINE = ("现在，我代表市人民政府，向大会报告工作，请予审议。 　　一、2024年工作回顾 　　过去一年，"
            "新建幼儿园12所，地区生产总值增长6%。 　　二、2025年主要任务 　　今年主要预期目标是：地区生产总值"
            "增长5%左右，城镇新增就业3万人左右。新建公园10个。\n")


def _values(tmp_path: Path, text: str, name: str = "doc.txt") -> dict[str, list]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    r = process_file(path)
    out: dict[str, list] = {}
    for v in r.values:
        out.setdefault(v.type, []).append(v.value)
    return out


def test_statistics_bulletin_gives_no_targets_and_no_deadlines(tmp_path):
    found = _values(tmp_path, BULLETIN)
    assert found.get("target", []) == [] and found.get("deadline", []) == []
    assert [(a.value_yuan, a.status) for a in found["amount"]] == [(12_000_000_000, "past")]  # money still counts


def test_work_report_review_gives_nothing_and_its_plan_takes_the_report_year(tmp_path):
    found = _values(tmp_path, REPORT)
    targets = [(t.indicator, t.value, t.comparator, t.year) for t in found["target"]]
    assert targets == [
        ("地区生产总值增长", 5.5, "=", 2025),
        ("城镇新增就业", 3, ">=", 2025),
        ("新建幼儿园", 20, ">=", 2025),
        ("完成老旧小区改造", 100, ">=", 2025),
    ]
    deadlines = [(d.surface, d.kind, d.date) for d in found["deadline"]]
    assert deadlines == [("今年", "target_year", "2025-12-31"), ("年内", "due", "2025-12-31")]


def test_one_line_report_is_read_part_by_part(tmp_path):
    found = _values(tmp_path, ONE_LINE)
    targets = [(t.indicator, t.value, t.year) for t in found["target"]]
    # the review (2024) gives nothing; the year comes from the review heading + 1
    assert targets == [("地区生产总值增长", 5, 2025), ("城镇新增就业", 3, 2025), ("新建公园", 10, 2025)]


def test_inline_sections_need_the_spaces_around_a_heading():
    text = "请予审议。一、2024年工作回顾过去一年，增长6%。二、2025年主要任务今年…"
    gaps = [5, 16, 26, 37]
    assert [h for _, _, h in inline_sections(text, gaps)] == ["", "一、2024年工作回顾", "二、2025年主要任务"]
    assert inline_sections(text) == [(0, len(text), "")]


def test_goal_headings_set_a_year_and_review_headings_none():
    assert goal_heading_year("三、2026年重点工作", None) == 2026
    assert goal_heading_year("二、对今年政府工作的建议", 2023) == 2023
    assert goal_heading_year("一、2025年工作回顾", 2026) is None
    assert is_review_heading("一、过去五年工作回顾")
