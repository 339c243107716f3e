"""read_pdf on a generated 10-page two-column gazette (tests/pdfgen.py, seed text from corpus/000_)."""

from __future__ import annotations

import re
import subprocess

import pytest

from extract.ingest import pdf as pdf_mod
from extract.ingest.ocr import ocr_language
from tests.pdfgen import HEADER, body_paragraphs, sample_gazette, sample_source


def _cjk_font() -> bool:
    """pdfium needs a system CJK font to rasterize the non-embedded STSong-Light page (fonts-wqy-zenhei)."""
    try:
        return bool(subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True, check=False).stdout.strip())
    except OSError:
        return False


needs_tesseract = pytest.mark.skipif(
    ocr_language() is None or not _cjk_font(),
    reason="needs Tesseract with chi_sim and a CJK font to draw the scanned page "
    "(apt-get install tesseract-ocr tesseract-ocr-chi-sim fonts-wqy-zenhei)",
)


def _norm(s: str) -> str:
    return re.sub(r"\s+", "", s)


def test_paragraphs_come_out_whole_and_in_order():
    # e.g. "全盟现有 6.03万名持证残疾人，残疾人口绝对数量较大，…" runs from the left column into the right
    rendered, src = sample_gazette(), sample_source()
    got = body_paragraphs(src.text)
    pos = 0
    checked = 0
    for text, pages in rendered.paragraphs:
        if rendered.scanned_page in pages:
            continue  # OCR text is checked on its own
        want = _norm(text)
        assert want in got[pos:], f"paragraph missing or out of order: {want[:40]}"
        pos = got.index(want, pos) + 1
        checked += 1
    assert checked >= 50


def test_paragraph_crossing_a_page_break_is_one_paragraph():
    rendered, src = sample_gazette(), sample_source()
    got = set(body_paragraphs(src.text))
    crossing = [t for t, pages in rendered.paragraphs if len(pages) > 1 and rendered.scanned_page not in pages]
    assert crossing, "the generator should break some paragraph across pages"
    assert all(_norm(t) in got for t in crossing)


def test_titles_are_paragraphs_of_their_own():
    # 兴安盟行政公署关于印发《兴安盟“十四五”残疾人事业发展规划》的通知 wraps over two centred lines
    rendered, src = sample_gazette(), sample_source()
    got = set(body_paragraphs(src.text))
    assert all(_norm(t) in got for t in rendered.titles)


def test_running_header_and_page_numbers_are_not_in_the_body():
    src = sample_source()
    assert not any("公署公报" in ln.text for ln in src.lines)
    assert not any(re.fullmatch(r"[—一-]\s*\d+\s*[—一-]", ln.text.strip()) for ln in src.lines)


def test_page_metadata_keeps_header_and_printed_number():
    rendered, src = sample_gazette(), sample_source()
    assert len(src.pages) == rendered.pages
    for meta in src.pages:
        assert meta.printed_number == str(meta.number)
        if meta.number != rendered.scanned_page:
            assert meta.header == HEADER


def test_char_boxes_and_pages_align_with_text():
    src = sample_source()
    assert len(src.char_boxes) == len(src.text) == len(src.char_pages)
    for i, ch in enumerate(src.text):
        if ch == "\n":
            assert src.char_boxes[i] is None and src.char_pages[i] == 0
        if src.char_boxes[i] is None:
            assert src.char_pages[i] == 0


def test_every_line_bbox_contains_its_chars():
    src = sample_source()
    for ln in src.lines:
        if not ln.text:
            assert ln.bbox is None
            continue
        x0, top, x1, bottom = ln.bbox
        for i in range(ln.start, ln.start + len(ln.text)):
            b, p = src.char_boxes[i], src.char_pages[i]
            if b is not None and p == ln.page:
                assert x0 - 0.01 <= b[0] and b[2] <= x1 + 0.01 and top - 0.01 <= b[1] and b[3] <= bottom + 0.01


def test_span_points_at_page_and_region_of_a_paragraph():
    rendered, src = sample_gazette(), sample_source()
    text, pages = next((t, p) for t, p in rendered.paragraphs if len(p) == 1 and min(p) > 2 and len(t) > 60)
    first_line = next(ln for ln in src.lines if ln.text and _norm(text).startswith(_norm(ln.text)))
    span = src.span(first_line.start, first_line.start + len(first_line.text))
    assert span.page == min(pages) == first_line.page
    assert span.bbox == first_line.bbox
    assert span.line == first_line.number


@needs_tesseract
def test_scanned_page_text_is_found_by_ocr():
    rendered, src = sample_gazette(), sample_source()
    n = rendered.scanned_page
    assert src.pages[n - 1].ocr and not src.pages[n - 1].needs_ocr
    ocr_text = _norm("".join(ln.text for ln in src.lines if ln.page == n))
    truth = _norm("".join(t for t, pages in rendered.paragraphs if n in pages))
    grams = [ocr_text[i : i + 3] for i in range(0, len(ocr_text) - 3, 3)]
    assert len(ocr_text) > 800
    assert sum(g in truth for g in grams) / len(grams) > 0.6


def test_ocr_off_marks_the_scanned_page_as_needing_ocr():
    rendered = sample_gazette()
    src = sample_source(ocr=False)
    meta = src.pages[rendered.scanned_page - 1]
    assert meta.needs_ocr and not meta.ocr
    assert any(f"page {rendered.scanned_page}" in w for w in src.warnings)


def test_missing_tesseract_is_reported_not_raised(monkeypatch):
    monkeypatch.setattr(pdf_mod, "ocr_language", lambda: None)
    rendered = sample_gazette()
    src = pdf_mod.read_pdf(rendered.path)
    assert src.pages[rendered.scanned_page - 1].needs_ocr
    assert any("tesseract-ocr" in w for w in src.warnings)
