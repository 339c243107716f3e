"""Paragraph joins on a held-out two-column PDF (tests/pdfgen_heldout.py: other text, ragged right, larger
type): a paragraph continued in the next line, column or page joins when its first part ends unfinished
and the next part opens no heading; every drawn paragraph comes out whole."""

from __future__ import annotations

import re

from extract.ingest.pdf import read_pdf
from extract.ingest.pdf_text import breaks
from extract.layout.columns import Placed
from extract.layout.pdf_lines import BoxPool, frags_of
from tests.pdfgen import HEADER, body_paragraphs
from tests.pdfgen_heldout import heldout_gazette

SIZE = 10.5


def _placed(text: str, x0: float, top: float, side: str = "L", page: int = 1) -> Placed:
    chars = [(ch, x0 + k * SIZE, top, x0 + (k + 1) * SIZE, top + SIZE) for k, ch in enumerate(text)]
    left, right = (57, 246) if side == "L" else (265, 454)
    return Placed(frags_of(chars, page, BoxPool())[0], side, 0, left, right)


def test_heldout_two_column_pdf_keeps_every_paragraph_whole():
    rendered, columns = heldout_gazette()
    src = read_pdf(rendered.path, ocr=False)
    got = set(body_paragraphs(src.text))
    split = [t[:30] for t, _ in rendered.paragraphs if re.sub(r"\s+", "", t) not in got]
    assert split == []
    assert len(rendered.paragraphs) >= 60
    assert sum(1 for c in columns.values() if len(c) > 1) >= 12  # continued in the next column or page
    assert sum(1 for _, pages in rendered.paragraphs if len(pages) > 1) >= 5
    assert len(set(rendered.table_pages)) == 2 and HEADER not in src.text and "— 3 —" not in src.text


def test_unfinished_line_a_pushed_char_short_continues():
    # 立残疾人温馨家园2个，有效改善了残疾人民 / 生，有力推动了… : 生 was pushed down (no line starts with ，)
    prev = _placed("立残疾人温馨家园两个有效改善了残疾民", 57, 100)  # ends 1.9 em short of 246
    assert not breaks(prev, _placed("生有力推动了社会进步为我市残疾人事业", 57, 118), 18)


def test_unfinished_column_bottom_joins_the_next_column():
    prev = _placed("残疾人事业是中国特色社会主义事业的重", 57, 760)
    assert not breaks(prev, _placed("要组成部分习近平总书记强调不断满", 265, 100, side="R"), 18)
    assert not breaks(prev, _placed("要组成部分习近平总书记强调不断满", 57, 100, page=2), 18)


def test_indented_line_after_an_unfinished_short_line_starts_a_paragraph():
    # a side heading 艺术家和运动员 (2 em short, no punctuation) then an indented first line
    assert breaks(_placed("艺术家和运动员甲乙丙丁戊己庚辛", 57, 100), _placed("二零二一年深圳市文联登记", 78, 118), 18)


def test_finished_sentence_or_heading_still_ends_the_paragraph():
    full = _placed("残疾人事业是中国特色社会主义事业的重", 57, 760)
    assert breaks(full, _placed("（二）发展目标到二零二五年残疾人", 265, 100, side="R"), 18)
    assert breaks(_placed("一、总体要求", 78, 100), _placed("以习近平新时代中国特色社会主义思想", 57, 118), 18)
    assert breaks(_placed("能力比较薄弱。", 57, 100), _placed("残疾人事业是中国特色社会主义事业的", 57, 118), 18)
