"""Columns per page and reading order: full-width blocks and column runs top-down, left before right.

The gutter is found on each page from the rows that hold a left and a right piece (a two-column
line pair) — never a fixed split down the middle — so one-column pages, two-column pages and
pages mixing full-width titles or tables with two-column runs all read in order.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from extract.layout.pdf_lines import Frag, rules

Edges = tuple[float, float]  # left, right edge of the column an item sits in
EPS = 1.5  # points of slack when testing which side of the gutter an item is on


@dataclass(slots=True, eq=False)
class Placed:
    """An item (Frag, table or box) in reading order with the column it was read in."""

    item: Any
    side: str  # "F" full width, "L" left column, "R" right column
    run: int  # index of the full-width block or column run on its page
    left: float
    right: float


def find_gutter(frags: list[Frag]) -> float | None:
    """The x of the page's column gutter, or None for a one-column page.

    A gutter is an x covered by the gaps of many rows that have a piece on each side of it
    (at least `min_pair_rows` rows and `min_pair_ratio` of all rows), inside the central band.
    """
    cfg = rules()["columns"]
    if not frags:
        return None
    left = min(f.x0 for f in frags)
    right = max(f.x1 for f in frags)
    lo_band = left + cfg["central_band"][0] * (right - left)
    hi_band = left + cfg["central_band"][1] * (right - left)
    rows: dict[int, list[Frag]] = defaultdict(list)
    for f in frags:
        rows[f.row].append(f)
    gaps: list[tuple[float, float]] = []
    for row in rows.values():
        row.sort(key=lambda f: f.x0)
        for a, b in zip(row, row[1:], strict=False):
            lo, hi = max(a.x1, lo_band), min(b.x0, hi_band)
            if hi > lo:
                gaps.append((lo, hi))
    best, seg = 0, (0.0, 0.0)
    points = sorted({x for g in gaps for x in g})
    for p, q in zip(points, points[1:], strict=False):
        mid = (p + q) / 2
        n = sum(1 for lo, hi in gaps if lo <= mid < hi)
        if n > best or (n == best and q - p > seg[1] - seg[0]):
            best, seg = n, (p, q)
    if best < max(cfg["min_pair_rows"], cfg["min_pair_ratio"] * len(rows)):
        return None
    return (seg[0] + seg[1]) / 2


def side_of(item: Any, gutter: float | None) -> str:
    """F when there is no gutter or the item crosses it, else L or R."""
    if gutter is None:
        return "F"
    if item.x1 <= gutter + EPS:
        return "L"
    if item.x0 >= gutter - EPS:
        return "R"
    return "F"


def robust_left(xs: list[float], tol: float = 1.5) -> float:
    """The leftmost x shared by at least two lines (a stray indent-less line does not move it)."""
    s = sorted(xs)
    for a, b in zip(s, s[1:], strict=False):
        if b - a <= tol:
            return a
    return s[0]


def robust_right(xs: list[float], tol: float = 1.5) -> float:
    """The rightmost x reached by at least two lines (justified lines share it)."""
    return -robust_left([-x for x in xs], tol)


def column_edges(frags: list[Frag], sides: list[str], prior: dict[str, Edges]) -> dict[str, Edges]:
    """Left/right edges of the full width and of each column; sparse sides borrow the last page's."""
    out: dict[str, Edges] = {}
    groups = {"F": frags, "L": [], "R": []}
    for f, s in zip(frags, sides, strict=True):
        if s != "F":
            groups[s].append(f)
    for side, items in groups.items():
        if len(items) >= 4 or (items and side not in prior):
            out[side] = (robust_left([f.x0 for f in items]), robust_right([f.x1 for f in items]))
        elif side in prior:
            out[side] = prior[side]
    return out


def merge_row_pieces(frags: list[Frag], sides: list[str]) -> tuple[list[Frag], list[str]]:
    """Join pieces of one row on the same side of the gutter (a gap inside a line, an OCR hole)."""
    out: list[Frag] = []
    out_sides: list[str] = []
    for f, s in sorted(zip(frags, sides, strict=True), key=lambda p: (p[0].row, p[0].x0)):
        last = out[-1] if out else None
        if last is not None and last.row == f.row and last.page == f.page and out_sides[-1] == s:
            out[-1] = Frag(
                text=f"{last.text} {f.text}",
                boxes=[*last.boxes, None, *f.boxes],
                x0=min(last.x0, f.x0),
                top=min(last.top, f.top),
                x1=max(last.x1, f.x1),
                bottom=max(last.bottom, f.bottom),
                size=max(last.size, f.size),
                page=f.page,
                row=f.row,
                ocr=f.ocr,
            )
            continue
        out.append(f)
        out_sides.append(s)
    return out, out_sides


def reading_order(frags: list[Frag], blocks: list[Any], prior: dict[str, Edges]) -> list[Placed]:
    """Frags and blocks (tables, boxes) of one page in reading order, each with its column edges.

    `prior` holds the edges seen on earlier pages and is updated in place for the next page.
    """
    gutter = find_gutter(frags)
    frags, sides = merge_row_pieces(frags, [side_of(f, gutter) for f in frags])
    edges = column_edges(frags, sides, prior)
    prior.update(edges)
    items = [(f, s) for f, s in zip(frags, sides, strict=True)] + [(b, side_of(b, gutter)) for b in blocks]
    items.sort(key=lambda it: (it[0].top, it[0].x0))
    placed: list[Placed] = []
    pending: list[tuple[Any, str]] = []
    run = 0

    def place(item: Any, side: str) -> None:
        left, right = edges.get(side) or edges.get("F") or (item.x0, item.x1)
        placed.append(Placed(item, side, run, left, right))

    def flush() -> None:
        nonlocal run
        for want in ("L", "R"):
            for item, side in sorted((p for p in pending if p[1] == want), key=lambda p: (p[0].top, p[0].x0)):
                place(item, side)
        pending.clear()
        run += 1

    for item, side in items:
        if side == "F":
            if pending:
                flush()
            place(item, side)
        else:
            if placed and placed[-1].side == "F" and not pending:
                run += 1
            pending.append((item, side))
    if pending:
        flush()
    return placed


def line_pitch(placed: list[Placed]) -> float:
    """The page's usual distance between consecutive lines of one column (median)."""
    diffs = []
    for a, b in zip(placed, placed[1:], strict=False):
        if isinstance(a.item, Frag) and isinstance(b.item, Frag) and (a.run, a.side) == (b.run, b.side):
            d = b.item.top - a.item.top
            if 0 < d < 3 * max(a.item.size, 1.0):
                diffs.append(d)
    return statistics.median(diffs) if diffs else 0.0
