"""Deadlines and time anchors in running gazette text: 2022年底前 → due 2022-12-31.

`find_deadlines` finds every time limit of a paragraph (due, effective, expires, target_year,
recurring), skipping historical dates (截至2020年底, 2019年以来) and dates with no cue (a
signing date, 2020年全市…). `parse_deadline` reads one expression, e.g. a 完成时限 table cell,
where a bare date counts as due. Vocabularies are in extract/data/dates.yaml.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache

import regex

from extract.data import load_yaml
from extract.extractors.calendar_dates import (  # noqa: F401 — DAY, MONTH, YEAR_NUM are re-exported
    _CN,
    DAY,
    MONTH,
    YEAR_NUM,
    add_period,
    after,
    as_date,
    date_pattern,
    num,
    resolve,
    span_end,
)
from extract.extractors.numerals import NUMBER, to_ascii_digits
from extract.extractors.recurrence import carry_cycle, recurring
from extract.model import Deadline


def _alt(words: object) -> str:
    """A regex alternation of `words`, longest first."""
    items = sorted({str(w) for w in (words or [])}, key=lambda w: (-len(w), w))
    return "|".join(regex.escape(w) for w in items) or "(?!)"


@dataclass(frozen=True)
class _Rules:
    """Compiled patterns and tables from dates.yaml."""

    date_re: regex.Pattern
    year_range_re: regex.Pattern
    plan_re: regex.Pattern
    validity_re: regex.Pattern
    issue_re: regex.Pattern
    after_issue_re: regex.Pattern
    recurring_re: regex.Pattern
    ongoing_re: regex.Pattern
    within_re: regex.Pattern
    capped_re: regex.Pattern
    v: dict


@cache
def _rules() -> _Rules:
    """Build every pattern from dates.yaml once per process."""
    v = load_yaml("dates.yaml")
    sep = _alt(v["range_separators"])
    plans = _alt(v["five_year_plans"])
    issue = rf"(?:{regex.escape(v['issue_subject'])}\p{{Han}}{{1,5}}?)?(?P<event>{_alt(v['issue_events'])})"
    blockers = "|".join(regex.escape(w) for w in v["recurrence_blockers_before"])
    rec_tail = (
        rf"(?:\s*(?:(?P<month>{MONTH})\s*月\s*)?(?:(?P<day>{DAY})\s*[日号]|{_alt(v['month_periods'])})"
        rf"\s*(?:{_alt(v['due_suffixes'])}))?"
    )
    return _Rules(
        date_re=regex.compile(date_pattern(v), regex.VERBOSE),
        year_range_re=regex.compile(
            rf"(?P<y1>{YEAR_NUM})\s*年?\s*(?:{sep})\s*(?P<y2>{YEAR_NUM})\s*年"
            rf"(?P<yperiod>{_alt(v['year_periods'])})?"  # 2021—2023年 / 2020至2025年底
        ),
        plan_re=regex.compile(
            rf"(?:(?P<pre>{_alt(v['target_prefixes'])})\s*)?[“\"「]?(?P<plan>{plans})[”\"」]?\s*"
            rf"(?:{_alt(v['plan_end_words'])})"  # 到“十四五”末
        ),
        validity_re=regex.compile(
            rf"{regex.escape(v['validity_word'])}\s*(?:{_alt(v['validity_joiners'])})?\s*"
            rf"(?P<n>{NUMBER})\s*(?P<unit>{_alt(v['validity_units'])})"  # 有效期五年
        ),
        issue_re=regex.compile(
            rf"(?:{_alt(v['effective_prefixes'])})\s*{issue}之日起(?:{_alt(v['effective_verbs'])})?"
        ),
        # 本方案印发后一个月内 / 印发之日起30日内
        after_issue_re=regex.compile(
            rf"(?:{issue})(?:之日)?(?:后|起)\s*(?P<n>{NUMBER})\s*(?P<unit>{_alt(v['after_issue_units'])})\s*内"
        ),
        recurring_re=regex.compile(
            rf"(?<!{blockers})(?P<word>{_alt(v['recurrence'])}){rec_tail}"  # 每年 3 月底前
        ),
        # 三年内 / 6个月内 (not 近三年内, not 2025年内)
        # 延长期限不超过7个工作日: a time limit stated as a cap; 提前5个工作日公示: a lead time before an event
        capped_re=regex.compile(
            rf"(?:(?:{_alt(v['cap_subjects'])})\s*(?:最长)?\s*不(?:得)?超过|{_alt(v['advance_words'])})\s*"
            rf"(?:\d{{1,3}}|[一二两三四五六七八九十]{{1,3}})\s*(?:{_alt([u for u, k in v['within_units'].items() if k in v['event_units']])})"
        ),
        within_re=regex.compile(
            rf"(?<!{'|'.join(map(regex.escape, v['within_blockers']))})(?<![\d{_CN}两十])"
            # 三到五年时间内: a range of spans allows up to its upper end
            rf"(?=[\d一二两三四五六七八九十半])(?:(?:\d{{1,3}}|[一二两三四五六七八九十]{{1,3}})\s*(?:{_alt(v['range_separators'])})\s*)?"
            rf"(?P<n>\d{{1,3}}|[一二两三四五六七八九十]{{1,3}})?\s*(?P<h1>个半|半个|半)?"
            rf"\s*(?P<unit>{_alt(v['within_units'])})(?P<h2>半)?\s*(?:{_alt(v['within_fillers'])})?以?内"
        ),
        ongoing_re=regex.compile(
            # （…，持续推进）; not a list member (实现…全覆盖、常态化: the state reached, no time limit)
            rf"(?:(?<=^|[，,（(\s])(?:{_alt(v['ongoing'])})(?=$|[）)。；;，,\s]))"
        ),
        v=v,
    )


# ---------------------------------------------------------------- cues around a date


def _ends_with(text: str, words: object) -> str | None:
    """The longest of `words` that `text` ends with (spaces ignored)."""
    t = text.rstrip()
    return next((w for w in sorted(map(str, words or []), key=len, reverse=True) if t.endswith(w)), None)


def _starts_with(text: str, words: object) -> str | None:
    """The longest of `words` that `text` starts with (spaces ignored)."""
    t = text.lstrip()
    return next((w for w in sorted(map(str, words or []), key=len, reverse=True) if t.startswith(w)), None)


def _skip_ws(text: str, i: int) -> int:
    """Index of the first non-space at or after i."""
    while i < len(text) and text[i].isspace():
        i += 1
    return i


def _historical(text: str, start: int, end: int) -> bool:
    """截至2020年底 / 2019年以来 / “十三五”时期: a date that reports, not one that binds."""
    v = _rules().v
    return bool(
        _ends_with(text[max(0, start - 6) : start], v["historical_prefixes"])
        or _starts_with(text[end : end + 4], v["historical_suffixes"])
    )


def _due_suffix_end(text: str, end: int) -> int | None:
    """End offset of 前/以前/之前 right after a date, unless it means `the first …` (2021年前三季度)."""
    v = _rules().v
    i = _skip_ws(text, end)
    word = _starts_with(text[i : i + 3], v["due_suffixes"])
    if not word:
        return None
    after = text[i + len(word) : i + len(word) + 1]
    if word == "前" and after and after in v["not_due_after_qian"]:
        return None
    return i + len(word)


def _has_due_verb(text: str, end: int) -> bool:
    """A completion verb close after the date: 2022 年底完成 — not one that qualifies a noun
    with 的 (抓好年初出台的减税政策: what was done then, no time limit)."""
    v = _rules().v
    window = text[end : end + v["due_verb_gap"] + 4]
    return any(
        window.find(w) != -1
        and window.find(w) <= v["due_verb_gap"]
        and not regex.search(r"[，,。；;、\d]", window[: window.find(w)])
        and not window.startswith("的", window.find(w) + len(w))
        for w in v["due_verbs"]
    )


def _prefix(text: str, start: int, words: object, blockers: object = ()) -> int | None:
    """Start offset of one of `words` printed right before `start` (not after a blocker: 达到)."""
    window = text[max(0, start - 8) : start]
    w = _ends_with(window, words)
    if not w:
        return None
    s = start - len(window) + len(window.rstrip()) - len(w)
    before = text[max(0, s - 4) : s]
    last = before.rstrip()[-1:]
    if _ends_with(before, blockers) or (blockers and last and last in _rules().v["date_end_chars"]):
        return None  # 达到 / 提高到 / 4 月 1 日至 6 月 30 日 (a chronicle's period)
    return s


def _classify(text: str, m: regex.Match, doc: dt.date | None, bare_ok: bool) -> Deadline | None:
    """The Deadline a date match makes, from the words around it; None if it binds nothing."""
    v = _rules().v
    start, end = m.start(), m.end()
    if _historical(text, start, end):
        return None
    pre = _prefix(text, start, v["expires_prefixes"])
    if pre is not None:
        return Deadline(text[pre:end], "expires", resolve(m, doc), start=pre, end=end)
    i = _skip_ws(text, end)
    word = _effective_word(text, i)
    pre = _prefix(text, start, v["effective_prefixes"]) if word else None
    if word == v["effective_suffix"] or (word and pre is not None):  # …日起 / 从…开始
        s = start if pre is None else pre
        j = i + len(word)
        verb = _starts_with(text[j : j + 3], v["effective_verbs"])
        first = resolve(m, doc, first=True)
        if doc and first and not (verb or bare_ok) and int(first[:4]) < doc.year:
            return None  # 2025年1月起，标准为… in a 2026 text: a past change reported, not a validity
        e = j + len(verb or "")
        return Deadline(text[s:e], "effective", first, start=s, end=e)
    if text.startswith(tuple(v["subject_copulas"]), i):
        paragraph = text[end:].split("\n", 1)[0]
        if _bare_goal_year(m) and any(w in paragraph for w in v["goal_paragraph_words"]):
            return Deadline(m.group(), "target_year", resolve(m, doc), start=start, end=end)
        return None  # 2016年是…之年: the year is the subject, nothing is due
    if m.group("yperiod") == "内" and not m.group("month"):
        return Deadline(m.group(), "due", resolve(m, doc), start=start, end=end)  # 年内 / 今年内
    pre = _prefix(text, start, v["target_prefixes"], v["target_prefix_blockers"])
    if pre is not None:
        if text.startswith(v["expires_suffix"], i):
            return Deadline(text[pre : i + 1], "expires", resolve(m, doc), start=pre, end=i + 1)
        e = _due_suffix_end(text, end) or end
        return Deadline(text[pre:e], "target_year", resolve(m, doc), start=pre, end=e)
    if m.groupdict().get("relm") and not (m.group("day") or m.group("mperiod") or bare_ok):
        return None  # 申请补贴当月前: 当月 alone names another event's month
    e = _due_suffix_end(text, end)
    if e is not None and _starts_with(text[e : e + 6], v["condition_verbs"]):
        return None  # 1998年9月以前建设使用的房屋: a condition on things, not a time limit
    pre = _prefix(text, start, v["due_prefixes"])
    if e is not None or pre is not None or _has_due_verb(text, end) or bare_ok:
        s, e = (start if pre is None else pre), (e or end)
        return Deadline(text[s:e], "due", resolve(m, doc), start=s, end=e)
    if _bare_goal_year(m) and _goal_clause(text, start, end):
        return Deadline(m.group(), "target_year", resolve(m, doc), start=start, end=end)
    if _future_sentence_opener(text, m, doc):
        return Deadline(m.group(), "due", resolve(m, doc), start=start, end=end)
    return None


def _future_sentence_opener(text: str, m: regex.Match, doc: dt.date | None) -> bool:
    """2019年上半年，试点城市政府印发实施方案 (doc 2018-12): a later period opening a sentence of a
    plan times what the sentence orders. A past one (2018年，全市新建…) reports, and is skipped."""
    if doc is None or not m.group("year") or not text.startswith(("，", ","), m.end()):
        return False
    if text[: m.start()].rstrip(" \t\u3000")[-1:] not in ("", "。", "；", ";", "\n"):
        return False
    first = resolve(m, doc, first=True)
    return bool(first) and first > doc.isoformat()  # the whole period lies ahead


def _goal_clause(text: str, start: int, end: int) -> bool:
    """The clause around a bare 今年 plans something or sets a figure (今年赤字率拟按2.8%安排)."""
    v = _rules().v
    if _starts_with(text[end : end + 4], v["goal_clause_facts"]):
        return False  # 今年首次将…: a fact about the year
    head = regex.split(r"[，,。；;！？\n]", text[max(0, start - 12) : start])[-1]
    tail = regex.split(r"[，,。；;！？\n]", text[end : end + 40])[0]
    clause = head + tail
    for w in v["goal_clause_not_words"]:
        clause = clause.replace(w, "")
    return bool(regex.search(r"\d", tail)) or any(w in clause for w in v["goal_clause_words"])


def _effective_word(text: str, i: int) -> str | None:
    """起 (not 起草) or 开始 right at `i`: the word that makes a date a start."""
    v = _rules().v
    if text.startswith(v["effective_suffix"], i) and text[i + 1 : i + 2] not in v["not_effective_after"]:
        return v["effective_suffix"]
    return _starts_with(text[i : i + 3], v["effective_suffix_words"])


def _bare_goal_year(m: regex.Match) -> bool:
    """今年 / 明年 standing alone (no month, quarter or period): the goal year of what follows."""
    g = m.groupdict()
    finer = any(g.get(k) for k in ("month", "quarter", "nq", "yperiod", "day"))
    return not finer and (g.get("rel") or "") in _rules().v["bare_goal_years"]


def _printed_year(m: regex.Match) -> bool:
    """Whether a date match prints its year (2021年, 15年, 明年), not borrowing the document's."""
    g = m.groupdict()
    return bool(g.get("year") or g.get("yy") or g.get("rel"))


# ---------------------------------------------------------------- candidates by kind


def _dates(text: str, doc: dt.date | None, bare_ok: bool) -> list[Deadline]:
    """Deadlines around plain dates, with ranges (2021年4月1日至4月30日) joined."""
    r = _rules()
    out: list[Deadline] = []
    matches = list(r.date_re.finditer(text))
    year_ctx = doc  # a date printing no year takes the year of the deadline before it in the text
    k = 0
    while k < len(matches):
        m = matches[k]
        nxt = matches[k + 1] if k + 1 < len(matches) else None
        gap = text[m.end() : nxt.start()].strip() if nxt else ""
        printed = _printed_year(m)  # 12月 1 日至次年 3月 1日 is no range
        if (
            nxt
            and (printed or _same_year_span(m, nxt, doc))
            and _starts_with(gap, r.v["range_separators"]) == gap
            and not _historical(text, m.start(), nxt.end())
        ):
            cue = printed or bare_ok or _due_suffix_end(text, nxt.end()) or _has_due_verb(text, nxt.end())
            if cue:  # 大事记（4 月 1 日至 4 月 30 日）: a yearless span with no cue binds nothing
                out.extend(_from_to(text, m, nxt, doc) or [_date_range(text, m, nxt, doc)])
            k += 2
            continue
        d = _classify(text, m, doc if printed else year_ctx, bare_ok)
        if d is not None:
            span = any(m.groupdict().get(g) for g in ("month0", "day0", "nm", "lm", "nq"))
            if span and d.kind != "effective":  # 2018年1－9月份 / 前十一个月: a span
                d.start_date = resolve(m, doc if printed else year_ctx, first=True)
            out.append(d)
            if (m.group("year") or m.group("yy")) and d.date:  # 2023年9月底前…；12月底前 → 2023-12-31
                year_ctx = dt.date(int(d.date[:4]), (doc or dt.date(2000, 1, 1)).month, 1)
        k += 1
    return out


def _same_year_span(a: regex.Match, b: regex.Match, doc: dt.date | None) -> bool:
    """12月9日零时至12月16日24时: two dates without a year, the second later in the same year."""
    if _printed_year(b) or not a.group("month") or not b.group("month"):
        return False
    base = doc or dt.date(2000, 1, 1)
    first, last = resolve(a, base, first=True), resolve(b, base)
    return bool(first and last and first <= last)


def _date_range(text: str, a: regex.Match, b: regex.Match, doc: dt.date | None) -> Deadline:
    """2021年4月1日至4月30日: the second date borrows the first's year when it prints none."""
    first = resolve(a, doc, first=True)
    year = int(first[:4]) if first else (doc.year if doc else None)
    last = resolve(b, dt.date(year, 1, 1) if year and not _printed_year(b) else doc)
    e = _due_suffix_end(text, b.end())
    finer = any(b.group(g) for g in ("month", "quarter", "yperiod"))
    if e or _has_due_verb(text, b.end()):
        kind = "due"
    elif a.group("day") and b.group("day"):
        kind = "expires"  # 2019年1月1日至12月31日，对…: the days a measure applies
    else:
        kind = "due" if finer else "target_year"
    e = e or b.end()
    return Deadline(text[a.start() : e], kind, last, start_date=first, start=a.start(), end=e)


def _from_to(text: str, a: regex.Match, b: regex.Match, doc: dt.date | None) -> list[Deadline] | None:
    """自2012年2月1日至2017年1月31日施行: effective from the first date, expires on the second."""
    v = _rules().v
    pre = _prefix(text, a.start(), v["effective_prefixes"])
    if pre is None or text[pre] not in v["from_to_prefixes"]:
        return None
    first = resolve(a, doc, first=True)
    year = int(first[:4]) if first else (doc.year if doc else None)
    last = resolve(b, dt.date(year, 1, 1) if year and not _printed_year(b) else doc)
    sep = _skip_ws(text, a.end())
    return [
        Deadline(text[pre : a.end()], "effective", first, start=pre, end=a.end()),
        Deadline(text[sep : b.end()], "expires", last, start=sep, end=b.end()),
    ]


def _year_ranges(text: str) -> list[Deadline]:
    """2020至2025年 / 2021—2023年 → target_year (due when 完成 follows), start_date…date."""
    out = []
    for m in _rules().year_range_re.finditer(text):
        if _historical(text, m.start(), m.end()):
            continue
        y1, y2 = num(m.group("y1")), num(m.group("y2"))
        if not y1 or not y2 or y1 > y2:
            continue
        kind = "expires" if _after_period_cue(text, m.start()) else (
            "due" if _has_due_verb(text, m.end()) else "target_year")
        out.append(
            Deadline(m.group(), kind, f"{y2}-12-31", start_date=f"{y1}-01-01", start=m.start(), end=m.end())
        )
    return out


def _within(text: str, doc: dt.date | None, alone: bool = False) -> list[Deadline]:
    """三年内 / 6个月内: due that long after the document's date (unknown without one).

    Short spans (3天内, 2小时内) count from an event in running text; read `alone` (a cell)
    they count from `doc` too."""
    r = _rules()
    out = []
    for m in r.within_re.finditer(text):
        unit = r.v["within_units"][m.group("unit")]
        event = unit in r.v["event_units"] and not alone
        head = regex.split(r"[。；;！？\n]", text[max(0, m.start() - 20) : m.start()])[-1]
        tail = regex.split(r"[，,。；;！？\n]", text[m.end() : m.end() + 60])[0]
        if not alone and tail.endswith("的"):
            continue  # 义务人在12个月内获得…待遇的，视为…: the condition of a rule
        if not event and not alone and (any(w in head for w in r.v["within_other_anchors"]) or _own_event(head)):
            clause = regex.split(r"[，,。；;！？\n]", text[max(0, m.start() - 30) : m.start()])[-1]
            if not any(w in clause for w in r.v["within_duty_words"]):
                continue
            event = True  # 应在…签订…之日起1个月内，为…落实: a duty counted from each event
        n = num(m.group("n")) if m.group("n") else 0
        half = bool(m.group("h1") or m.group("h2"))
        end = None if event or doc is None or not (n or half) else span_end(doc, n, half, unit)
        out.append(Deadline(m.group(), "due", end.isoformat() if end else None, start=m.start(), end=m.end()))
    return out


def _own_event(head: str) -> bool:
    """毕业5年内: a word right before N年内 that is not a lead word (力争, 要在) names its own event."""
    h = head.rstrip()
    if regex.search(r"的\s*[，,]$", h):
        return True  # 连续经营一年以上的，五年内…: counted from the condition just stated
    return bool(h) and bool(regex.match(r"\p{Han}", h[-1])) and not _ends_with(h, _rules().v["within_leads"])


def _anchors(text: str, doc: dt.date | None, issued: dt.date | None = None) -> list[Deadline]:
    """到“十四五”末, 有效期五年, 自印发之日起施行: anchors that print no calendar date.

    The day of 印发 (`issued_events`) is the 印发 date the document prints (`issued`), else its date."""
    r = _rules()
    out = []
    for w, (a, b) in r.v["relative_spans"].items():
        for m in regex.finditer(regex.escape(w), text):
            first = f"{doc.year + a}-01-01" if doc else None
            last = f"{doc.year + b}-12-31" if doc else None
            out.append(Deadline(m.group(), "target_year", last, start_date=first, start=m.start(), end=m.end()))
    for m in r.plan_re.finditer(text):
        end_year = r.v["five_year_plans"][m.group("plan")][1]
        out.append(Deadline(m.group(), "target_year", f"{end_year}-12-31", start=m.start(), end=m.end()))
    for m in r.validity_re.finditer(text):
        out.append(Deadline(m.group(), "expires", _validity_end(m, doc), start=m.start(), end=m.end()))
    for m in r.issue_re.finditer(text):
        day = _event_day(m, doc, issued)
        out.append(Deadline(m.group(), "effective", day.isoformat() if day else None, start=m.start(), end=m.end()))
    for m in r.after_issue_re.finditer(text):
        n, unit = num(m.group("n")), r.v["after_issue_units"][m.group("unit")]
        day = _event_day(m, doc, issued)
        iso = after(day, n, unit).isoformat() if day and n else None
        out.append(Deadline(m.group(), "due", iso, start=m.start(), end=m.end()))
    return out


def _event_day(m: regex.Match, doc: dt.date | None, issued: dt.date | None) -> dt.date | None:
    """The day a document event happened: 印发 on the printed 印发 date when known, else the doc date."""
    return issued if doc and issued and m.group("event") in _rules().v["issued_events"] else doc


def _after_period_cue(text: str, start: int) -> bool:
    """执行期限暂定为 2022年至2023年: the range is how long the policy runs."""
    return any(c in text[max(0, start - 10) : start] for c in _rules().v["period_cues"])


def _validity_end(m: regex.Match, base: dt.date | None, first_day: bool = False) -> str | None:
    """Last day of a 有效期N年 counted from `base`.

    From the signing date (an event: 自印发之日起, as 三年内) the day itself is not counted and the
    period ends on the same day N years on (民法典 art. 201–202); from a printed first day
    (自2022年1月1日起) that day is the first one allowed, so it ends the day before."""
    n, unit = num(m.group("n")), _rules().v["validity_units"][m.group("unit")]
    ok = base and n and n < 100 and base.year < 2800
    if not ok:
        return None
    return (add_period(base, n, unit) if first_day else after(base, n, unit)).isoformat()


def _rebase_validity(norm: str, found: list[Deadline]) -> None:
    """自2022年1月1日起施行，有效期5年: the period runs from the printed effective date."""
    start, printed = None, False
    for d in found:
        if d.kind == "effective" and d.date:
            start = as_date(d.date)
            printed = not _rules().issue_re.fullmatch(norm[d.start : d.end])
        m = _rules().validity_re.fullmatch(norm[d.start : d.end]) if d.kind == "expires" else None
        if m and start:
            d.date = _validity_end(m, start, first_day=printed)


def _ongoing(text: str) -> list[Deadline]:
    """长期 / 持续推进 standing alone (a 完成时限 cell, a closing bracket): due with no date."""
    return [
        Deadline(m.group(), "due", None, start=m.start(), end=m.end())
        for m in _rules().ongoing_re.finditer(text)
    ]


def _pick(cands: list[Deadline]) -> list[Deadline]:
    """Non-overlapping candidates, longer (more specific) first, returned in text order."""
    kept: list[Deadline] = []
    for d in sorted(cands, key=lambda d: (-(d.end - d.start), d.start)):
        if all(d.end <= k.start or d.start >= k.end for k in kept):
            kept.append(d)
    return sorted(kept, key=lambda d: d.start)


def _find(
    text: str, doc: dt.date | None, bare_ok: bool, exact: bool = True, issued: dt.date | None = None,
) -> list[Deadline]:
    """All deadlines of `text` (normalized to ASCII digits), surfaces taken from `text`.

    With `exact` False only the document's year is known (a work report dated by its title):
    anchors counted from the signing date (印发之日起, 三年内) get no date."""
    norm = to_ascii_digits(text)
    day = doc if exact else None
    cands = (
        recurring(norm, _rules().recurring_re, _rules().v)
        + _anchors(norm, day, issued)
        + _within(norm, day, alone=bare_ok)
        + [Deadline(m.group(), "due", None, start=m.start(), end=m.end()) for m in _rules().capped_re.finditer(norm)]
        + _year_ranges(norm)
        + _dates(norm, doc, bare_ok)
        + _ongoing(norm)
    )
    out = _pick(cands)
    _rebase_validity(norm, out)
    carry_cycle(norm, out)
    for d in out:
        d.surface = text[d.start : d.end]
    return out


def _doc_day(doc_date: object) -> tuple[dt.date | None, bool]:
    """(date, exact) of a document date: ISO `2022-05-23`, or a year alone (`2023`, exact False)."""
    if isinstance(doc_date, str) and regex.fullmatch(r"\s*(?:18|19|20|21)\d{2}\s*", doc_date):
        return dt.date(int(doc_date), 1, 1), False
    return as_date(doc_date), True


def find_deadlines(text: str, doc_date: str | None = None, issued: str | None = None) -> list[Deadline]:
    """Every deadline in running text (offsets into `text`).

    Relative dates (今年, 年底前, 三年内) use `doc_date`: ISO, or a year alone when only that is known;
    自印发之日起 / 印发后一个月内 use `issued`, the 印发 date the document prints, when given."""
    if not isinstance(text, str) or not text.strip():
        return []
    doc, exact = _doc_day(doc_date)
    return _find(text, doc, bare_ok=False, exact=exact, issued=as_date(issued) if exact else None)


def parse_deadline(text: str, today: dt.date | str | None = None) -> Deadline | None:
    """One deadline expression (a 完成时限 cell: `2021年6月` → due 2021-06-30), or None."""
    if not isinstance(text, str) or not text.strip():
        return None
    doc, exact = _doc_day(today)
    found = _find(text, doc, bare_ok=True, exact=exact)
    if len(found) >= 2 and (found[0].kind, found[1].kind) == ("effective", "expires"):  # 从2015年1月至12月
        a, b = found[0], found[1]
        return Deadline(text[a.start : b.end], "expires", b.date, start_date=a.date, start=a.start, end=b.end)
    return found[0] if found else None
