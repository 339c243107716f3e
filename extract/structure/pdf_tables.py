"""Ruled regions of a PDF page: tables (pdfplumber's finder) and bordered 专栏 boxes.

Tables become a full grid: a merged cell's value is repeated in every grid position it
covers, never None. A table continued on the next page (or column) is merged into the
same run of rows: a repeated header row is dropped, a row split by the break is joined,
and a cell merged across the break is filled from above. Every cell keeps page and boxes.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Any

from extract.layout.pdf_lines import BoxPool, Char, Frag, frags_of, joined_text, rules
from extract.model import BBox


@dataclass(eq=False)
class Cell:
    """One grid cell's text with a box and a page per character."""

    text: str
    boxes: list[BBox | None]
    pages: list[int]


@dataclass(eq=False)
class TableBlock:
    """A ruled table on one page (rows may later gain continued rows from the next page)."""

    x0: float
    top: float
    x1: float
    bottom: float
    page: int
    rows: list[list[Cell]]
    widths: list[float]
    row_pages: list[int] = field(default_factory=list)


@dataclass(eq=False)
class BoxBlock:
    """A bordered 专栏 box: its own lines (and tables), read apart from the page's columns."""

    x0: float
    top: float
    x1: float
    bottom: float
    page: int
    frags: list[Frag]
    tables: list[TableBlock]


def has_rules(page: Any) -> bool:
    """Enough vertical and horizontal rules for a table, counted cheaply from lines and rects."""
    need = rules()["tables"]["min_edges"]
    v = h = 0
    for ln in page.objects.get("line", []):
        if abs(ln["x0"] - ln["x1"]) < 1:
            v += 1
        elif abs(ln["top"] - ln["bottom"]) < 1:
            h += 1
    for r in page.objects.get("rect", []):
        thin_w, thin_h = r["width"] < 2, r["height"] < 2
        v += 0 if thin_h else (1 if thin_w else 2)
        h += 0 if thin_w else (1 if thin_h else 2)
    return v >= need and h >= need


def _snap(values: list[float], tol: float = 2.0) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > tol:
            out.append(v)
    return out


def _index(edges: list[float], v: float) -> int:
    i = bisect.bisect_left(edges, v)
    if i == len(edges) or (i > 0 and v - edges[i - 1] < edges[i] - v):
        i -= 1
    return i


def _grid(cells: list[tuple[float, float, float, float]]) -> tuple[list[float], list[float], list[list[int]]]:
    """Column and row edges and, per grid position, the index of the cell covering it (-1: none)."""
    xs = _snap([c[0] for c in cells] + [c[2] for c in cells])
    ys = _snap([c[1] for c in cells] + [c[3] for c in cells])
    grid = [[-1] * (len(xs) - 1) for _ in range(len(ys) - 1)]
    for k, (x0, top, x1, bottom) in enumerate(cells):
        for r in range(_index(ys, top), _index(ys, bottom)):
            for c in range(_index(xs, x0), _index(xs, x1)):
                grid[r][c] = k
    return xs, ys, grid


def _table(tb: Any, chars: list[Char], page: int, pool: BoxPool) -> tuple[TableBlock, set[int]]:
    """A TableBlock from a pdfplumber Table and the page chars; returns the indexes of chars used."""
    xs, ys, grid = _grid([tuple(c) for c in tb.cells])
    x0, top, x1, bottom = tb.bbox
    per_cell: dict[int, list[Char]] = {}
    used: set[int] = set()
    for i, ch in enumerate(chars):
        cx, cy = (ch[1] + ch[3]) / 2, (ch[2] + ch[4]) / 2
        if x0 <= cx <= x1 and top <= cy <= bottom:
            used.add(i)
            r, c = bisect.bisect_right(ys, cy) - 1, bisect.bisect_right(xs, cx) - 1
            if 0 <= r < len(grid) and 0 <= c < len(grid[0]) and grid[r][c] >= 0:
                per_cell.setdefault(grid[r][c], []).append(ch)
    made: dict[int, Cell] = {}
    for k, cs in per_cell.items():
        text, boxes = joined_text(cs, pool)
        made[k] = Cell(text, boxes, [page] * len(text))
    empty = Cell("", [], [])
    rows = [[made.get(k, empty) for k in row] for row in grid]
    widths = [b - a for a, b in zip(xs, xs[1:], strict=False)]
    return TableBlock(x0, top, x1, bottom, page, rows, widths, [page] * len(rows)), used


def _boxes(page: Any, chars: list[Char], taken: set[int], extra: list[tuple], page_no: int,
           pool: BoxPool) -> tuple[list[BoxBlock], set[int]]:
    """Bordered regions whose first line starts with a box marker (专栏)."""
    cfg = rules()["boxes"]
    cands = [(r["x0"], r["top"], r["x1"], r["bottom"]) for r in page.objects.get("rect", [])
             if r["width"] >= cfg["min_width"] and r["height"] >= cfg["min_height"]] + extra
    cands.sort(key=lambda b: -(b[2] - b[0]) * (b[3] - b[1]))  # outermost first
    out: list[BoxBlock] = []
    used: set[int] = set()
    for bx in cands:
        if any(b.x0 <= bx[0] and b.x1 >= bx[2] and b.top <= bx[1] and b.bottom >= bx[3] for b in out):
            continue
        inside = [i for i, ch in enumerate(chars) if i not in taken and i not in used
                  and bx[0] <= (ch[1] + ch[3]) / 2 <= bx[2] and bx[1] <= (ch[2] + ch[4]) / 2 <= bx[3]]
        frags = frags_of([chars[i] for i in inside], page_no, pool)
        if frags and frags[0].text.replace(" ", "").startswith(tuple(cfg["markers"])):
            out.append(BoxBlock(*bx, page=page_no, frags=frags, tables=[]))
            used.update(inside)
    return out, used


def find_regions(page: Any, chars: list[Char], page_no: int, pool: BoxPool
                 ) -> tuple[list[TableBlock], list[BoxBlock], list[Char]]:
    """Tables and 专栏 boxes of a page, and the chars left for the running text."""
    cfg = rules()["tables"]
    tables: list[TableBlock] = []
    one_col: list[tuple] = []
    taken: set[int] = set()
    if has_rules(page):
        for tb in page.find_tables(cfg["settings"]):
            if not tb.cells:
                continue
            block, used = _table(tb, chars, page_no, pool)
            if len(block.widths) < cfg["min_cols"]:
                one_col.append(tuple(tb.bbox))
                continue
            tables.append(block)
            taken |= used
    boxes, used = _boxes(page, chars, taken, one_col, page_no, pool) if page.objects.get("rect") or one_col \
        else ([], set())
    for box in boxes:
        box.tables = [t for t in tables if box.x0 <= t.x0 and t.x1 <= box.x1 and box.top <= t.top <= box.bottom]
    inner = {id(t) for b in boxes for t in b.tables}
    tables = [t for t in tables if id(t) not in inner]
    rest = [ch for i, ch in enumerate(chars) if i not in taken and i not in used]
    return tables, boxes, rest


def _norm(row: list[Cell]) -> list[str]:
    return ["".join(c.text.split()) for c in row]


def continues(prev: TableBlock, cur: TableBlock) -> bool:
    """Is `cur` the continuation of `prev` (same columns, within `same_widths_tol` of the width)?"""
    if len(prev.widths) != len(cur.widths) or not cur.rows:
        return False
    tol = rules()["tables"]["same_widths_tol"] * max(sum(prev.widths), 1.0)
    return all(abs(a - b) <= tol for a, b in zip(prev.widths, cur.widths, strict=True))


def _concat(a: Cell, b: Cell) -> Cell:
    return Cell(a.text + b.text, a.boxes + b.boxes, a.pages + b.pages)


def merge_into(prev: TableBlock, cur: TableBlock) -> None:
    """Append a continued part's rows to `prev` (see module doc)."""
    rows, pages = list(cur.rows), list(cur.row_pages)
    if prev.rows and rows and _norm(rows[0]) == _norm(prev.rows[0]):
        rows, pages = rows[1:], pages[1:]  # the repeated header row
    if rows and prev.rows:
        first, last = rows[0], prev.rows[-1]
        if not first[0].text.strip() and last[0].text.strip():
            # a row cut by the page break: its second half joins the first
            prev.rows[-1] = [_concat(a, b) if b.text else a for a, b in zip(last, first, strict=True)]
            rows, pages = rows[1:], pages[1:]
        elif any(not c.text for c in first):
            # a cell merged across the break: the value printed above fills it
            rows[0] = [b if b.text else a for a, b in zip(last, first, strict=True)]
    prev.rows.extend(rows)
    prev.row_pages.extend(pages)
