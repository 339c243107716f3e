"""Clean one raw line for reflow: drop markup and stray spaces, keep each char's source offset.

What is removed never reaches later stages, but every kept character remembers
where it was printed, so a value found later is highlighted in the raw source.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from functools import cache

import regex

from extract.data import load_yaml
from extract.model import Line

# Markdown heading markers: `### **三、加强审核把关**`.
MD_HEADING_PREFIX_RE = regex.compile(r"^\s{0,3}(?P<hashes>#{1,6})\s+")
# Markdown emphasis markers: `**5. 持续提升辅助器具服务水平。**`.
MD_BOLD_RE = regex.compile(r"\*\*|__")
# A markdown list bullet before a numbered item: `- 1.道路交通无障碍。`
MD_BULLET_RE = regex.compile(r"^\s{0,3}[-*+]\s+(?=\S)")
# A markdown table separator row: `|---|:---:|`.
MD_TABLE_SEP_RE = regex.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")

_WS = " \t\u3000\u00a0\f\v"
# Zero-width characters web pages and wikis leave in text (ZWSP, ZWNJ, ZWJ, word joiner, BOM): never text.
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
# Full-width digits and Latin letters read as ASCII (`１９８５年` → `1985年`), one character for one.
_FULLWIDTH = str.maketrans(
    "０１２３４５６７８９ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ",
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
)


@dataclass
class CleanLine:
    """A raw line after markup and whitespace cleanup, with per-char source offsets."""

    number: int
    text: str
    offsets: list[int]
    end_offset: int  # source offset just past the raw line (its newline)
    md_level: int = 0
    bold: bool = False
    leading_space: bool = False  # a page-break artefact in PDF text extracts
    tab_indent: bool = False  # a tab-indented line: a table-of-contents entry in text extracts
    cells: list[str] = field(default_factory=list)  # for tab / pipe separated rows
    gaps: list[int] = field(default_factory=list)  # text indices where a CJK-side space was removed
    page: int | None = None

    @property
    def blank(self) -> bool:
        return not self.text


def is_wide(ch: str) -> bool:
    """True for characters a CJK font prints full-width (Han, kana, full-width forms, CJK punctuation)."""
    return unicodedata.east_asian_width(ch) in "WFA" and ord(ch) > 0x2000


def display_width(text: str) -> float:
    """Width in full-width character units (ASCII counts half)."""
    return sum(1.0 if is_wide(ch) else 0.5 for ch in text)


@cache
def _page_number_res() -> list[regex.Pattern]:
    data = load_yaml("layout.yaml")
    return [regex.compile(p["regex"]) for p in data["page_number_lines"]]


def is_page_number(text: str) -> bool:
    """A line that is only a printed page number (`— 8 —`, `- 12 -`, `第 3 页`)."""
    return any(p.fullmatch(text) for p in _page_number_res())


def clean_line(line: Line, markdown: bool) -> CleanLine:
    """Strip markdown markers and whitespace that a reader would not see as text."""
    raw = line.text
    start = 0
    md_level = 0
    if markdown:
        m = MD_HEADING_PREFIX_RE.match(raw)
        if m:
            md_level = len(m.group("hashes"))
            start = m.end()
        else:
            b = MD_BULLET_RE.match(raw)
            start = b.end() if b else 0
    if markdown and raw.lstrip().startswith("|"):
        return _table_row(line, raw, cells_sep="|")
    if "\t" in raw.strip(_WS):
        return _table_row(line, raw, cells_sep="\t")
    keep = _keep_mask(raw, start, markdown)
    text_chars: list[str] = []
    offsets: list[int] = []
    gaps: list[int] = []
    i = start
    n = len(raw)
    while i < n:
        ch = raw[i]
        if not keep[i]:
            i += 1
            continue
        if ch in _WS:
            j = i
            while j < n and (raw[j] in _WS or not keep[j]):
                j += 1
            left = text_chars[-1] if text_chars else ""
            right = raw[j] if j < n else ""
            if left and right and _keeps_space(left, right):
                text_chars.append(" ")
                offsets.append(line.start + i)
            elif left and right and is_wide(left) and is_wide(right):
                gaps.append(len(text_chars))
            i = j
            continue
        text_chars.append(ch)
        offsets.append(line.start + i)
        i += 1
    text = "".join(text_chars).translate(_FULLWIDTH)
    stripped_bold = markdown and bool(MD_BOLD_RE.search(raw))
    bold = stripped_bold and raw.strip(_WS + "#").startswith("**") and raw.rstrip(_WS).endswith("**")
    return CleanLine(
        number=line.number,
        text=text,
        offsets=offsets,
        end_offset=line.start + len(raw),
        md_level=md_level,
        bold=bold,
        leading_space=bool(raw) and raw[0] in _WS and bool(text),
        tab_indent=raw.startswith("\t") and bool(text),
        gaps=gaps,
        page=line.page,
    )


def _keep_mask(raw: str, start: int, markdown: bool) -> list[bool]:
    """Which raw characters survive: not the markdown prefix, not `**` emphasis markers."""
    keep = [i >= start and ch not in ZERO_WIDTH for i, ch in enumerate(raw)]
    if markdown:
        for m in MD_BOLD_RE.finditer(raw):
            for k in range(m.start(), m.end()):
                keep[k] = False
    return keep


def _keeps_space(left: str, right: str) -> bool:
    """A space survives only between two Latin-script words or numbers (`App Store`, `5 G`)."""
    return left.isascii() and right.isascii() and left.isalnum() and right.isalnum()


def _table_row(line: Line, raw: str, cells_sep: str) -> CleanLine:
    """A tab- or pipe-separated row: cells kept apart, joined by tabs in the text."""
    if cells_sep == "|" and MD_TABLE_SEP_RE.match(raw):
        return CleanLine(number=line.number, text="", offsets=[], end_offset=line.start + len(raw))
    text_chars: list[str] = []
    offsets: list[int] = []
    cells: list[str] = []
    parts = _split_keep_offsets(raw, cells_sep)
    if cells_sep == "|":
        parts = [p for p in parts if p[1].strip(_WS)]
    for k, (pos, cell) in enumerate(parts):
        sub = clean_line(Line(number=line.number, text=cell, start=line.start + pos), markdown=cells_sep == "|")
        if not sub.text and cells_sep == "\t" and k == 0:
            continue  # a leading tab is indentation, not an empty cell
        if text_chars:
            text_chars.append("\t")
            offsets.append(line.start + pos - 1)
        cells.append(sub.text)
        text_chars.extend(sub.text)
        offsets.extend(sub.offsets)
    return CleanLine(
        number=line.number,
        text="".join(text_chars),
        offsets=offsets,
        end_offset=line.start + len(raw),
        cells=cells,
        page=line.page,
    )


def _split_keep_offsets(raw: str, sep: str) -> list[tuple[int, str]]:
    """Split on `sep`, returning (start position, piece) pairs."""
    out: list[tuple[int, str]] = []
    pos = 0
    for piece in raw.split(sep):
        out.append((pos, piece))
        pos += len(piece) + 1
    return out
