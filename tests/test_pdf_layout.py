"""Column detection, reading order, running headers and paragraph breaks over PDF line pieces."""

from __future__ import annotations

from extract.ingest.pdf_text import breaks
from extract.layout.columns import Placed, find_gutter, reading_order
from extract.layout.pdf_lines import BoxPool, dedupe, frags_of
from extract.layout.running import find_running, issue_re, page_number_re

SIZE = 10.5


def _line(text: str, x0: float, top: float, page: int = 1) -> list[tuple]:
    """Chars of one printed CJK line starting at x0."""
    return [(ch, x0 + k * SIZE, top, x0 + (k + 1) * SIZE, top + SIZE) for k, ch in enumerate(text)]


def _two_column_page(rows: int = 10) -> list[tuple]:
    chars = []
    for r in range(rows):
        chars += _line("残疾人事业是中国特色社会主义事业的重要组", 57, 100 + 18 * r)
        chars += _line("习近平总书记强调不断满足人民群众对美好生", 307, 100 + 18 * r)
    return chars


def test_gutter_found_between_two_columns():
    frags = frags_of(_two_column_page(), 1, BoxPool())
    g = find_gutter(frags)
    assert g is not None and 267 < g < 307


def test_no_gutter_on_a_one_column_page():
    chars = []
    for r in range(12):
        chars += _line("为推动残疾人事业高质量发展开启残疾人事业现代化新征程根据国务院规划", 57, 100 + 18 * r)
    chars += _line("结合兴安盟实际", 57, 400)
    assert find_gutter(frags_of(chars, 1, BoxPool())) is None


def test_reading_order_reads_left_column_then_right_between_full_width_titles():
    chars = _line("兴安盟“十四五”残疾人事业发展规划", 150, 60)
    chars += _two_column_page(6)
    chars += _line("兴安盟行政公署办公室关于印发招商引资优惠政策的通知", 120, 230)
    chars += _line("左栏第二段第一行文字内容在这里写满一整行啊", 57, 260)
    chars += _line("右栏第二段第一行文字内容在这里写满一整行啊", 307, 260)
    chars += _line("左栏第二段第二行", 57, 278)
    chars += _line("右栏第二段第二行", 307, 278)
    placed = reading_order(frags_of(chars, 1, BoxPool()), [], {})
    texts = [p.item.text for p in placed]
    assert texts[0].startswith("兴安盟“十四五”")
    assert texts[1:7] == ["残疾人事业是中国特色社会主义事业的重要组"] * 6
    assert texts[7:13] == ["习近平总书记强调不断满足人民群众对美好生"] * 6
    assert texts[13].startswith("兴安盟行政公署办公室")
    assert texts[14:] == ["左栏第二段第一行文字内容在这里写满一整行啊", "左栏第二段第二行",
                          "右栏第二段第一行文字内容在这里写满一整行啊", "右栏第二段第二行"]


def test_dedupe_drops_fake_bold_duplicates():
    chars = _line("通知", 100, 100) + [(ch, x + 0.3, t + 0.2, x1 + 0.3, b + 0.2) for ch, x, t, x1, b in _line("通知", 100, 100)]
    assert [c[0] for c in dedupe(chars)] == ["通", "知"]


def test_gap_between_latin_words_reads_as_space():
    chars = [("T", 100, 100, 105, 110), ("e", 105, 100, 110, 110), ("l", 110, 100, 113, 110), ("1", 117, 100, 122, 110)]
    assert frags_of(chars, 1, BoxPool())[0].text == "Tel 1"


def test_page_number_pattern_matches_printed_numbers_only():
    for s in ("— 12 —", "- 3 -", "第12页", "12", "12/50", "－ 7 －"):
        assert page_number_re().match(s), s
    for s in ("2022年第3期", "第三章", "12月31日前"):
        assert not page_number_re().match(s), s


def test_issue_pattern_finds_gazette_header():
    assert issue_re().search("兴安盟行政公署公报 2022年第3期")
    assert issue_re().search("2022年第 12 期")


def _page(header: str, number: str, body: str, page: int) -> tuple[list, float]:
    chars = _line(header, 300, 38) + _line(number, 290, 800) + _line(body, 57, 100)
    return frags_of(chars, page, BoxPool()), 842.0


def test_running_header_and_page_number_are_dropped_and_kept_as_metadata():
    pages = [_page("内蒙古自治区人民政府", f"—{n}—", f"第{n}页正文内容", n) for n in range(1, 5)]
    found = find_running(pages)
    for n, ((frags, _), run) in enumerate(zip(pages, found, strict=True), start=1):
        kept = [f.text for f in frags if id(f) not in run.drop]
        assert kept == [f"第{n}页正文内容"]
        assert run.header == "内蒙古自治区人民政府" and run.printed_number == str(n)


def test_unrepeated_top_line_stays_in_the_body():
    pages = [_page(f"第{n}章 不同的标题{'甲乙丙丁'[n]}", "", "正文", n) for n in range(1, 4)]
    found = find_running(pages)
    assert all(len(run.drop) == 0 for run in found)


def test_missing_printed_number_is_inferred_from_neighbours():
    pages = [_page("某某公报", f"—{n}—" if n != 2 else "", "正文", n) for n in range(1, 4)]
    assert find_running(pages)[1].printed_number == "2"


def _placed(text: str, x0: float, top: float, left: float = 57, right: float = 246, page: int = 1) -> Placed:
    f = frags_of(_line(text, x0, top), page, BoxPool())[0]
    return Placed(f, "L", 0, left, right)


def test_indented_line_starts_a_paragraph():
    assert breaks(_placed("残疾人事业是中国特色社会主义事业的重", 57, 100), _placed("十四五时期是我盟残疾人事业发", 78, 118), 18)


def test_full_line_continues_into_the_next_column_and_page():
    prev = _placed("残疾人事业是中国特色社会主义事业的重", 57, 760, page=3)
    cur = _placed("要组成部分习近平总书记强调不断满足人", 57, 72, page=4)
    assert not breaks(prev, cur, 18)


def test_short_line_ends_its_paragraph():
    assert breaks(_placed("能力比较薄弱。", 57, 100), _placed("残疾人事业是中国特色社会主义事业的重", 57, 118), 18)


def test_large_vertical_gap_starts_a_paragraph():
    prev = _placed("残疾人事业是中国特色社会主义事业的重", 57, 100)
    assert breaks(prev, _placed("残疾人事业是中国特色社会主义事业的重", 57, 150), 18)
    assert not breaks(prev, _placed("残疾人事业是中国特色社会主义事业的重", 57, 118), 18)
