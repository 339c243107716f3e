"""Money amounts in running gazette text: 59.53万元 → 595300 yuan, with bound, per-basis and role.

`find_amounts` finds every amount in a paragraph (offsets into that text); `parse_amount`
reads one short expression. Vocabularies (multipliers, bound, per and role words) are in
extract/data/amounts.yaml; this module holds the logic that reads them.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from functools import cache

import regex

from extract.data import load_yaml
from extract.extractors.numerals import (
    ARABIC_NUMBER,
    BIG_UNITS,
    CN_DIGITS,
    CN_NUMBER,
    SMALL_UNITS,
    parse_cn_number,
    to_ascii_digits,
)
from extract.model import Amount

CN_DIGITS_CLASS = "".join(CN_DIGITS) + "".join(SMALL_UNITS)
# The section units a range's low end may borrow from its high end (一千到两千万元: 万).
_SECTION_UNITS = (Decimal(10_000), Decimal(100_000_000), Decimal(1_000_000_000_000))


def _alt(words: object) -> str:
    """A regex alternation of `words`, longest first (so 及以上 is tried before 以上)."""
    items = sorted({str(w) for w in (words or [])}, key=lambda w: (-len(w), w))
    return "|".join(regex.escape(w) for w in items) or "(?!)"


@dataclass(frozen=True)
class _Rules:
    """The compiled patterns and lookup tables built once from amounts.yaml."""

    amount_re: regex.Pattern
    bare_re: regex.Pattern  # 5000 万 in `5000 万和 1 亿元`
    left_bound_re: regex.Pattern
    left_per_re: regex.Pattern
    per_chain_re: regex.Pattern
    per_item_re: regex.Pattern
    cue_re: regex.Pattern
    joiner_gap_re: regex.Pattern
    range_gap_re: regex.Pattern
    unit_only_re: regex.Pattern  # 超亿元 / 亿元以上: a unit with no number is one of it
    multipliers: dict[str, Decimal]
    bound_of: dict[str, str]
    per_of: dict[str, str]
    role_of: dict[str, str | None]
    vocab: dict


@cache
def _rules() -> _Rules:
    """Build every pattern from amounts.yaml once per process."""
    v = load_yaml("amounts.yaml")
    mult = {str(k): Decimal(str(f)) for k, f in v["multipliers"].items()}
    bound_of = {w: b for b, d in v["bounds"].items() for side in ("prefix", "suffix") for w in d[side]}
    per_of = {str(k): str(p) for k, p in v["per_words"].items()}
    role_of = {w: r for r, ws in v["roles"].items() for w in ws}
    role_of.update({w: None for w in v["not_role_cues"]})
    blockers = "".join(v["cn_digit_blockers_before"])
    # A number: arabic (59.53, 1,000) or Chinese (五, 一百二十, 壹万贰仟) not inside a word (统一元数据).
    number = rf"(?:(?<![\d.,]){ARABIC_NUMBER}|(?<![{blockers}]){CN_NUMBER})"
    mult_alt = _alt(mult)
    kuai = regex.escape(v["colloquial_yuan"])
    low_yuan = rf"{_alt(v['currencies'])}|{kuai}(?=钱|[毛角]|\s*[\d一二三四五六七八九]\s*[毛角分]|\s*$|[^\p{{Han}}])"
    yuan = rf"(?P<cur>{low_yuan})"
    # 几十万块 / 十几块钱 / 三五百块: a vague number, read as a range
    fuzzy = rf"(?<![{blockers}])(?:(?P<fuzzy>{_alt(v['fuzzy_numbers'])})|(?P<pair>[一二三四五六七八九]{{2}})(?P<pair_unit>[十百千])?)"
    more = rf"(?P<more>{_alt(v['more_than_words'])})?"
    per_alt = _alt(per_of)
    per_suffix = rf"/\s*[（(]?(?P<per_suffix>(?:{per_alt})(?:\s*[·/・]\s*(?:{per_alt}))*)[)）]?"
    incl = rf"[（(]\s*{regex.escape(v['inclusive_word'])}\s*(?:{number}\s*(?:{mult_alt})?\s*(?:{low_yuan}))?\s*[)）]"
    sub = "|".join(regex.escape(u) for u in v["subunits"])
    first = "".join(CN_DIGITS) + "十拾" + "".join(sorted({w[0] for w in v["fuzzy_numbers"]}))
    amount = rf"""
        (?=[\d{first}])                                # a cheap first-character check
        (?:                                            # optional low end of a range:
          (?P<low>{number})\s*(?P<low_mult>{mult_alt})?\s*(?:(?P<low_cur>{low_yuan})\s*)?   # 1万 / 100 元
          (?:{incl}\s*)?                                # 1万(含)-5万元
          (?:{_alt(v["range_separators"])})\s*          # 至 到 - — ~ --  (100 元至 300 元)
        )?
        (?:{fuzzy}|(?P<num>{number}))\s*{more}\s*(?P<mult>{mult_alt})?\s*{more}\s*   # 59.53 万 / 7500多亿
        {yuan}(?!{_alt(v["not_money_after_yuan"])})    # 元 / 美元 / 块, not 元旦 / 二元结构
        (?:{_alt(v["yuan_suffixes"])})?                # 2000万元人民币
        (?P<sub>(?:\s*[0-9一二三四五六七八九]\s*(?:{sub}))*)钱?  # 3元5角2分 / 六角七分钱
        (?:\s*(?:                                      # what may follow: (含 3 亿元) / 以上 / /亩
          {incl}
          | (?P<bound_suffix>{_alt(w for d in v["bounds"].values() for w in d["suffix"])})
          | {per_suffix}
        ))*
    """
    bare = rf"(?P<num>{number})\s*(?P<mult>{mult_alt})(?=\s*(?:{_alt(v['list_joiners'])}))"
    per_chain = rf"(?:{regex.escape(v['per_marker'])}(?:{per_alt}))+"
    return _Rules(
        amount_re=regex.compile(amount, regex.VERBOSE),
        bare_re=regex.compile(bare),
        left_bound_re=regex.compile(rf"(?:{_alt(w for d in v['bounds'].values() for w in d['prefix'])})\s*$"),
        left_per_re=regex.compile(rf"(?:{per_chain}|{_alt(v['per_prefix_words'])})\s*$"),
        per_chain_re=regex.compile(per_chain),
        per_item_re=regex.compile(per_alt),
        cue_re=regex.compile(_alt(role_of)),
        joiner_gap_re=regex.compile(rf"^\s*(?:{_alt(v['list_joiners'])})?\s*$"),
        range_gap_re=regex.compile(r"^[\s、，,和且]*$"),
        unit_only_re=regex.compile(
            rf"(?:(?<=(?:{_alt(v['unit_only_before'])})\s*)(?P<mult>{mult_alt})(?P<cur>{low_yuan})"
            rf"|(?<![\d{CN_DIGITS_CLASS}])(?P<mult>{mult_alt})(?P<cur>{low_yuan})(?=\s*(?:{_alt(v['unit_only_after'])})))"
        ),
        multipliers=mult,
        bound_of=bound_of,
        per_of=per_of,
        role_of=role_of,
        vocab=v,
    )


# ---------------------------------------------------------------- values


def _split_value(num: str, mult: str | None) -> tuple[Decimal, Decimal] | None:
    """(core, factor) of a printed number: (59.53, 10000) for 59.53万, (150, 10000) for 一百五十万."""
    r = _rules()
    num = regex.sub(r"\s+", "", num)
    if mult:
        core = parse_cn_number(num)
        return None if core is None else (Decimal(str(core)), r.multipliers[mult])
    for word in sorted(r.multipliers, key=len, reverse=True):
        head = num[: -len(word)]
        if num.endswith(word) and head and not any(c in BIG_UNITS for c in head):
            core = parse_cn_number(head)
            if core is not None:
                return Decimal(str(core)), r.multipliers[word]
    core = parse_cn_number(num)
    return None if core is None else (Decimal(str(core)), Decimal(1))


def _subunits(sub: str) -> Decimal:
    """角/分 after 元: `5角2分` → 0.52."""
    units = {k: Decimal(str(f)) for k, f in _rules().vocab["subunits"].items()}
    total = Decimal(0)
    for m in regex.finditer(rf"(\S)\s*({'|'.join(units)})", sub):
        digit = parse_cn_number(m.group(1))
        total += Decimal(str(digit or 0)) * units[m.group(2)]
    return total


def _fuzzy(m: regex.Match) -> tuple[float, float, float] | None:
    """几十万块 → (100000, 100000, 1000000); 三五百块 → (300, 300, 500)."""
    r = _rules()
    factor = r.multipliers[m.group("mult")] if m.group("mult") else Decimal(1)
    if m.group("fuzzy"):
        lo, hi = (Decimal(str(x)) for x in r.vocab["fuzzy_numbers"][m.group("fuzzy")])
    else:
        a, b = (Decimal(str(parse_cn_number(c))) for c in m.group("pair"))
        if b <= a:
            return None  # 一二 is no range
        unit = Decimal(SMALL_UNITS[m.group("pair_unit")]) if m.group("pair_unit") else Decimal(1)
        lo, hi = a * unit, b * unit
    return float(lo * factor), float(lo * factor), float(hi * factor)


def _values(m: regex.Match) -> tuple[float, float | None, float | None] | None:
    """(value, low, high) in yuan for an amount match; low/high only for ranges."""
    if m.group("num") is None:
        return _fuzzy(m)
    high = _split_value(m.group("num"), m.group("mult"))
    if high is None:
        return None
    value = high[0] * high[1] + _subunits(m.group("sub") or "")
    if m.group("low") is None:
        return float(value), None, None
    low = _split_value(m.group("low"), m.group("low_mult"))
    if low is None:
        return None
    factor = low[1]
    big = high[1] if factor == 1 else max((f for f in _SECTION_UNITS if high[1] % f == 0), default=Decimal(1))
    if (
        factor < 10000 and big > 1
        and not m.group("low_cur")
        and not m.group("low_mult")
        and low[0] * factor * big <= value
    ):
        factor *= big  # 一百二十到一百五十万元 / 一千到两千万元: the low end borrows 万 (or 亿)
    return float(low[0] * factor), float(low[0] * factor), float(value)


# ---------------------------------------------------------------- context: bound, per, role


def _per_text(chain: str) -> str | None:
    """每人每月 / 人·月 / 人/年 → 人·月 / 人·年 (canonical per words joined with ·)."""
    r = _rules()
    words = [r.per_of.get(w, r.vocab["per_prefix_words"].get(w, w)) for w in r.per_item_re.findall(chain)]
    if not words:
        prefix = r.vocab["per_prefix_words"]
        words = [prefix[w] for w in prefix if w in chain]
    return r.vocab["per_joiner"].join(words) or None


def _extend_left(text: str, start: int, floor: int) -> tuple[int, str | None, str | None]:
    """Take bound and per words printed right before the number: 最高不超过 300万元, 每人每月 100元."""
    r = _rules()
    bound = per = None
    for _ in range(3):
        window = text[max(floor, start - 16) : start]
        mb = r.left_bound_re.search(window)
        if mb and bound is None:
            bound, start = r.bound_of[mb.group().strip()], start - len(window) + mb.start()
            continue
        mp = r.left_per_re.search(window)
        if mp and per is None:
            per, start = _per_text(mp.group()), start - len(window) + mp.start()
            continue
        break
    return start, bound, per


def _per_before(text: str, start: int, floor: int) -> str | None:
    """A 每… phrase a few words before the amount: 每人每月分别给予 300 元 → 人·月."""
    r = _rules()
    window = text[max(floor, start - 30) : start]
    last = None
    for m in r.per_chain_re.finditer(window):
        last = m
    if last is None:
        return None
    gap = regex.sub(r"[（(][^（()）]*[)）]", "", window[last.end() :])  # 每张床位(含公共设施30平方米)6000元
    breaks = r.vocab["clause_breaks"] + "，,、"
    if len(gap.strip()) > r.vocab["per_gap"] or regex.search(rf"[\d{regex.escape(breaks)}]", gap):
        return None
    return _per_text(last.group())


def _role_before(text: str, start: int, floor: int) -> str | None:
    """The role cue nearest before the amount in its sentence (after the previous amount):
    固定资产投资 1 亿元 → investment."""
    r = _rules()
    window = text[max(floor, start - r.vocab["role_window_before"]) : start]
    cut = max((window.rfind(c) for c in r.vocab["clause_breaks"]), default=-1)
    roles = [r.role_of[m.group()] for m in r.cue_re.finditer(window[cut + 1 :])]
    roles = [x for x in roles if x]  # 消费 holds 费 but is no fee
    return roles[-1] if roles else None


def _role_after(text: str, end: int) -> str | None:
    """A role cue right after the amount (30万元奖励, 10 万元的创业担保贷款), unless a number follows it."""
    r = _rules()
    window = text[end : end + r.vocab["role_window_after"]]
    stop = min((i for i, c in enumerate(window) if c in r.vocab["after_breaks"]), default=len(window))
    m = r.cue_re.search(window[:stop])
    if not m or not r.role_of[m.group()] or regex.search(r"\d", window[: m.start()]):
        return None
    follow = text[end + m.end() : end + m.end() + 4]
    if regex.match(rf"\s*(?:\d|{CN_NUMBER}\s*[万亿千百]?元)", follow):
        return None  # 3亿元以下的奖励 50万元: that 奖励 belongs to the next amount
    return r.role_of[m.group()]


# ---------------------------------------------------------------- finding


def _amount_at(text: str, m: regex.Match, floor: int, prev: Amount | None) -> Amount | None:
    """The Amount for one match, with its context read from `text`.

    With no cue of its own, an amount takes the role of the amount before it in the same clause
    (听力残疾儿童每人每年2.4万元 after …救助标准…每人每年2万元)."""
    values = _values(m)
    if values is None:
        return None
    value, low, high = values
    start, bound, per = _extend_left(text, m.start(), floor)
    end = m.start() + len(m.group().rstrip())
    if m.group("bound_suffix"):
        bound = _rules().bound_of[m.group("bound_suffix")]
    elif m.group("more") and bound is None:
        bound = "min"  # 7500多亿元
    if m.group("per_suffix"):
        per = _per_text(m.group("per_suffix"))
    per = per or _per_before(text, start, floor)
    role = _role_after(text, end) or _role_before(text, start, floor)
    if role is None and prev is not None:
        breaks = _rules().vocab["clause_breaks"] + _rules().vocab["inherit_breaks"]
        if not any(c in breaks for c in text[prev.end : start]):
            role = prev.role
    kind = "range" if low is not None else (bound or "exact")
    currency = _rules().vocab["currencies"].get(m.group("cur"), "CNY")
    return Amount(text[start:end], value, kind, low, high, per, role, start, end, currency,
                  _status(text, start, end, floor))


def _status(text: str, start: int, end: int, floor: int) -> str | None:
    """past (累计投入1.18万亿元), committed (给予10万元奖励, 安排资金5亿元) or None, from its clause."""
    v = _rules().vocab
    window = text[max(floor, start - v["role_window_before"]) : start]
    cut = max((window.rfind(c) for c in v["clause_breaks"] + "，,"), default=-1)
    before = window[cut + 1 :]
    after = text[end : end + 4]
    if any(w in before for w in v["past_cues"]):
        return "past"
    if any(w in before or w in after for w in v["committed_cues"]):
        return "committed"
    return None


def _bare_before(norm: str, a: Amount, floor: int) -> Amount | None:
    """`5000 万和 1 亿元`: a number + 万 with its 元 left to the next amount of a list."""
    r = _rules()
    gap = norm[floor : a.start]
    for m in r.bare_re.finditer(gap):
        if r.joiner_gap_re.match(gap[m.end() :]) and gap[m.end() :].strip():
            split = _split_value(m.group("num"), m.group("mult"))
            if split is None:
                return None
            s, e = floor + m.start(), floor + m.end()
            return replace(
                a,
                surface=norm[s:e],
                value_yuan=float(split[0] * split[1]),
                bound="exact",
                low_yuan=None,
                high_yuan=None,
                start=s,
                end=e,
            )
    return None


def _share_in_lists(text: str, amounts: list[Amount]) -> list[Amount]:
    """Amounts joined by 、/和 share the last one's role cue and the first one's per basis."""
    r = _rules()
    out = list(amounts)
    i = 0
    while i < len(out):
        j = i
        while j + 1 < len(out) and r.joiner_gap_re.match(text[out[j].end : out[j + 1].start]):
            j += 1
        if j > i:
            role = _role_after(text, out[j].end) or out[i].role
            per = out[i].per
            bound = _list_bound(out[i : j + 1])
            for k in range(i, j + 1):
                b = bound if bound and out[k].bound == "exact" else out[k].bound
                out[k] = replace(out[k], role=role or out[k].role, per=out[k].per or per, bound=b)
        i = j + 1
    return out


def _list_bound(items: list[Amount]) -> str | None:
    """A bound printed once for a list: 超过1亿元、5亿元、10亿元 (first) / 1000万元、2000万元、1亿元以上 (last)."""
    first, last = items[0].bound, items[-1].bound
    if last in ("min", "max") and all(a.bound in ("exact", last) for a in items):
        return last
    if first in ("min", "max") and all(a.bound in ("exact", first) for a in items):
        return first
    return None


def _merge_ranges(text: str, amounts: list[Amount]) -> list[Amount]:
    """`2亿元以上(含 2亿元)3亿元以下` / `3 亿元以下、1亿元以上` → one range amount."""
    out: list[Amount] = []
    for a in amounts:
        prev = out[-1] if out else None
        if prev and {prev.bound, a.bound} == {"min", "max"} and prev.value_yuan and a.value_yuan:
            low, high = (prev, a) if prev.bound == "min" else (a, prev)
            if low.value_yuan < high.value_yuan and _rules().range_gap_re.match(text[prev.end : a.start]):
                out[-1] = Amount(
                    text[prev.start : a.end],
                    low.value_yuan,
                    "range",
                    low.value_yuan,
                    high.value_yuan,
                    prev.per or a.per,
                    prev.role or a.role,
                    prev.start,
                    a.end,
                    prev.currency,
                    prev.status or a.status,
                )
                continue
        out.append(a)
    return out


def _unit_only(norm: str, found: list[Amount]) -> list[Amount]:
    """超亿元 / 亿元以上 / 千亿元级: a money unit printed without a number is one of it."""
    r = _rules()
    out = []
    for m in r.unit_only_re.finditer(norm):
        if any(a.start < m.end() and m.start() < a.end for a in found):
            continue
        start, bound, per = _extend_left(norm, m.start(), 0)
        end = m.end()
        tail = norm[end : end + 3]
        if tail.startswith(tuple(r.vocab["bounds"]["min"]["suffix"])):
            bound, end = "min", end + (3 if tail.startswith("及以上") else 2)
        role = _role_after(norm, end) or _role_before(norm, start, 0)
        out.append(Amount(norm[start:end], float(r.multipliers[m.group("mult")]), bound or "exact", None, None,
                          per, role, start, end, r.vocab["currencies"].get(m.group("cur"), "CNY"), _status(norm, start, end, 0)))
    return out


def find_amounts(text: str) -> list[Amount]:
    """Every money amount in `text`, in order; `start`/`end` are offsets into `text`."""
    if not isinstance(text, str) or not text:
        return []
    norm = to_ascii_digits(text)
    found: list[Amount] = []
    floor = 0
    for m in _rules().amount_re.finditer(norm):
        a = _amount_at(norm, m, floor, found[-1] if found else None)
        if a is None:
            continue
        bare = _bare_before(norm, a, floor)
        if bare is not None:
            found.append(replace(bare, role=a.role, per=a.per))
        found.append(a)
        floor = a.end
    found = sorted(found + _unit_only(norm, found), key=lambda a: a.start)
    found = _merge_ranges(norm, _share_in_lists(norm, found))
    return [replace(a, surface=text[a.start : a.end]) for a in found]


def _lone_number(text: str) -> Amount | None:
    """One expression that is a number with a unit and no currency: 三百万, 肆佰叁拾萬, 15k左右."""
    r = _rules()
    bounds = [w for d in r.vocab["bounds"].values() for w in d["prefix"] + d["suffix"]]
    words = _alt(r.vocab["approx_words"] + bounds)
    m = regex.fullmatch(rf"\s*(?:{words})?\s*(?P<num>{ARABIC_NUMBER}|{CN_NUMBER})\s*(?P<mult>{_alt(r.multipliers)})?"
                        rf"\s*(?:{words})?\s*", to_ascii_digits(text))
    if m is None or not (m.group("mult") or any(c in BIG_UNITS for c in m.group("num"))):
        return None  # a bare 300 is no money
    split = _split_value(m.group("num"), m.group("mult"))
    if split is None:
        return None
    return Amount(text.strip(), float(split[0] * split[1]), start=m.start("num"), end=m.end())


def parse_amount(text: str) -> Amount | None:
    """The first amount in a short expression (`最高不超过 300 万元` → max 3000000), or None.

    Read alone, a number with a unit and no currency is taken as yuan (三百万, 15k左右)."""
    if isinstance(text, str) and not find_amounts(text):
        return _lone_number(text)
    found = find_amounts(text)
    return found[0] if found else None
