"""Synthesize a PDF's body text from its pages in reading order: one line per printed line,
an empty line between paragraphs (decided from geometry), tables as tab-separated rows.

Paragraph breaks come from what a reader sees: a first-line indent, a line ending well short
of its column, a larger gap, a font-size change, a centred title line. A paragraph running from
the bottom of a column or page into the next one gets no break. Every character keeps its box
and page (`char_boxes`, `char_pages`); characters the synthesis adds get None / 0.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from extract.layout.columns import Placed, robust_left, robust_right
from extract.layout.pdf_lines import Frag, rules
from extract.layout.reflow import ends_sentence
from extract.model import BBox, Line
from extract.structure.headings import match_heading
from extract.structure.pdf_tables import BoxBlock, TableBlock, continues, merge_into


@dataclass
class TextBuilder:
    """Accumulates lines with per-character boxes and pages, and their `Line` records."""

    parts: list[str] = field(default_factory=list)
    boxes: list[BBox | None] = field(default_factory=list)
    pages: list[int] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)
    pos: int = 0

    def line(self, text: str, boxes: list[BBox | None], pages: list[int], page: int) -> None:
        """Add one printed line; its bbox is the union of its characters printed on `page`."""
        x0 = top = float("inf")
        x1 = bottom = float("-inf")
        for b, p in zip(boxes, pages, strict=True):
            if b is not None and p == page:
                x0, top, x1, bottom = min(x0, b[0]), min(top, b[1]), max(x1, b[2]), max(bottom, b[3])
        bbox = (x0, top, x1, bottom) if x0 != float("inf") else None
        self._add(text, boxes, pages, page, bbox)

    def blank(self) -> None:
        """An empty separator line (paragraph or table boundary), never two in a row."""
        if self.lines and self.lines[-1].text:
            self._add("", [], [], self.lines[-1].page, None)

    def _add(self, text: str, boxes: list[BBox | None], pages: list[int], page: int | None,
             bbox: BBox | None) -> None:
        self.lines.append(Line(number=len(self.lines) + 1, text=text, start=self.pos, page=page, bbox=bbox))
        self.parts.append(text)
        self.parts.append("\n")
        self.boxes.extend(boxes)
        self.boxes.append(None)
        self.pages.extend(pages)
        self.pages.append(0)
        self.pos += len(text) + 1

    @property
    def text(self) -> str:
        return "".join(self.parts)


def _centered(p: Placed) -> bool:
    cfg = rules()["paragraphs"]
    f: Frag = p.item
    return (
        f.x0 - p.left > cfg["indent_em"] * f.size
        and p.right - f.x1 > cfg["short_em"] * f.size
        and abs((f.x0 + f.x1) / 2 - (p.left + p.right) / 2) <= cfg["centered_tol_em"] * f.size
    )


def breaks(prev: Placed, cur: Placed, pitch: float) -> bool:
    """Does a new paragraph start at `cur` (the line read right after `prev`)?

    A sentence that is visibly unfinished (no final punctuation) goes on into the next line when
    that line opens no heading or list item and the line before ends at most `ragged_em` short of
    its column (a ragged right edge, a char pushed down by line-breaking rules) and the next line is not
    indented. A heading or list item at the top of the next column or page starts a paragraph.
    """
    cfg = rules()["paragraphs"]
    a, b = prev.item, cur.item
    if not (a.ocr or b.ocr) and abs(a.size - b.size) > cfg["size_change_pt"]:
        return True
    a_title, b_title = _centered(prev), _centered(cur)
    same_page_below = a.page == b.page and b.top > a.top
    if a_title and b_title and same_page_below and prev.side == cur.side:
        return b.top - a.top > cfg["gap_ratio"] * max(pitch, 1.2 * a.size)  # a title wrapped on two lines
    if a_title or b_title:
        return True
    shortfall = prev.right - a.x1
    indented = b.x0 - cur.left > cfg["indent_em"] * b.size
    gap = bool(same_page_below and pitch and b.top - a.top > cfg["gap_ratio"] * pitch)
    if shortfall <= cfg["ragged_em"] * a.size and not (indented or gap) and not ends_sentence(a.text):
        if match_heading(b.text) is None:
            return False
        if a.page != b.page or (prev.side, cur.side) == ("L", "R"):
            return True  # a heading atop the next column or page starts afresh
    return shortfall > cfg["short_em"] * a.size or indented or gap


def merge_continued_tables(order: list[Placed]) -> list[Placed]:
    """Drop table parts that continue the table read just before them, moving their rows up."""
    out: list[Placed] = []
    for p in order:
        last = out[-1] if out else None
        if (
            isinstance(p.item, TableBlock)
            and last is not None
            and isinstance(last.item, TableBlock)
            and (p.item.page != last.item.page or p.side != last.side)
            and continues(last.item, p.item)
        ):
            merge_into(last.item, p.item)
            continue
        out.append(p)
    return out


def _table(b: TextBuilder, t: TableBlock) -> None:
    b.blank()
    for row, page in zip(t.rows, t.row_pages, strict=True):
        if not any(c.text for c in row):
            continue
        text: list[str] = []
        boxes: list[BBox | None] = []
        pages: list[int] = []
        for k, cell in enumerate(row):
            if k:
                text.append("\t")
                boxes.append(None)
                pages.append(0)
            text.append(cell.text)
            boxes.extend(cell.boxes)
            pages.extend(cell.pages)
        b.line("".join(text), boxes, pages, page)
    b.blank()


def _box(b: TextBuilder, box: BoxBlock) -> None:
    """A 专栏 box: set apart by empty lines, its lines in paragraphs of their own, tables as rows."""
    b.blank()
    frags = box.frags
    left = robust_left([f.x0 for f in frags]) if frags else box.x0
    right = robust_right([f.x1 for f in frags]) if frags else box.x1
    items = sorted([*frags, *box.tables], key=lambda it: (it.top, it.x0))
    _flow(b, [Placed(it, "B", 0, left, right) for it in items], 0.0, None)
    b.blank()


def _flow(b: TextBuilder, placed: Iterable[Placed], pitch: float, prev: Placed | None) -> Placed | None:
    """Emit placed items in order; returns the last text line placed (for the next page)."""
    for p in placed:
        it = p.item
        if isinstance(it, TableBlock):
            _table(b, it)
            prev = None
        elif isinstance(it, BoxBlock):
            _box(b, it)
            prev = None
        else:
            if prev is not None and breaks(prev, p, pitch):
                b.blank()
            b.line(it.text, it.boxes, [0 if x is None else it.page for x in it.boxes], it.page)
            prev = p
    return prev


def synthesize(pages: list[list[Placed]], pitches: list[float]) -> TextBuilder:
    """The body text of all pages (each already in reading order), see module doc."""
    b = TextBuilder()
    flat = merge_continued_tables([p for page in pages for p in page])
    by_page: dict[int, list[Placed]] = {}
    for p in flat:
        by_page.setdefault(p.item.page, []).append(p)
    prev: Placed | None = None
    for n, pitch in enumerate(pitches, start=1):
        prev = _flow(b, by_page.get(n, []), pitch, prev)
    return b
