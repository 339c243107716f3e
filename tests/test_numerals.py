"""Numerals: full-width digits, Chinese numbers (小写, 大写, digit-by-digit years), mixed 3.5万."""

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.extractors.numerals import (
    ARABIC_NUMBER,
    CN_NUMBER,
    NUMBER,
    parse_cn_number,
    to_ascii_digits,
)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("一百二十", 120),  # 一百二十到一百五十万元
        ("两千五百", 2500),
        ("两千五", 2500),  # a lone digit after a unit is one step below it
        ("三万五", 35000),
        ("壹万贰仟", 12000),  # 大写
        ("十", 10),
        ("十五", 15),
        ("一百零五", 105),
        ("一千零一十", 1010),
        ("一亿二千万", 120_000_000),
        ("三点五", 3.5),
    ],
)
def test_chinese_numbers_read_positionally(text, value):
    assert parse_cn_number(text) == value


def test_year_digits_without_units_read_one_by_one():
    # 二〇三五年远景目标纲要 (000_: 四个五年规划和二〇三五年远景目标纲)
    assert parse_cn_number("二〇三五") == 2035
    assert parse_cn_number("二〇二五") == 2025


@pytest.mark.parametrize(
    ("text", "value"),
    [("59.53万", 595_300), ("1.18万亿", 1_180_000_000_000), ("3000万", 30_000_000), ("5千万", 50_000_000)],
)
def test_mixed_arabic_and_chinese_units_multiply(text, value):
    # 年度投入资金59.53万元 (001_); 累计投入民生资金 1.18 万亿元 (003_)
    assert parse_cn_number(text) == pytest.approx(value)


def test_full_width_digits_and_separators_parse():
    assert parse_cn_number("１，０００") == 1000
    assert parse_cn_number("1,000") == 1000
    assert parse_cn_number("５９．５３") == pytest.approx(59.53)


def test_non_numbers_give_none():
    for text in ["", "万", "元", "abc", "三x", "十四五规划"]:
        assert parse_cn_number(text) is None


def test_to_ascii_digits_keeps_length_and_chinese_commas():
    text = "资金５９．５３万元，１０，０００元"
    out = to_ascii_digits(text)
    assert out == "资金59.53万元，10,000元"
    assert len(out) == len(text)


def test_arabic_number_piece_prefers_thousands_groups():
    assert regex.fullmatch(ARABIC_NUMBER, "1,000")
    assert regex.fullmatch(ARABIC_NUMBER, "59.53")
    assert regex.match(ARABIC_NUMBER, "1,00").group() == "1"


def test_cn_number_piece_covers_daxie_and_zero_forms():
    for text in ["壹万贰仟", "一百二十", "二〇二五", "两千", "十万", "三点五"]:
        assert regex.fullmatch(CN_NUMBER, text), text
    assert not regex.fullmatch(CN_NUMBER, "万")


def test_number_piece_matches_both_scripts():
    assert [m.group() for m in regex.finditer(NUMBER, "给予 30万元、五万元")] == ["30", "五万"]


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_parse_cn_number_never_raises(text):
    value = parse_cn_number(text)
    assert value is None or isinstance(value, float)
    assert len(to_ascii_digits(text)) == len(text)
