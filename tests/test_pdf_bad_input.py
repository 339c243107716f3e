"""Bad PDFs raise IngestFailure with a one-line reason; nothing else escapes read_pdf."""

from __future__ import annotations

import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from extract.ingest.errors import IngestFailure
from extract.ingest.pdf import read_pdf
from tests.pdfgen import build_gazette, sample_gazette


def _fails(path, *words: str) -> str:
    with pytest.raises(IngestFailure) as e:
        read_pdf(path)
    msg = str(e.value)
    assert "\n" not in msg
    assert all(w in msg for w in words), msg
    return msg


def test_encrypted_pdf_says_it_is_encrypted(tmp_path):
    path = tmp_path / "enc.pdf"
    build_gazette(path, pages=1, scanned=False, encrypt="pw")
    _fails(path, "encrypted")


def test_truncated_pdf_says_it_is_truncated(tmp_path):
    data = sample_gazette().path.read_bytes()
    path = tmp_path / "half.pdf"
    path.write_bytes(data[: len(data) // 2])
    _fails(path, "truncated")


def test_zero_page_pdf_is_refused(tmp_path):
    path = tmp_path / "zero.pdf"
    canvas.Canvas(str(path)).save()
    _fails(path, "zero pages")


def test_non_pdf_bytes_are_refused(tmp_path):
    path = tmp_path / "notes.pdf"
    path.write_text("兴安盟行政公署公报 2022年第3期\n", encoding="utf-8")
    _fails(path, "not a PDF")


def test_empty_file_is_refused(tmp_path):
    path = tmp_path / "empty.pdf"
    path.write_bytes(b"")
    _fails(path, "empty")


def test_corrupt_body_says_corrupt(tmp_path):
    path = tmp_path / "corrupt.pdf"
    path.write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 9 0 R >> endobj\ngarbage\n%%EOF\n")
    msg = _fails(path)
    assert "corrupt" in msg or "zero pages" in msg


def test_image_only_pdf_without_ocr_has_no_text(tmp_path):
    path = tmp_path / "scan.pdf"
    buf = io.BytesIO()
    Image.new("L", (200, 280), 255).save(buf, format="PNG")
    c = canvas.Canvas(str(path))
    c.drawImage(ImageReader(io.BytesIO(buf.getvalue())), 0, 0, 595, 842)
    c.showPage()
    c.save()
    with pytest.raises(IngestFailure, match="no text"):
        read_pdf(path, ocr=False)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=st.binary(max_size=400))
def test_arbitrary_bytes_raise_only_ingest_failure(tmp_path, body):
    path = tmp_path / "x.pdf"
    path.write_bytes(b"%PDF-1.4\n" + body + b"\n%%EOF\n")
    try:
        src = read_pdf(path)
    except IngestFailure as e:
        assert str(e) and "\n" not in str(e)
    else:
        assert src.kind == "pdf"
