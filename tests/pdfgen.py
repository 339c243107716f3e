"""Generate gazette-like A4 PDFs from the seed text, for the PDF ingest tests and the benchmark.

The layout imitates a printed 政府公报: a running header `兴安盟行政公署公报 2022年第3期` over a rule,
a `— n —` page number, full-width document titles above a two-column body (balanced columns), a
ruled task table 序号/重点任务/责任单位/完成时限 that crosses a page break (with merged cells and a
repeated header row), a bordered 专栏 box, and optionally one page rasterized to an image-only page.
`build_gazette` returns what it rendered (paragraphs, table rows, pages) so tests compare against it.
"""

from __future__ import annotations

import functools
import io
import math
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
FONT = "STSong-Light"
W, H = 595.0, 842.0
LEFT, RIGHT = 57.0, 538.0
BODY_TOP, BODY_BOTTOM = 72.0, 780.0
GUTTER = 19.0
COL_W = (RIGHT - LEFT - GUTTER) / 2
SIZE, PITCH = 10.5, 18.0
HEADER = "兴安盟行政公署公报 2022年第3期"
TABLE_HEADER = ["序号", "重点任务", "责任单位", "完成时限"]
TABLE_WIDTHS = [40.0, 250.0, 121.0, 70.0]
DEADLINES = ["2022年12月底前", "长期坚持", "2022年6月底前", "2023年底前"]
DOCNO_RE = re.compile(r"〔\d{4}〕\d+号$")
PAGE_MARK_RE = re.compile(r"\s*—\s*\d+\s*—\s*")
TITLE_ENDS = ("规划", "方案", "意见", "办法", "细则", "政策")
UNIT_RE = re.compile(r"[（(]责任单位[：:](?P<units>[^）)]+)[）)]")


@dataclass
class Rendered:
    """What the generator drew: the PDF path and the ground truth the tests check against."""

    path: Path
    pages: int
    paragraphs: list[tuple[str, set[int]]] = field(default_factory=list)  # text, pages it is on
    titles: list[str] = field(default_factory=list)
    table_rows: list[list[str]] = field(default_factory=list)  # header first, merged cells repeated
    table_pages: list[int] = field(default_factory=list)
    box_lines: list[str] = field(default_factory=list)
    box_page: int = 0
    scanned_page: int = 0  # 1-based; 0 = none
    full_pages: set[int] = field(default_factory=set)  # pages with a full-width element


def _register() -> None:
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))


def _width(text: str, size: float) -> float:
    return pdfmetrics.stringWidth(text, FONT, size)


def wrap(text: str, width: float, size: float, indent: float = 0.0) -> list[str]:
    """Greedy line breaking of CJK text by glyph widths; no line starts with a space."""
    lines, cur, cur_w, avail = [], "", 0.0, width - indent
    for ch in text:
        w = _width(ch, size)
        if cur and cur_w + w > avail + 0.01:
            lines.append(cur.rstrip())
            cur, cur_w, avail = "", 0.0, width
            if ch == " ":
                continue
        cur += ch
        cur_w += w
    if cur.strip():
        lines.append(cur.rstrip())
    return lines


# ---------------------------------------------------------------- seed text


def _display_width(s: str) -> int:
    return sum(1 if ord(ch) < 0x2000 else 2 for ch in s)


def _reflow(lines: list[str]) -> list[str]:
    """Hard-wrapped seed lines → paragraphs (good enough for fixtures, not the product's reflow).

    A paragraph ends at a line clearly narrower than the wrap width that ends a sentence, at a
    short heading line, or after a title line (no punctuation, ends with 规划/方案/…).
    """
    widths = sorted(_display_width(x) for x in lines if x)
    full = widths[int(len(widths) * 0.8)] if widths else 0
    paras, cur = [], ""
    for k, line in enumerate(lines):
        nxt = lines[k + 1] if k + 1 < len(lines) else ""
        if nxt.startswith(" "):  # the seed marks a page break with a leading space
            cur += line
            continue
        line = line.strip()
        w = _display_width(line)
        titled = not cur and _is_subtitle(line) and line.endswith(TITLE_ENDS)
        cur += line
        if titled or w < full * 0.6 or (w < full - 2 and line[-1:] in "。：；！？）"):
            paras.append(cur)
            cur = ""
    if cur:
        paras.append(cur)
    # the seed kept page numbers like — 8 — in text; STSong-Light draws no glyph for U+00B7 (书香中国·阅读)
    paras = [PAGE_MARK_RE.sub("", p).replace("·", "") for p in paras]
    return [p for p in paras if p and not p.startswith("专栏")]


def _is_subtitle(para: str) -> bool:
    """A seed paragraph without any punctuation, like 兴安盟“十四五”残疾人事业发展规划: set as a title."""
    return 8 <= len(para) <= 30 and not any(ch in para for ch in "，。、；：（）:;,.0123456789")


@functools.cache
def seed_documents() -> list[tuple[str, str, list[str]]]:
    """(title, 文号, paragraphs) of every document of corpus/000_*, found by its 文号 line."""
    raw = next(CORPUS.glob("000_*.txt")).read_text(encoding="utf-8")
    lines = [x.rstrip() for x in raw.splitlines() if x.strip() and "\t" not in x]
    marks = [i for i, x in enumerate(lines) if DOCNO_RE.search(x) and len(x) < 20]
    docs = []
    for k, i in enumerate(marks):
        end = marks[k + 1] - 2 if k + 1 < len(marks) else len(lines)
        title = lines[i - 2].strip() + lines[i - 1].strip()
        docs.append((title, lines[i], _reflow(lines[i + 1 : end])))
    return docs


@functools.cache
def seed_tasks() -> list[list[str]]:
    """Task-table rows built from the seed's `……。（责任单位：盟金融办、盟财政局）` items."""
    rows = []
    for _, _, paras in seed_documents():
        for p in paras:
            m = UNIT_RE.search(p)
            if m:
                sentences = [s for s in p[: m.start()].split("。") if len(s) >= 8]
                task = (sentences[0] if sentences else p[: m.start()])[:46]
                rows.append([str(len(rows) + 1), task, m["units"], DEADLINES[len(rows) % len(DEADLINES)]])
    return rows


@functools.cache
def seed_box() -> list[str]:
    """Items of the seed's 专栏 2 (残疾人社会保障重点项目), reflowed."""
    raw = next(CORPUS.glob("000_*.txt")).read_text(encoding="utf-8")
    lines = [x.strip() for x in raw.splitlines() if x.strip()]
    i = next(k for k, x in enumerate(lines) if x.startswith("专栏 2"))
    items = _reflow(lines[i + 1 : i + 40])
    return [x for x in items if re.match(r"\d\.", x)][:3]


# ---------------------------------------------------------------- drawing


class Painter:
    """Draws with top-left coordinates; on the page being rasterized it draws nothing but the image."""

    def __init__(self, path: Path, raster: dict[int, bytes], encrypt: str | None = None) -> None:
        _register()
        self.c = canvas.Canvas(str(path), pagesize=(W, H), encrypt=encrypt, pageCompression=1)
        self.raster = raster
        self.page = 1
        self._start_page()

    def _start_page(self) -> None:
        png = self.raster.get(self.page)
        self.mute = png is not None
        if png is not None:
            self.c.drawImage(ImageReader(io.BytesIO(png)), 0, 0, W, H)
        self.text(HEADER, 9, LEFT if self.page % 2 == 0 else RIGHT - _width(HEADER, 9), 38)
        self.line(LEFT, 52, RIGHT, 52)
        num = f"— {self.page} —"
        self.text(num, 9, (W - _width(num, 9)) / 2, 800)

    def new_page(self) -> None:
        self.c.showPage()
        self.page += 1
        self._start_page()

    def text(self, s: str, size: float, x: float, top: float, char_space: float = 0.0) -> None:
        if not self.mute:
            self.c.setFont(FONT, size)
            self.c.drawString(x, H - top - size * 0.88, s, charSpace=char_space)

    def line(self, x0: float, y0: float, x1: float, y1: float) -> None:
        if not self.mute:
            self.c.setLineWidth(0.6)
            self.c.line(x0, H - y0, x1, H - y1)

    def rect(self, x0: float, top: float, x1: float, bottom: float) -> None:
        if not self.mute:
            self.c.setLineWidth(0.8)
            self.c.rect(x0, H - bottom, x1 - x0, bottom - top)

    def save(self) -> None:
        self.c.showPage()
        self.c.save()


def _justified(p: Painter, s: str, size: float, x: float, top: float, width: float, last: bool) -> None:
    extra = width - _width(s, size)
    cs = 0.0 if last or len(s) < 2 else max(extra, 0.0) / (len(s) - 1)
    p.text(s, size, x, top, cs)


class Flow:
    """Two-column flow with balanced runs, broken by full-width titles, tables and boxes (justified lines)."""

    size, pitch = SIZE, PITCH

    def __init__(self, p: Painter, out: Rendered) -> None:
        self.p, self.out, self.y = p, out, BODY_TOP
        self.pending: list[tuple[str, float, bool, int]] = []  # text, indent, last line?, paragraph index

    def add_paragraph(self, text: str) -> None:
        idx = len(self.out.paragraphs)
        self.out.paragraphs.append((text, set()))
        lines = self.wrap(text, COL_W, self.size, indent=2 * self.size)
        for k, s in enumerate(lines):
            self.pending.append((s, 2 * self.size if k == 0 else 0.0, k == len(lines) - 1, idx))

    def wrap(self, text: str, width: float, size: float, indent: float) -> list[str]:
        """Break a paragraph into column lines."""
        return wrap(text, width, size, indent)

    def draw(self, s: str, x: float, top: float, width: float, last: bool, idx: int) -> None:
        """Draw one column line of paragraph `idx` (justified unless it ends its paragraph)."""
        _justified(self.p, s, self.size, x, top, width, last)

    def run_end(self) -> tuple[int, float]:
        """(page, y) where the pending run would end if it were closed now."""
        page, y, n = self.p.page, self.y, len(self.pending)
        while n:
            cap = int((BODY_BOTTOM - y) // self.pitch)
            if n <= 2 * cap:
                return page, y + math.ceil(n / 2) * self.pitch
            n -= 2 * max(cap, 0)
            page, y = page + 1, BODY_TOP
        return page, y

    def close_run(self) -> None:
        while self.pending:
            cap = int((BODY_BOTTOM - self.y) // self.pitch)
            if cap <= 0:
                self._next_page()
                continue
            n = len(self.pending)
            k = math.ceil(n / 2) if n <= 2 * cap else cap
            left, right = self.pending[:k], self.pending[k : 2 * k]
            self.pending = self.pending[2 * k :]
            for col, rows in ((LEFT, left), (LEFT + COL_W + GUTTER, right)):
                for r, (s, indent, last, idx) in enumerate(rows):
                    top = self.y + r * self.pitch
                    self.draw(s, col + indent, top, COL_W - indent, last, idx)
                    self.out.paragraphs[idx][1].add(self.p.page)
            self.y += k * self.pitch
            if self.pending:
                self._next_page()
        self.y += 6

    def _next_page(self) -> None:
        self.p.new_page()
        self.y = BODY_TOP

    def _need(self, height: float) -> None:
        if self.y + height > BODY_BOTTOM:
            self._next_page()

    def title(self, text: str, size: float) -> None:
        self.close_run()
        lines = wrap(text, RIGHT - LEFT - 4 * size, size)
        self._need(len(lines) * size * 1.5 + 8)
        self.y += 6
        for s in lines:
            self.p.text(s, size, (W - _width(s, size)) / 2, self.y)
            self.y += size * 1.5
        self.y += 6
        self.out.titles.append(text)
        self.out.full_pages.add(self.p.page)

    def box(self, title: str, items: list[str]) -> None:
        self.close_run()
        size, pad = 9.5, 8.0
        inner = RIGHT - LEFT - 2 * pad
        rows = [(title, (inner - _width(title, size)) / 2, True)]
        for it in items:
            wl = wrap(it, inner, size, indent=2 * size)
            rows += [(s, 2 * size if k == 0 else 0.0, k == len(wl) - 1) for k, s in enumerate(wl)]
        height = len(rows) * size * 1.6 + 2 * pad
        self._need(height + 8)
        top = self.y + 4
        self.p.rect(LEFT, top, RIGHT, top + height)
        for r, (s, indent, last) in enumerate(rows):
            _justified(self.p, s, size, LEFT + pad + indent, top + pad + r * size * 1.6, inner - indent, last)
        self.out.box_lines = [title, *items]
        self.out.box_page = self.p.page
        self.out.full_pages.add(self.p.page)
        self.y = top + height + 10

    def table(self, rows: list[list[str]], merges: dict[int, list[tuple[int, int]]]) -> None:
        """Draw a ruled table; `merges[col]` lists row ranges (inclusive) drawn as one cell.

        A row that does not fit goes to the next page under a repeated header row; a merged
        range cut by the page break is printed again in the continued part.
        """
        self.close_run()
        size, pad, lead = 9.0, 3.0, 12.0
        xs = [LEFT]
        for w in TABLE_WIDTHS:
            xs.append(xs[-1] + w)
        cells = [[wrap(c, TABLE_WIDTHS[j] - 2 * pad, size) for j, c in enumerate(r)] for r in rows]
        heights = [max(len(x) for x in cl) * lead + 2 * pad for cl in cells]
        covered = {(r, col) for col, spans in merges.items() for a, b in spans for r in range(a + 1, b + 1)}
        self._need(heights[0] + heights[1] + 8)
        part: list[tuple[int, float, float]] = []
        r = 0
        while r < len(rows):
            if not part:  # a part starts with the (repeated) header row
                part.append((0, self.y + 4, heights[0]))
                self._cells(xs, cells[0], part[-1][1], size, pad, lead, skip=set())
                r = max(r, 1)
                continue
            top = part[-1][1] + part[-1][2]
            if top + heights[r] > BODY_BOTTOM:
                self._rules(xs, part, covered)
                self._next_page()
                part = []
                continue
            skip = {j for j in range(len(xs) - 1) if (r, j) in covered and len(part) > 1}
            self._cells(xs, cells[r], top, size, pad, lead, skip)
            part.append((r, top, heights[r]))
            r += 1
        self._rules(xs, part, covered)
        self.y = part[-1][1] + part[-1][2] + 10
        self.out.full_pages.add(self.p.page)

    def _cells(self, xs: list[float], cells: list[list[str]], top: float, size: float, pad: float,
               lead: float, skip: set[int]) -> None:
        for j, lines in enumerate(cells):
            if j not in skip:
                for n, s in enumerate(lines):
                    self.p.text(s, size, xs[j] + pad, top + pad + n * lead)

    def _rules(self, xs: list[float], part: list[tuple[int, float, float]], covered: set) -> None:
        top, bottom = part[0][1], part[-1][1] + part[-1][2]
        for x in xs:
            self.p.line(x, top, x, bottom)
        self.p.line(xs[0], top, xs[-1], top)
        self.p.line(xs[0], bottom, xs[-1], bottom)
        for k, (ri, rt, _) in enumerate(part[1:], start=1):
            for j in range(len(xs) - 1):
                if (ri, j) not in covered or k == 1:
                    self.p.line(xs[j], rt, xs[j + 1], rt)
        self.out.table_pages.append(self.p.page)
        self.out.full_pages.add(self.p.page)


# ---------------------------------------------------------------- the issue


def _task_rows() -> tuple[list[list[str]], dict[int, list[tuple[int, int]]]]:
    tasks = [list(r) for r in seed_tasks()[:12]]
    tasks[3][2] = tasks[2][2]  # 责任单位 merged over rows 3–4
    for r in (6, 7):
        tasks[r][3] = tasks[5][3]  # 完成时限 merged over rows 6–8
    return [TABLE_HEADER, *tasks], {2: [(3, 4)], 3: [(6, 8)]}


def _recent(pages_used: list[int], page: int, gap: int) -> bool:
    """Was the element already placed fewer than `gap` pages ago? (one table / box per ~10 pages)"""
    return bool(pages_used) and page - pages_used[-1] < gap


def _layout(path: Path, pages: int, raster: dict[int, bytes], encrypt: str | None) -> Rendered:
    out = Rendered(path=path, pages=pages)
    p = Painter(path, raster, encrypt)
    flow = Flow(p, out)
    docs = seed_documents()
    table_rows, merges = _task_rows()
    d, done = 0, False
    while not done:
        title, docno, paras = docs[d % len(docs)]
        if p.page >= pages and flow.y > BODY_BOTTOM - 160:
            break
        flow.title(title, 16)
        flow.title(docno, SIZE)
        for i, para in enumerate(paras):
            if _is_subtitle(para):
                flow.title(para, 14)
                continue
            flow.add_paragraph(para)
            page, y = flow.run_end()
            if page > pages or (page == pages and y > BODY_BOTTOM - 2 * PITCH):
                idx = len(out.paragraphs) - 1
                flow.pending = [x for x in flow.pending if x[3] != idx]
                del out.paragraphs[idx]
                done = True
                break
            cycle = (page - 1) % 10
            if cycle >= 4 and not _recent(out.table_pages, page, 8) and 330 < y < 560 and page < pages:
                flow.table(table_rows, merges)
                out.table_rows = [list(r) for r in table_rows]
            elif cycle >= 1 and not _recent([out.box_page] if out.box_page else [], page, 10) and 200 < y < 480:
                flow.box("专栏1 残疾人社会保障重点项目", seed_box())
            elif cycle >= 2 and d == 0 and 200 < y < 600 and i > 3 and page < pages:
                break  # the next document's title lands mid-page, between two column runs
        flow.close_run()
        d += 1
    flow.close_run()
    p.save()
    out.pages = p.page
    return out


def _pick_scan_page(out: Rendered) -> int:
    """A later body-only page (no title, table or box) to rasterize."""
    cands = [n for n in range(2, out.pages) if n not in out.full_pages and n not in out.table_pages]
    return cands[-1] if cands else 0


def _rasterize(path: Path, page: int, dpi: int = 250) -> bytes:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    try:
        img = pdf[page - 1].render(scale=dpi / 72).to_pil().convert("L")
    finally:
        pdf.close()
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    return buf.getvalue()


def build_gazette(path: Path, pages: int = 10, scanned: bool = True, encrypt: str | None = None) -> Rendered:
    """Render a `pages`-page gazette to `path`; with `scanned`, one body page becomes an image only."""
    out = _layout(path, pages, {}, encrypt)
    if scanned:
        n = _pick_scan_page(out)
        if n:
            raster = {n: _rasterize(path, n)}
            out = _layout(path, pages, raster, encrypt)
            out.scanned_page = n
    return out


@functools.cache
def sample_gazette(pages: int = 10, scanned: bool = True) -> Rendered:
    """One generated gazette per test session (kept in a temp dir)."""
    d = Path(tempfile.mkdtemp(prefix="gazette_pdf_"))
    return build_gazette(d / f"gazette_{pages}.pdf", pages=pages, scanned=scanned)


@functools.cache
def sample_source(ocr: bool | None = None):  # noqa: ANN201 — a Source
    """The sample gazette read by `read_pdf` once per test session."""
    from extract.ingest.pdf import read_pdf

    return read_pdf(sample_gazette().path, ocr=ocr)


def body_paragraphs(text: str) -> list[str]:
    """Paragraphs of a synthesized text as the downstream reflow sees them: lines joined, no spaces."""
    return ["".join(block.split()) for block in text.split("\n\n") if block.strip()]


if __name__ == "__main__":
    import sys

    r = build_gazette(Path(sys.argv[1]), pages=int(sys.argv[2]) if len(sys.argv) > 2 else 10,
                      scanned="--no-scan" not in sys.argv)
    print(r.path, r.pages, "paragraphs", len(r.paragraphs), "table pages", r.table_pages,
          "box page", r.box_page, "scanned", r.scanned_page)
