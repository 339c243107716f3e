"""Calendar dates as gazettes print them, and the days they stand for.

The named regex pieces (a year, a month, a day, a time of day), the date pattern built from the
vocabulary in extract/data/dates.yaml, and the functions that turn a date match into the first
or last day it allows (2022年底 → 2022-12-31; 2021年前两个季度 → 2021-01-01 … 2021-06-30).
The deadline finder (deadlines.py) decides which dates bind something; this module only reads them.
"""

from __future__ import annotations

import calendar
import datetime as dt
from functools import cache

import regex

from extract.data import load_yaml
from extract.extractors.numerals import parse_cn_number

_CN = "〇零○Ｏ一二三四五六七八九"


@cache
def vocab() -> dict:
    """The date vocabulary (extract/data/dates.yaml)."""
    return load_yaml("dates.yaml")


def _alt(words: object) -> str:
    """A regex alternation of `words`, longest first."""
    items = sorted({str(w) for w in (words or [])}, key=lambda w: (-len(w), w))
    return "|".join(regex.escape(w) for w in items) or "(?!)"


# ---------------------------------------------------------------- named regex pieces
# A year: 2021, 二〇二五 (digit by digit); never inside a longer number.
YEAR_NUM = rf"(?<![\d{_CN}])(?:(?:19|20)\d{{2}}|[{_CN}]{{4}})(?![\d{_CN}])"
# A month: 12 before 1, 十二 before 十 (longer first).  2021 年 12 月 / 二〇二二年六月
MONTH = r"(?:1[0-2]|0?[1-9]|十[一二]|十|[一二三四五六七八九])"
# A day: 31, 三十一, 二十三, 十五, 5.  2021 年 4 月 30 日
DAY = r"(?:3[01]|[12]\d|0?[1-9]|三十一|三十|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九])"
# A time of day after a date (kept inside the date's surface; the day is what counts):
#   6月20日18：00前 / 下午3:00 / 9:30~11:30 / 17时 / 晚上7点09分18秒 / 20时1刻 / 零时 / 24时
_HOUR = r"(?:\d{1,2}|[零〇一二三四五六七八九十]{1,3})"
TIME = (
    r"(?:\s*(?:上午|下午|晚上|早上|中午|凌晨|傍晚)?\s*(?:\d{1,2}\s*[:：]\s*\d{2}(?:\s*[~～\-—至到]\s*\d{1,2}\s*[:：]\s*\d{2})?"
    rf"|{_HOUR}\s*[时点](?:\s*{_HOUR}\s*分|\s*[1-3一二三]\s*刻|半)?(?:\s*\d{{1,2}}\s*秒)?))"
)
# A two-digit year, read only when a month, quarter or period follows:
#   15年3月2日 / 19年底 / 07年第三季度 / 零七年八月 / 五八年前七个月
YY = (
    rf"(?<![\d.{_CN}十])(?P<yy>\d{{2}}|[{_CN}]{{2}})(?=\s*年\s*(?:\d{{1,2}}\s*[月－\-—~]|[一二三四五六七八九十]{{1,2}}月"
    r"|底|末|初|第|首|[一二三四1-4]季|上半年|下半年|前[\d一二两三四五六七八九十]{1,2}个?[季月]|后[\d一二两三四五六七八九十]{1,2}个?月))"
)
# Between the first and last month (or day) of a span: 2018年1－9月份 / 2018年2——4月 / 2019年4月12-19日.
MONTH_SEP = r"(?:——|－|-|—|–|~|～|至|到)"
# A count of months in 前七个月 / 后三月.
_N_MONTHS = r"[\d一二两三四五六七八九十]{1,3}"


def date_pattern(v: dict) -> str:
    """The date piece: a year (or relative year) with an optional period, or a month with a day."""
    yp = _alt(v["year_periods"])
    mp = _alt(v["month_periods"])
    qw = regex.escape(v["quarter_word"])
    # 第三季度 / 前两个季度 / 首季度
    q = rf"(?:第?\s*(?P<quarter>[1-4一二三四首])\s*{qw}|前(?P<nq>[1-4一二两三四])个?{qw})"
    # 20日18：00 / 12-19日 / 九号到十五号 / 4月28前
    day = (
        rf"(?:(?:(?P<day0>{DAY})\s*[日号]?\s*{MONTH_SEP}\s*)?(?P<day>{DAY})\s*[日号]{TIME}?"
        rf"|(?P<day>{DAY})(?=\s*(?:以前|之前|前)))"
    )
    month_tail = (
        rf"(?:(?P<month0>{MONTH})\s*{MONTH_SEP}\s*)?(?P<month>{MONTH})\s*月份?"  # 1－9月份
        rf"\s*(?:{day}|(?P<mperiod>{mp}))?"
    )
    # 前十一个月 / 后三月 / 首月 of a year
    months = rf"(?:前(?P<nm>{_N_MONTHS})个?月|后(?P<lm>{_N_MONTHS})个?月|(?P<fm>首)月)(?!份?\d)"
    relm = rf"(?P<relm>{_alt(v['relative_months'])})\s*(?:{day}|(?P<mperiod>{mp}))?"  # 下月九号 / 本月初
    first = "".join(sorted({w[0] for w in [*v["relative_years"], *v["relative_months"]]}))
    return rf"""
    (?=[\d{_CN}十两年第前后首上下{first}])                                # a cheap first-character check
    (?:
      (?:(?:(?P<year>{YEAR_NUM})|{YY})\s*年|(?P<rel>{_alt(v["relative_years"])}))   # 2021 年 / 15年 / 明年
      (?:\s*(?:{q} | {month_tail} | {months} | (?P<yperiod>{yp})))?    # 第一季度 / 6 月 30 日 / 底
    | (?<![\d{_CN}两十几多数半个年今明次本当上下每])年(?P<yperiod>{yp})  # 年底前 (the document's year)
    | (?<![\d{_CN}年月十])(?:{q})                                        # 第三季度
    | (?<![\d{_CN}年月十])(?P<yperiod>上半年|下半年)                     # 上半年完成
    | (?<![\d{_CN}年月十.第])(?:{month_tail})                            # 6月底前 (the document's year)
    | {relm}                                                            # 下月15号 (the document's month)
    )"""


# ---------------------------------------------------------------- resolving dates


def as_date(x: object) -> dt.date | None:
    """A date from a date, datetime or ISO string (`2022-05-23`), else None."""
    if isinstance(x, dt.datetime):
        return x.date()
    if isinstance(x, dt.date):
        return x
    if isinstance(x, str):
        try:
            return dt.date.fromisoformat(x.strip()[:10])
        except ValueError:
            return None
    return None


def num(s: str | None) -> int | None:
    """An int from arabic or Chinese digits (二〇二五 → 2025, 十二 → 12)."""
    if not s:
        return None
    n = parse_cn_number(s)
    return int(n) if n is not None and n == int(n) else None


def year_of(m: regex.Match, doc: dt.date | None) -> int | None:
    """The year of a date match: printed, relative to the document, or the document's own."""
    if m.group("year"):
        return num(m.group("year"))
    if m.groupdict().get("yy"):
        yy = num(m.group("yy")) or 0
        return (2000 if yy < vocab()["two_digit_pivot"] else 1900) + yy
    rel = m.group("rel") if "rel" in m.re.groupindex else None
    if rel:
        return doc.year + vocab()["relative_years"][rel] if doc else None
    return doc.year if doc else None


def iso(y: int | None, mo: int, d: int | str) -> str | None:
    """ISO date; `d` may be 'last'; None for impossible dates (2月30日)."""
    if y is None or not 1800 <= y <= 2199 or not 1 <= mo <= 12:  # 〇〇〇〇年 is no year
        return None
    last = calendar.monthrange(y, mo)[1]
    day = last if d == "last" else int(d)
    return dt.date(y, mo, day).isoformat() if 1 <= day <= last else None


def md(spec: str) -> tuple[int, str]:
    """'06-30' → (6, '30')."""
    mo, d = str(spec).split("-")
    return int(mo), d


def resolve(m: regex.Match, doc: dt.date | None, first: bool = False) -> str | None:
    """ISO date of a date match: the last day it allows, or with `first` the first day."""
    v = vocab()
    y = year_of(m, doc)
    g = m.groupdict()
    if g.get("relm"):
        return _resolve_relative_month(g, doc, first)
    if g.get("day"):
        return iso(y, num(g["month"]) or 0, num((g.get("day0") if first else None) or g["day"]) or 0)
    if g.get("nm") or g.get("lm") or g.get("fm"):
        n = min(num(g.get("nm") or g.get("lm")) or 1, 12)
        lo, hi = (1, n) if g.get("nm") else (13 - n, 12) if g.get("lm") else (1, 1)
        return iso(y, lo, 1) if first else iso(y, hi, "last")
    if g.get("month"):
        mo = num(g["month"]) or 0
        if first:
            return iso(y, num(g.get("month0")) or mo, 1)
        spec = v["month_periods"].get(g.get("mperiod") or "", "last")
        return iso(y, mo, spec)
    if g.get("quarter") or g.get("nq"):
        q = 1 if g.get("quarter") == "首" else num(g["quarter"] or g["nq"]) or 0
        if g.get("nq") and first:
            return iso(y, 1, 1)  # 前两个季度 runs from January
        if not 1 <= q <= 4:
            return None
        return iso(y, 3 * q - 2, 1) if first else iso(y, *md(v["quarter_ends"][q]))
    if g.get("yperiod"):
        mo, d = md(v["year_periods"][g["yperiod"]])
        if first:
            return iso(y, 7 if g["yperiod"] == "下半年" else 1, 1)
        return iso(y, mo, d)
    return iso(y, 1, 1) if first else iso(y, 12, 31)


def _resolve_relative_month(g: dict, doc: dt.date | None, first: bool) -> str | None:
    """下月九号 / 本月初 / 当月: a month counted from the document's."""
    if doc is None:
        return None
    y, mo = divmod(doc.month - 1 + vocab()["relative_months"][g["relm"]], 12)
    year, month = doc.year + y, mo + 1
    if g.get("day"):
        return iso(year, month, num(g["day"]) or 0)
    if first:
        return iso(year, month, 1)
    return iso(year, month, vocab()["month_periods"].get(g.get("mperiod") or "", "last"))


def add_period(d: dt.date, n: int, unit: str) -> dt.date:
    """`d` plus n years or months, minus one day (有效期5年 from 2022-05-23 → 2027-05-22)."""
    months = n * 12 if unit == "years" else n
    y, mo = divmod(d.month - 1 + months, 12)
    year, month = d.year + y, mo + 1
    day = min(d.day, calendar.monthrange(year, month)[1])
    return dt.date(year, month, day) - dt.timedelta(days=1)


def after(d: dt.date, n: int, unit: str) -> dt.date:
    """`d` plus n months, weeks or days (印发后一个月内 from 2016-07-18 → 2016-08-18)."""
    if unit in ("days", "weeks"):
        return d + dt.timedelta(days=n * (7 if unit == "weeks" else 1))
    return add_period(d, n, unit) + dt.timedelta(days=1)




def span_end(d: dt.date, n: int, half: bool, unit: str) -> dt.date:
    """The day `n` (and a half) units after `d`: 三年内 → +3 years, 两个半月以内 → +2 months 15 days,
    15个工作日内 → 15 weekdays later, 72小时内 → +3 days."""
    if unit == "years":
        return after(d, n * 12 + (6 if half else 0), "months")
    if unit == "months":
        return after(d, n, "months") + dt.timedelta(days=15 if half else 0)
    if unit == "workdays":
        day, left = d, n
        while left > 0:
            day += dt.timedelta(days=1)
            left -= day.weekday() < 5
        return day
    hours = {"days": 24, "weeks": 24 * 7, "hours": 1, "minutes": 1 / 60}[unit] * (n + (0.5 if half else 0))
    return (dt.datetime.combine(d, dt.time()) + dt.timedelta(hours=hours)).date()
