"""Deadlines as an iCalendar file: one all-day event per due date, for a unit or a document.

Summary = the task; description = the source document, its 文号, the clause path, who leads and
co-operates, and where it was printed, so a calendar reader can find the text.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from icalendar import Calendar, Event

from extract.query.common import DB, vocab
from extract.query.deadlines import deadlines

PRODID = "-//gazette-extract//deadlines//ZH"


def build_calendar(db: DB, unit: str | None = None, document: str | None = None, role: str | None = None,
                   after: str | None = None, before: str | None = None) -> Calendar:
    """A calendar of the dated due deadlines matching the filters (recurring and undated ones are left out)."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", f"{unit or document or 'gazette'} 完成时限")
    stamp = dt.datetime.now(dt.UTC).replace(microsecond=0)
    kinds = set(vocab()["due_kinds"])
    for d in deadlines(db, unit=unit, role=role, document=document, before=before, after=after, limit=None):
        if d["date"] and d["kind"] in kinds:
            cal.add_component(_event(d, stamp))
    return cal


def _event(d: dict[str, Any], stamp: dt.datetime) -> Event:
    day = dt.date.fromisoformat(d["date"])
    ev = Event()
    ev.add("uid", f"{d['id']}@gazette-extract")
    ev.add("dtstamp", stamp)
    ev.add("dtstart", day)
    ev.add("dtend", day + dt.timedelta(days=1))
    ev.add("summary", d["short_task"] or d["surface"])
    ev.add("description", description(d))
    ev.add("categories", ["完成时限"])
    return ev


def description(d: dict[str, Any]) -> str:
    """The event's text: document, 文号, path, deadline as printed, units by role, source line."""
    parts = [f"文件：{d['document']}"]
    if d.get("doc_number"):
        parts.append(f"文号：{d['doc_number']}")
    if d.get("path"):
        parts.append(f"条目：{d['path']}")
    parts.append(f"时限：{d['surface']}")
    for role, label in vocab()["role_labels"].items():
        if d.get(role):
            parts.append(f"{label}：{'、'.join(d[role])}")
    if d.get("task"):
        parts.append(f"任务：{d['task']}")
    parts.append(f"出处：{d['source']} 第{d['line']}行")
    return "\n".join(parts)


def write_ics(cal: Calendar, path: str) -> int:
    """Write the calendar; return how many events it holds."""
    with open(path, "wb") as f:
        f.write(cal.to_ical())
    return len(cal.walk("VEVENT"))
