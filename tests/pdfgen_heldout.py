"""A held-out two-column gazette PDF for the paragraph-join test: text the PDF tuning never saw
(corpus/001_, not 000_), ragged-right lines broken by CJK line-breaking rules (a line never starts
with ，。、；： so the char before moves down and the line ends short), a larger font and pitch, paragraphs
running across column and page breaks, a ruled task table across a page break, running headers and
`— n —` page numbers. `build_heldout` returns the paragraphs it drew, the ground truth."""

from __future__ import annotations

import functools
import tempfile
from pathlib import Path

from tests import pdfgen
from tests.pdfgen import BODY_BOTTOM, COL_W, GUTTER, LEFT, Flow, Painter, Rendered, _task_rows

SIZE, PITCH = 11.0, 19.5
NO_LINE_START = set("，。、；：？！）》」』”’％,.;:?!)")


def wrap_ragged(text: str, width: float, size: float, indent: float = 0.0) -> list[str]:
    """Greedy CJK line breaking that keeps closing punctuation off a line start (the line above gives a char)."""
    lines = pdfgen.wrap(text, width, size, indent)
    for k in range(1, len(lines)):
        while lines[k] and lines[k][0] in NO_LINE_START and len(lines[k - 1]) > 1:
            lines[k - 1], lines[k] = lines[k - 1][:-1], lines[k - 1][-1] + lines[k]
            if pdfgen._width(lines[k], size) > width:  # the pushed line overflows: re-wrap the rest
                rest = "".join(lines[k:])
                lines[k:] = pdfgen.wrap(rest, width, size)
                break
    return lines


class RaggedFlow(Flow):
    """pdfgen's balanced two-column flow, set ragged right in a larger size; `columns[i]` records the
    (page, column x) pairs paragraph i was drawn in."""

    size, pitch = SIZE, PITCH
    columns: dict[int, set[tuple[int, float]]]

    def wrap(self, text: str, width: float, size: float, indent: float) -> list[str]:
        return wrap_ragged(text, width, size, indent)

    def draw(self, s: str, x: float, top: float, width: float, last: bool, idx: int) -> None:
        self.p.text(s, self.size, x, top)
        column = LEFT if x < LEFT + COL_W else LEFT + COL_W + GUTTER
        self.columns.setdefault(idx, set()).add((self.p.page, column))


@functools.cache
def heldout_paragraphs() -> tuple[str, list[str]]:
    """(title, body paragraphs) of corpus/001_'s plan, as pdfgen reflows a seed."""
    raw = next(pdfgen.CORPUS.glob("001_*.txt")).read_text(encoding="utf-8")
    lines = [x.rstrip() for x in raw.splitlines() if x.strip() and "\t" not in x]
    start = next(i for i, x in enumerate(lines) if x.strip().endswith("发展规划") and i > 3)
    paras = [p for p in pdfgen._reflow(lines[start + 1 :]) if 6 <= len(p) <= 700]
    return lines[start].strip(), paras


def build_heldout(path: Path, pages: int = 14) -> tuple[Rendered, dict[int, set[tuple[int, float]]]]:
    """Render the held-out gazette: a title, then two-column paragraphs with the task table mid-way.

    Returns what was drawn and, per paragraph index, the (page, column) pairs it was drawn in."""
    out = Rendered(path=path, pages=pages)
    p = Painter(path, {})
    flow = RaggedFlow(p, out)
    flow.columns = {}
    title, paras = heldout_paragraphs()
    flow.title(title, 16)
    rows, merges = _task_rows()
    for para in paras:
        flow.add_paragraph(para)
        page, y = flow.run_end()
        if page > pages or (page == pages and y > BODY_BOTTOM - 2 * PITCH):
            flow.pending = [x for x in flow.pending if x[3] != len(out.paragraphs) - 1]
            out.paragraphs.pop()
            break
        if not out.table_rows and page >= 3 and 450 < y < 600:
            flow.table(rows, merges)
            out.table_rows = [list(r) for r in rows]
    flow.close_run()
    p.save()
    out.pages = p.page
    return out, flow.columns


@functools.cache
def heldout_gazette() -> tuple[Rendered, dict[int, set[tuple[int, float]]]]:
    """One held-out gazette per test session (kept in a temp dir)."""
    d = Path(tempfile.mkdtemp(prefix="gazette_heldout_"))
    return build_heldout(d / "heldout.pdf")
