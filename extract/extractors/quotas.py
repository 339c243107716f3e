"""Quotas: targets stated as a count to set up or a share to reach (至少建立1个…, 100%发布).

They carry no goal year, so the sentence-level target finder (targets.py) does not see
them as goals; the wording itself makes them commitments:
  各旗县市至少建立1个乡村振兴残疾人工作示范点      → ≥ 1 个
  2022年建成一所残疾人辅助性就业机构              → = 1 所, year 2022
  权责清单依申请六类行政权力事项办事指南100%发布   → = 100 %
"""

from __future__ import annotations

from functools import cache

import regex

from extract.data import load_yaml
from extract.extractors.numerals import parse_cn_number
from extract.model import Target

# An Arabic or a small Chinese number: 1, 一, 两, 十二
COUNT = r"(?P<num>\d{1,4}|[一二两三四五六七八九十]{1,3})"


def _alt(words: list[str]) -> str:
    return "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def _patterns() -> dict[str, regex.Pattern]:
    q = load_yaml("targets.yaml")["quota"]
    units = _alt(q["count_units"])
    return {
        # 至少建立1个示范点 / 至少配备一名指导员
        "floor": regex.compile(
            rf"(?:{_alt(q['floor_words'])})\s*(?:{_alt(q['setup_verbs'])})?\s*{COUNT}\s*(?P<unit>{units})"
            r"(?P<noun>[\p{Han}“”]{0,16})"
        ),
        # 2022年建成一所残疾人辅助性就业机构
        "exact": regex.compile(
            rf"(?P<year>20\d{{2}})\s*年(?:底前|前|内|底)?\s*(?:{_alt(q['exact_verbs'])})\s*{COUNT}\s*"
            rf"(?P<unit>{units})(?P<noun>[\p{{Han}}“”]{{0,16}})"
        ),
        # 办事指南100%发布
        "share": regex.compile(rf"(?P<num>\d{{1,3}}(?:\.\d+)?)\s*%\s*(?:{_alt(q['share_verbs'])})"),
        # 选择 10家全区性行业协会商会 / 选择全区性行业协会商会的 30%
        "select": regex.compile(
            rf"(?:{_alt(q['select_verbs'])})\s*(?:[\p{{Han}}“”]{{1,16}}的)?\s*{COUNT}\s*(?P<unit>%|{units})"
            r"(?P<noun>[\p{Han}“”]{0,16})"
        ),
    }


def find_quotas(text: str) -> list[Target]:
    """Quota targets in `text` (offsets into it); never raises."""
    try:
        return _find(text)
    except Exception:  # noqa: BLE001 — a finder never raises on odd input
        return []


def _find(text: str) -> list[Target]:
    p = _patterns()
    out: list[Target] = []
    for m in p["floor"].finditer(text):
        out.append(_target(text, m, ">=", None))
    for m in p["exact"].finditer(text):
        out.append(_target(text, m, "=", int(m["year"])))
    for m in p["share"].finditer(text):
        out.append(_target(text, m, "=" if float(m["num"]) >= 100 else ">=", None, unit="%"))
    for m in p["select"].finditer(text):
        out.append(_target(text, m, "=", _year_before(text, m.start())))
    return [t for t in out if t.value is not None]


def _target(text: str, m: regex.Match, comparator: str, year: int | None, unit: str | None = None) -> Target:
    num = m["num"]
    value = float(num) if num[0].isdigit() else parse_cn_number(num)
    subject = _subject(text, m.start())
    noun = m.groupdict().get("noun") or ""
    indicator = f"{subject}{noun}{'数' if noun else ''}" or subject
    return Target(
        indicator=indicator, value=value, unit=unit or m["unit"], comparator=comparator,  # type: ignore[arg-type]
        year=year, surface=text[m.start() : m.end()], start=m.start(), end=m.end(),
    )


def _year_before(text: str, pos: int) -> int | None:
    """The nearest `20XX年` before `pos` in the same sentence."""
    start = max(text.rfind(ch, 0, pos) for ch in "。；;\n") + 1
    years = regex.findall(r"(20\d{2})\s*年", text[start:pos])
    return int(years[-1]) if years else None


def _subject(text: str, pos: int) -> str:
    """The clause before a quota: back to the last sentence or clause break."""
    start = max(text.rfind(ch, 0, pos) for ch in "，。；：,;\n") + 1
    return text[start:pos].strip()
