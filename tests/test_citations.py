"""Citations: 文号 in every bracket variant, 《title》（文号） pairs, bare titles, title linking."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.extractors.citations import TITLE_RE, cited_titles_equal, find_citations, title_key
from extract.segment.docnumber import (
    DOC_NUMBER_LINE_RE,
    DOC_NUMBER_RE,
    ORDER_NUMBER_RE,
    format_order_number,
    normalize_doc_number,
)


def numbers(text: str) -> list[str | None]:
    return [c.doc_number for c in find_citations(text)]


# ---------------------------------------------------------------- 文号 variants (named regex alone)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("（国发〔2021〕10号）", "国发〔2021〕10号"),  # 001_: 六角括号
        ("（内政办发〔2021〕8 号）要求", "内政办发〔2021〕8号"),  # 004_: space before 号
        ("(中办发 [2015]39号)要求", "中办发〔2015〕39号"),  # 003_: square brackets, space after issuer
        ("(内政办字 （2015)171号)要", "内政办字〔2015〕171号"),  # 003_: full-width open, half close
        ("厅发[2016)20 号", "厅发〔2016〕20号"),  # 003_: mismatched [ )
        ("内政办发（2011）83 号", "内政办发〔2011〕83号"),  # 003_: full-width parens
        ("(国知发保字(2021]37 号)要求", "国知发保字〔2021〕37号"),  # 000_: ( ]
        ("（国办发[2019]15 号）精神", "国办发〔2019〕15号"),  # 003_
        ("（国发〔2015〕\n\n43 号）、《", "国发〔2015〕43号"),  # 000_ raw: wrapped inside the number
    ],
)
def test_doc_number_re_normalizes_every_bracket_variant(text: str, expected: str) -> None:
    assert normalize_doc_number(text) == expected


def test_doc_number_issuer_drops_leading_words() -> None:
    # 002_: "日，不再重复享受包东政发〔2019〕433号和包东政办发〔2019〕48号政策。"
    text = "日，不再重复享受包东政发〔2019〕433号和包东政办发〔2019〕48号政策。"
    found = [m.group("issuer") for m in DOC_NUMBER_RE.finditer(text)]
    assert found == ["包东政发", "包东政办发"]


def test_doc_number_issuer_stops_at_verb() -> None:
    assert normalize_doc_number("按照国办发〔2019〕5号要求") == "国办发〔2019〕5号"


def test_doc_number_line_re_matches_a_notice_number_line() -> None:
    assert DOC_NUMBER_LINE_RE.match("兴署办字〔2021〕11 号")  # 004_ line 7
    assert not DOC_NUMBER_LINE_RE.match("按照（内政办发〔2021〕8 号）要求")


def test_order_number_re_reads_decree_numbers() -> None:
    # 004_: "（交通运输部令 2020 年第 22 号，以下简称《管理办法》）"; 002_: "（国务院令 第 488 号）"
    found = [format_order_number(m) for m in ORDER_NUMBER_RE.finditer("（交通运输部令 2020 年第 22 号，")]
    assert found == ["交通运输部令2020年第22号"]
    found = [format_order_number(m) for m in ORDER_NUMBER_RE.finditer("业条例》（国务院令 第 488 号）、《包头")]
    assert found == ["国务院令第488号"]


# ---------------------------------------------------------------- titles


def test_title_re_keeps_nested_angle_brackets() -> None:
    # 002_: "推动《中华人民共和国残疾人保障法》《内蒙古自治区实施〈中华人民共和国残疾人保障法〉办法》"
    text = "推动《中华人民共和国残疾人保障法》《内蒙古自治区实施〈中华人民共和国残疾人保障法〉办法》"
    assert [m.group(0) for m in TITLE_RE.finditer(text)] == [
        "《中华人民共和国残疾人保障法》",
        "《内蒙古自治区实施〈中华人民共和国残疾人保障法〉办法》",
    ]


def test_title_followed_by_doc_number_is_one_citation() -> None:
    # 001_: "依据《国务院关于印发“十四五”残疾人保障和发展规划的通知》（国发〔2021〕10号）、《内蒙古…"
    text = "依据《国务院关于印发“十四五”残疾人保障和发展规划的通知》（国发〔2021〕10号）、《内蒙古"
    (c,) = find_citations(text)
    assert c.title == "国务院关于印发“十四五”残疾人保障和发展规划的通知"
    assert c.doc_number == "国发〔2021〕10号"
    assert text[c.start : c.end] == c.surface
    assert c.surface.endswith("10号）")


def test_title_with_half_width_paren_and_space_before_it() -> None:
    # 003_ lines 3874–3876, reflowed: "…办公用房的通知》 (中办发(2013)17号)及自治区有"
    text = "按照《中共中央办公厅，国务院办公厅关于党政机关停止新建楼堂馆所和清理办公用房的通知》 (中办发(2013)17号)及自治区有"
    (c,) = find_citations(text)
    assert c.doc_number == "中办发〔2013〕17号"
    assert c.title == "中共中央办公厅，国务院办公厅关于党政机关停止新建楼堂馆所和清理办公用房的通知"


def test_title_with_inner_angle_title_and_number() -> None:
    # 002_: "…见>的通知》(包东政办发〔2019〕48号)中的"
    text = "《包头市东河区人民政府办公室关于印发<关于创建人力资源产业园加快发展人力资源服务业的实施意见>的通知》(包东政办发〔2019〕48号)中的"
    (c,) = find_citations(text)
    assert c.title.startswith("包头市东河区人民政府办公室关于印发<关于创建")
    assert c.doc_number == "包东政办发〔2019〕48号"


def test_consecutive_titles_are_separate_title_only_citations() -> None:
    # 001_: "落实《中华人民共和国宪法》《中华人民共和国民法典》《中华人民共和国残疾人保障"
    text = "落实《中华人民共和国宪法》《中华人民共和国民法典》"
    cits = find_citations(text)
    assert [c.title for c in cits] == ["中华人民共和国宪法", "中华人民共和国民法典"]
    assert all(c.doc_number is None for c in cits)


def test_wrapped_title_loses_its_line_breaks() -> None:
    # 000_ raw: "《关于强化知识产权保\n\n护的意见》(中办发[2019]56 号)"
    (c,) = find_citations("《关于强化知识产权保\n\n护的意见》(中办发[2019]56 号)《地")
    assert c.title == "关于强化知识产权保护的意见"
    assert c.doc_number == "中办发〔2019〕56号"


def test_bare_doc_numbers_without_title() -> None:
    # 002_: "不再重复享受包东政发〔2019〕433号和包东政办发〔2019〕48号政策。"
    text = "不再重复享受包东政发〔2019〕433号和包东政办发〔2019〕48号政策。"
    cits = find_citations(text)
    assert numbers(text) == ["包东政发〔2019〕433号", "包东政办发〔2019〕48号"]
    assert all(c.title is None for c in cits)
    assert [text[c.start : c.end] for c in cits] == ["包东政发〔2019〕433号", "包东政办发〔2019〕48号"]


def test_number_after_unquoted_title_is_a_number_citation() -> None:
    # 000_: "…工作的通知（银保监〔2020〕39 号）、"
    assert numbers("工作的通知（银保监〔2020〕39 号）、") == ["银保监〔2020〕39号"]


def test_decree_number_pairs_with_title_and_alias_is_skipped() -> None:
    # 004_ lines 4703–4707, reflowed
    text = "运输部制定了《小微型客车租赁经营服务管理办法》（交通运输部令 2020 年第 22 号，以下简称《管理办法》），并于"
    cits = find_citations(text)
    assert [(c.title, c.doc_number) for c in cits] == [("小微型客车租赁经营服务管理办法", "交通运输部令2020年第22号")]


def test_doc_number_wrapped_across_lines_in_raw_text() -> None:
    # 004_ raw: "…实施方案（试行）的通知》（兴署办发〔2017〕\n\n92 号）废止"
    text = "的通知》（兴署办发〔2017〕\n\n92 号）废止"
    assert numbers(text) == ["兴署办发〔2017〕92号"]


def test_find_citations_offsets_slice_the_surface() -> None:
    text = "根据《国务院办公厅关于推进养老服务发展的意见》（国办发〔2019〕5 号）要求，落实《清单》项目"
    for c in find_citations(text):
        assert text[c.start : c.end] == c.surface


# ---------------------------------------------------------------- linking titles


def test_cited_titles_equal_ignores_brackets_quotes_and_spaces() -> None:
    assert cited_titles_equal(
        "关于印发<农畜产品区域公用品牌建设三年行动方案（2021—2023年）>的通知",
        "关于印发农畜产品区域公用品牌建设三年行动方案(2021-2023 年)的通知",
    )


def test_cited_titles_equal_allows_missing_issuer_before_guanyu() -> None:
    assert cited_titles_equal("关于促进汽车租赁业健康发展的通知", "交通运输部关于促进汽车租赁业健康发展的通知")
    assert not cited_titles_equal("关于促进汽车租赁业健康发展的通知", "关于促进小微型客车租赁健康发展的指导意见")


def test_title_key_is_stable() -> None:
    assert title_key("《管理 办法》") == "管理办法"
    assert not cited_titles_equal("", "")


# ---------------------------------------------------------------- never raise


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_find_citations_never_raises(text: str) -> None:
    for c in find_citations(text):
        assert 0 <= c.start <= c.end <= len(text)


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet="《》〈〉（）()[]〔〕号国发办0123456789 \n和2021"))
def test_find_citations_never_raises_on_bracket_soup(text: str) -> None:
    for c in find_citations(text):
        assert text[c.start : c.end] == c.surface


@given(st.text(), st.text())
def test_cited_titles_equal_never_raises(a: str, b: str) -> None:
    assert cited_titles_equal(a, b) in (True, False)
