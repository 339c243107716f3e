"""Targets: future goals in prose, past results left out, indicator and task tables."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.extractors.targets import (
    VALUE_CELL_RE,
    comparator_of,
    find_targets,
    goal_year_re,
    parse_due,
    parse_target,
    targets_from_table,
    value_re,
)


def one(text: str, doc_date: str | None = None):
    ts = find_targets(text, doc_date)
    assert len(ts) == 1, ts
    return ts[0]


# ---------------------------------------------------------------- prose goals


def test_goal_year_rate_with_yishang_is_at_least() -> None:
    # 001_ line 281
    text = "到2025年，确保适龄视力、听力、智力残疾儿童少年接受义务教育比例持续保持在97%以上。"
    t = one(text, "2022-11-07")
    assert (t.indicator, t.value, t.unit, t.comparator, t.year) == (
        "适龄视力、听力、智力残疾儿童少年接受义务教育比例", 97.0, "%", ">=", 2025)
    assert text[t.start : t.end] == t.surface


def test_two_goals_in_one_sentence_share_the_year_end() -> None:
    # 001_ lines 221–222
    text = "到2025年底，使有需求的持证残疾人接受基本康复服务比例达到90%以上，接受基本辅助器具适配比例达到90%以上，建立社区康复协调员队伍"
    ts = find_targets(text, "2022-11-07")
    assert [(t.indicator, t.value, t.comparator, t.year, t.due) for t in ts] == [
        ("有需求的持证残疾人接受基本康复服务比例", 90.0, ">=", 2025, "2025-12-31"),
        ("接受基本辅助器具适配比例", 90.0, ">=", 2025, "2025-12-31"),
    ]


def test_budihyu_is_at_least_and_buchaoguo_is_at_most() -> None:
    # 003_: "力争到 2020年护理型床位占本地区养老床位总数的比例不低于 30%。" (doc of 2016)
    t = one("在城乡社区规划建设护理型养老机构，力争到 2020年护理型床位占本地区养老床位总数的比例不低于 30%。", "2016-06-01")
    assert (t.indicator, t.value, t.comparator, t.year) == ("护理型床位占本地区养老床位总数的比例", 30.0, ">=", 2020)
    # 003_: "力争到 2020 年，政府运营的养老床位数占本地区养老床位总数的比例不超过 50%。"
    t = one("力争到 2020 年，政府运营的养老床位数占本地区养老床位总数的比例不超过 50%。", "2016-06-01")
    assert (t.comparator, t.value) == ("<=", 50.0)


def test_reaching_a_value_sets_a_floor() -> None:
    # 003_: "到 2020 年，普惠性幼儿园覆盖率达到 80%。" — 达到 80% means at least 80%
    t = one("到 2020 年，普惠性幼儿园覆盖率达到 80%。", "2016-06-01")
    assert (t.indicator, t.value, t.unit, t.comparator, t.year) == ("普惠性幼儿园覆盖率", 80.0, "%", ">=", 2020)


def test_year_end_deadline_phrase_sets_due_and_suffix_only_value() -> None:
    # 004_: "…2021 年底前全盟城镇人口注册率 85%以上，企业注册率 70%以上；"
    text = "依托全区政务信息系统“一次认证、全网通行”，2021 年底前全盟城镇人口注册率 85%以上，企业注册率 70%以上；"
    ts = find_targets(text, "2021-04-06")
    assert [(t.indicator, t.value, t.comparator, t.due) for t in ts] == [
        ("全盟城镇人口注册率", 85.0, ">=", "2021-12-31"),
        ("企业注册率", 70.0, ">=", "2021-12-31"),
    ]


def test_chaoguo_is_greater_than() -> None:
    assert comparator_of("超过", None) == ">"
    t = one("到2025年，残疾人基本养老保险参保率超过90%。")
    assert (t.comparator, t.value) == (">", 90.0)


def test_kongzhi_yinei_is_at_most() -> None:
    t = one("到2025年，城镇调查失业率控制在5.5%以内。")
    assert (t.indicator, t.value, t.comparator) == ("城镇调查失业率", 5.5, "<=")


def test_count_unit_jia_in_goal_section() -> None:
    # 000_ lines 2452–2462 (主要目标任务): "力争 3 年内申报 8-10 件地理标志…地理标志用标企业达到 60 家。"
    text = "推进兴安盟地理标志培育、运用、管理、保护、服务的高质量运行力争 3 年内申报 8-10 件地理标志。地理标志用标企业达到 60 家。"
    ts = find_targets(text, "2022-04-28")
    # 申报 8-10 件 is a count set by a verb (a range: at least 8, 10 kept as `high`)
    assert [(t.indicator, t.value, t.high, t.unit) for t in ts] == [
        ("申报地理标志", 8.0, 10.0, "件"), ("地理标志用标企业", 60.0, None, "家")]


def test_plan_box_item_with_target_verb_counts() -> None:
    # 002_ line 172 (专栏4): "…满足残疾人基本康复服务需求。精准康复比例达到90%。"
    t = one("提升康复服务质量，满足残疾人基本康复服务需求。精准康复比例达到90%。")
    assert (t.indicator, t.value, t.unit) == ("精准康复比例", 90.0, "%")


def test_value_with_wan_unit() -> None:
    # 003_: "培训家庭服务人员 10 万人以上" (goal list of a 2016 plan)
    t = one("力争到 2020 年，培训家庭服务人员 10 万人以上。", "2016-06-01")
    assert (t.value, t.unit, t.comparator) == (10.0, "万人", ">=")


# ---------------------------------------------------------------- not targets


def test_shisanwu_review_is_not_a_target() -> None:
    # 000_ lines 36–69: "“十三五”时期，…残疾儿童少年接受义务教育比例达到 95.34%，…"
    text = ("“十三五”时期，盟委、行署深入贯彻落实党中央、国务院和自治区党委、政府决策部署，取得显著成就。"
            "残疾人脱贫攻坚战取得了全面胜利，农村贫困残疾人家庭存量危房改造率达到 100%,"
            "残疾儿童少年接受义务教育比例达到 95.34%，农村牧区残疾人稳定就业人数达到 5100人。")
    assert find_targets(text, "2022-01-01") == []


def test_past_year_result_is_not_a_target() -> None:
    # 004_ press release: "2020 年，我盟生态环境质量稳定向好，全盟环境空气质量优良天数比例达到 97%，…"
    text = "2020 年，我盟生态环境质量稳定向好，全盟环境空气质量优良天数比例达到 97%，7 个国考地表水断面水质优良比率达到 100%。"
    assert find_targets(text, "2021-06-01") == []
    assert find_targets(text) == []


def test_jiezhi_is_not_a_target() -> None:
    assert find_targets("截至2020年底，全盟残疾人基本康复服务覆盖率达到85%以上。", "2021-01-01") == []


def test_condition_before_de_is_not_a_target() -> None:
    # 000_: "对招徕游客人数达到 1万人以上的旅行社，排名进入前 5 名的，分别给予 30万元…"
    assert find_targets("对招徕游客人数达到 1万人以上的旅行社，排名进入前 5 名的，分别给予 30万元、25 万元的一次性奖励。") == []


def test_money_caps_are_left_to_the_amounts_extractor() -> None:
    # 000_: "固定资产投资 3亿元以上(含 3 亿元)的奖补 50%，最高不超过 300万元;"
    assert find_targets("即，固定资产投资 3亿元以上(含 3 亿元)的奖补 50%，最高不超过 300万元;", "2022-01-01") == []


def test_bound_in_brackets_without_goal_is_not_a_target() -> None:
    # 001_: "符合条件的残疾人按规定享受（不超过6个月）渐退期、就业成本扣减等政策。"
    assert find_targets("符合条件的残疾人按规定享受（不超过6个月）渐退期、就业成本扣减等政策。", "2022-11-07") == []


def test_goal_year_before_document_year_is_not_a_target() -> None:
    assert find_targets("到2020年，普惠性幼儿园覆盖率达到80%。", "2022-01-01") == []


# ---------------------------------------------------------------- named pieces alone


def test_value_re_reads_verb_prefix_number_unit_suffix() -> None:
    m = value_re().search("覆盖率达到90%以上")
    assert (m.group("verb"), m.group("num"), m.group("unit"), m.group("suffix")) == ("达到", "90", "%", "以上")
    m = value_re().search("占比不低于 50%")
    assert (m.group("prefix"), m.group("num")) == ("不低于", "50")


def test_goal_year_re_reads_forward_years() -> None:
    assert goal_year_re().search("到 2025 年，").group("y") == "2025"
    assert goal_year_re().search("2021 年底前覆盖范围").group("y") == "2021"
    assert goal_year_re().search("2020 年，我盟") is None


def test_value_cell_re_reads_table_cells() -> None:
    for cell, num, unit, prefix in [("≥90%", "90", "%", "≥"), (">85", "85", None, ">"), ("100%", "100", "%", None),
                                    ("1万人", "1", "万人", None), (">700 人", "700", "人", ">")]:
        m = VALUE_CELL_RE.match(cell)
        assert (m.group("num"), m.group("unit"), m.group("prefix")) == (num, unit, prefix), cell


@pytest.mark.parametrize(
    "cell, iso",
    [
        ("2021 年\n12 月 31 日", "2021-12-31"),  # 004_ task list, wrapped
        ("2021 年\n6 月 30 日", "2021-06-30"),
        ("2021 年 12\n月 31 日", "2021-12-31"),
        ("2021年底", "2021-12-31"),
        ("2022年6月", "2022-06-30"),
        ("长期坚持", None),
    ],
)
def test_parse_due(cell: str, iso: str | None) -> None:
    assert parse_due(cell) == iso


# ---------------------------------------------------------------- tables

# 000_ lines 265–290 (专栏 1 “十四五”时期残疾人事业发展主要指标), rows as a text extract gives
# them once the wrapped indicator names are joined (the seed has one cell per line).
TABLE_000 = [
    ["指 标", "2025 年", "属 性"],
    ["1.残疾人家庭人均收入年均增长(%)", "≥6", "预期性"],
    ["2.城乡残疾人职业技能培训人数(人)", ">2400", "预期性"],
    ["3.符合条件的残疾人纳入最低生活保障比例(%)", "100", "约束性"],
    ["6.残疾人基本养老保险参保率(%)", ">90", "预期性"],
    ["11.困难重度残疾人家庭无障碍改造数(户)", "≥2500", "约束性"],
]

# 002_ lines 79–91: the same box as a tab-separated markdown table.
TABLE_002 = [
    ["指 标", "2025 年", "属 性"],
    ["1. 残疾人家庭人均收入年增长率", ">7.5%", "预期性"],
    ["2. 城镇残疾人职业技能培训人数", ">700 人", "预期性"],
    ["4. 困难残疾人生活补贴覆盖率", "100%", "约束性"],
    ["11. 困难重度残疾人家庭无障碍改造数", ">300 户", "约束性"],
]


def test_indicator_table_000_units_from_name_brackets() -> None:
    got = [(i, j, t.indicator, t.value, t.unit, t.comparator, t.year, t.binding)
           for i, j, t in targets_from_table(TABLE_000)]
    assert got == [
        (1, 1, "残疾人家庭人均收入年均增长", 6.0, "%", ">=", 2025, "expected"),
        (2, 1, "城乡残疾人职业技能培训人数", 2400.0, "人", ">", 2025, "expected"),
        (3, 1, "符合条件的残疾人纳入最低生活保障比例", 100.0, "%", "=", 2025, "binding"),
        (4, 1, "残疾人基本养老保险参保率", 90.0, "%", ">", 2025, "expected"),
        (5, 1, "困难重度残疾人家庭无障碍改造数", 2500.0, "户", ">=", 2025, "binding"),
    ]


def test_indicator_table_002_units_from_cells() -> None:
    got = [(t.indicator, t.value, t.unit, t.comparator) for _, _, t in targets_from_table(TABLE_002)]
    assert got == [
        ("残疾人家庭人均收入年增长率", 7.5, "%", ">"),
        ("城镇残疾人职业技能培训人数", 700.0, "人", ">"),
        ("困难残疾人生活补贴覆盖率", 100.0, "%", "="),
        ("困难重度残疾人家庭无障碍改造数", 300.0, "户", ">"),
    ]


def test_base_and_target_columns_take_the_target() -> None:
    # Built (no such table in the seeds): 序号 | 指标名称 | 基期值 | 目标值 | 指标属性
    rows = [["序号", "指标名称", "基期值", "目标值", "指标属性"], ["1", "城镇新增就业", "0.8万人", "1万人以上", "预期性"]]
    ((i, j, t),) = targets_from_table(rows)
    assert (i, j, t.indicator, t.value, t.unit, t.comparator, t.binding) == (
        1, 3, "城镇新增就业", 1.0, "万人", ">=", "expected")


def test_two_year_columns_take_the_later_year() -> None:
    # Built: 指标 | 2020年 | 2025年 | 属性
    rows = [["指标", "2020年", "2025年", "属性"], ["养老机构护理型床位占比(%)", "45", "≥55", "约束性"]]
    ((_, j, t),) = targets_from_table(rows)
    assert (j, t.year, t.value, t.comparator, t.unit) == (2, 2025, 55.0, ">=", "%")


def test_task_table_004_goals_with_due_dates() -> None:
    # 004_ lines 899–960 (政务服务事项标准化建设重点工作任务清单), one cell per line joined per row
    rows = [
        ["序号", "一级指标", "二级指标", "三级指标", "重点任务", "完成时限"],
        ["1", "在线服务成效度", "服务满意度", "减时间",
         "盟级以下各部门政务服务事项承诺时限在法定时限基础上缩减的比例达到 50%。", "2021 年\n12 月 31 日"],
        ["3", "办理成熟度", "事项办理深度", "信息发布（Ⅰ级）", "全部事项办事指南等信息在内蒙古政务服务网上发布。",
         "2021 年\n6 月 30 日"],
        ["4", "", "", "材料预审（Ⅱ级）", "材料预审（Ⅱ级）事项占全部事项比例达到90%以上。", "2021 年\n6 月 30 日"],
    ]
    got = [(i, j, t.indicator, t.value, t.comparator, t.due, t.year) for i, j, t in targets_from_table(rows)]
    assert got == [
        (1, 4, "盟级以下各部门政务服务事项承诺时限在法定时限基础上缩减的比例", 50.0, ">=", "2021-12-31", 2021),
        (3, 4, "材料预审（Ⅱ级）事项占全部事项比例", 90.0, ">=", "2021-06-30", 2021),
    ]


def test_table_without_header_gives_nothing() -> None:
    assert targets_from_table([["盟级以下", "50%"]]) == []
    assert targets_from_table([]) == []


# ---------------------------------------------------------------- never raise


@settings(max_examples=200, deadline=None)
@given(st.text(), st.one_of(st.none(), st.text(max_size=12)))
def test_find_targets_never_raises(text: str, doc_date: str | None) -> None:
    for t in find_targets(text, doc_date):
        assert 0 <= t.start <= t.end <= len(text)
        assert text[t.start : t.end] == t.surface


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet="到2025年，达到不低于以上%人0123456789.。截至的≥"))
def test_find_targets_offsets_on_target_soup(text: str) -> None:
    for t in find_targets(text, "2022-01-01"):
        assert text[t.start : t.end] == t.surface


@settings(max_examples=100, deadline=None)
@given(st.lists(st.lists(st.one_of(st.text(max_size=10), st.sampled_from(["指标", "2025年", "属性", "≥5%", "完成时限"])),
                         max_size=5), max_size=5))
def test_targets_from_table_never_raises(rows: list[list[str]]) -> None:
    for i, j, _ in targets_from_table(rows):
        assert 0 <= i < len(rows) and 0 <= j < len(rows[i])


# ---------------------------------------------------------------- wider coverage (issue 12)


def _t(text, doc=None, goal_year=None):
    return [(t.indicator, t.value, t.unit, t.comparator, t.year) for t in find_targets(text, doc, goal_year=goal_year)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a goal list after 今年…目标是： takes the document's year; 左右 is `=`
        ("今年全市发展主要预期目标是：地区生产总值增长6%左右；城镇新增就业50万人左右。",
         [("地区生产总值增长", 6, "%", "=", 2024), ("城镇新增就业", 50, "万人", "=", 2024)]),
        # units such as 万亿斤 / 岁, and 降至 as a ceiling
        ("今年粮食产量保持在1.2万亿斤以上", [("粮食产量", 1.2, "万亿斤", ">=", 2024)]),
        ("今年城镇登记失业率降至4%", [("城镇登记失业率", 4, "%", "<=", 2024)]),
        ("今年人均预期寿命达到80岁", [("人均预期寿命", 80, "岁", ">=", 2024)]),
    ],
)
def test_goal_lists_of_a_report_year(text, expected):
    assert _t(text, "2024") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # counts set by a verb in a goal section: at least that many; ranges keep the low end
        ("新建幼儿园20所。", [("新建幼儿园", 20, "所", ">=", 2026)]),
        ("培育10—20家专精特新企业。", [("培育专精特新企业", 10, "家", ">=", 2026)]),
        ("建设一所区域医疗中心。", [("建设区域医疗中心", 1, "所", ">=", 2026)]),
        ("新建高标准农田30万亩。", [("新建高标准农田", 30, "万亩", ">=", 2026)]),
        ("低效建设用地减量15平方公里。", [("低效建设用地减量", 15, "平方公里", ">=", 2026)]),
        # money is a goal only when an indicator is set to reach it
        ("石化产业产值超1300亿元。", [("石化产业产值", 1300, "亿元", ">", 2026)]),
        ("安排资金5亿元。", []),
    ],
)
def test_values_in_a_goal_section(text, expected):
    assert _t(text, "2026", goal_year=2026) == expected


def test_binding_printed_after_the_sentence():
    found = find_targets("到2025年，森林覆盖率达到25%（约束性）。", "2021-01-01")
    assert [(t.value, t.binding) for t in found] == [(25, "binding")]


def test_count_range_keeps_its_top():
    t = parse_target("培育10—20家专精特新企业", "2026")
    assert (t.value, t.high, t.comparator) == (10, 20, ">=")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("打造9个示范中心", ("打造示范中心", ">=", 9, "个")),
        ("新建幼儿园20所", ("新建幼儿园", ">=", 20, "所")),
        ("建设一所养老服务机构", ("建设养老服务机构", ">=", 1, "所")),
        ("国内生产总值增长5%左右", ("国内生产总值增长", "=", 5, "%")),
        ("城镇调查失业率降至5.5%", ("城镇调查失业率", "<=", 5.5, "%")),
        ("人均预期寿命达80岁", ("人均预期寿命", ">=", 80, "岁")),
        ("新增造林面积3万亩", ("新增造林面积", ">=", 3, "万亩")),
    ],
)
def test_parse_target_reads_one_goal(text, expected):
    t = parse_target(text, "2023")
    assert (t.indicator, t.comparator, t.value, t.unit, t.year) == (*expected, 2023)


def test_parse_target_leaves_allocations_to_amounts():
    assert parse_target("安排资金5亿元") is None


def test_list_items_each_name_their_own_indicator():
    found = find_targets("力争到2023年，全市打造区域公用品牌2个、地理标志产品14个。", "2021-01-01")
    assert [(t.indicator, t.value) for t in found] == [("全市打造区域公用品牌", 2), ("地理标志产品", 14)]


def test_a_list_shares_its_count_verb():
    found = find_targets("新增养老服务中心50家、助餐场所200个。", "2020", goal_year=2020)
    assert [(t.indicator, t.value, t.comparator) for t in found] == [("新增养老服务中心", 50, ">="), ("助餐场所", 200, ">=")]


def test_a_percent_range_is_one_target():
    t = parse_target("国内生产总值增长6%－6.5%", "2019")
    assert (t.indicator, t.value, t.high, t.unit, t.comparator) == ("国内生产总值增长", 6, 6.5, "%", ">=")


def test_a_count_later_in_a_clause_with_a_count_verb_in_a_goal_section():
    found = find_targets("完成涉及6万户的村庄改造和3.5万户农村污水设施改造。", "2020", goal_year=2020)
    assert [(t.value, t.unit, t.comparator) for t in found] == [(6, "万户", ">="), (3.5, "万户", ">=")]


@pytest.mark.parametrize(
    "text",
    [
        "将制造业等行业现行16%的税率降至13%。",
        "下调城镇职工基本养老保险单位缴费比例，各地可降至16%。",
        "今年财政支出超过23万亿元，增长6.5%。",
        "中央对地方均衡性转移支付增长10.9%。",
        "迭代升级我省“民营经济32条”。",
    ],
)
def test_rule_rates_budget_growth_and_quoted_names_are_no_goals(text):
    assert find_targets(text, "2019", goal_year=2019) == []


def test_a_cut_in_budget_spending_stays_a_goal():
    (t,) = find_targets("中央财政一般性支出压减5%以上。", "2019", goal_year=2019)
    assert (t.value, t.comparator) == (5.0, ">=")


def test_planned_ratio_with_ni_an_is_a_goal():
    (t,) = find_targets("今年赤字率拟按2.8%安排。", "2019")
    assert (t.indicator, t.value, t.unit, t.comparator, t.year) == ("赤字率", 2.8, "%", "=", 2019)


def test_money_goal_with_a_floor_or_of_the_whole_society_is_a_target():
    text = "三、2026年重点工作。为经营主体减负2500亿元以上。全口径科技创新投入达到7800亿元。安排省级财政资金1053.8亿元。"
    found = [(t.indicator, t.value, t.unit, t.comparator) for t in find_targets(text, "2026", goal_year=2026)]
    assert found == [("为经营主体减负", 2500.0, "亿元", ">="), ("全口径科技创新投入", 7800.0, "亿元", ">=")]


def test_about_a_figure_in_a_goal_section_is_an_equal_goal():
    (t,) = find_targets("全年减轻企业税收和社保缴费负担近2万亿元。", "2019", goal_year=2019)
    assert (t.indicator, t.value, t.unit, t.comparator) == ("全年减轻企业税收和社保缴费负担", 2.0, "万亿元", "=")


def test_a_difference_from_last_year_is_no_goal_of_its_own():
    found = find_targets("今年赤字率拟按2.8%安排，比去年预算高0.2个百分点。", "2019", goal_year=2019)
    assert [(t.indicator, t.value) for t in found] == [("赤字率", 2.8)]


def test_a_floor_count_after_a_goal_word_is_a_goal_on_a_set():
    (t,) = find_targets("争取100个以上项目纳入国家用地保障范围。", "2026", goal_year=2026)
    assert (t.value, t.unit, t.comparator) == (100.0, "个", ">=")
