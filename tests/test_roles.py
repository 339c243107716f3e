"""Responsibility clauses and roles in running text (extract/extractors/roles.py).

Fixtures are reflowed paragraphs of the seed gazettes (hard-wrapped lines of 000_/003_/004_
joined); the source is named beside each.
"""

from __future__ import annotations

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.extractors.roles import (
    CO,
    CO_DUTY,
    ENUM_LABEL_RE,
    FILLER_AFTER_RE,
    LEAD,
    MARKER_RE,
    RESPONSIBLE,
    SENTENCE_END_RE,
    WITH,
    find_clauses,
    role_for_column,
)


def clauses(text: str, jurisdiction: str | None = None) -> list[tuple[str, list[tuple[str, str]]]]:
    out = []
    for c in find_clauses(text, jurisdiction):
        assert text[c.start : c.end] == c.text
        for u in c.units:
            assert text[u.start : u.end] == u.surface
        out.append((c.kind, [(u.name, u.role) for u in c.units]))
    return out


# ---------------------------------------------------------------- parentheticals


def test_parenthetical_at_item_end_is_found_with_offsets_into_the_paragraph() -> None:
    # 001_: 1.…残疾人就业… item of the 二连浩特 plan
    text = (
        "对用人单位的失信行为记入信用记录。（市残联、人社局牵头，市委组织部、财政局、卫健委，"
        "税务局按照职能分工负责）"
    )
    found = find_clauses(text, "二连浩特市")
    assert len(found) == 1
    c = found[0]
    assert c.kind == "parenthetical" and c.text.startswith("（") and c.text.endswith("）")
    assert [(u.name, u.role) for u in c.units] == [
        ("市残联", "lead"),
        ("市人社局", "lead"),
        ("市委组织部", "co"),
        ("市财政局", "co"),
        ("市卫健委", "co"),
        ("市税务局", "co"),
    ]
    assert c.units[0].canonical == "二连浩特市残疾人联合会"


def test_parenthetical_with_ascii_parens_and_commas() -> None:
    # 002_: 2. 提高残疾人就业创业技能
    text = "扶持、培育更多残疾人工匠和技能型人才。(区残联、区人社局牵头,区总工会按照职能分工负责)"
    assert clauses(text) == [
        ("parenthetical", [("区残联", "lead"), ("区人社局", "lead"), ("区总工会", "co")])
    ]


def test_parenthetical_responsibility_label() -> None:
    # 000_: 融资担保 plan
    text = "加大对政府性融资担保机构的资本金投入力度。（责任单位：盟金融办、盟财政局、各旗县市政府）"
    assert clauses(text) == [
        (
            "parenthetical",
            [("盟金融办", "responsible"), ("盟财政局", "responsible"), ("各旗县市政府", "responsible")],
        )
    ]


def test_parenthetical_with_deadline_keeps_only_units() -> None:
    # 004_: 一网办 plan, a wrapped parenthetical whose last segment is a deadline
    text = (
        "推进高频事项“掌上办”。（盟行政审批和政务服务局牵头，各旗县市人民政府、盟直有关部门分工负责，"
        "2021 年 12 月底完成）"
    )
    assert clauses(text) == [
        (
            "parenthetical",
            [("盟行政审批和政务服务局", "lead"), ("各旗县市人民政府", "co"), ("盟直有关部门", "co")],
        )
    ]


def test_parenthetical_lead_and_co_labels() -> None:
    text = "建立联动机制。（牵头单位：盟医保局；配合单位：盟卫生健康委、盟财政局）"
    assert clauses(text) == [
        ("parenthetical", [("盟医保局", "lead"), ("盟卫生健康委", "co"), ("盟财政局", "co")])
    ]


def test_parenthetical_collective_responsible_alone() -> None:
    assert clauses("确保政策落地见效。（各旗县市政府负责）") == [
        ("parenthetical", [("各旗县市政府", "responsible")])
    ]


def test_parenthetical_without_a_marker_is_not_a_clause() -> None:
    # 002_: 《无障碍环境建设条例》（国务院令 622 号）
    assert clauses("认真贯彻落实《无障碍环境建设条例》（国务院令 622 号）") == []


def test_two_parentheticals_in_one_paragraph_are_two_clauses() -> None:
    # 000_: 服务业 measures, two items reflowed into one paragraph
    text = (
        "奖励 5万元。（盟文旅体局牵头负责）（二）支持旅游团组流量增加。奖励 10万元。（盟商务口岸局牵头负责）"
    )
    assert clauses(text) == [
        ("parenthetical", [("盟文旅体局", "lead")]),
        ("parenthetical", [("盟商务口岸局", "lead")]),
    ]


# ---------------------------------------------------------------- inline


def test_inline_lead_then_co() -> None:
    # 000_: 从而形成政府性融资担保部门牵头、其他金融机构配合，…
    text = "从而形成政府性融资担保部门牵头、其他金融机构配合，向我盟各类小微企业提供融资担保服务。"
    assert clauses(text) == [("inline", [("政府性融资担保部门", "lead"), ("其他金融机构", "co")])]


def test_inline_you_x_qiantou_fuze() -> None:
    # 003_: 五、稳妥开展脱钩试点 …
    text = "全区性行业协会商会与行政机关脱钩试点工作由自治区民政厅牵头负责。"
    found = clauses(text, "内蒙古自治区")
    assert found == [("inline", [("自治区民政厅", "lead")])]
    assert find_clauses(text, "内蒙古自治区")[0].units[0].canonical == "内蒙古自治区民政厅"


def test_inline_huitong_subject_leads_object_cooperates() -> None:
    # 003_: 基本公共服务 plan
    text = "——自治区发展改革委要会同自治区统计局等有关部门，建立健全我区基本公共服务综合评估指标体系。"
    assert clauses(text) == [("inline", [("自治区发展改革委", "lead"), ("自治区统计局", "co")])]


def test_inline_qiantou_with_collective_cooperating() -> None:
    # 003_: 物业管理 opinions, 5.加强职能部门综合协调
    text = (
        "建立…组成的物业管理联席会议制度。旗、县、区人民政府牵头，各相关部门协同配合，"
        "妥善处理物业管理中出现的问题。"
    )
    # 各相关部门 is a vague object (CONVENTIONS: 相关部门 is never a unit), so only the lead stays
    # a run of level words is distributed over its body (CONVENTIONS: shared suffix distributed)
    assert clauses(text) == [("inline", [("旗人民政府", "lead"), ("县人民政府", "lead"), ("区人民政府", "lead")])]


def test_inline_chengdan_is_responsible() -> None:
    # 004_: 协调小组办公室设在…，盟行政审批和政务服务局承担协调小组办公室日常工作
    text = "盟行政审批和政务服务局承担协调小组办公室日常工作。"
    assert clauses(text) == [("duty_line", [("盟行政审批和政务服务局", "responsible")])]


def test_inline_fuze_qiantou_and_peihe() -> None:
    assert clauses("此项工作由盟发展改革委负责牵头，盟财政局配合。") == [
        ("inline", [("盟发展改革委", "lead"), ("盟财政局", "co")])
    ]


def test_inline_huitong_after_a_named_lead_cooperates() -> None:
    assert clauses("此项工作由市政府办公室牵头，会同市财政局等部门研究制定具体办法。") == [
        ("inline", [("市政府办公室", "lead"), ("市财政局", "co")])
    ]


def test_inline_huitong_without_a_unit_subject_is_no_clause() -> None:
    # 003_: 会计人员调动工作或者离职，必须…会同有关人员办理清理工作
    assert find_clauses("财务负责人会同有关人员办理清理工作，未移交前，不得离职。") == []


# ---------------------------------------------------------------- duty lines


def test_duty_lines_of_a_division_of_labour_attachment() -> None:
    # 003_: 附件 促进3岁以下婴幼儿照护服务发展工作部门职责分工, one paragraph per line
    text = (
        "发展改革部门负责将婴幼儿照护服务纳入经济社会发展相关规划。\n"
        "教育部门负责各类婴幼儿照护服务人才培养。\n"
        "妇联组织负责参与为家庭提供科学育儿指导服务。"
    )
    assert clauses(text) == [
        ("duty_line", [("发展改革部门", "responsible")]),
        ("duty_line", [("教育部门", "responsible")]),
        ("duty_line", [("妇联组织", "responsible")]),
    ]


def test_duty_line_with_colon_after_the_unit() -> None:
    assert clauses("盟财政局：负责下达财政补助资金，落实财政支持政策。") == [
        ("duty_line", [("盟财政局", "responsible")])
    ]


def test_duty_line_after_an_item_number() -> None:
    # 002_: 二、加强政策兑现 1.产业园运营机构负责提出产业园发展规划…
    assert clauses(
        "1.产业园运营机构负责提出产业园发展规划、总体布局以及按年度发展目标和落实举措并组织实施。"
    ) == [("duty_line", [("产业园运营机构", "responsible")])]


def test_duty_line_unit_canonical_in_a_league_document() -> None:
    # 004_: 盟医保局负责医疗机构药品集中采购的监管工作
    c = find_clauses("盟医保局负责医疗机构药品集中采购的监管工作。", "兴安盟")[0]
    assert (c.kind, c.units[0].canonical, c.units[0].level) == ("duty_line", "兴安盟医疗保障局", "盟市")


# ---------------------------------------------------------------- not clauses


@pytest.mark.parametrize(
    "text",
    [
        "7.各项政策由牵头部门负责解释。",  # 000_
        "第十七条 本细则由盟医疗保障局负责解释。",  # 000_
        "家庭对婴幼儿照护负主体责任。",  # 003_
        "坚持党委领导、政府负责、部门协同、社会参与、市场推动。",  # 001_
        "完善党委领导、政府负责的残疾人工作领导体制。",  # 000_
        "各地、各部门主要负责同志作为第一责任人亲自抓、负总责。",  # 004_
        "代办员主要负责为申请人提供业务咨询。",  # 004_
        "鼓励企业、职业院校、社会培训机构参与，建立一批残疾人职业培训实训基地。",  # 000_
        "牵头部门要敢于担当、勇于负责，积极发挥牵头作用。",  # 004_
        "不动产登记机构要通过“首问负责”、“一站式服务”等举措。",  # 003_
    ],
)
def test_sentences_that_are_no_assignment_give_no_clause(text: str) -> None:
    assert find_clauses(text) == []


# ---------------------------------------------------------------- table headers


@pytest.mark.parametrize(
    ("header", "role"),
    [
        ("牵头单位", "lead"),
        ("配合单位", "co"),
        ("协办单位", "co"),
        ("责任单位", "responsible"),
        ("责任部门", "responsible"),
        ("负责单位", "responsible"),
        ("承办单位", "responsible"),
        ("负责部门", "responsible"),
        (" 牵头部门 ", "lead"),
        ("完成时限", None),
        ("具体目标", None),
        ("", None),
    ],
)
def test_role_for_column_reads_task_table_headers(header: str, role: str | None) -> None:
    assert role_for_column(header) == role


# ---------------------------------------------------------------- named patterns on their own


def _only(pattern: str) -> regex.Pattern:
    return regex.compile(pattern, regex.VERBOSE)


def test_co_duty_pattern() -> None:
    p = _only(CO_DUTY)
    for s in ("按照职能分工负责", "按职责分工负责", "分工负责", "按照职责分工负责"):
        assert p.fullmatch(s)
    assert p.match("分工负责的运维保障体系") is None  # 004_


def test_lead_pattern() -> None:
    p = _only(LEAD)
    assert p.match("牵头负责）").group() == "牵头负责"
    assert p.match("负责牵头，").group() == "负责牵头"
    assert p.match("牵头，").group() == "牵头"
    for s in ("牵头部门要", "牵头作用", "牵头负责单位", "牵头单位："):
        assert p.match(s) is None


def test_with_pattern() -> None:
    assert _only(WITH).fullmatch("会同")


def test_co_pattern() -> None:
    p = _only(CO)
    assert p.match("协同配合").group() == "协同配合"
    assert p.match("配合，").group() == "配合"
    assert p.match("配合部门要") is None
    assert p.match("参与度") is None


def test_responsible_pattern() -> None:
    p = _only(RESPONSIBLE)
    assert p.match("负责编制").group() == "负责"
    assert p.match("承担协调小组").group() == "承担"
    for s in ("负责人", "负责同志", "负责解释", "负责的", "负责、", "承担的"):
        assert p.match(s) is None
    assert p.match("负责人才培养").group() == "负责"


def test_marker_re_prefers_the_longest_marker() -> None:
    m = MARKER_RE.search("市卫健委等部门按照职能分工负责")
    assert (m.lastgroup, m.group()) == ("co_duty", "按照职能分工负责")
    m = MARKER_RE.search("盟文旅体局牵头负责")
    assert (m.lastgroup, m.group()) == ("lead", "牵头负责")


def test_sentence_end_and_enum_label_patterns() -> None:
    assert [m.group() for m in SENTENCE_END_RE.finditer("a。b；c\nd")] == ["。", "；", "\n"]
    assert ENUM_LABEL_RE.match("3.")
    assert ENUM_LABEL_RE.match("（2）")
    assert ENUM_LABEL_RE.match("**")
    assert ENUM_LABEL_RE.match("从而形成") is None


def test_filler_after_pattern() -> None:
    assert FILLER_AFTER_RE.match("等有关部门，").group() == "等有关部门"
    assert FILLER_AFTER_RE.match("等部门提出").group() == "等部门"


# ---------------------------------------------------------------- robustness


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_find_clauses_never_raises_and_offsets_hold(text: str) -> None:
    for c in find_clauses(text, "兴安盟"):
        assert text[c.start : c.end] == c.text
        assert c.kind in ("parenthetical", "inline", "duty_line")
        for u in c.units:
            assert text[u.start : u.end] == u.surface


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet="盟市区各局委办厅部门、，。牵头负责配合会同（）(),:：和及与等有关单位政府残联由\n1.组")
)
def test_find_clauses_never_raises_on_clause_alphabet(text: str) -> None:
    for c in find_clauses(text):
        assert c.start <= min((u.start for u in c.units), default=c.start)
        for u in c.units:
            assert text[u.start : u.end] == u.surface


@given(st.text())
def test_role_for_column_never_raises(header: str) -> None:
    assert role_for_column(header) in (None, "lead", "co", "responsible")
