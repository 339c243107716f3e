"""Deadlines in running text and table cells: kind and ISO last day (seed sentences quoted)."""

import datetime as dt

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.extractors.deadlines import DAY, MONTH, YEAR_NUM, find_deadlines, parse_deadline

DOC = "2021-04-06"


def _kinds(text, doc=DOC):
    return [(d.surface, d.kind, d.date) for d in find_deadlines(text, doc)]


@pytest.mark.parametrize(
    ("text", "surface", "date"),
    [
        ("2022年底前", "2022年底前", "2022-12-31"),
        ("2021年6月30日前", "2021年6月30日前", "2021-06-30"),
        ("于2022年9月底前完成", "2022年9月底前", "2022-09-30"),
        ("2021年上半年完成", "2021年上半年", "2021-06-30"),
        ("2021年下半年完成", "2021年下半年", "2021-12-31"),
        ("2023年第一季度完成", "2023年第一季度", "2023-03-31"),
        ("2023年第三季度前", "2023年第三季度前", "2023-09-30"),
        ("二〇二二年六月底前", "二〇二二年六月底前", "2022-06-30"),
    ],
)
def test_due_date_is_last_day_allowed(text, surface, date):
    assert _kinds(text) == [(surface, "due", date)]


def test_due_in_bracket_after_responsible_units():
    # 004_: （盟行政审批和政务服务局牵头，…分工负责，2021 年 6 月 30 日前完成)
    text = "（盟行政审批和政务服务局牵头，各旗县市人民政府、盟直有关部门分工负责，2021 年 6 月 30 日前完成)"
    assert _kinds(text) == [("2021 年 6 月 30 日前", "due", "2021-06-30")]


def test_due_with_completion_verb_and_no_qian():
    # 004_: …盟直有关部门分工负责，2022 年底完成）
    assert _kinds("盟直有关部门分工负责，2022 年底完成）") == [("2022 年底", "due", "2022-12-31")]


def test_due_split_by_line_wrap_spaces():
    # 004_ task table: `2021 年 9` / `月底前`
    assert _kinds("盟公积金管理中心 2021 年 9\n月底前") == [("2021 年 9\n月底前", "due", "2021-09-30")]


@pytest.mark.parametrize(
    ("text", "date"),
    [("年底前完成", "2021-12-31"), ("明年6月底前", "2022-06-30"), ("次年3月底前完成", "2022-03-31")],
)
def test_relative_dates_use_the_document_year(text, date):
    assert find_deadlines(text, DOC)[0].date == date


def test_relative_date_without_document_date_has_no_date():
    (d,) = find_deadlines("将于 6月底前完成全盟至少 40%以上现居住人口接种")
    assert (d.kind, d.date) == ("due", None)


@pytest.mark.parametrize(
    ("text", "surface", "date"),
    [
        ("第十六条 本细则自 2022年 10月 1日起施行。", "自 2022年 10月 1日起施行", "2022-10-01"),  # 000_
        ("本政策自印发之日起执行", "自印发之日起执行", DOC),  # 000_
        ("本实施意见自公布之日起施行", "自公布之日起施行", DOC),  # 003_
        ("从2022年起残疾儿童康复救助标准提高到", "从2022年起", "2022-01-01"),  # 002_
    ],
)
def test_effective_dates_are_first_day(text, surface, date):
    assert _kinds(text) == [(surface, "effective", date)]


def test_expires_until_a_date():
    # 002_: 政策有效期执行到2025年12月31日，不再重复享受包东政发〔2019〕433号
    text = "政策有效期执行到2025年12月31日，不再重复享受包东政发〔2019〕433号和包东政办发〔2019〕48号政策。"
    assert _kinds(text) == [("有效期执行到2025年12月31日", "expires", "2025-12-31")]


def test_expires_after_validity_period_from_document_date():
    # 003_: 本实施意见自公布之日起施行，有效期五年，
    found = find_deadlines("本实施意见自公布之日起施行，有效期五年，", "2018-03-01")
    assert [(d.kind, d.date) for d in found] == [("effective", "2018-03-01"), ("expires", "2023-03-01")]


def test_validity_from_signing_ends_on_the_same_day_as_n_years_within():
    # 自颁布之日起施行，有效期2年 counts like 两年内: the signing day is not counted
    text = "本办法自颁布之日起施行，有效期2年。力争两年内完成。"
    found = find_deadlines(text, "2021-10-11")
    assert [(d.kind, d.date) for d in found] == [
        ("effective", "2021-10-11"), ("expires", "2023-10-11"), ("due", "2023-10-11")
    ]


def test_validity_period_runs_from_printed_effective_date():
    found = find_deadlines("本办法自2022年1月1日起施行，有效期5年。", "2021-12-20")
    assert [(d.kind, d.date) for d in found] == [("effective", "2022-01-01"), ("expires", "2026-12-31")]


@pytest.mark.parametrize(
    ("text", "surface", "date"),
    [
        ("到2025年，残疾人脱贫攻坚成果巩固拓展", "到2025年", "2025-12-31"),  # 001_
        ("到2025年底，使有需求的持证残疾人接受基本康复服务", "到2025年底", "2025-12-31"),  # 001_
        ("至2025年底", "至2025年底", "2025-12-31"),
        ("力争到 2023 年，全盟打造蒙字号区域公用", "力争到 2023 年", "2023-12-31"),  # 004_
        ("到“十四五”末，建成", "到“十四五”末", "2025-12-31"),
        ("到二〇二五年", "到二〇二五年", "2025-12-31"),
    ],
)
def test_target_years(text, surface, date):
    assert _kinds(text) == [(surface, "target_year", date)]


@pytest.mark.parametrize("text", ["2020至2025年", "2021—2023年", "2021-2025年", "2021年至2025年"])
def test_year_ranges_have_start_and_end(text):
    (d,) = find_deadlines(text)
    assert (d.kind, d.start_date[:4], d.date[-5:]) == ("target_year", text[:4], "12-31")


def test_year_range_followed_by_completion_is_due():
    (d,) = find_deadlines("2021—2023年完成品牌建设")
    assert (d.kind, d.start_date, d.date) == ("due", "2021-01-01", "2023-12-31")


@pytest.mark.parametrize(
    ("text", "every"),
    [
        ("本政策原则上每半年兑现一次。", "half_year"),  # 002_
        ("市物业行政主管部门每季度对全市的物业小区及物业服务企业进行抽查", "quarter"),  # 003_
        ("特殊药品临时药品每周采购一批次", "week"),  # 004_
        ("各旗县市每月 23 日前将进展情况报盟推进政府职能转变", "month"),  # 004_
        ("营利性养老机构要于每年 3 月底前，向实施当地民政部门报送", "year"),  # 003_
    ],
)
def test_recurring_periods(text, every):
    (d,) = find_deadlines(text, DOC)
    assert (d.kind, d.every, d.date) == ("recurring", every, None)


@pytest.mark.parametrize(
    "text",
    [
        "截至2020年底，全市残疾人数达665人",  # 001_
        "2019年以来，全市累计",
        "2020年全市残疾人事业取得显著成效",
        "“十三五”时期，盟委、行署深入贯彻",  # 000_
        "不再重复享受包东政发〔2019〕433号和内政办字（2015）171号",
        "2022年5月23日",  # a signing date line
        "为符合条件的215名重度残疾人补贴养老保险费每人每年300元",  # 001_: a rate, not a recurrence
        "对科技服务工作开展良好的科技特派员每年给予 2000元补贴支持",  # 000_
        "实施残疾人长期护理保险",
        "兴安盟行政公署大事记（4 月 1 日至 4 月 30 日）",
        "2021年前三季度全盟经济运行",
    ],
)
def test_historical_and_non_deadline_dates_are_skipped(text):
    assert find_deadlines(text, DOC) == []


def test_ongoing_cell_and_bracket_are_due_without_date():
    # 004_: （…盟直有关部门分工负责，持续推进）
    (d,) = find_deadlines("（盟行政审批和政务服务局牵头，盟直有关部门分工负责，持续推进）")
    assert (d.surface, d.kind, d.date) == ("持续推进", "due", None)
    assert parse_deadline("长期").kind == "due"


def test_ongoing_word_in_a_list_of_states_is_no_time_limit():
    text = "到2019年底，实现抽查全覆盖、常态化。"
    assert [d.surface for d in find_deadlines(text, "2019-01-27")] == ["到2019年底"]


@pytest.mark.parametrize(
    ("cell", "date"),
    [("2021 年\n12 月 31 日", "2021-12-31"), ("2021年6月", "2021-06-30"), ("2021年12月31日", "2021-12-31")],
)
def test_parse_deadline_reads_a_bare_table_cell_as_due(cell, date):
    # 004_ 完成时限 column: `2021 年` / `12 月 31 日`
    d = parse_deadline(cell)
    assert (d.kind, d.date) == ("due", date)


def test_parse_deadline_accepts_date_objects_for_today():
    assert parse_deadline("年底前", dt.date(2022, 5, 23)).date == "2022-12-31"
    assert parse_deadline("明年", "2022-05-23").date == "2023-12-31"
    assert parse_deadline("截至2020年底") is None


def test_full_width_digits_in_dates():
    assert _kinds("２０２２年底前") == [("２０２２年底前", "due", "2022-12-31")]


def test_date_pieces_match_on_their_own():
    assert regex.fullmatch(YEAR_NUM, "2021") and regex.fullmatch(YEAR_NUM, "二〇二五")
    assert not regex.search(YEAR_NUM, "12021")
    assert [m.group() for m in regex.finditer(MONTH, "12 十二 6")] == ["12", "十二", "6"]
    assert regex.fullmatch(DAY, "三十一") and regex.fullmatch(DAY, "30")


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(
        st.text(),
        st.text(alphabet="0123456789２〇二十年月日底前上下半季度第至到-自起有效期每截以来“”十四五末 \n"),
    )
)
def test_deadline_functions_never_raise_and_offsets_match_surface(text):
    parse_deadline(text)
    parse_deadline(text, "2022-05-23")
    for d in find_deadlines(text, "2022-05-23"):
        assert d.surface and text[d.start : d.end] == d.surface


# ---------------------------------------------------------------- wider coverage (issue 12)


@pytest.mark.parametrize(
    ("text", "doc", "expected"),
    [
        # relative years standing alone: the goal year of what follows
        ("今年经济增长预期目标为6%左右", "2024", [("今年", "target_year", "2024-12-31")]),
        ("明年将全部取消这项收费", "2024-03-05", [("明年", "target_year", "2025-12-31")]),
        ("今年，是实施规划的关键一年", "2024", []),  # the year is the subject
        ("今年以来全市新增企业300家", "2024", []),
        ("今年中央财政新增支出", "2024", [("今年", "target_year", "2024-12-31")]),  # not 年中
        # 年内 / N年内 / N个月内
        ("年内完成清理", "2024-05-06", [("年内", "due", "2024-12-31")]),
        ("今年内建成投用", "2024-05-06", [("今年内", "due", "2024-12-31")]),
        ("力争三年内培育一批龙头企业", "2019-01-22", [("三年内", "due", "2022-01-22")]),
        ("6个月内完成整改", "2019-01-22", [("6个月内", "due", "2019-07-22")]),
        ("一般性信息要在3天内报送", "2019-01-22", [("3天内", "due", None)]),
        ("近三年内未受过行政处罚", "2019-01-22", []),
        ("自合同签订之日起，三年内投资额度达到", "2019-01-22", []),
        # 从…开始
        ("从2023年1月1日开始执行", "2022-11-01", [("从2023年1月1日开始执行", "effective", "2023-01-01")]),
        # abbreviated years, quarters, month spans, times of day, a day with no 日
        ("15年3月2日前报送", None, [("15年3月2日前", "due", "2015-03-02")]),
        ("19年底前完成", None, [("19年底前", "due", "2019-12-31")]),
        ("07年第三季度完成", None, [("07年第三季度", "due", "2007-09-30")]),
        ("2021年前两个季度完成", None, [("2021年前两个季度", "due", "2021-06-30")]),
        ("请于6月20日18：00前报送", "2020-06-01", [("6月20日18：00前", "due", "2020-06-20")]),
        ("4月28前报送材料", "2012-04-01", [("4月28前", "due", "2012-04-28")]),
        # a date that qualifies things is a condition, not a time limit
        ("1998年9月以前建设使用的房屋", None, []),
        ("2020年12月31日前注册的企业", None, []),
        # a dated span at the head of a rule is how long it applies
        ("2019年1月1日至12月31日，对困难企业返还", None, [("2019年1月1日至12月31日", "expires", "2019-12-31")]),
        ("按季度报送工作进展", None, [("按季度", "recurring", None)]),
    ],
)
def test_deadline_forms_from_other_governments(text, doc, expected):
    assert _kinds(text, doc) == expected


def test_month_span_keeps_its_first_day():
    d = parse_deadline("2018年1－9月份")
    assert (d.start_date, d.date) == ("2018-01-01", "2018-09-30")


def test_from_to_gives_effective_and_expires():
    found = find_deadlines("本办法自2012年2月1日至2017年1月31日施行。")
    assert [(d.surface, d.kind, d.date) for d in found] == [
        ("自2012年2月1日", "effective", "2012-02-01"),
        ("至2017年1月31日", "expires", "2017-01-31"),
    ]


def test_a_year_alone_dates_relative_words_but_not_issue_anchors():
    found = find_deadlines("今年底前完成；本方案自印发之日起施行", "2023")
    assert [(d.kind, d.date) for d in found] == [("due", "2023-12-31"), ("effective", None)]


@pytest.mark.parametrize(
    ("text", "base", "start_date", "date"),
    [
        ("零七年八月二十九号", "2017-10-30", None, "2007-08-29"),  # Chinese two-digit year
        ("九七年一季度", "1999-09-02", None, "1997-03-31"),
        ("2022年首季度", "2021-06-14", None, "2022-03-31"),
        ("二零二二年伊始", "2021-06-14", None, "2022-01-31"),
        ("明年年初", "2021-06-14", None, "2022-02-28"),  # 年初: January and February
        ("8月初前", "2021-06-14", None, "2021-08-05"),  # 月初: the first five days
        ("下月九号", "2021-06-14", None, "2021-07-09"),
        ("本月底前", "2021-06-14", None, "2021-06-30"),
        ("2022年前十一个月", "2021-06-14", "2022-01-01", "2022-11-30"),
        ("二零二一年后三月", "2021-06-14", "2021-10-01", "2021-12-31"),
        ("2019年4月12-19日", "2020-01-01", "2019-04-12", "2019-04-19"),
        ("2018年2——4月", "2021-06-14", "2018-02-01", "2018-04-30"),
        ("2019年6月28日下午3:00前", "2021-06-14", None, "2019-06-28"),
        ("12月9日零时至12月16日24时", "2021-01-01", "2021-12-09", "2021-12-16"),
        ("15个工作日内", "2021-06-14", None, "2021-07-05"),  # read alone: counted from the date given
        ("两个半月以内", "2021-06-14", None, "2021-08-29"),
        ("今明两年", "2021-06-14", "2021-01-01", "2022-12-31"),
    ],
)
def test_parse_deadline_reads_jionlp_style_dates(text, base, start_date, date):
    d = parse_deadline(text, base)
    assert (d.date, d.start_date if start_date else None) == (date, start_date)


def test_short_spans_in_running_text_count_from_an_event():
    found = find_deadlines("收到材料后15个工作日内办结", "2021-06-14")
    assert [(d.surface, d.kind, d.date) for d in found] == [("15个工作日内", "due", None)]


def test_this_year_as_subject_of_a_goals_paragraph_is_the_goal_year():
    text = "今年是规划起步之年。全年主要预期目标是：地区生产总值增长5%左右。"
    assert _kinds(text, "2026") == [("今年", "target_year", "2026-12-31")]


@pytest.mark.parametrize("text", ["支持企业上半年产品面市", "上半年建成通车"])
def test_half_year_with_a_completion_verb_is_due(text):
    assert _kinds(text, "2026")[0][1:] == ("due", "2026-06-30")


def test_span_after_a_condition_counts_from_it():
    assert find_deadlines("连续经营一年以上的，五年内土地用途不变", "2019-06-28") == []


@pytest.mark.parametrize(
    ("text", "labelled"),
    [
        ("今年赤字率拟按2.8%安排。", True),
        ("今年城镇新增就业要达到近几年的实际规模。", True),
        ("扎实做好今年政府工作。", True),
        ("今年财政支出超过23万亿元。", True),
        ("今年我国发展面临的环境更复杂更严峻。", False),
        ("今年经济社会发展任务重、挑战多、要求高。", False),
        ("今年首次将就业优先政策置于宏观政策层面。", False),
    ],
)
def test_bare_this_year_is_a_goal_year_only_in_a_planning_clause(text, labelled):
    found = [(d.surface, d.kind) for d in find_deadlines(text, "2019")]
    assert found == ([("今年", "target_year")] if labelled else [])


def test_date_with_a_completion_verb_qualifying_a_noun_is_no_deadline():
    assert find_deadlines("抓好年初出台的小微企业普惠性减税政策落实。", "2019-03-05") == []
    assert [d.surface for d in find_deadlines("2019年底出台实施方案。", "2019-03-05")] == ["2019年底"]


def test_span_after_another_event_with_a_duty_is_due_without_date():
    text = "区民政部门应在特困人员签订供养意愿书之日起1个月内，为其落实集中供养服务。"
    assert [(d.surface, d.kind, d.date) for d in find_deadlines(text, "2021-04-13")] == [("1个月内", "due", None)]
    assert find_deadlines("自合同签订之日起，三年内投资额度达到1亿元。", "2021-04-13") == []


def test_span_inside_a_rule_condition_is_no_deadline():
    text = "义务人在12个月内获得本市医疗救助待遇的，视为无履行义务能力。"
    assert find_deadlines(text, "2021-04-13") == []


def test_later_period_opening_a_sentence_is_due():
    text = "实施方案报送后实施。2019年上半年，试点城市政府印发实施方案。2018年，全市新建学校3所。"
    assert [(d.surface, d.kind, d.date) for d in find_deadlines(text, "2018-12-29")] == [
        ("2019年上半年", "due", "2019-06-30")
    ]


def test_range_of_years_within_allows_up_to_the_upper_end():
    found = find_deadlines("力争三到五年时间内，实现全覆盖。", "2019-01-27")
    assert [(d.kind, d.date) for d in found] == [("due", "2024-01-27")]


def test_start_in_an_earlier_year_without_enforcement_verb_is_a_past_change():
    text = "2025年1月起，补贴标准为每人每月209元。2026年1月起，提高至217元。"
    assert [(d.surface, d.date) for d in find_deadlines(text, "2026-02-26")] == [("2026年1月起", "2026-01-01")]
    found = find_deadlines("本办法自2025年1月1日起施行。", "2026-02-26")
    assert [(d.kind, d.date) for d in found] == [("effective", "2025-01-01")]
    assert parse_deadline("二〇一九年5月8日起", "2021-06-14").date == "2019-05-08"  # read alone: kept


def test_a_capped_short_time_limit_is_due_without_date():
    found = find_deadlines("需要延长复核期限的，延长期限不超过7个工作日。", "2021-10-11")
    assert [(d.surface, d.kind, d.date) for d in found] == [("期限不超过7个工作日", "due", None)]
    assert find_deadlines("贷款期限不超过3年。", "2021-10-11") == []  # a term of a loan, no time limit
