"""Recurring time limits: listed periods are each a recurrence, and a yearless month date in the
sentence of a yearly cycle recurs with it (extract/extractors/recurrence.py); a lead time before an
event (提前5个工作日) is a due limit without a date."""

from __future__ import annotations

from extract.extractors.deadlines import find_deadlines


def _kinds(text: str) -> list[tuple[str, str, str | None, str | None]]:
    return [(d.surface, d.kind, d.date, d.every) for d in find_deadlines(text, "2023-05-10")]


def test_periods_listed_with_or_are_each_a_recurrence():
    assert _kinds("食堂每周或每月公布菜单。") == [
        ("每周", "recurring", None, "week"), ("每月", "recurring", None, "month")]
    assert _kinds("各站点每季度、每半年报送运营情况。") == [
        ("每季度", "recurring", None, "quarter"), ("每半年", "recurring", None, "half_year")]


def test_a_per_basis_before_a_period_still_makes_a_rate():
    assert _kinds("按每张床位每月200元给予补贴。") == []


def test_yearless_month_date_in_a_yearly_cycle_recurs_every_year():
    text = "各区每年3月底前报送上一年度资金使用情况，市民政局于4月底前完成全市资金清算。"
    assert _kinds(text) == [
        ("每年3月底前", "recurring", None, "year"), ("4月底前", "recurring", None, "year")]


def test_month_date_in_another_sentence_stays_a_due_date():
    text = "各区每年开展一次检查。市民政局于6月底前完成汇总。"
    assert _kinds(text)[-1] == ("6月底前", "due", "2023-06-30", None)
    assert _kinds("各区每年3月底前报送，2024年4月底前完成验收。")[-1][1:] == ("due", "2024-04-30", None)


def test_a_lead_time_before_an_event_is_a_due_limit_without_date():
    assert _kinds("关停前需提前5个工作日向服务对象公示。") == [("提前5个工作日", "due", None, None)]
    assert _kinds("有条件的可提前一年参加培训。") == []
