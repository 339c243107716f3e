"""One example per vocabulary line added for documents of other governments (extract/data/*.yaml)."""

import pytest

from extract import parse_amount, parse_deadline, parse_target
from extract.extractors.deadlines import find_deadlines


@pytest.mark.parametrize(
    ("text", "currency", "value"),
    [("援助500万日元", "JPY", 5_000_000), ("投资1亿港元", "HKD", 100_000_000), ("融资2亿港币", "HKD", 200_000_000),
     ("合同金额300万英镑", "GBP", 3_000_000), ("引进外资500万欧元", "EUR", 5_000_000)],
)
def test_currencies(text, currency, value):
    a = parse_amount(text)
    assert (a.currency, a.value_yuan) == (currency, value)


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [("几百元", 100, 1000), ("数千元", 1000, 10_000), ("数百万元", 1_000_000, 10_000_000), ("十多元", 10, 20),
     ("几万元", 10_000, 100_000)],
)
def test_vague_numbers(text, low, high):
    a = parse_amount(text)
    assert (a.bound, a.low_yuan, a.high_yuan) == ("range", low, high)


@pytest.mark.parametrize(("text", "value"), [("约3亿", 300_000_000), ("大约5万", 50_000), ("30w上下", 300_000)])
def test_lone_numbers_with_approximation_words(text, value):
    assert parse_amount(text).value_yuan == value


@pytest.mark.parametrize(
    ("text", "comparator", "value", "unit"),
    [
        ("单位能耗降到0.5吨", "<=", 0.5, "吨"),
        ("化学需氧量排放下降至10万吨", "<=", 10, "万吨"),
        ("重大事故起数减少至5起以内", "<=", 5, None),
        ("森林覆盖率提高至30%", ">=", 30, "%"),
        ("研发投入强度提升至3%", ">=", 3, "%"),
        ("从业人数增加至5万人", ">=", 5, "万人"),
        ("失业率控制在5%以内", "<=", 5, "%"),
        ("粮食产量稳定在900亿斤", "=", 900, "亿斤"),
        ("蔬菜产量达到200万斤", ">=", 200, "万斤"),
        ("新增绿地1200公顷", ">=", 1200, "公顷"),
        ("新增装机1000万千瓦", ">=", 1000, "万千瓦"),
        ("肉牛出栏达到100万头", ">=", 100, "万头"),
        ("新增保障房6万套", ">=", 6, "万套"),
        ("新建健身步道100条", ">=", 100, "条"),
        ("新建运动场80片", ">=", 80, "片"),
        ("淘汰落后产能800项", ">=", 800, "项"),
        ("新接入公共服务事项500个", ">=", 500, "个"),
    ],
)
def test_goal_verbs_and_units(text, comparator, value, unit):
    t = parse_target(text, "2026")
    if unit is None:
        assert t is None or t.unit != "起"  # 起 is no unit of a goal here
        return
    assert (t.comparator, t.value, t.unit) == (comparator, value, unit)


@pytest.mark.parametrize(
    ("text", "every"),
    [("按月调度工作进展", "month"), ("按半年报送评估报告", "half_year"), ("按季度通报", "quarter")],
)
def test_recurrence_words(text, every):
    assert [d.every for d in find_deadlines(text)] == [every]


@pytest.mark.parametrize(
    ("text", "date"),
    [("次月10日前报送", "2021-07-10"), ("当月底前完成", "2021-06-30"), ("2周内办结", "2021-06-28"),
     ("2个星期内办结", "2021-06-28"), ("90分钟以内", "2021-06-14"), ("2025年底前建成投产", "2025-12-31"),
     ("年底前建成开业", "2021-12-31"), ("2023年建成通车", "2023-12-31")],
)
def test_relative_months_spans_and_completion_verbs(text, date):
    assert parse_deadline(text, "2021-06-14").date == date


@pytest.mark.parametrize("text", ["地区生产总值迈上6万亿元台阶", "跨上1000亿元台阶", "经济总量站上3万亿元", "跨越5000亿元大关"])
def test_stepping_over_a_level_is_a_floor(text):
    assert parse_amount(text).bound == "min"
