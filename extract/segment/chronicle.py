"""The chronicle (大事记): one Event per ● entry, its date resolved from the chronicle's period.

Entries print only month and day (●4月 1日，… / ●5月 5日至 6日，… / ●6月 14至 16日，…);
the year comes from the issue (the latest document date of the same source).
"""

from __future__ import annotations

import regex

from extract.model import Event, Paragraph, Source, stable_id
from extract.segment.titles import is_bullet_entry

# ●4月1日，  ●5月5日至6日，  ●6月14至16日，  ●6月29日至30日，  ●6月7日上午，
ENTRY_DATE_RE = regex.compile(
    r"""^[●•◆■]\s*
    (?P<m>\d{1,2})月(?P<d>\d{1,2})日?
    (?:\s*[至—\-－~]\s*(?:(?P<m2>\d{1,2})月)?(?P<d2>\d{1,2})日)?
    """,
    regex.VERBOSE,
)


# The period under the chronicle's title: (4 月 1 日至 6 月 30 日）
PERIOD_RE = regex.compile(r"^[（(]\s*\d{1,2}月\d{1,2}日\s*[至—\-－~]\s*(?:\d{1,2}月)?\d{1,2}日\s*[）)]$")


def chronicle_events(source: Source, section_id: str, paras: list[Paragraph], year: int | None) -> list[Event]:
    """Events from a chronicle's paragraphs; a paragraph without ● continues the previous entry."""
    events: list[Event] = []
    if paras and PERIOD_RE.match(paras[0].text):
        paras = paras[1:]
    for p in paras:
        if is_bullet_entry(p.text) or not events:
            events.append(_event(source, section_id, p, year))
        else:
            prev = events[-1]
            prev.text += p.text
            prev.span = source.span(prev.span.start, p.end)
    return events


def _event(source: Source, section_id: str, p: Paragraph, year: int | None) -> Event:
    m = ENTRY_DATE_RE.match(p.text)
    date = end_date = None
    text = p.text.lstrip("●•◆■ ")
    if m and year:
        date = _iso(year, int(m["m"]), int(m["d"]))
        if m["d2"]:
            end_date = _iso(year, int(m["m2"] or m["m"]), int(m["d2"]))
    return Event(
        id=stable_id(source.sha256, "event", p.start, p.text[:40]),
        section_id=section_id,
        date=date,
        end_date=end_date,
        text=text,
        span=source.span(p.start, p.end),
    )


def _iso(y: int, m: int, d: int) -> str | None:
    if 1 <= m <= 12 and 1 <= d <= 31:
        return f"{y:04d}-{m:02d}-{d:02d}"
    return None
