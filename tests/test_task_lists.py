"""Task-division layouts: label lines under each task, bracketed tags and X会同Y give obligations
with the roles CONVENTIONS.md defines, and the task's deadline joins its obligation."""

from __future__ import annotations

from extract.ingest.text import decode_source
from extract.pipeline import process_source

LABEL_LINES = (
    "某市人民政府办公室关于印发重点任务分工方案的通知\n"
    "各区人民政府，市政府各部门：\n"
    "现将重点任务分工方案印发给你们，请认真贯彻落实。\n"
    "一、加快建设智慧养老服务平台，推动养老服务数据共享。\n"
    "牵头单位：市民政局\n"
    "责任单位：市发展改革委、市财政局\n"
    "完成时限：2024年6月底前\n"
    "二、完善城乡居民医疗保障制度，提高门诊报销比例。\n"
    "牵头单位:市医保局\n"
    "配合单位:市卫生健康委\n"
    "责任领导：张三\n"
    "完成时限:2024年12月底前\n"
)


def _result(text: str):
    return process_source(decode_source(text.encode("utf-8"), "tasks.txt"))


def _by_task(result) -> dict[str, tuple[list[tuple[str, str]], list[str]]]:
    deadlines: dict[str, list[str]] = {}
    for v in result.values:
        if v.type == "deadline" and v.obligation_id:
            deadlines.setdefault(v.obligation_id, []).append(v.value.date)
    return {
        o.text[:6]: ([(u.name, u.role) for u, _ in o.units], deadlines.get(o.id, []))
        for o in result.obligations
    }


def test_label_lines_give_lead_and_responsible_units_with_their_deadlines():
    got = _by_task(_result(LABEL_LINES))
    assert got["一、加快建设"] == (
        [("市民政局", "lead"), ("市发展改革委", "responsible"), ("市财政局", "responsible")], ["2024-06-30"]
    )
    # ASCII colons too; 配合 is co; 责任领导 names a person, never a unit
    assert got["二、完善城乡"] == ([("市医保局", "lead"), ("市卫生健康委", "co")], ["2024-12-31"])


def test_label_lines_are_clauses_of_their_task_not_a_table():
    r = _result(LABEL_LINES)
    assert not [p for p in r.provisions if p.kind in ("table", "row")]
    item = next(p for p in r.provisions if p.label == "二")
    assert item.text.endswith("完成时限:2024年12月底前")


def test_bracketed_tags_and_huitong_give_roles():
    text = (
        "某市推进数字政府建设工作方案\n"
        "一、推进政务数据共享。（负责部门：市政务服务数据管理局）\n"
        "二、建设城市运行管理平台。（2024年6月底完成，牵头单位：市城市管理局）\n"
        "三、市财政局会同市审计局开展专项资金绩效评价。\n"
    )
    roles = {(u.name, u.role) for o in _result(text).obligations for u, _ in o.units}
    assert {("市政务服务数据管理局", "responsible"), ("市城市管理局", "lead"),
            ("市财政局", "lead"), ("市审计局", "co")} <= roles


def test_a_list_ending_in_deng_then_he_keeps_both_sides():
    from extract.extractors.roles import find_clauses

    (clause,) = find_clauses("（商务部、发展改革委、农业农村部等和各有关省级人民政府负责）")
    assert [(u.name, u.role) for u in clause.units] == [
        ("商务部", "responsible"), ("发展改革委", "responsible"), ("农业农村部", "responsible"),
        ("各有关省级人民政府", "responsible")]


def test_a_table_printed_one_cell_per_line_gives_rows_and_their_units():
    text = (
        "某市推广改革举措清单\n序号\n改革举措\n主要内容\n指导部门\n推广范围\n"
        "一、知识产权保护方面（共2项）\n"
        "1\n知识产权案件审判“三合一”\n整合分散的审判资源，提高审判效率。\n市中级人民法院、市知识产权局\n全市\n"
        "2\n专利保险机制\n开发专利执行险等保险产品，降低侵权损失。\n市知识产权局\n全市\n"
    )
    r = _result(text)
    rows = [p for p in r.provisions if p.kind == "row"]
    assert [row.cells[1][3] for row in rows] == ["市中级人民法院、市知识产权局", "市知识产权局"]
    units = [[(u.name, u.role) for u, _ in o.units] for o in r.obligations]
    assert units == [[("市中级人民法院", "responsible"), ("市知识产权局", "responsible")],
                     [("市知识产权局", "responsible")]]


def test_first_listed_unit_leads_when_the_document_says_so():
    text = (
        "国务院关于做好促进就业工作的若干意见\n"
        "一、支持企业稳定岗位。（人力资源社会保障部、财政部负责。列第一位者为牵头单位，下同）\n"
        "二、加大创业担保贷款支持。（财政部、人民银行、银保监会负责）\n"
    )
    got = [[(u.name, u.role) for u, _ in o.units] for o in _result(text).obligations]
    assert got == [[("人力资源社会保障部", "lead"), ("财政部", "responsible")],
                   [("财政部", "lead"), ("人民银行", "responsible"), ("银保监会", "responsible")]]


def test_an_article_label_is_not_part_of_the_duty_lines_subject():
    text = "某市绿色建筑管理办法\n第四条 市建设行政主管部门负责全市绿色建筑发展规划的制订和监督管理。\n"
    got = [[(u.name, u.role) for u, _ in o.units] for o in _result(text).obligations]
    assert got == [[("市建设行政主管部门", "responsible")]]


def test_national_bodies_named_by_their_own_endings_are_units():
    from extract.extractors.units import looks_like_unit

    for name in ("共青团中央", "供销合作总社", "中国银保监会"):
        assert looks_like_unit(name, strict=True), name
