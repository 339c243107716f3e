"""PDFs whose text layer is unusable: fonts without a Unicode map ((cid:N) glyphs) and scans OCR cannot read.

Both used to give a "built" source with no documents or a misleading "pages are blank"; now they are OCRed
when Tesseract is there, and otherwise refused with the reason and what to do.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

import extract.ingest.pdf as pdf_mod
from extract.build import build
from extract.ingest.errors import IngestFailure
from extract.ingest.pdf import read_pdf


def cid_pdf(path: Path, lines: int = 20) -> Path:
    """A one-page PDF whose CID font has no ToUnicode table: pdfminer reads every glyph as (cid:N)."""
    rows = "".join(f"BT /F1 12 Tf 72 {780 - 18 * i} Td <{''.join(f'{(i * 7 + k) % 60 + 1:04X}' for k in range(24))}>"
                   " Tj ET\n" for i in range(lines))
    objs = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> "
        "/Contents 4 0 R >>",
        f"<< /Length {len(rows)} >>\nstream\n{rows}endstream",
        "<< /Type /Font /Subtype /Type0 /BaseFont /SubsetSong /Encoding /Identity-H /DescendantFonts [6 0 R] >>",
        "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SubsetSong /CIDSystemInfo << /Registry (Adobe) "
        "/Ordering (Identity) /Supplement 0 >> /DW 1000 >>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for i, o in enumerate(objs, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n{o}\nendobj\n".encode()
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{o:010d} 00000 n \n" for o in offsets).encode()
    out += f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    path.write_bytes(out)
    return path


def noise_pdf(path: Path) -> Path:
    """A one-page scan of random noise: an image and no text layer."""
    import random

    rng = random.Random(7)
    img = Image.new("L", (300, 420))
    img.putdata([rng.randrange(256) for _ in range(300 * 420)])
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    c = canvas.Canvas(str(path))
    c.drawImage(ImageReader(io.BytesIO(buf.getvalue())), 0, 0, 595, 842)
    c.showPage()
    c.save()
    return path


def _fake_ocr(monkeypatch: pytest.MonkeyPatch, chars: list) -> list[int]:
    calls: list[int] = []
    monkeypatch.setattr(pdf_mod, "ocr_language", lambda: "chi_sim")

    def ocr_page(path, index):  # noqa: ANN001, ANN202
        calls.append(index)
        return chars

    monkeypatch.setattr(pdf_mod, "ocr_page", ocr_page)
    return calls


def test_unmapped_fonts_without_ocr_are_refused_with_the_reason(tmp_path, monkeypatch):
    monkeypatch.setattr(pdf_mod, "ocr_language", lambda: None)
    with pytest.raises(IngestFailure) as e:
        read_pdf(cid_pdf(tmp_path / "cid.pdf"))
    msg = str(e.value)
    assert "no Unicode map" in msg and "(cid:N)" in msg and "OCR is unavailable" in msg and "\n" not in msg


def test_unmapped_fonts_fall_back_to_ocr(tmp_path, monkeypatch):
    line = [(ch, 72 + 12 * k, 60, 84 + 12 * k, 72) for k, ch in enumerate("兴安盟行政公署关于加强残疾人就业的通知")]
    calls = _fake_ocr(monkeypatch, line)
    src = read_pdf(cid_pdf(tmp_path / "cid.pdf"))
    assert calls == [0] and src.pages[0].ocr and "兴安盟行政公署" in src.text and "(cid:" not in src.text


def test_a_build_reports_the_unmapped_pdf_as_failed_not_built(tmp_path, monkeypatch):
    monkeypatch.setattr(pdf_mod, "ocr_language", lambda: None)
    d = tmp_path / "in"
    d.mkdir()
    cid_pdf(d / "cid.pdf")
    report = build([d], tmp_path / "g.db")
    (s,) = report.sources
    assert s.status == "error" and "no Unicode map" in s.error and report.exit_code == 1


def test_noise_scan_says_ocr_found_no_text_not_blank(tmp_path, monkeypatch):
    _fake_ocr(monkeypatch, [])
    with pytest.raises(IngestFailure) as e:
        read_pdf(noise_pdf(tmp_path / "noise.pdf"))
    assert "OCR found no text" in str(e.value) and "blank" not in str(e.value)
