"""Printed lines from PDF chars (the PDF path): rows by vertical overlap, split at wide gaps, each char keeping its box.

A `Frag` is one printed line piece (one column's line, a title line, a header): the unit every
later PDF step (columns, running headers, paragraphs) works on. Boxes are rounded and shared
through a `BoxPool`, so a 500-page file does not hold a million distinct float tuples.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any

from extract.data import load_yaml
from extract.model import BBox

Char = tuple[str, float, float, float, float]  # text, x0, top, x1, bottom
CONTROL = str.maketrans({"\t": " ", "\n": " ", "\r": " ", "\x0b": " ", "\x0c": " "})  # keep one line per line


def rules() -> dict[str, Any]:
    """The PDF layout thresholds and vocabularies (extract/data/pdf_layout.yaml), loaded once."""
    return load_yaml("pdf_layout.yaml")


@dataclass(slots=True, eq=False)
class Frag:
    """One printed line piece: its text, one box per character (None for inserted spaces), its extent."""

    text: str
    boxes: list[BBox | None]
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    page: int
    row: int = 0
    ocr: bool = False


class BoxPool:
    """Rounds char boxes and hands out one shared tuple per distinct box (memory on long files)."""

    def __init__(self, step: float | None = None) -> None:
        self.step = step if step is not None else rules()["lines"]["box_round"]
        self._pool: dict[BBox, BBox] = {}

    def box(self, x0: float, top: float, x1: float, bottom: float) -> BBox:
        s = self.step
        b = (round(x0 / s) * s, round(top / s) * s, round(x1 / s) * s, round(bottom / s) * s)
        b = tuple(round(v, 2) for v in b)  # type: ignore[assignment]
        return self._pool.setdefault(b, b)


def is_cjk(ch: str) -> bool:
    """CJK ideographs, kana, full-width forms and CJK punctuation: joined without spaces."""
    o = ord(ch)
    return 0x2E80 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF or 0xFF00 <= o <= 0xFFEF or 0x3000 <= o <= 0x303F


def char_tuples(chars: list[dict[str, Any]]) -> list[Char]:
    """pdfplumber char dicts → compact (text, x0, top, x1, bottom), dropping empty glyphs."""
    return [(c["text"].translate(CONTROL), c["x0"], c["top"], c["x1"], c["bottom"]) for c in chars if c.get("text")]


def dedupe(chars: list[Char]) -> list[Char]:
    """Drop fake-bold duplicates: a char with the same text within `dedupe_tol` points of a kept one.

    Same rule as pdfplumber's `dedupe_chars`, done with a grid hash so it costs one pass.
    """
    tol = rules()["lines"]["dedupe_tol"]
    grid: dict[tuple[str, int, int], list[Char]] = {}
    out: list[Char] = []
    for ch in chars:
        gx, gy = int(ch[1] // tol), int(ch[2] // tol)
        dup = False
        for dx in (-1, 0, 1):
            for dy in (-1, 0, 1):
                for k in grid.get((ch[0], gx + dx, gy + dy), ()):
                    if abs(k[1] - ch[1]) <= tol and abs(k[2] - ch[2]) <= tol:
                        dup = True
                        break
        if not dup:
            grid.setdefault((ch[0], gx, gy), []).append(ch)
            out.append(ch)
    return out


def rows_of(chars: list[Char]) -> list[list[Char]]:
    """Group chars into rows (vertical overlap with the row's first char), each row sorted by x."""
    overlap = rules()["lines"]["row_overlap"]
    rows: list[list[Char]] = []
    band_top = band_bottom = 0.0
    for ch in sorted(chars, key=lambda c: (c[2], c[1])):
        h = max(ch[4] - ch[2], 0.1)
        if rows:
            ov = min(band_bottom, ch[4]) - max(band_top, ch[2])
            if ov >= overlap * min(h, band_bottom - band_top):
                rows[-1].append(ch)
                continue
        rows.append([ch])
        band_top, band_bottom = ch[2], max(ch[4], ch[2] + 0.1)
    for r in rows:
        r.sort(key=lambda c: c[1])
    return rows


def _split(row: list[Char], split_em: float) -> list[list[Char]]:
    pieces, cur = [], [row[0]]
    for prev, ch in itertools.pairwise(row):
        size = min(prev[4] - prev[2], ch[4] - ch[2]) or 1.0
        if ch[1] - prev[3] > split_em * size:
            pieces.append(cur)
            cur = []
        cur.append(ch)
    pieces.append(cur)
    return pieces


def piece_text(piece: list[Char], pool: BoxPool) -> tuple[str, list[BBox | None]]:
    """The text of a row piece and one box per character; wide gaps read as one space."""
    cfg = rules()["lines"]
    out: list[str] = []
    boxes: list[BBox | None] = []
    prev: Char | None = None
    for ch in piece:
        text = ch[0]
        if prev is not None and not text.isspace() and not prev[0].isspace():
            size = (ch[4] - ch[2]) or 1.0
            both_cjk = is_cjk(prev[0][-1]) and is_cjk(text[0])
            if ch[1] - prev[3] > (cfg["cjk_space_gap_em"] if both_cjk else cfg["space_gap_em"]) * size:
                out.append(" ")
                boxes.append(None)
        box = pool.box(ch[1], ch[2], ch[3], ch[4])
        out.append(text)
        boxes.extend([box] * len(text))
        prev = ch
    return "".join(out), boxes


def _strip(text: str, boxes: list[BBox | None]) -> tuple[str, list[BBox | None]]:
    start, end = 0, len(text)
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return text[start:end], boxes[start:end]


def frags_of(chars: list[Char], page: int, pool: BoxPool, ocr: bool = False, split: bool = True) -> list[Frag]:
    """Printed line pieces of a page region, top-down, left to right within a row."""
    split_em = rules()["lines"]["split_gap_em"] if split else float("inf")
    frags: list[Frag] = []
    for r, row in enumerate(rows_of(chars)):
        for piece in _split(row, split_em):
            text, boxes = _strip(*piece_text(piece, pool))
            if not text:
                continue
            heights = sorted(c[4] - c[2] for c in piece)
            frags.append(
                Frag(
                    text=text,
                    boxes=boxes,
                    x0=min(c[1] for c in piece),
                    top=min(c[2] for c in piece),
                    x1=max(c[3] for c in piece),
                    bottom=max(c[4] for c in piece),
                    size=heights[len(heights) // 2],
                    page=page,
                    row=r,
                    ocr=ocr,
                )
            )
    return frags


def joined_text(chars: list[Char], pool: BoxPool) -> tuple[str, list[BBox | None]]:
    """A cell's text: its printed lines joined without spaces (CJK cells wrap mid-word)."""
    text: list[str] = []
    boxes: list[BBox | None] = []
    for row in rows_of(chars):
        t, b = _strip(*piece_text(row, pool))
        text.append(t)
        boxes.extend(b)
    return "".join(text), boxes
