"""The review app's document view: a notice's header fields, and each roster seat, get their own paragraph."""

from __future__ import annotations

import re

from extract.review.render import header_breaks, member_line_breaks, text_html

# the head of seed 004's roster notice as printed: a title wrapped over three lines, its 文号, the addressees
HEADER = """ 兴安盟行政公署办公室关于

调整盟推进政府职能转变和“放管服”改革协调小组等

议事协调机构组成人员的通知

兴署办字〔2021〕11 号

各旗县市人民政府，盟直有关部门：

根据工作需要和人员变动情况，盟行
政公署决定对盟推进政府职能转变协调小组进行调整。
一、调整协调小组组成人员
"""
TITLE = "兴安盟行政公署办公室关于调整盟推进政府职能转变和“放管服”改革协调小组等议事协调机构组成人员的通知"


def _paragraphs(text: str, breaks: list[int]) -> list[str]:
    html = text_html(text, 0, len(text), [], breaks)
    return [re.sub(r"<[^>]+>", "", p) for p in re.findall(r'<div class="para">(.*?)</div>', html)]


def test_title_doc_number_and_addressees_are_paragraphs_of_their_own():
    first_item = HEADER.index("一、")
    breaks = [first_item]
    paras = _paragraphs(HEADER, breaks + header_breaks(HEADER, 0, len(HEADER), TITLE, breaks))
    assert [p.strip() for p in paras] == [
        TITLE, "兴署办字〔2021〕11 号", "各旗县市人民政府，盟直有关部门：",
        "根据工作需要和人员变动情况，盟行政公署决定对盟推进政府职能转变协调小组进行调整。",
        "一、调整协调小组组成人员"]


def test_a_title_not_printed_at_the_start_adds_no_break_but_the_doc_number_line_still_stands_alone():
    text = "东河区“十四五”残疾人事业发展规划\n东政发〔2022〕3号\n为推动残疾人事业\n高质量发展。\n"
    assert _paragraphs(text, header_breaks(text, 0, len(text), "另一个标题", [])) == [
        "东河区“十四五”残疾人事业发展规划", "东政发〔2022〕3号", "为推动残疾人事业高质量发展。"]


def test_each_roster_member_line_is_a_paragraph_and_a_wrapped_position_stays_joined():
    text = "组 长：姜天虎 盟委委员、常务副\n盟长\n成 员：刘海涛 盟行署办公室副主任\n杨 磊 盟行署办公室副主任\n"
    items = [{"type": "member", "start": text.index(p), "end": text.index(p) + 3}
             for p in ("姜天虎", "刘海涛", "杨 磊")]
    assert _paragraphs(text, member_line_breaks(text, items)) == [
        "组 长：姜天虎 盟委委员、常务副盟长", "成 员：刘海涛 盟行署办公室副主任", "杨 磊 盟行署办公室副主任"]
