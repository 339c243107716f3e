"""Targets: quantified goals in prose (`到2025年，…覆盖率达到85%以上`) and in indicator tables.

Only goals count: a sentence qualifies when it points forward (a goal year such as
到2025年 / 2021年底前, or goal words such as 力争 / 确保 / 目标 earlier in the text) or
states a value with a target verb (达到, 提高到 …) and no sign of being a past result
(截至, “十三五”时期, a year before the document's). Vocabulary: extract/data/targets.yaml.
Indicator tables (专栏 主要指标, task lists with 完成时限) go through `targets_from_table`.
"""

from __future__ import annotations

import calendar
from functools import cache

import regex

from extract.data import load_yaml
from extract.extractors.numerals import parse_cn_number
from extract.model import Target


@cache
def vocab() -> dict:
    """The targets vocabulary (extract/data/targets.yaml)."""
    return load_yaml("targets.yaml")


def _alt(words: list[str]) -> str:
    """A regex alternation of `words`, longest first."""
    return "|".join(regex.escape(w) for w in sorted(set(words), key=len, reverse=True))


# A number with stray spaces around the decimal point: 85, 95.34, 7.5
NUMBER = r"(?P<num>\d+(?:\s?\.\s?\d+)?)"
# A goal value may also be a small Chinese number (建设一所…机构) or a range (培育10—20家).
GOAL_NUMBER = (
    r"(?P<num>\d+(?:\s?\.\s?\d+)?|[一二两三四五六七八九十]{1,3}(?=[所家座处名支]))"
    r"(?:\s*[%％]?\s*(?:—|－|-|–|~|～|至|到)\s*(?P<num2>\d+(?:\.\d+)?))?"  # 6%－6.5%
)

# Four-digit year with stray spaces (`2 025` never happens; `2025 年` does).
YEAR = r"(?:19|20)\d{2}"


@cache
def value_re() -> regex.Pattern:
    """A target value: [verb][comparator] number unit [以上/以下].

    达到90%以上 (verb, suffix) · 不低于 50% (prefix) · 超过 90% · 注册率 85%以上 (suffix only)
    · 提高到 200元 · ≥2500 · 控制在 5%以内
    """
    v = vocab()
    prefixes = [w for ws in v["comparator_prefixes"].values() for w in ws]
    suffixes = [w for ws in v["comparator_suffixes"].values() for w in ws]
    return regex.compile(
        rf"""
        (?P<verb>{_alt(v["target_verbs"])})?            # 达到 / 提高到 / 保持在
        \s*(?P<prefix>{_alt(prefixes)})?                # 不低于 / 超过 / ≥
        \s*{GOAL_NUMBER}
        \s*(?P<unit>{_alt(v["units"] + v["money_units"])})   # % 人 户 万人 …
        \s*(?P<suffix>{_alt(suffixes)})?                # 以上 / 以下 / 以内
        """,
        regex.VERBOSE,
    )


@cache
def goal_year_re() -> regex.Pattern:
    """A forward-pointing year phrase: 到2025年, 到 2025 年底, 2021年底前."""
    pats = [p.replace("{Y}", rf"(?P<y>{YEAR})") for p in vocab()["goal_year_patterns"]]
    return regex.compile("|".join(f"(?:{p})" for p in pats))


# A sentence that opens with its year and a comma reports that year (`2020 年，我盟…`): in a document
# that prints no date of its own this is what tells a result; a plain year elsewhere may be a goal's.
DATED_OPENING_RE = regex.compile(rf"\s*(?:{YEAR})\s*年\s*[，,]")
# Any year mention (`2020 年，我盟…`), to spot past results.
ANY_YEAR_RE = regex.compile(rf"(?P<y>{YEAR})\s*年")

# Sentence and clause ends.
SENTENCE_END_RE = regex.compile(r"[。！？!?；;]")
CLAUSE_END = "，,。；;：:！？!?\n"
OPEN_PARENS, CLOSE_PARENS = "（(", "）)"
# A list item that ends in a value (…品牌2个、): the next item's indicator starts after it.
LIST_VALUE_END_RE = regex.compile(r"\d\s*[\p{Han}%％]{0,4}$")

_WS = regex.compile(r"\s+")


def comparator_of(prefix: str | None, suffix: str | None, verb: str | None = None) -> str:
    """`>=` for 不低于/以上/达到, `<=` for 不超过/以下/以内/降低到, `>` for 超过/>, `<` for 低于, else `=`."""
    v = vocab()
    if verb in v["at_most_verbs"] and suffix in v["comparator_suffixes"]["="]:
        return "<="  # 降低至13.6%左右: the verb's ceiling wins over 左右
    for word, table in ((suffix, "comparator_suffixes"), (prefix, "comparator_prefixes")):
        if word:
            for cmp, words in v[table].items():
                if word in words:
                    return cmp
    if verb in v["at_least_verbs"]:
        return ">="
    if verb in v["at_most_verbs"]:
        return "<="
    return "="


def parse_number(text: str) -> float | None:
    """`95.34` → 95.34; `7 .5` → 7.5; None when not a number."""
    try:
        return float(_WS.sub("", text))
    except ValueError:
        return None


def normalize_unit(unit: str | None) -> str | None:
    """One spelling per unit: ％ → %."""
    return "%" if unit in ("%", "％") else unit


def doc_year(doc_date: str | None) -> int | None:
    """The year of an ISO date string, or None."""
    m = regex.match(rf"\s*({YEAR})", doc_date or "")
    return int(m.group(1)) if m else None


def find_targets(text: str, doc_date: str | None = None, goal_year: int | None = None) -> list[Target]:
    """Quantified future goals in `text` (offsets into it); past results are left out.

    `goal_year` says the text sits in a goal section (under `2023年主要预期目标`, `三、2026年重点工作`,
    or the plan part of a work report): its values are goals of that year unless they say otherwise."""
    try:
        return _find(text, doc_year(doc_date), assume_goal=False, goal_year=goal_year)
    except Exception:  # noqa: BLE001 — a parse function never raises on odd input
        return []


def find_goal_values(text: str, year: int | None = None) -> list[Target]:
    """Every quantified value of a text known to be a goal (a task-table cell)."""
    try:
        return _find(text, year, assume_goal=True)
    except Exception:  # noqa: BLE001
        return []


def parse_target(text: str, doc_date: str | None = None) -> Target | None:
    """One goal expression read as a goal (`新建幼儿园20所` → >= 20 所), or None.

    The year comes from the text (到2025年) or else `doc_date` (ISO, or a year alone)."""
    if not isinstance(text, str) or not text.strip():
        return None
    found = find_goal_values(text, doc_year(doc_date))
    return found[0] if found else None


def _sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of `text`."""
    out, start = [], 0
    for m in SENTENCE_END_RE.finditer(text):
        out.append((start, m.end()))
        start = m.end()
    if start < len(text):
        out.append((start, len(text)))
    return out


def _find(text: str, year_of_doc: int | None, assume_goal: bool, goal_year: int | None = None) -> list[Target]:
    out: list[Target] = []
    section = assume_goal or goal_year is not None
    state: dict = {"mode": "goal" if section else None, "year": goal_year if goal_year else
                   (year_of_doc if assume_goal else None), "section": section}
    for s, e in _sentences(text):
        sentence = text[s:e]
        goal, year, due, named = _sentence_context(sentence, year_of_doc, state)
        if _states_goals(sentence):
            state["list"] = True  # 主要预期目标是：A；B；C。 — the items up to the full stop are goals
        bare_ok = section or (goal is True and state.get("list", False))
        if sentence.rstrip().endswith("。"):
            state["list"] = False
        if section and goal_year and state["mode"] == "history":
            state.update(mode="goal", year=goal_year)  # in a goal section a past sentence stays alone
        if goal is False and not assume_goal:
            continue
        for m in value_re().finditer(sentence):
            if goal is None and not assume_goal and not m.group("verb"):
                continue  # no goal context: only 达到/提高到 … values count
            if section and _past_clause(sentence, m.start()):
                continue  # …，地方一般公共预算收入与上年基本持平，…
            money_ok = named or (goal is True and bool(m.group("verb") or m.group("prefix") or m.group("suffix")))
            t = _target(text, s, e, m, year, due, money_ok=money_ok, bare_ok=bare_ok)
            if t is not None:
                out.append(t)
    return out


def _past_clause(sentence: str, pos: int) -> bool:
    """The clause holding `pos` reports a result (比上年, 累计 …)."""
    start = max(sentence.rfind(c, 0, pos) for c in "，,：:；;") + 1
    ends = [i for i in (sentence.find(c, pos) for c in "，,；;。") if i >= 0]
    clause = sentence[start : min(ends) if ends else len(sentence)]
    return any(w in clause for w in vocab()["history_words"])


def _states_goals(sentence: str) -> bool:
    """A sentence that introduces goals: 今年发展主要预期目标是：… / 目标任务：…"""
    v = vocab()
    return any(w in sentence for w in v["goal_words"]) or any(r in sentence for r in v["relative_goal_years"])


def _sentence_context(
    sentence: str, year_of_doc: int | None, state: dict
) -> tuple[bool | None, int | None, str | None, bool]:
    """(is_goal, year, due, goal_year_named) for a sentence; `state` carries the mode forward.

    The mode is "goal" after a goal year or goal word, "history" after a past year or
    a history word (截至, 时期 …); is_goal is None when nothing has said either way,
    and then only values with a target verb count.
    """
    v = vocab()
    gm = goal_year_re().search(sentence)
    goal_year = int(gm.group("y")) if gm else None
    if goal_year is not None and (year_of_doc is None or goal_year >= year_of_doc):
        state.update(mode="goal", year=goal_year)
        due = f"{goal_year}-12-31" if regex.search(r"[底末]", gm.group(0)) else None
        return True, goal_year, due, True
    years = [int(m.group("y")) for m in ANY_YEAR_RE.finditer(sentence)]
    history = any(w in sentence for w in v["history_words"])
    if history and state.get("section") and _states_goals(sentence):
        history = False  # 主要预期目标是：…，收入与上年基本持平，…: the goals stand, clause by clause
    past = any(y < year_of_doc for y in years) if year_of_doc is not None else bool(DATED_OPENING_RE.match(sentence))
    if past or goal_year is not None or history:
        state.update(mode="history", year=None)
        return False, None, None, False
    if years:  # a plain year of the plan period: 从2022年起 …
        state.update(mode="goal", year=max(years))
    rel = next((r for r in v["relative_goal_years"] if r in sentence), None)
    if rel and year_of_doc:  # 今年发展主要预期目标是：… → the document's year
        state.update(mode="goal", year=year_of_doc + v["relative_goal_years"][rel])
    if any(w in sentence for w in v["goal_words"]):
        state["mode"] = "goal"
    mode = state["mode"]
    return (True if mode == "goal" else False if mode == "history" else None), state["year"], None, False


def _target(text: str, s: int, e: int, m: regex.Match, year: int | None, due: str | None,
            money_ok: bool, bare_ok: bool = False) -> Target | None:
    """A Target for a value match `m` of the sentence text[s:e], or None.

    With `bare_ok` (a goal section) a value that prints no verb or comparator counts too:
    新增养老床位7000张 (a count: at least that many), 国内生产总值增长5% (a rate: that much)."""
    start, end = s + m.start(), s + m.end()
    worded = bool(m.group("verb") or m.group("prefix") or m.group("suffix"))
    unit = normalize_unit(m.group("unit"))
    if not worded and not (bare_ok and unit not in vocab()["verb_only_units"]):
        return None
    if unit in vocab()["verb_only_units"] and not m.group("verb"):
        return None  # 3岁以下婴幼儿: an attribute, not a goal
    if not m.group("num")[0].isdigit() and not _after_count_verb(text, s, start):
        return None  # 建设一所… yes; 统一所有… no
    if text[max(s, start - 1) : start] in ("含", "（", "("):
        return None  # （含50人）: part of a condition
    if not _goal_value_context(text[s:start], m):
        return None
    share_goal = (m.group("unit") in ("%", "％") and m.group("verb") in vocab()["share_goal_verbs"]) or (
        bool(m.group("suffix")) and text[max(s, start - 2) : start] in vocab()["count_goal_leads"]
    )  # 实现90%以上的事项… / 争取100个以上项目纳入…: how many of a set reach it
    counted_noun = bare_ok and not worded and (
        _after_count_verb(text, s, start)
        or (unit not in ("%", *vocab()["money_units"]) and _count_verb_in_clause(text, s, start))
    )  # 培育10—20家企业 / 完成涉及6万户的村庄改造
    if not share_goal and not counted_noun and not _stands_alone(text[end:e], bool(m.group("verb"))):
        return None  # 实现90%以上的事项… is a share of a set; 达到1万人以上的旅行社 qualifies a noun
    if unit in vocab()["money_units"] and not money_ok:
        return None
    istart, indicator = _indicator(text, s, start)
    if counted_noun and not _stands_alone(text[end:e], False):
        indicator += _set_after(text, end, e)  # 培育10—20家专精特新企业 → 培育专精特新企业
    if unit in vocab()["money_units"] and _spending(indicator):
        return None  # 支出总额将达到664亿元: spending is an amount, not a goal
    if not indicator and share_goal:
        indicator = _set_after(text, end, e)  # 实现90%以上的政务服务事项“一网通办” → the set is after
        istart = start
    if not indicator:
        return None
    value = parse_number(m.group("num"))
    if value is None:
        value = parse_cn_number(m.group("num"))
    comparator = comparator_of(m.group("prefix"), m.group("suffix"), m.group("verb"))
    clause = text[_clause_start(text, s, start) : start]  # a list shares its verb: 新增A50家、B200个
    counted = any(w in clause for w in vocab()["count_verbs"])
    if m.group("num2") or (comparator == "=" and counted and not m.group("suffix") and unit != "%"):
        comparator = vocab()["count_default_comparator"]  # 培育10—20家 / 新增养老床位7000张
    if comparator == ">=" and value == 100 and unit == "%" and not (m.group("prefix") or m.group("suffix")):
        comparator = "="  # 覆盖范围达到100%: nothing lies above 100%
    return Target(
        indicator=indicator,
        value=value,
        unit=unit,
        comparator=comparator,  # type: ignore[arg-type]
        year=year,
        due=due,
        binding=_binding_after(text, end, e),  # type: ignore[arg-type]
        high=float(m.group("num2")) if m.group("num2") else None,
        surface=text[istart:end],
        start=istart,
        end=end,
    )


def _spending(indicator: str) -> bool:
    """Money an indicator spends or grants (an amount only), unless it is the whole society's
    (全口径科技创新投入达到7800亿元 is an indicator of the economy, not a budget line)."""
    v = vocab()
    return any(w in indicator for w in v["spending_words"]) and not any(w in indicator for w in v["economy_wide_words"])


def _goal_value_context(before: str, m: regex.Match) -> bool:
    """False when the words before a value in its sentence make it no goal: a name in quotes
    (“民营经济32条”), a tax rate (税率降至13%), the growth of a budget line (转移支付增长10.9%)."""
    v = vocab()
    if before.count("“") > before.count("”"):
        return False  # inside “…”: part of a name
    if m.group("unit") in ("%", "％") and any(w in before for w in v["rule_rate_words"]):
        return False
    clause = regex.split(r"[，,；;：:]", before)[-1]
    return not (any(w in before for w in v["budget_lines"]) and any(w in clause for w in v["budget_growth_words"]))


def _binding_after(text: str, end: int, sentence_end: int) -> str | None:
    """`（约束性）` / `（预期性）` printed after the value, before the next value or the sentence end."""
    m = regex.match(r"[^，,；;。0-9]{0,12}?[（(]\s*(?P<w>约束性|预期性)\s*[)）]", text[end : sentence_end + 8])
    return _binding(m.group("w")) if m else None


def _after_count_verb(text: str, sentence_start: int, start: int) -> bool:
    """The value follows a count verb directly: 培育10—20家…, 建设一所…."""
    head = text[max(sentence_start, start - 4) : start].rstrip()
    return any(head.endswith(w) for w in vocab()["count_verbs"])


def _count_verb_in_clause(text: str, sentence_start: int, start: int) -> bool:
    """A count verb earlier in the value's clause: 建成10号线二期…共67公里轨道交通线."""
    clause = text[_clause_start(text, sentence_start, start) : start]
    return any(w in clause for w in vocab()["count_verbs"])


def _set_after(text: str, end: int, sentence_end: int) -> str:
    """The set a share is taken of, printed after it: `…以上的政务服务事项“一网通办”。` → 政务服务事项“一网通办”."""
    m = regex.match(r"\s*的?(?P<set>[^，。；,;]{2,30})", text[end:sentence_end])
    return m["set"].strip() if m else ""


def _stands_alone(after: str, has_verb: bool) -> bool:
    """Whether a value ends its phrase rather than qualifying a noun (`1万人以上的旅行社`)."""
    after = after.lstrip()
    if not after or any(after.startswith(w) for w in vocab()["value_followers"]):
        return True
    if any(after.startswith(w) for w in vocab()["condition_followers"]):
        return False
    return has_verb or not regex.match(r"\p{Han}", after)


def _clause_start(text: str, sentence_start: int, pos: int) -> int:
    """Where the clause holding `pos` starts (after the last ，；： before it)."""
    return max([sentence_start] + [text.rfind(c, sentence_start, pos) + 1 for c in CLAUSE_END])


def _indicator(text: str, sentence_start: int, value_start: int) -> tuple[int, str]:
    """(start, indicator) for the clause before a value: `…，使有需求的持证残疾人接受基本康复服务比例`."""
    i, depth = value_start, 0
    while i > sentence_start:  # back to the clause start; `（Ⅱ级）` inside an indicator is kept
        c = text[i - 1]
        if c in CLOSE_PARENS:
            depth += 1
        elif c in OPEN_PARENS:
            if depth == 0:
                break  # the value sits inside brackets: （不超过6个月）
            depth -= 1
        elif c in CLAUSE_END and depth == 0:
            break
        elif c == "、" and depth == 0 and LIST_VALUE_END_RE.search(text, sentence_start, i - 1):
            break  # 打造区域公用品牌2个、地理标志产品14个: the list's previous value ends there
        i -= 1
    indicator = _strip_lead(text[i:value_start])
    start, left = value_start, len(indicator)
    while left and start > i:  # walk back over the indicator's characters, skipping spaces
        start -= 1
        if not text[start].isspace():
            left -= 1
    return start, indicator


def _strip_lead(raw: str) -> str:
    """The indicator without spaces, leading goal words and year phrases (`力争到2020年`)."""
    t = _WS.sub("", raw)
    cut = max((t.rfind(w) + len(w) for w in ("力争", "确保", "争取") if w in t), default=0)
    if cut and len(t) - cut >= 2:  # …服务的高质量运行力争3年内申报 → 申报 (the goal starts at 力争)
        t = regex.sub(r"^(?:用)?(?:\d+|[一二两三四五六七八九十])个?(?:年|月)(?:内|时间)?", "", t[cut:])
    prefixes = sorted(vocab()["indicator_strip_prefixes"], key=len, reverse=True)
    changed = True
    while changed and t:
        changed = False
        gm = goal_year_re().match(t)
        if gm:
            t, changed = t[gm.end():], True
        for p in prefixes:
            if t.startswith(p):
                t, changed = t[len(p):], True
                break
    for suffix in sorted(vocab()["indicator_strip_suffixes"], key=len, reverse=True):
        if t.endswith(suffix) and len(t) > len(suffix):
            t = t[: -len(suffix)]
    return t


# ---------------------------------------------------------------- due dates of task tables

DUE_RE = regex.compile(
    rf"""
    (?P<y>{YEAR})\s*年
    (?:\s*(?P<half>上半年|下半年)
      | \s*(?P<m>\d{{1,2}})\s*月(?:\s*(?P<d>\d{{1,2}})\s*日)?
    )?
    """,
    regex.VERBOSE,
)


def parse_due(cell: str) -> str | None:
    """The latest date a 完成时限 cell allows: `2021 年\\n6 月 30 日` → 2021-06-30, `2021年底` → 2021-12-31."""
    best = None
    for m in DUE_RE.finditer(cell or ""):
        y = int(m.group("y"))
        if m.group("half") == "上半年":
            mo, d = 6, 30
        elif m.group("m"):
            mo = int(m.group("m"))
            if not 1 <= mo <= 12:
                continue
            d = int(m.group("d")) if m.group("d") else calendar.monthrange(y, mo)[1]
            if not 1 <= d <= calendar.monthrange(y, mo)[1]:
                continue
        else:
            mo, d = 12, 31
        iso = f"{y:04d}-{mo:02d}-{d:02d}"
        best = max(best, iso) if best else iso
    return best


# ---------------------------------------------------------------- indicator tables

# A value cell: ≥90% · >85 · 100% · 1万人 · >700 人 · 90%以上
VALUE_CELL_RE = regex.compile(
    rf"""
    ^\s*(?P<prefix>[≥≧≤≦＞＜><]=?)?
    \s*{NUMBER}
    \s*(?P<unit>%|％|[\p{{Han}}]{{1,4}}?)?
    \s*(?P<suffix>以上|以下|以内)?\s*$
    """,
    regex.VERBOSE,
)

# Ordinal before an indicator name: `1.残疾人家庭人均收入年均增长(%)`, `10. 残疾人辅助器具适配率`
ORDINAL_RE = regex.compile(r"^\s*\d{1,3}\s*[.、．]\s*")

# Unit in brackets at the end of an indicator name: `(%)`, `（人）`, `（万人）`
NAME_UNIT_RE = regex.compile(r"[（(]\s*(?P<unit>[^（）()]{1,4})\s*[）)]\s*$")

# A column header naming a year: `2025 年`, `2025年目标值`
HEADER_YEAR_RE = regex.compile(rf"(?P<y>{YEAR})\s*年")


def targets_from_table(rows: list[list[str]]) -> list[tuple[int, int, Target]]:
    """(row index, column index, Target) for every goal in an indicator or task table.

    Indicator tables (指标 | 2025年 | 属性) give one Target per row from the target
    column; task tables (… | 重点任务 | 完成时限) give the quantified goals of the
    task cell, due by the 完成时限 date.
    """
    try:
        return _table_targets(rows)
    except Exception:  # noqa: BLE001 — a parse function never raises on odd input
        return []


def _clean(cell: object) -> str:
    return _WS.sub("", str(cell or ""))


def _columns(header: list[str]) -> dict:
    """Which column holds what: indicator, task, binding, due, target (+ its year)."""
    v = vocab()
    cols: dict = {}
    years: list[tuple[int, int]] = []
    for j, raw in enumerate(header):
        cell = _clean(raw)
        for key in ("binding", "due", "base", "task", "indicator", "target"):
            if key not in cols and any(w in cell for w in v[f"header_{key}"]):
                cols[key] = j
                break
        y = HEADER_YEAR_RE.search(cell)
        if y and cols.get("base") != j:
            years.append((int(y.group("y")), j))
    if years:
        year, j = max(years)
        cols.setdefault("target", j)
        cols["year"] = year if cols["target"] == j else None
    return cols


def _header_row(rows: list[list[str]]) -> tuple[int, dict] | None:
    """(index, columns) of the first of the top rows that reads as a header."""
    for i, row in enumerate(rows[:3]):
        cols = _columns(row)
        if ("indicator" in cols and "target" in cols) or "due" in cols:
            return i, cols
    return None


def _table_targets(rows: list[list[str]]) -> list[tuple[int, int, Target]]:
    found = _header_row(rows)
    if found is None:
        return []
    h, cols = found
    out: list[tuple[int, int, Target]] = []
    for i in range(h + 1, len(rows)):
        row = rows[i]
        if "indicator" in cols and "target" in cols and "due" not in cols:
            t = _indicator_row(row, cols)
            if t is not None:
                out.append((i, cols["target"], t))
        else:
            out.extend((i, j, t) for j, t in _task_row(row, cols))
    return out


def _cell(row: list[str], j: int | None) -> str:
    return str(row[j] or "") if j is not None and 0 <= j < len(row) else ""


def _indicator_row(row: list[str], cols: dict) -> Target | None:
    """The Target of one indicator-table row: `1.残疾人家庭人均收入年均增长(%) | ≥6 | 预期性`."""
    value_text = _cell(row, cols["target"])
    m = VALUE_CELL_RE.match(value_text)
    name = ORDINAL_RE.sub("", _WS.sub("", _cell(row, cols.get("indicator"))))
    if not m or not name:
        return None
    unit_m = NAME_UNIT_RE.search(name)
    if unit_m:
        name = name[: unit_m.start()]
    unit = normalize_unit(m.group("unit")) or (unit_m.group("unit") if unit_m else None)
    return Target(
        indicator=name,
        value=parse_number(m.group("num")),
        unit=unit,
        comparator=_cell_comparator(m.group("prefix"), m.group("suffix")),  # type: ignore[arg-type]
        year=cols.get("year"),
        binding=_binding(_cell(row, cols.get("binding"))),  # type: ignore[arg-type]
        surface=value_text.strip(),
        start=0,
        end=len(value_text),
    )


def _cell_comparator(symbol: str | None, suffix: str | None) -> str:
    """Comparator of a value cell: symbol first (`≥6`), else 以上/以下."""
    return comparator_of(symbol, None) if symbol else comparator_of(None, suffix)


def _binding(cell: str) -> str | None:
    """`预期性` → expected, `约束性` → binding."""
    text = _clean(cell)
    for kind, words in vocab()["binding_words"].items():
        if any(w in text for w in words):
            return kind
    return None


def _task_row(row: list[str], cols: dict) -> list[tuple[int, Target]]:
    """Quantified goals of a task-table row, due by its 完成时限 cell."""
    due = parse_due(_cell(row, cols.get("due")))
    j = cols.get("task")
    if j is None or j >= len(row):
        others = [k for k in range(len(row)) if k != cols.get("due")]
        j = max(others, key=lambda k: len(str(row[k] or "")), default=None)
    if j is None:
        return []
    year = int(due[:4]) if due else None
    out = []
    for t in find_goal_values(_cell(row, j), year):
        t.due, t.year = due or t.due, year or t.year
        out.append((j, t))
    return out
