"""The dataclasses every stage shares, in the order data flows through them.

sources → ingest (Source, Line) → layout (Paragraph) → segment (Section, Document)
→ structure (Provision) → extractors (Obligation, UnitMention, Deadline, Amount,
Target, Citation, Member) → store.

Every object that comes from text keeps a `Span` (or character offsets that a
stage turns into one) so that it can be traced back to the printed source.
"""

from __future__ import annotations

import bisect
import hashlib
from dataclasses import dataclass, field
from typing import Literal

BBox = tuple[float, float, float, float]  # x0, top, x1, bottom in PDF points, top-left origin


def stable_id(*parts: object) -> str:
    """A short id that is the same on every rebuild of the same input (sha1 of the parts)."""
    h = hashlib.sha1("\x1f".join(str(p) for p in parts).encode("utf-8"))
    return h.hexdigest()[:16]


def union_bbox(boxes: list[BBox]) -> BBox | None:
    """The smallest box holding all `boxes` (None for none)."""
    if not boxes:
        return None
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )


@dataclass(frozen=True)
class Span:
    """Where a piece of text was printed: offsets into the source's decoded text.

    `start`/`end` are character offsets into `Source.text` (end exclusive);
    `line`/`end_line` are 1-based source lines; `col` is the 0-based column of
    `start` in its line; `page` (1-based) and `bbox` are set for PDF sources.
    """

    source: str
    start: int
    end: int
    line: int
    end_line: int
    col: int
    page: int | None = None
    bbox: BBox | None = None
    end_page: int | None = None


@dataclass
class Line:
    """One raw line of a source, as it was printed or extracted."""

    number: int  # 1-based
    text: str  # without the line terminator
    start: int  # offset of the first character in Source.text
    page: int | None = None
    bbox: BBox | None = None
    locator: str | None = None  # where an editor finds it in the file: an HTML element's CSS path, a DOCX part


@dataclass
class PageMeta:
    """What a PDF page carries besides its body: running header, printed number."""

    number: int  # 1-based physical page
    width: float
    height: float
    header: str = ""
    footer: str = ""
    printed_number: str | None = None
    ocr: bool = False
    needs_ocr: bool = False


@dataclass
class Source:
    """A decoded input file: its text, its lines and (for PDFs) its pages and char boxes.

    For PDFs `text` is the body text synthesized in reading order, one `Line`
    per printed line, and `char_boxes[i]` is the box of `text[i]` (None for
    the newlines the synthesis added); spans into it resolve to page + bbox.
    """

    path: str
    name: str  # the `source` of every record: the path relative to the build root (base name when read alone)
    sha256: str  # of the raw bytes
    text: str
    encoding: str
    kind: Literal["text", "markdown", "pdf", "html", "docx", "ofd"]
    lines: list[Line] = field(default_factory=list)
    pages: list[PageMeta] = field(default_factory=list)
    char_boxes: list[BBox | None] | None = None
    char_pages: list[int] | None = None
    warnings: list[str] = field(default_factory=list)
    # Header fields the file itself declares, for segmentation's header readers: an HTML page's
    # info-disclosure table / <title> / <meta>, DOCX core properties, OFD metadata. Keys: title,
    # doc_number, issuer, date (ISO signing date), published (ISO), index_no, plus any other printed label.
    metadata: dict[str, str] = field(default_factory=dict)
    _line_starts: list[int] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        if not self.lines:
            self.lines = split_lines(self.text)
        self._line_starts = [ln.start for ln in self.lines]

    def line_at(self, offset: int) -> Line:
        """The line that holds character `offset`."""
        i = bisect.bisect_right(self._line_starts, offset) - 1
        return self.lines[max(i, 0)]

    def span(self, start: int, end: int) -> Span:
        """A Span for source offsets [start, end), with line, column, page and bbox."""
        end = max(end, start + 1) if self.text else end
        first = self.line_at(start)
        last = self.line_at(max(start, end - 1))
        page = end_page = None
        bbox = None
        if self.char_boxes is not None:
            boxes = [b for b in self.char_boxes[start:end] if b is not None]
            pages = [p for p in (self.char_pages or [])[start:end] if p]
            if pages:
                page, end_page = pages[0], pages[-1]
                # a bbox is only meaningful on one page: the first page's part
                boxes = [
                    b
                    for b, p in zip(self.char_boxes[start:end], self.char_pages[start:end], strict=False)  # type: ignore[index]
                    if b is not None and p == page
                ]
            bbox = union_bbox(boxes)
        else:
            page, end_page = first.page, last.page
            bbox = first.bbox if first is last else None
        return Span(
            source=self.name,
            start=start,
            end=end,
            line=first.number,
            end_line=last.number,
            col=start - first.start,
            page=page,
            bbox=bbox,
            end_page=end_page,
        )


def split_lines(text: str) -> list[Line]:
    """Split decoded text into Lines, keeping each line's start offset (\\n, \\r\\n, \\r)."""
    lines: list[Line] = []
    pos = 0
    n = 1
    for raw in text.splitlines(keepends=True):
        body = raw.rstrip("\r\n")
        lines.append(Line(number=n, text=body, start=pos))
        pos += len(raw)
        n += 1
    if not lines:
        lines.append(Line(number=1, text="", start=0))
    return lines


@dataclass
class Paragraph:
    """A reflowed paragraph: clean text plus, per character, its offset in Source.text.

    `offsets[i]` is the source offset of `text[i]`; `kind` says what layout saw:
    a heading-like line, a list item, a table row, plain body text, a blank-separated block.
    """

    text: str
    offsets: list[int]
    kind: Literal["text", "heading", "table_row", "toc"] = "text"
    md_level: int = 0  # markdown '#' count, kept only as a hint
    bold: bool = False  # the whole paragraph was **bold** in markdown
    gaps: list[int] = field(default_factory=list)  # text indices where spaces between CJK were removed
    cells: list[str] | None = None  # cells of a tab/pipe-separated row

    @property
    def start(self) -> int:
        return self.offsets[0] if self.offsets else 0

    @property
    def end(self) -> int:
        return self.offsets[-1] + 1 if self.offsets else 0

    def source_range(self, i: int, j: int) -> tuple[int, int]:
        """Source offsets [start, end) for paragraph text [i, j)."""
        j = max(j, i + 1)
        return self.offsets[i], self.offsets[min(j, len(self.offsets)) - 1] + 1


# furniture: page furniture kept out of documents (menus, 【打印】, 【法宝引证码】 banners, licence notices)
SectionKind = Literal["documents", "interpretation", "press", "chronicle", "toc", "other", "furniture"]


@dataclass
class Section:
    """A column of a gazette issue (栏目): official documents, 解读, 发布会, 大事记, 目录."""

    id: str
    source: str
    kind: SectionKind
    title: str
    span: Span
    paragraphs: list[Paragraph] = field(default_factory=list, repr=False)
    explains: str | None = None  # interpretations: the title they explain (《X》)


@dataclass
class Event:
    """One ● entry of a chronicle (大事记), its date resolved from the chronicle's period."""

    id: str
    section_id: str
    date: str | None  # ISO
    end_date: str | None
    text: str
    span: Span


@dataclass
class Provision:
    """A node of a document's provision tree: chapter, article, item, box, table, row…"""

    id: str
    document_id: str
    kind: str  # preamble|chapter|section|article|item|paragraph|box|table|row|attachment|roster|signature
    label: str  # 第三章, 第五条, 三, （二）, 4, （1）, ①, 附件1, 专栏1 …
    path: str  # 三/（二）/4
    text: str
    span: Span
    parent_id: str | None = None
    level: int = 0
    ordinal: int = 0  # document order
    heading: str = ""  # the item's title (text before the first 。 for headed items)
    cells: list[list[str]] | None = None  # for tables: rows of cells (first row = header)
    paragraph: Paragraph | None = field(default=None, repr=False, compare=False)


@dataclass
class Document:
    """An official document (公文) of an issue, with its cover notice and attachments."""

    id: str
    source: str
    section_id: str
    title: str
    span: Span
    attached_title: str | None = None
    doc_number: str | None = None
    issuer: str | None = None
    date: str | None = None  # ISO signing date
    addressees: list[str] = field(default_factory=list)
    kind: str = "document"  # document|interpretation|press
    explains: str | None = None  # for interpretations: title of the explained document
    explains_id: str | None = None
    paragraphs: list[Paragraph] = field(default_factory=list, repr=False)
    provisions: list[Provision] = field(default_factory=list, repr=False)


@dataclass
class IngestError:
    """A source that could not be read: recorded, reported, and skipped."""

    path: str
    name: str
    error: str
    sha256: str | None = None


# ---------------------------------------------------------------- extracted values
# Offsets in these are relative to the text they were found in (`start`, `end`);
# the pipeline turns them into Spans through the paragraph's offset map.

Method = Literal["rule", "model", "both"]


@dataclass
class Amount:
    """A sum of money: 59.53万元 → value_yuan=595300."""

    surface: str
    value_yuan: float | None
    bound: Literal["exact", "min", "max", "range"] = "exact"
    low_yuan: float | None = None
    high_yuan: float | None = None
    per: str | None = None  # 人·月, 人·年, 亩, 床, 户, 项目 …
    role: str | None = None  # subsidy, reward, investment, fee, fund, fine, loan …
    start: int = 0
    end: int = 0
    currency: str = "CNY"  # ISO code of the printed currency (美元 → USD); the values are in it
    status: Literal["past", "committed"] | None = None  # money already spent / granted or planned


@dataclass
class Deadline:
    """A time limit or time anchor of an obligation: 2022年底前 → due 2022-12-31."""

    surface: str
    kind: Literal["due", "effective", "expires", "target_year", "recurring"]
    date: str | None = None  # ISO, last day allowed
    every: str | None = None  # year|half_year|quarter|month|week
    start_date: str | None = None  # for ranges 2020至2025年
    start: int = 0
    end: int = 0


@dataclass
class UnitMention:
    """A responsible unit as the text names it, with prefix/suffix distributed."""

    name: str
    role: Literal["lead", "co", "responsible"]
    surface: str
    canonical: str | None = None
    level: str | None = None
    kind: str | None = None
    start: int = 0
    end: int = 0


@dataclass
class Target:
    """A quantified goal: 到2025年，…覆盖率达到90%以上."""

    indicator: str
    value: float | None
    unit: str | None
    comparator: Literal[">", ">=", "<", "<=", "="] = "="
    year: int | None = None
    binding: Literal["expected", "binding"] | None = None
    due: str | None = None
    surface: str = ""
    start: int = 0
    end: int = 0
    high: float | None = None  # the top of a printed range (培育10—20家 → value 10, high 20)


@dataclass
class Citation:
    """A reference to another document by 文号 or 《title》."""

    surface: str
    doc_number: str | None = None
    title: str | None = None
    start: int = 0
    end: int = 0


@dataclass
class Member:
    """A seat on a leading group or committee: 组长：姜天虎 盟委委员、常务副盟长."""

    group: str
    role: str  # 组长|副组长|成员|主任|…
    person: str
    position: str | None
    start: int = 0
    end: int = 0


@dataclass
class Obligation:
    """A task and who must do it: a provision (or sentence, or table row) with its responsibility clause.

    `span` is where the responsibility clause was printed (the export's `line`), `task_span`
    where the task text was; `kind` says how the clause was stated (parenthetical, inline,
    duty_line, label_lines, table, inherited from a heading).
    """

    id: str
    document_id: str
    provision_id: str
    text: str
    clause: str
    span: Span
    task_span: Span
    units: list[tuple[UnitMention, Span]] = field(default_factory=list)
    kind: str = "parenthetical"
    method: Method = "rule"
    confidence: float = 0.9


@dataclass
class Extracted:
    """A typed value found in a provision, with where it was printed and what found it."""

    id: str
    type: Literal["deadline", "amount", "target", "citation", "member"]
    value: Amount | Deadline | Target | Citation | Member
    span: Span
    document_id: str
    provision_id: str
    obligation_id: str | None = None
    method: Method = "rule"
    confidence: float = 0.9
