"""`gazette calendar`: deadlines as iCalendar events, parsed back with the icalendar package."""

from __future__ import annotations

import datetime as dt

from click.testing import CliRunner
from icalendar import Calendar

from extract.cli import main
from extract.exports.calendar import build_calendar


def _events(path):
    cal = Calendar.from_ical(path.read_bytes())
    return cal, cal.walk("VEVENT")


# 004_ line 2060: "(盟行政审批和政务服务局、财政局牵头，…，2021年 4月30日前完成)"
def test_calendar_for_a_unit_parses_back_with_task_summary_and_source_description(corpus_db, tmp_path):
    out = tmp_path / "czj.ics"
    res = CliRunner().invoke(main, ["calendar", "--db", str(corpus_db), "--unit", "盟财政局", "-o", str(out)])
    assert res.exit_code == 0, res.output
    cal, events = _events(out)
    assert cal["VERSION"] == "2.0" and "gazette-extract" in str(cal["PRODID"])
    ev = next(e for e in events if str(e["SUMMARY"]) == "统一组建专业队伍")
    assert ev.decoded("DTSTART") == dt.date(2021, 4, 30) and ev.decoded("DTEND") == dt.date(2021, 5, 1)
    desc = str(ev["DESCRIPTION"])
    assert "文号：兴署办发〔2021〕8号" in desc and "牵头：兴安盟行政审批和政务服务局、兴安盟财政局" in desc
    assert "004_a2b4083a9edf5c5a.txt" in desc


def test_calendar_events_have_unique_uids_and_stamps(corpus_db):
    events = build_calendar(corpus_db).walk("VEVENT")
    uids = [str(e["UID"]) for e in events]
    assert events and len(uids) == len(set(uids)) and all(e.get("DTSTAMP") for e in events)


def test_calendar_leaves_out_effective_and_recurring_dates(corpus_db):
    # 000_ line 1986: "自印发之日起执行" is an effective date, not a task's deadline
    summaries = [str(e["SUMMARY"]) for e in build_calendar(corpus_db).walk("VEVENT")]
    assert "自印发之日起执行" not in summaries


def test_calendar_date_range_filters_events(corpus_db):
    events = build_calendar(corpus_db, after="2025-01-01", before="2025-12-31").walk("VEVENT")
    assert events and all(dt.date(2025, 1, 1) <= e.decoded("DTSTART") <= dt.date(2025, 12, 31) for e in events)
