"""OCR for scanned PDF pages: Tesseract through pytesseract, page images rendered by pypdfium2.

OCR words come back as pseudo-chars in PDF points (each word's box spread evenly over its
characters, the height taken from the word's OCR line) so the scanned page goes through the same
layout steps — columns, running headers, paragraphs — and keeps boxes as provenance.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

from extract.layout.pdf_lines import Char, rules


@cache
def ocr_language() -> str | None:
    """The Tesseract language to use (chi_sim first), or None when Tesseract is not usable."""
    if shutil.which("tesseract") is None:
        return None
    try:
        import pytesseract

        installed = set(pytesseract.get_languages(config=""))
    except Exception:  # noqa: BLE001 — a broken install is the same as none
        return None
    for lang in rules()["ocr"]["langs"]:
        if lang in installed:
            return lang
    return None


def ocr_missing_reason() -> str:
    """One line saying why OCR cannot run and what to install."""
    pkgs = rules()["ocr"]["packages"]
    if shutil.which("tesseract") is None:
        return f"Tesseract is not installed (apt-get install {pkgs})"
    return f"no usable Tesseract language data (apt-get install {pkgs})"


@contextmanager
def _thread_limit(threads: str) -> Iterator[None]:
    """Run tesseract with OMP_THREAD_LIMIT set (restored afterwards)."""
    old = os.environ.get("OMP_THREAD_LIMIT")
    os.environ["OMP_THREAD_LIMIT"] = str(threads)
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("OMP_THREAD_LIMIT", None)
        else:
            os.environ["OMP_THREAD_LIMIT"] = old


def _render(path: Path, index: int, dpi: int):  # noqa: ANN202 — a PIL image
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    try:
        page = pdf[index]
        image = page.render(scale=dpi / 72, grayscale=True).to_pil()
        page.close()
        return image
    finally:
        pdf.close()


def ocr_page(path: str | Path, index: int) -> list[Char]:
    """OCR page `index` (0-based) of the PDF at `path` into pseudo-chars (text, x0, top, x1, bottom)."""
    import pytesseract

    cfg = rules()["ocr"]
    lang = ocr_language()
    if lang is None:
        return []
    image = _render(Path(path), index, cfg["dpi"])
    with _thread_limit(cfg["threads"]):
        data = pytesseract.image_to_data(
            image, lang=lang, config=cfg["config"], output_type=pytesseract.Output.DICT, timeout=cfg["timeout_s"]
        )
    scale = 72 / cfg["dpi"]
    lines: dict[tuple[int, int, int], tuple[float, float]] = {}
    for i, level in enumerate(data["level"]):
        if level == 4:  # a text line: its top and bottom give every char on it one height
            key = (data["block_num"][i], data["par_num"][i], data["line_num"][i])
            lines[key] = (data["top"][i] * scale, (data["top"][i] + data["height"][i]) * scale)
    chars: list[Char] = []
    for i, level in enumerate(data["level"]):
        text = (data["text"][i] or "").strip()
        if level != 5 or not text or float(data["conf"][i]) < cfg["min_conf"]:
            continue
        key = (data["block_num"][i], data["par_num"][i], data["line_num"][i])
        x0 = data["left"][i] * scale
        w = data["width"][i] * scale / len(text)
        top, bottom = lines.get(key, (data["top"][i] * scale, (data["top"][i] + data["height"][i]) * scale))
        chars += [(ch, x0 + k * w, top, x0 + (k + 1) * w, bottom) for k, ch in enumerate(text)]
    return chars
