"""Reflow hard-wrapped gazette lines into paragraphs, keeping an offset map to the source.

Text extracts of two-column gazettes wrap every 15–40 characters and sometimes put
a blank line after every wrapped line, so blank lines alone do not make paragraphs.
A line ends its paragraph when a reader would see it end: it stops short of the
column width after sentence-final punctuation, it is a heading, a 文号 or a date,
or the next line opens a list item (一、 （一） 1. （1） ①). PDF sources mark their
paragraphs with blank lines themselves (geometry knows), so there blank lines rule.
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache

import regex

from extract.data import load_yaml
from extract.ingest.chinese import is_traditional, to_simplified
from extract.layout.lines import CleanLine, clean_line, display_width, is_page_number
from extract.model import Paragraph, Source
from extract.segment.docnumber import DOC_NUMBER_LINE_RE
from extract.structure.headings import match_heading

# Sources whose own structure marks every paragraph with an empty line: PDF/OFD (geometry), web
# pages and Word files (one element per paragraph).
BLANK_MARKS_PARAGRAPHS = {"pdf", "ofd", "html", "docx"}
_RUN_ON_MIN = 200  # characters: a line this long holding paragraph gaps is a one-line text
_WINDOW = 8  # lines each side used to estimate the local column width
_FULL_TOLERANCE = 1.6  # full-width chars a "full" line may fall short of the column
_INDENT_MIN, _INDENT_MAX = 1.0, 3.6  # how much shorter a paragraph's indented first line is
# Hard-wrapped text: at least this share of lines lie within [q75 - below, q75 + above] of the width
# distribution's upper quartile (seeds: 0.68–0.84; one-paragraph-per-line text: 0.01–0.20).
_WRAP_SHARE, _WRAP_BELOW, _WRAP_ABOVE = 0.45, 2.5, 1.5


@cache
def _vocab() -> dict:
    data = load_yaml("layout.yaml")
    return {
        "cont": tuple(sorted(data["continuation_endings"], key=len, reverse=True)),
        "final": set(data["final_punctuation"]),
        "closing": set(data["closing_marks"]),
        "titles": tuple(data["title_endings"]),
        "units": tuple(data["number_units"]),
        "openers": [regex.compile(p["regex"]) for p in data["line_openers"]],
        "standalone": [regex.compile(p["regex"]) for p in data["standalone_lines"]],
    }


def reflow(source: Source) -> list[Paragraph]:
    """Join a source's wrapped lines into paragraphs (see module doc)."""
    markdown = source.kind == "markdown"
    cleaned = [piece for ln in source.lines for piece in split_run_on(clean_line(ln, markdown))]
    if is_traditional(source.text):
        for c in cleaned:
            c.text = to_simplified(c.text)
    _drop_page_numbers(cleaned)
    body = [c for c in cleaned if not c.blank]
    if not body:
        return []
    widths = _local_widths(body)
    marked = source.kind in BLANK_MARKS_PARAGRAPHS
    wrapped = marked or _hard_wrapped(body)
    blank_wrap = wrapped and not marked and _blank_after_every_line(cleaned)
    blank_before = _blank_before_map(cleaned)
    paragraphs: list[Paragraph] = []
    current: list[CleanLine] = [body[0]]
    for k in range(1, len(body)):
        prev, cur = body[k - 1], body[k]
        if not wrapped:
            ends = not _ending(prev.text)[1] or _is_standalone(prev) or _is_standalone(cur)
        else:
            ends = _breaks(prev, cur, widths[k - 1], source.kind, blank_wrap, blank_before[cur.number])
        if ends:
            paragraphs.append(_join(current))
            current = [cur]
        else:
            current.append(cur)
    paragraphs.append(_join(current))
    return paragraphs


def split_run_on(c: CleanLine) -> list[CleanLine]:
    """A one-line text (`shanghai-work-reports/`: a whole report on one line, paragraphs
    separated by spaces) cut into its paragraphs: at a removed space after sentence-final
    punctuation or a colon (`各位代表：　　现在，…`), or at two or more spaces in a row."""
    if len(c.text) < _RUN_ON_MIN or c.cells:
        return [c]
    cuts: list[int] = []
    for g in c.gaps:
        if 0 < g < len(c.text) and (_paragraph_gap(c, g) or _heading_before(c.text[cuts[-1] if cuts else 0 : g])):
            cuts.append(g)
    if len(cuts) < 2:
        return [c]
    out: list[CleanLine] = []
    for a, b in zip([0, *cuts], [*cuts, len(c.text)], strict=True):
        end = c.offsets[b] if b < len(c.text) else c.end_offset
        out.append(replace(c, text=c.text[a:b], offsets=c.offsets[a:b], end_offset=end,
                           gaps=[g - a for g in c.gaps if a < g < b], leading_space=False))
    return out


# A heading of a one-line text, ended by a single space: `二、2020年主要任务 今年是…`, `（一）坚持稳中求进 …`.
RUN_ON_HEADING_RE = regex.compile(
    r"^\s*(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)]|第[一二三四五六七八九十百]{1,4}[章节])"
    r"[^。；;！？!?，,：:]{1,28}$"
)


def _heading_before(segment: str) -> bool:
    """True when the paragraph running up to a single space is a numbered heading (see RUN_ON_HEADING_RE)."""
    return bool(RUN_ON_HEADING_RE.match(segment))


def _paragraph_gap(c: CleanLine, g: int) -> bool:
    """A removed space at text index g that separates paragraphs (see split_run_on)."""
    width = c.offsets[g] - c.offsets[g - 1] - 1
    return c.text[g - 1] in _vocab()["final"] or width >= 2


def _drop_page_numbers(lines: list[CleanLine]) -> None:
    """Blank out page-number lines (`— 8 —`) and lone numbers after a run of blank lines."""
    for i, c in enumerate(lines):
        if c.blank:
            continue
        if is_page_number(c.text) or (c.text.isdigit() and len(c.text) <= 3 and _blank_run_before(lines, i) >= 3):
            c.text, c.offsets = "", []


def _blank_run_before(lines: list[CleanLine], i: int) -> int:
    n = 0
    while i - n - 1 >= 0 and lines[i - n - 1].blank:
        n += 1
    return n


def _hard_wrapped(body: list[CleanLine]) -> bool:
    """True when most lines stop at about the same width (a column's): text wrapped by the extract.

    In text with one paragraph per line (web pages, markdown) widths vary from line to line, and
    every line ends its paragraph unless it stops visibly unfinished.
    """
    widths = sorted(w for w in (display_width(c.text) for c in body) if w >= 8)
    if len(widths) < 4:
        return True  # too few lines to tell: read them as the seeds are read
    q = widths[int(len(widths) * 0.75)]
    near = sum(1 for w in widths if q - _WRAP_BELOW <= w <= q + _WRAP_ABOVE)
    return near / len(widths) >= _WRAP_SHARE


def _blank_after_every_line(lines: list[CleanLine]) -> bool:
    """True when most non-blank lines are followed by exactly one blank line (000_-style extracts)."""
    pairs = sum(1 for a, b in zip(lines, lines[1:], strict=False) if not a.blank and b.blank)
    nonblank = sum(1 for c in lines if not c.blank)
    return nonblank > 0 and pairs / nonblank > 0.5


def _blank_before_map(lines: list[CleanLine]) -> dict[int, bool]:
    out: dict[int, bool] = {}
    prev_blank = False
    for c in lines:
        if not c.blank:
            out[c.number] = prev_blank
        prev_blank = c.blank
    return out


def _local_widths(body: list[CleanLine]) -> list[float]:
    """For each line, the column width around it: the upper quartile of its neighbours' widths."""
    w = [display_width(c.text) for c in body]
    out: list[float] = []
    for i in range(len(body)):
        window = sorted(w[max(0, i - _WINDOW) : i + _WINDOW + 1], reverse=True)
        out.append(window[len(window) // 4])
    return out


def _is_standalone(c: CleanLine) -> bool:
    """Lines that are always a paragraph of their own: 文号, dates, notes, table rows, md headings."""
    if c.cells or c.md_level or c.tab_indent:
        return True
    if DOC_NUMBER_LINE_RE.match(c.text):
        return True
    return any(p.match(c.text) for p in _vocab()["standalone"])


def ends_sentence(text: str) -> bool:
    """Does `text` end with sentence-final punctuation (a closing mark after it allowed: 。” …盟财政局）)?"""
    return _ending(text)[0]


def _ending(text: str) -> tuple[bool, bool]:
    """(ends with sentence-final punctuation, ends visibly unfinished)."""
    v = _vocab()
    t = text.rstrip()
    core = t.rstrip("".join(v["closing"]))
    final = bool(core) and core[-1] in v["final"]
    if not final and t and t[-1] in {"）", ")"} and core != t:
        final = True  # a closing parenthesis ends an item: …（区残联牵头）
    unfinished = not final and t.endswith(v["cont"])
    return final, unfinished


def _breaks(prev: CleanLine, cur: CleanLine, width: float, kind: str, blank_wrap: bool, blank: bool) -> bool:
    """Does a paragraph end between `prev` and `cur`?"""
    if _is_standalone(prev) or _is_standalone(cur):
        return True
    final, unfinished = _ending(prev.text)
    if (match_heading(cur.text) and not unfinished) or any(p.match(cur.text) for p in _vocab()["openers"]):
        return True
    if cur.leading_space and final and _is_title_line(cur):
        return True  # a new document starting on a new page
    if kind in BLANK_MARKS_PARAGRAPHS:
        return blank
    if blank and not blank_wrap and not unfinished:
        return final or prev.md_level > 0 or not _is_full(prev, width)
    if prev.bold and not unfinished:
        return True
    if unfinished or _number_split_from_unit(prev.text, cur.text):
        return False
    if not final and _is_title_line(prev) and _is_full(prev, width) and _is_indented(cur, width):
        return True  # a title wider than the column, then an indented first line
    if final:
        # after a full line, a new paragraph shows by its first-line indent, or it is a
        # short unpunctuated line of its own (a signature, a title)
        return not _is_full(prev, width) or _is_indented(cur, width) or _is_short_bare(cur, width)
    return _ends_short_line(prev, width)


def _number_split_from_unit(prev: str, cur: str) -> bool:
    """`本细则自2022年10月1` / `日起施行`: a number wrapped away from its unit."""
    return bool(prev) and prev[-1].isdigit() and cur.startswith(_vocab()["units"])


def _is_title_line(c: CleanLine) -> bool:
    """A line with no punctuation ending like a title: …行为准则, …实施意见."""
    return not _ending(c.text)[0] and c.text.endswith(_vocab()["titles"])


def _is_short_bare(c: CleanLine, width: float) -> bool:
    """A line well short of the column with no punctuation at its end: 内蒙古自治区民政厅."""
    return display_width(c.text) < 0.7 * width and not any(_ending(c.text))


def _is_full(c: CleanLine, width: float) -> bool:
    return width < 8 or display_width(c.text) >= width - _FULL_TOLERANCE


def _is_indented(c: CleanLine, width: float) -> bool:
    """A paragraph's first line: about two characters short (the lost indent) and not its last line."""
    w = display_width(c.text)
    return width - _INDENT_MAX <= w <= width - _INDENT_MIN and not _ending(c.text)[0]


def _ends_short_line(c: CleanLine, width: float) -> bool:
    """A line with no final punctuation: a heading or title ends here; an indented first line goes on."""
    if _is_full(c, width):
        return False
    if c.text.endswith(_vocab()["titles"]):
        return True
    return not _is_indented(c, width)


def _join(lines: list[CleanLine]) -> Paragraph:
    """Concatenate cleaned lines; a space only between two Latin words split by the wrap."""
    chars: list[str] = []
    offsets: list[int] = []
    gaps: list[int] = []
    prev_end = -1
    for c in lines:
        if chars and c.text and _space_between(chars[-1], c.text[0]):
            chars.append(" ")
            offsets.append(prev_end)
        base = len(chars)
        gaps.extend(base + g for g in c.gaps)
        chars.extend(c.text)
        offsets.extend(c.offsets)
        prev_end = c.end_offset
    first = lines[0]
    kind = "table_row" if first.cells else "toc" if first.tab_indent else "heading" if first.md_level else "text"
    return Paragraph(
        text="".join(chars),
        offsets=offsets,
        kind=kind,
        md_level=first.md_level,
        bold=first.bold,
        gaps=gaps,
        cells=first.cells or None,
    )


def _space_between(left: str, right: str) -> bool:
    """Words of Latin script split by a line wrap get their space back (`Internet` / `Plus`)."""
    return left.isascii() and right.isascii() and left.isalpha() and right.isalpha()

