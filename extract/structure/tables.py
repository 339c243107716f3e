"""Tables of a document: tab/pipe-separated rows, and the pseudo-tables of text extracts.

Text extracts of PDF tables put each cell (or each wrapped piece of a cell) on its own
line. Rows are recovered from the raw lines: a row starts at a line that begins with
the next row number (`1 在线服` … `2 即办程度`, or `1.残疾人家庭人均收入…` in an
indicator box); a trailing date is the 完成时限 cell; an indicator row splits into
indicator, value and attribute (预期性/约束性). Where the text allows no more, a row
keeps its whole text in one cell rather than a wrong split.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

import regex

from extract.data import load_yaml
from extract.layout.lines import clean_line
from extract.model import Line, Paragraph
from extract.segment.titles import is_title_like
from extract.structure.headings import match_heading

# A raw line opening a table row: `1 在线服`, `12`, `3.符合条件的残疾人…`
ROW_START_RE = regex.compile(r"^\s*(?P<n>\d{1,3})(?:\s+|[.．、](?!\d)|$)")
# A line holding nothing but a row number (one-cell-per-line tables): `1`, `12`
ROW_NUMBER_RE = regex.compile(r"^\s*\d{1,3}\s*$")
# A deadline cell: `2021年12月31日`, `2021年6月30日`, `2021年底`, `长期` (the row's last date is
# its 完成时限 cell; column interleaving may leave a fragment of another cell after it)
TRAILING_DATE_RE = regex.compile(
    r"(?P<date>(?:(?:19|20)\d{2}年(?:\d{1,2}月(?:\d{1,2}日)?|底|年底|上半年|下半年)?(?:前|之前)?)|长期|持续推进)"
    r"(?=[^\d年月日]{0,8}$)"
)
# An indicator row: `1.残疾人家庭人均收入年均增长(%)≥6预期性`, `6.残疾人基本养老保险参保率(%)>90预期性`
INDICATOR_ROW_RE = regex.compile(
    r"^(?P<n>\d{1,3})[.．、]?\s*(?P<ind>.+?)\s*(?P<val>[≥≤><＞＜]?=?\s*\d[\d.,]*\s*(?:%|[\p{Han}]{1,2})?)\s*"
    r"(?P<attr>预期性|约束性)$"
)
# Headers of the task and deadline columns (a recovered row's middle and last cells go there).
_TASK_HEADER_RE = regex.compile(r"任务|工作内容|措施|事项|内容|指标")
_DEADLINE_HEADER_RE = regex.compile(r"时限|时间|节点")
# A label line with its value (`牵头单位：市民政局`, `完成时限:2024年6月底前`) is a clause, never a header.
_LABEL_WITH_VALUE_RE = regex.compile(r"^[\s*]*\p{Han}{2,6}\s*[:：]\s*\S")
_STRUCTURAL = {"chapter", "section", "article", "attachment", "box", "cn_item", "cn_paren_item"}


@cache
def _vocab() -> dict:
    d = load_yaml("tables.yaml")
    words = sorted(d["header_words"], key=len, reverse=True)
    return {
        "words_re": regex.compile("|".join(map(regex.escape, words)) + "|" + d["year_header"]),
        "deadline": set(d["deadline_headers"]),
        "attrs": set(d["indicator_attributes"]),
        "stop": tuple(d["stop_title_genres"]),
    }


@dataclass
class TableBlock:
    """A table found among a document's paragraphs: [start, end) and its recovered rows."""

    start: int
    end: int
    header: list[str]
    rows: list[list[str]] = field(default_factory=list)
    row_paras: list[Paragraph] = field(default_factory=list)


def header_cells(text: str) -> list[str]:
    """The header words of a header line, in order (`序号一级指标二级指标…` → [序号, 一级指标, …])."""
    return [m.group(0) for m in _vocab()["words_re"].finditer(regex.sub(r"\s+", "", text))]


def is_header(text: str) -> bool:
    """Two or more header words making up at least half of the text up to the last of them."""
    compact = regex.sub(r"\s+", "", text)
    found = list(_vocab()["words_re"].finditer(compact))
    if len(found) < 2:
        return False
    return sum(len(m.group(0)) for m in found) >= 0.5 * found[-1].end()


def _header_tail(text: str) -> bool:
    """Three or more header words, back to back, closing the text (`…主要指标指标2025年属性`)."""
    compact = regex.sub(r"\s+", "", text)
    found = list(_vocab()["words_re"].finditer(compact))
    if not found or found[-1].end() != len(compact):
        return False
    run = 1
    for a, b in zip(found[-2::-1], found[:0:-1], strict=False):
        if a.end() != b.start():
            break
        run += 1
    return run >= 3


def header_end(paras: list[Paragraph], i: int, j: int) -> int:
    """Source offset just past the last header word in paragraphs i..j-1."""
    end = paras[i].start
    for p in paras[i:j]:
        for m in _vocab()["words_re"].finditer(p.text):
            end = p.offsets[m.end() - 1] + 1
    return end


def find_table_blocks(paras: list[Paragraph], lines: list[Line] | None = None) -> list[TableBlock]:
    """Tables among paragraphs: runs of tab/pipe rows, and pseudo-tables under a header line."""
    out: list[TableBlock] = []
    i = 0
    while i < len(paras):
        if paras[i].cells:
            j = i
            while j < len(paras) and paras[j].cells:
                j += 1
            out.append(_cell_table(paras, i, j))
            i = j
            continue
        head_end = _header_at(paras, i)
        if head_end and lines is not None:
            header = header_cells("".join(p.text for p in paras[i:head_end]))
            j = _pseudo_end(paras, head_end, not {"属性", "指标属性"} & set(header))
            if j > head_end and head_end - i == len(header) > 2 and any(
                ROW_NUMBER_RE.match(p.text) for p in paras[head_end : head_end + 2]
            ):
                out.append(_cell_per_line_table(paras, i, head_end, j, header))
                i = j
                continue
            if j > head_end:
                out.append(_pseudo_table(paras, i, head_end, j, lines))
                i = j
                continue
        i += 1
    return out


def _cell_table(paras: list[Paragraph], i: int, j: int) -> TableBlock:
    rows = [list(p.cells or []) for p in paras[i:j]]
    return TableBlock(start=i, end=j, header=rows[0], rows=rows[1:], row_paras=list(paras[i + 1 : j]))


def _header_at(paras: list[Paragraph], i: int) -> int:
    """End index of a header starting at i (a header may span `序号` / `一级指` / `标` / …),
    or ending paragraph i (a box title run into its header: `…主要指标指 标 2025 年 属 性`)."""
    if _header_tail(paras[i].text) and (i + 1 >= len(paras) or not header_cells(paras[i + 1].text[:12])):
        return i + 1
    if not header_cells(paras[i].text[:12]) or _LABEL_WITH_VALUE_RE.match(paras[i].text):
        return 0
    h = match_heading(paras[i].text)
    if h and h.name in _STRUCTURAL and h.name != "box":
        return 0  # `二、2020年主要任务`: a heading that names its part, not a table header
    text = ""
    for j in range(i, min(i + 5, len(paras))):
        if paras[j].cells:
            break  # a real table follows (its own header row): the text before it is its caption
        text += paras[j].text
        if is_header(text) and len(header_cells(text)) > len(header_cells(text[: -len(paras[j].text) or None])):
            if j + 1 >= len(paras) or len(header_cells(paras[j + 1].text[:12])) == 0:
                return j + 1
    return 0


def _pseudo_end(paras: list[Paragraph], k: int, numbered: bool) -> int:
    """Where a pseudo-table stops: a structural heading, or (indicator tables) a prose paragraph."""
    while k < len(paras):
        t = paras[k].text
        h = match_heading(t)
        if h and h.name in _STRUCTURAL and not _group_row(paras, k, numbered):
            break
        if not numbered and not ROW_START_RE.match(t) and t.endswith("。") and len(t) > 40:
            break
        if len(t) >= 8 and is_title_like(paras[k]) and t.endswith(_vocab()["stop"]):
            break  # the next document or attachment's title
        k += 1
    return k


def _cell_per_line_table(
    paras: list[Paragraph], i: int, head_end: int, end: int, header: list[str]
) -> TableBlock:
    """A table printed one cell per line (序号 / 改革举措 / 主要内容 / 指导部门 / 推广范围, then
    `1` / its cells …): a row starts at a line holding only its number and takes the next cells.
    Category lines between rows (`一、知识产权保护方面（共5项）`) stay in the table, not in a row."""
    from extract.structure.tree import merge_paragraphs  # tree imports this module

    block = TableBlock(start=i, end=end, header=header)
    k = head_end
    while k < end:
        if not ROW_NUMBER_RE.match(paras[k].text):
            k += 1
            continue
        j = k + 1
        while j < end and j - k < len(header) and not ROW_NUMBER_RE.match(paras[j].text):
            j += 1
        block.rows.append([p.text for p in paras[k:j]])
        block.row_paras.append(merge_paragraphs(paras[k:j]))
        k = j
    return block


def _group_row(paras: list[Paragraph], k: int, numbered: bool) -> bool:
    """A category row inside a numbered table (`一、知识产权保护方面（共5项）` then row `1`): the
    table goes on."""
    nxt = paras[k + 1].text if k + 1 < len(paras) else ""
    return numbered and not paras[k].text.endswith("。") and bool(ROW_START_RE.match(nxt))


def _pseudo_table(paras: list[Paragraph], i: int, head_end: int, end: int, lines: list[Line]) -> TableBlock:
    header_text = "".join(p.text for p in paras[i:head_end])
    header = _trailing_header_cells(header_text)
    body_start = header_end(paras, i, head_end)
    body = [
        ln for ln in _lines_between(lines, body_start, paras[end - 1].end)
        if ln.text.strip() and ln.start >= body_start - len(ln.text) and ln.start + len(ln.text) > body_start
        and not (ln.start < body_start)
    ]
    body = _drop_repeated_headers(body, "".join(header))
    groups = _row_groups(body)
    block = TableBlock(start=i, end=end, header=header)
    for group in groups:
        para = _para_of(group)
        if is_header(para.text):
            continue  # a header repeated on the next page
        first = ROW_START_RE.match(group[0].text)
        block.rows.append(_aligned(header, _cells(para.text, header, first["n"] if first else "")))
        block.row_paras.append(para)
    return block


def _drop_repeated_headers(body: list[Line], header_text: str) -> list[Line]:
    """Remove a header printed again on the next page: a line that is a header, or a run of
    header fragments (`序号` / `一级指` / `标` / `二级指标 三级指标 …`) opened by one."""
    out: list[Line] = []
    in_header = False
    for ln in body:
        compact = regex.sub(r"\s+", "", ln.text)
        if is_header(compact) or compact == header_text[:2]:
            in_header = True
            continue
        if in_header and _is_header_fragment(ln.text, header_text):
            continue
        in_header = False
        out.append(ln)
    return out


def _is_header_fragment(line: str, header_text: str) -> bool:
    """A header repeated on the next page, or a piece of it (`序号`, `一级指`, `标`)."""
    compact = regex.sub(r"\s+", "", line)
    return bool(compact) and (is_header(compact) or (len(compact) <= 4 and compact in header_text
                                                     and not compact.isdigit()))


def _trailing_header_cells(text: str) -> list[str]:
    """Header cells of a header text, dropping words of a title run into it (…主要指标 | 指标 2025年 属性)."""
    cells = header_cells(text)
    while len(cells) > 2 and cells[0] == cells[1]:
        cells = cells[1:]
    return cells


def _lines_between(lines: list[Line], start: int, end: int) -> list[Line]:
    return [ln for ln in lines if ln.start + len(ln.text) > start and ln.start < end]


def _row_groups(body: list[Line]) -> list[list[Line]]:
    """Split raw lines into rows at lines starting with the next row number."""
    groups: list[list[Line]] = []
    expected = 1
    for ln in body:
        m = ROW_START_RE.match(ln.text)
        if m and int(m["n"]) in (expected, 1 if not groups else -1):
            groups.append([ln])
            expected = int(m["n"]) + 1
        elif groups:
            groups[-1].append(ln)
        else:
            groups.append([ln])
    return groups


def _para_of(group: list[Line]) -> Paragraph:
    """Join a row's raw lines (cleaned) into one Paragraph with source offsets."""
    chars: list[str] = []
    offsets: list[int] = []
    for ln in group:
        c = clean_line(ln, markdown=False)
        if chars and c.text:
            chars.append(" ")
            offsets.append(c.offsets[0] - 1 if c.offsets else ln.start)
        chars.extend(c.text)
        offsets.extend(c.offsets)
    return Paragraph(text="".join(chars), offsets=offsets, kind="table_row")


def _cells(text: str, header: list[str], number: str = "") -> list[str]:
    """Best-effort cells of a recovered row (see module doc)."""
    compact = regex.sub(r"(?<=[\d\p{Han}（）()%])\s+(?=[\d\p{Han}（）()%≥≤><])", "", text)
    attrs = _vocab()["attrs"]
    if any(h in attrs or h == "属性" for h in header):
        m = INDICATOR_ROW_RE.match(compact)
        if m:
            return [f"{m['n']}.{m['ind']}", m["val"], m["attr"]]
    rest = compact[len(number):] if number and compact.startswith(number) else compact
    rest = rest.lstrip(".．、 ")
    cells = [number] if number else []
    if any(h in _vocab()["deadline"] for h in header):
        d = TRAILING_DATE_RE.search(rest)
        if d:
            return [*cells, rest[: d.start()].strip(), d["date"]]
    return [*cells, rest.strip()]


def _aligned(header: list[str], row: list[str]) -> list[str]:
    """Cells of a recovered row put under their headers: a short row keeps its first cell first
    and its last cell under the last header (序号 … 完成时限), the middle under the task column."""
    if len(row) >= len(header) or len(row) < 2:
        return row
    out = [""] * len(header)
    out[0], out[-1] = row[0], row[-1]
    task_cols = [j for j, h in enumerate(header) if _TASK_HEADER_RE.search(h) and 0 < j < len(header) - 1]
    middle = " ".join(row[1:-1])
    out[task_cols[-1] if task_cols else 1] = middle
    last_is_date = bool(TRAILING_DATE_RE.fullmatch(row[-1].strip()))
    if len(row) == 2 or (_DEADLINE_HEADER_RE.search(header[-1]) and not last_is_date):
        # no deadline cell in this row (a cell merged with the row above): all of it is the task
        out[-1], out[task_cols[-1] if task_cols else 1] = "", " ".join(row[1:])
    return out
