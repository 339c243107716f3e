"""Numbers as gazettes print them: arabic, full-width, Chinese (小写 and 大写), mixed (3.5万).

The amount and deadline extractors match with the named pieces here and turn the matched
text into a value with `parse_cn_number`. The character tables below define the Chinese
number system itself (they never grow), so they live here rather than in extract/data/.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

import regex

# Full-width → ASCII, one character for one character so offsets never move.
_FULL_WIDTH = str.maketrans("０１２３４５６７８９．", "0123456789.")
_FW_COMMA_RE = regex.compile(r"(?<=[0-9０-９])，(?=[0-9０-９]{3}(?![0-9０-９]))")

# Digits: 小写, 大写 and the variants gazettes use (〇 ○ for zero in years, 两 for two).
CN_DIGITS: dict[str, int] = {
    "零": 0, "〇": 0, "○": 0, "Ｏ": 0,
    "一": 1, "壹": 1, "幺": 1,
    "二": 2, "贰": 2, "貳": 2, "两": 2, "兩": 2,
    "三": 3, "叁": 3, "參": 3,
    "四": 4, "肆": 4,
    "五": 5, "伍": 5,
    "六": 6, "陆": 6, "陸": 6,
    "七": 7, "柒": 7,
    "八": 8, "捌": 8,
    "九": 9, "玖": 9,
}  # fmt: skip
# Units inside a section (十 百 千) and section units (万 亿).
SMALL_UNITS: dict[str, int] = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
BIG_UNITS: dict[str, int] = {"万": 10_000, "萬": 10_000, "亿": 100_000_000, "億": 100_000_000}

_DIGIT_CLASS = "".join(CN_DIGITS)
_UNIT_CLASS = "".join(SMALL_UNITS) + "".join(BIG_UNITS)

# ---------------------------------------------------------------- named regex pieces
# Arabic: thousands separators (1,000元), decimals (59.53万元), plain (3000 万元).
# Longer alternative (with separators) first so `1,000` is not read as `1`.
ARABIC_NUMBER = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"

# Chinese: starts with a digit or 十/拾 (十万元), then digits and units, optional 点 decimals.
#   一百二十 (一百二十到一百五十万元), 两千五百, 壹万贰仟 (壹万贰仟元), 二〇二五 (二〇二五年)
CN_NUMBER = rf"(?:[{_DIGIT_CLASS}十拾][{_DIGIT_CLASS}{_UNIT_CLASS}]*(?:点[{_DIGIT_CLASS}]+)?)"

# Any number: arabic first (it is the common case), then Chinese.
NUMBER = rf"(?:{ARABIC_NUMBER}|{CN_NUMBER})"

NUMBER_RE = regex.compile(NUMBER)

_TOKEN_RE = regex.compile(
    rf"""
    (?P<arabic>{ARABIC_NUMBER})       # 59.53 in 59.53万
    | (?P<cn>[{_DIGIT_CLASS}])        # 五 in 五万
    | (?P<unit>[{_UNIT_CLASS}])       # 万 in 五万
    | (?P<point>点[{_DIGIT_CLASS}]+)  # 点五 in 三点五
    """,
    regex.VERBOSE,
)


def to_ascii_digits(s: str) -> str:
    """Full-width digits, points and digit-group commas → ASCII, same length (offsets stay valid)."""
    if not isinstance(s, str):
        return ""
    return _FW_COMMA_RE.sub(",", s).translate(_FULL_WIDTH)


def _tokens(s: str) -> list[tuple[str, str]] | None:
    """Split a number into (kind, text) tokens; None when something else is in it."""
    out: list[tuple[str, str]] = []
    pos = 0
    while pos < len(s):
        m = _TOKEN_RE.match(s, pos)
        if not m or m.end() == pos:
            return None
        out.append((m.lastgroup or "", m.group()))
        pos = m.end()
    return out


def _digit_run(tokens: list[tuple[str, str]]) -> Decimal | None:
    """二〇二五 → 2025: Chinese digits with no unit, read one by one."""
    if len(tokens) > 1 and all(k == "cn" for k, _ in tokens):
        return Decimal("".join(str(CN_DIGITS[t]) for _, t in tokens))
    return None


def _positional(tokens: list[tuple[str, str]]) -> Decimal | None:
    """Value of a unit-bearing number: 一亿二千万, 3.5万, 两千五 (= 2500), 1.18万亿."""
    total = section = Decimal(0)
    number: Decimal | None = None
    last_unit = 0
    after_unit = False
    biggest = 0
    for kind, text in tokens:
        if kind == "arabic" or kind == "cn":
            if number is not None:
                return None  # two numbers in a row: 3五, 5 5
            number = Decimal(text.replace(",", "")) if kind == "arabic" else Decimal(CN_DIGITS[text])
            after_unit = after_unit and kind == "cn" and text not in "零〇○Ｏ"
            if text in "零〇○Ｏ":
                number = None
        elif kind == "point":
            if number is None:
                return None
            number += Decimal("0." + "".join(str(CN_DIGITS[c]) for c in text[1:]))
        elif text in SMALL_UNITS:
            section += (number if number is not None else Decimal(1)) * SMALL_UNITS[text]
            number, last_unit, after_unit = None, SMALL_UNITS[text], True
        else:
            unit = BIG_UNITS[text]
            section += number or 0
            if unit > biggest:
                total, biggest = (total + section) * unit, unit
            else:
                total += section * unit
            section, number, last_unit, after_unit = Decimal(0), None, unit, True
    if number is not None:
        # 两千五 → 2500, 三万五 → 35000: a lone digit right after a unit is one step below it.
        section += number * (last_unit // 10 if after_unit and last_unit >= 100 else 1)
    return total + section


def parse_cn_number(s: str) -> float | None:
    """Value of a printed number: 一百二十 → 120, 壹万贰仟 → 12000, 二〇二五 → 2025, 3.5万 → 35000.

    Accepts arabic (full-width too, 1,000), Chinese and mixed forms; None if `s` is not one number.
    """
    if not isinstance(s, str):
        return None
    s = regex.sub(r"\s+", "", to_ascii_digits(s))
    if not s:
        return None
    tokens = _tokens(s)
    if not tokens or all(k == "unit" and t in BIG_UNITS for k, t in tokens):
        return None
    try:
        value = _digit_run(tokens)
        if value is None:
            value = _positional(tokens)
    except (InvalidOperation, ValueError, KeyError):
        return None
    return float(value) if value is not None else None
