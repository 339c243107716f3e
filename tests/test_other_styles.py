"""Gazette text in styles the seeds do not show: one paragraph per line (web pages), titles in 《》,
half-width punctuation. The project is measured on gazettes beyond the seeds; these hold the lessons
of running it on such texts."""

from __future__ import annotations

import extract
from extract.extractors.citations import self_published
from extract.extractors.deadlines import find_deadlines
from extract.ingest.text import decode_source
from extract.layout.reflow import reflow
from extract.pipeline import process_source

NOTICE = """《某市人民政府办公厅关于印发〈某市2023年营商环境工作要点〉的通知》
某政办发〔2023〕7号
各区人民政府,市政府各委、办、局:
《某市2023年营商环境工作要点》已经市政府同意,现印发给你们,请认真贯彻落实。
某市人民政府办公厅
2023年3月6日
2023年是全面贯彻党的二十大精神的开局之年,营商环境工作要再上新台阶。
一、深化审批制度改革
(一)压减审批时限
全面梳理审批事项,压减审批时限。(市编办牵头,市法制办、市政务服务管理办配合,2023年6月底前完成)
"""


def _paragraphs(text: str) -> list[str]:
    return [p.text for p in reflow(decode_source(text.encode(), "x.txt"))]


def test_one_paragraph_per_line_with_blank_lines_is_not_joined():
    lines = ["各区人民政府,市直各单位:", "现将实施意见印发给你们,请认真执行。", "某市人民政府", "2023年1月10日",
             "关于全面推进政务公开工作的实施意见",
             "根据上级要求,结合本市实际,现就全面推进政务公开工作提出如下实施意见,请各单位认真抓好落实。",
             "一、把握总体要求"]
    assert _paragraphs("\n\n".join(lines) + "\n") == lines


def test_a_web_style_notice_becomes_one_document_with_its_header():
    r = process_source(decode_source(NOTICE.encode(), "notice.txt"))
    [doc] = r.documents
    assert doc.title == "某市人民政府办公厅关于印发〈某市2023年营商环境工作要点〉的通知"
    assert (doc.doc_number, doc.date, doc.issuer) == ("某政办发〔2023〕7号", "2023-03-06", "某市人民政府办公厅")
    assert doc.addressees == ["各区人民政府", "市政府各委、办、局"]
    [ob] = r.obligations
    assert [(u.name, u.role) for u, _ in ob.units] == [("市编办", "lead"), ("市法制办", "co"), ("市政务服务管理办", "co")]
    deadlines = [v.value for v in r.values if v.type == "deadline"]
    assert [(d.kind, d.date) for d in deadlines] == [("due", "2023-06-30")]  # not 2023年是…之年
    assert not [v for v in r.values if v.type == "citation"]  # the notice's own attachment is no citation


def test_a_title_quoted_before_xian_yin_fa_is_self_published():
    text = "《某市2023年营商环境工作要点》已经市政府同意,现印发给你们。"
    assert self_published(text) == [(0, len("《某市2023年营商环境工作要点》已经市政府同意,现印发给你们"))]


def test_a_year_as_the_subject_of_a_sentence_is_no_deadline():
    assert find_deadlines("2023年是全面建成小康社会后的开局之年。", "2023-03-06") == []


def test_a_name_that_already_carries_the_shared_prefix_keeps_one():
    assert [u.name for u in extract.parse_units("市法制办、市政务服务管理办配合")] == ["市法制办", "市政务服务管理办"]
    assert [u.name for u in extract.parse_units("市交通运输局、市场监督管理局配合")] == ["市交通运输局", "市市场监督管理局"]


def test_a_date_without_year_takes_the_year_of_the_deadline_before_it():
    found = find_deadlines("2023年9月底前，各县区完成摸底排查；12月底前全面完成整治任务。", "2021-01-25")
    assert [(d.kind, d.date) for d in found] == [("due", "2023-09-30"), ("due", "2023-12-31")]


def test_monthly_reporting_and_dates_in_a_reporting_chain():
    assert [(d.kind, d.every) for d in find_deadlines("各牵头单位要于每月28日前报送进展情况。", "2021-01-25")] == [
        ("recurring", "month")
    ]
    found = find_deadlines("方案务于2021年2月3日前报送分管领导，审核后于2月7日前报送市政府。", "2021-01-25")
    assert [d.date for d in found] == ["2021-02-03", "2021-02-07"]


def test_cooperation_beside_a_responsible_unit_is_co():
    from extract.extractors.roles import find_clauses

    units = [(u.name, u.role) for c in find_clauses("由县住建局负责，各乡镇人民政府配合落实。", "某县") for u in c.units]
    assert units == [("县住建局", "responsible"), ("各乡镇人民政府", "co")]
