"""A document's provision tree: chapters, articles, numbered items, boxes, tables, rosters.

The Chinese numbering decides the level of a heading (一、 > （一） > 1. > （1） > ①),
never the markdown heading level. A numbered item owns the plain paragraphs that
follow it until the next marker, so a provision's text is its whole content.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from extract.model import Document, Paragraph, Provision, Source, stable_id
from extract.structure.headings import HeadingMatch, match_heading
from extract.structure.tables import TableBlock, find_table_blocks

# A roster line: 组 长：姜天虎 盟委委员… / 成 员：刘海涛 … (spaces already removed by reflow).
ROSTER_LABEL_RE = regex.compile(r"^(?:组长|副组长|成员|主任|副主任|常务副组长|执行组长|秘书长|委员)[：:]")

_BOX_PARENT_MAX = 6  # a box opening closes open numbered items (1. and deeper) but not （一）
_BOX_CLOSERS = {"chapter", "section", "article", "attachment", "box", "cn_item", "cn_paren_item"}


@dataclass
class _Open:
    """A heading still open on the stack while walking the document."""

    prov: Provision
    level: int
    children: int = 0
    box_next: int = 0  # for boxes: the next row number expected inside


@dataclass
class _Builder:
    source: Source
    doc: Document
    provisions: list[Provision] = field(default_factory=list)
    stack: list[_Open] = field(default_factory=list)
    root_children: int = 0


def build_tree(source: Source, doc: Document) -> list[Provision]:
    """All provisions of `doc` in document order, parents before children."""
    b = _Builder(source, doc)
    paras = doc.paragraphs
    tables = {t.start: t for t in find_table_blocks(paras, source.lines)}
    i = 0
    while i < len(paras):
        if i in tables:
            t = tables[i]
            _add_table(b, paras, t)
            i = t.end
            continue
        p = paras[i]
        h = match_heading(p.text)
        if ROSTER_LABEL_RE.match(p.text):
            j = i + 1
            while j < len(paras) and _continues_roster(paras[j]):
                j += 1
            _add_leaf(b, paras[i:j], "roster", "")
            i = j
            continue
        if h is None:
            _add_leaf(b, [p], "paragraph", "")
            i += 1
            continue
        j = i + 1
        while j < len(paras) and j not in tables and _is_plain(paras[j]):
            j += 1
        _open_heading(b, paras[i:j], h)
        i = j
    return b.provisions


def _is_plain(p: Paragraph) -> bool:
    return p.kind == "text" and match_heading(p.text) is None and not ROSTER_LABEL_RE.match(p.text)


def _continues_roster(p: Paragraph) -> bool:
    """Roster lines go on until a sentence (协调小组办公室设在…。) or a heading."""
    if ROSTER_LABEL_RE.match(p.text):
        return True
    return match_heading(p.text) is None and not regex.search(r"[。；，]", p.text) and len(p.text) < 400


def _open_heading(b: _Builder, paras: list[Paragraph], h: HeadingMatch) -> None:
    """Close what this heading ends, then add it as the new innermost open provision."""
    kind = _kind_of(h)
    if h.name == "attachment":
        b.stack.clear()
        level = 0
    elif h.name == "box":
        _pop_for(b, h, _BOX_PARENT_MAX)
        level = b.stack[-1].level + 1 if b.stack else 1
    else:
        _pop_for(b, h, h.level)
        level = h.level
        if b.stack and _is_box(b.stack[-1]) and h.name == "num_item":
            b.stack[-1].box_next = _label_number(h.label) or b.stack[-1].box_next
    prov = _make(b, paras, kind, h.label, heading_end=h.end)
    b.stack.append(_Open(prov, level))


def _pop_for(b: _Builder, h: HeadingMatch, level: int) -> None:
    """Pop open provisions this heading closes: deeper or equal levels, and boxes it ends."""
    while b.stack:
        top = b.stack[-1]
        if _is_box(top):
            if not _box_closes(top, h):
                return
        elif top.level < level:
            return
        b.stack.pop()


def _is_box(o: _Open) -> bool:
    return o.prov.kind == "box"


def _box_closes(box: _Open, h: HeadingMatch) -> bool:
    """A box ends at a higher heading, or at a numbered item that does not continue its rows."""
    if h.name in _BOX_CLOSERS:
        return True
    if h.name == "num_item":
        n = _label_number(h.label)
        return n is not None and n != box.box_next + 1
    return False


def _label_number(label: str) -> int | None:
    digits = regex.sub(r"\D", "", label.translate(str.maketrans("０１２３４５６７８９", "0123456789")))
    return int(digits) if digits else None


def _kind_of(h: HeadingMatch) -> str:
    return {"chapter": "chapter", "section": "section", "article": "article", "attachment": "attachment",
            "box": "box"}.get(h.name, "item")


def _add_leaf(b: _Builder, paras: list[Paragraph], kind: str, label: str) -> Provision:
    return _make(b, paras, kind, label)


def _add_table(b: _Builder, paras: list[Paragraph], t: TableBlock) -> None:
    """A table provision, one row provision per data row (cells = [header, row])."""
    table = _make(b, paras[t.start : t.end], "table", "", cells=[t.header, *t.rows])
    b.stack.append(_Open(table, 99))
    for k, (row, row_paras) in enumerate(zip(t.rows, t.row_paras, strict=True)):
        label = row[0] if row and regex.fullmatch(r"\d{1,3}", row[0] or "") else str(k + 1)
        _make(b, [row_paras], "row", label, cells=[t.header, row])
    b.stack.pop()


def _make(
    b: _Builder, paras: list[Paragraph], kind: str, label: str, heading_end: int = 0,
    cells: list[list[str]] | None = None,
) -> Provision:
    merged = merge_paragraphs(paras)
    parent = b.stack[-1] if b.stack else None
    if parent:
        parent.children += 1
        n = parent.children
        base = parent.prov.path
    else:
        b.root_children += 1
        n = b.root_children
        base = ""
    comp = label or f"¶{n}"
    path = f"{base}/{comp}" if base else comp
    start, end = merged.start, merged.end
    prov = Provision(
        id=stable_id(b.source.sha256, "provision", start, end, kind, path),
        document_id=b.doc.id,
        kind=kind,
        label=label,
        path=path,
        text=merged.text,
        span=b.source.span(start, end),
        parent_id=parent.prov.id if parent else None,
        level=len(b.stack),
        ordinal=len(b.provisions),
        heading=_heading_text(merged.text, heading_end) if heading_end else "",
        cells=cells,
        paragraph=merged,
    )
    b.provisions.append(prov)
    return prov


def _heading_text(text: str, marker_end: int) -> str:
    """The item's title: after the marker, up to the first 。 (or the whole first line)."""
    first = text.split("\n", 1)[0][marker_end:]
    head, sep, _ = first.partition("。")
    return (head + sep).strip() if len(head) <= 60 else head[:60]


def merge_paragraphs(paras: list[Paragraph]) -> Paragraph:
    """One Paragraph for several, joined by newlines mapped to the end of the previous one."""
    if len(paras) == 1:
        return paras[0]
    chars: list[str] = []
    offsets: list[int] = []
    for p in paras:
        if chars:
            chars.append("\n")
            offsets.append(offsets[-1] + 1 if offsets else p.start)
        chars.extend(p.text)
        offsets.extend(p.offsets)
    return Paragraph(text="".join(chars), offsets=offsets, kind=paras[0].kind)
