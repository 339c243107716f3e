"""Reflow joins hard-wrapped CJK lines into paragraphs and maps every char back to its source."""

from __future__ import annotations

import regex
from conftest import CORPUS, slice_source

from extract.ingest.text import decode_source, read_text
from extract.layout.reflow import reflow

CJK_SPACE_RE = regex.compile(r"(?<=[\p{Han}，。、；：“”（）《》])\s+|\s+(?=[\p{Han}，。、；：“”（）《》])")


def _texts(src):
    return [p.text for p in reflow(src)]


def test_reflow_joins_wrapped_cjk_without_spaces_across_blank_line_wraps():
    texts = _texts(slice_source("000_cover_notice.txt"))
    assert "兴安盟行政公署关于印发《兴安盟“十四五”残疾人事业发展规划》的通知" in texts
    assert "现将《兴安盟“十四五”残疾人事业发展规划》印发给你们，请结合实际，认真贯彻落实。" in texts


def test_reflow_removes_spaces_inside_dates_and_amounts():
    texts = _texts(slice_source("000_cover_notice.txt"))
    assert "2022年5月23日" in texts
    joined = "".join(texts)
    assert "每人每月100元" in joined and "2.11多万" in joined


def test_reflow_joins_a_date_split_across_lines():
    text = "请各地各有关部门务必于2021 年 12\n\n月 31 日前完成，各地要抓紧落\n\n实。\n"
    assert _texts(decode_source(text.encode(), "x.txt")) == ["请各地各有关部门务必于2021年12月31日前完成，各地要抓紧落实。"]


def test_reflow_keeps_spaces_between_latin_words():
    src = decode_source("推广 App Store 应用，支持 Internet\nExplorer 浏览器。\n".encode(), "x.txt")
    assert _texts(src) == ["推广App Store应用，支持Internet Explorer浏览器。"]


def test_list_markers_start_new_paragraphs():
    texts = _texts(slice_source("000_cover_notice.txt"))
    assert "一、编制背景" in texts


def test_markdown_markers_are_stripped_and_numbering_is_kept():
    texts = _texts(slice_source("002_box.md"))
    assert any(t.startswith("1.巩固拓展残疾人脱贫攻坚成果。") for t in texts)
    assert not any("**" in t or t.startswith("#") for t in texts)


def test_every_paragraph_char_maps_back_to_the_same_char_in_the_source():
    for path in sorted(CORPUS.iterdir()):
        src = read_text(path)
        for p in reflow(src):
            for ch, off in zip(p.text, p.offsets, strict=True):
                if ch not in " \n\t":
                    assert src.text[off] == ch, (path.name, p.text[:30])


def test_no_spaces_left_between_cjk_characters_in_the_corpus():
    for path in sorted(CORPUS.iterdir()):
        for t in _texts(read_text(path)):
            if "\t" not in t:
                assert not CJK_SPACE_RE.search(t), (path.name, t[:60])


def test_page_number_lines_are_dropped():
    src = read_text(CORPUS / "000_a89ac985d1956224.txt")
    assert not any(regex.fullmatch(r"—\s*\d+\s*—", t) for t in _texts(src))
