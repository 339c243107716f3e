"""Quotas: counts to set up and shares to reach, stated without a goal year (corpus sentences)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from extract.extractors.quotas import find_quotas
from extract.extractors.targets import find_targets


def _one(text: str):
    found = find_quotas(text)
    assert len(found) == 1, found
    return found[0]


def test_floor_count_with_a_setup_verb():
    # 000_ line 355: 各旗县市至少建立1个乡村振兴残疾人工作示范点
    t = _one("各旗县市至少建立1个乡村振兴残疾人工作示范点，实施助残项目。")
    assert (t.value, t.unit, t.comparator) == (1.0, "个", ">=")
    assert t.indicator.startswith("各旗县市") and t.indicator.endswith("示范点数")


def test_floor_count_in_chinese_numerals():
    # 001_ line 305: 全市至少配备一名残疾人体育健身指导员
    t = _one("全市至少配备一名残疾人体育健身指导员。")
    assert (t.value, t.unit, t.comparator) == (1.0, "名", ">=")


def test_a_year_then_a_setup_verb_is_an_exact_count_for_that_year():
    # 002_ line 147: 2022年建成一所残疾人辅助性就业机构
    t = _one("2022年建成一所残疾人辅助性就业机构，不断探索完善运营管理模式。")
    assert (t.value, t.unit, t.comparator, t.year) == (1.0, "所", "=", 2022)


def test_share_before_its_verb():
    # 004_ line 1047: 权责清单依申请六类行政权力事项办事指南100%发布
    t = _one("权责清单依申请六类行政权力事项办事指南100%发布，对办事指南要素进行动态调整完善。")
    assert (t.value, t.unit, t.comparator) == (100.0, "%", "=")


def test_selection_of_a_number_or_a_share_takes_the_nearest_year():
    # 003_ lines 4027-4038
    t = _one("2016年开展第一批试点，2017年总结经验，扩大范围，再选择全区性行业协会商会的 30%开展第二批试点。")
    assert (t.value, t.unit, t.comparator, t.year) == (30.0, "%", "=", 2017)
    t = _one("参考全国性行业协会商会脱钩试点名单，选择 10家全区性行业协会商会开展脱钩试点")
    assert (t.value, t.unit, t.comparator, t.year) == (10.0, "家", "=", None)


def test_a_share_of_a_set_after_shi_xian_is_a_goal():
    # 004_ line 580: 力争用 1到 2年时间，实现 90%以上的政务服务事项“一网通办”。
    found = find_targets("力争用1到2年时间，实现90%以上的政务服务事项“一网通办”。", "2021-04-01")
    assert [(t.value, t.comparator, t.indicator) for t in found] == [(90.0, ">=", "政务服务事项“一网通办”")]


def test_plain_counts_are_not_quotas():
    assert find_quotas("现有各类持证残疾人9216人，其中一、二级重度残疾4303人。") == []


@given(st.text(max_size=80))
def test_find_quotas_never_raises_and_offsets_hold(text):
    for t in find_quotas(text):
        assert text[t.start : t.end] == t.surface
