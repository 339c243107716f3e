"""Web pages (.html, .htm, .shtml) → a Source of the page's main text, with the page's own metadata.

Government policy pages wrap a document in menus, search boxes, breadcrumbs, department lists and
footers. The main text is chosen by trafilatura (a maintained boilerplate remover); the page is
walked here block by block (paragraphs, headings, list items, table rows) so that every line keeps
the CSS path of the element it came from (`Line.locator`) and tables stay tables: one tab-separated
row per <tr>, merged cells repeated in every position they cover (as the PDF path does). A block is
kept when trafilatura kept its text, in order; link lists (menus, department lists) never are.
The info-disclosure table (索引号/发文机关/文号/成文日期/发布日期/名称), <title> and <meta> go to
`Source.metadata`, not into the text. Encoding: BOM, then the page's own declaration (GB2312/GBK read
as GB18030), then UTF-8, then GB18030.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import regex

from extract.data import load_yaml
from extract.ingest import declared
from extract.ingest.errors import IngestFailure
from extract.ingest.text import decode_bytes
from extract.model import Line, Source
from extract.segment.docnumber import DOC_NUMBER_LINE_RE

HTML_SUFFIXES = {".html", ".htm", ".shtml", ".xhtml"}

# <meta charset="gb2312">, <meta http-equiv="Content-Type" content="text/html; charset=GBK">
CHARSET_RE = regex.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*(?P<cs>[A-Za-z0-9_-]+)""", regex.IGNORECASE)
# Encodings a GB18030 decoder reads right (it is their superset).
GB_FAMILY = {"gb2312", "gbk", "gb18030", "x-gbk", "cp936", "euc-cn", "hz-gb-2312"}
SKIP_TAGS = {"script", "style", "noscript", "iframe", "form", "input", "select", "button", "textarea",
             "nav", "footer", "header", "svg", "canvas", "object", "embed", "template", "head", "audio",
             "video", "map", "area"}
BLOCK_TAGS = {"p", "div", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "table",
              "tr", "td", "th", "tbody", "thead", "tfoot", "section", "article", "main", "aside", "blockquote",
              "pre", "center", "figure", "figcaption", "address", "hr", "caption", "body", "form", "fieldset"}
_WS_RE = regex.compile(r"[ \t\r\n\f\v\u00a0\u3000\u2002\u2003\u200b\ufeff]+")
_ALL_WS_RE = regex.compile(r"[\s\u00a0\u3000\u200b\ufeff|]+")
# A info-disclosure line: `文 号： 穗医保规字〔2019〕4号`, `发布日期：2025-04-08 11:24:11 文章来源：…`
LABEL_LINE_RE = regex.compile(r"^(?P<label>[\p{Han} ]{2,8}?)\s*[：:]\s*(?P<value>.*)$")
_BR = "\u2028"  # a line break the page asks for (<br>, a newline in <pre>); other newlines are spaces
_SHORT = 8  # a block shorter than this must be found close after the last kept one (menus repeat words)
_NEAR = 80
_LAYOUT_CELL = 600  # a cell with more text than this is a layout cell holding the article, not data
_ONE_ROW_CELL = 100  # …in a one-row table, than this
_LINK_SHARE = 0.6  # a block with this share of its text in links is a link (in a list, or above the article)
_ANCHOR = 12  # blocks at least this long that occur once in the main text fix the page order
# A navigation list: this many items or more, each short and none ending a sentence (department lists)
_NAV_ITEMS, _NAV_ITEM_CHARS = 5, 16
_SENTENCE_END = ("。", "；", ";", "：", ":", "！", "？")


@dataclass
class Block:
    """One unit of the page: a paragraph-like element's lines, or a table's rows, with its CSS path."""

    path: str
    lines: list[str]
    links: int = 0  # characters inside <a>
    table: bool = False
    in_list: bool = False
    nav: bool = False  # inside a navigation list
    rows: list[int] | None = None  # for tables: the 1-based <tr> index (in the table) of each line


def decode_html(data: bytes, name: str) -> tuple[str, str]:
    """Decode page bytes by the page's declared charset, else as text files are (BOM, UTF-8, GB18030)."""
    m = CHARSET_RE.search(data[:4096])
    declared_cs = m["cs"].decode("ascii").lower() if m else None
    if data.startswith(b"\xef\xbb\xbf") or declared_cs in (None, "utf-8", "utf8"):
        return decode_bytes(data, name)
    if declared_cs in GB_FAMILY:
        return data.decode("gb18030", errors="replace"), "gb18030"
    try:
        return data.decode(declared_cs), declared_cs
    except (LookupError, UnicodeDecodeError):
        return decode_bytes(data, name)


def _norm(text: str) -> str:
    return _ALL_WS_RE.sub("", text)


def _text_lines(el) -> tuple[list[str], int]:  # noqa: ANN001 — an lxml element
    """An inline element's text split at <br> (and at newlines inside <pre>), whitespace collapsed as a
    browser does; and how many chars are link text."""
    parts: list[str] = []
    links = 0

    def add(text: str, pre: bool) -> None:
        parts.append(text.replace("\n", _BR) if pre else text)

    def walk(e, in_link: bool, pre: bool) -> None:  # noqa: ANN001
        nonlocal links
        tag = e.tag if isinstance(e.tag, str) else ""
        if tag in SKIP_TAGS:
            return
        pre = pre or tag == "pre"
        if tag == "br":
            parts.append(_BR)
        elif e.text:
            add(e.text, pre)
            if in_link or tag == "a":
                links += len(_norm(e.text))
        for c in e:
            walk(c, in_link or tag == "a", pre)
            if c.tail:
                add(c.tail, pre)
                if in_link or tag == "a":
                    links += len(_norm(c.tail))

    walk(el, False, el.getparent() is not None and el.getparent().tag == "pre")
    lines = [_WS_RE.sub(" ", s).strip() for s in "".join(parts).split(_BR)]
    return [s for s in lines if s], links


def _block_holders(root) -> set:  # noqa: ANN001
    """Every element with a block-level descendant (one pass up from each block element). The set
    holds the elements themselves: lxml proxies stay the same objects only while referenced."""
    out: set = set()
    for el in root.iter(*BLOCK_TAGS):
        if el.tag in SKIP_TAGS:
            continue
        parent = el.getparent()
        while parent is not None and parent not in out:
            out.add(parent)
            parent = parent.getparent()
    return out


def _child_paths(el, path: str) -> Iterator[tuple[object, str]]:  # noqa: ANN001
    counts: dict[str, int] = {}
    for c in el:
        if not isinstance(c.tag, str):
            continue
        counts[c.tag] = counts.get(c.tag, 0) + 1
        yield c, f"{path}>{c.tag}:nth-of-type({counts[c.tag]})"


def _is_data_table(table) -> bool:  # noqa: ANN001
    """A table of data, not a layout table (old sites lay whole pages out in tables): no nested table,
    two or more cells in some row, no cell holding a page's worth of text, and a single row only
    when its cells are short (a header row of a blank form, not a menu beside an article)."""
    if table.xpath(".//table"):
        return False
    widths = [len(tr.xpath("./td|./th")) for tr in table.iter("tr") if _norm(tr.text_content())]
    if not widths or max(widths) < 2:
        return False
    longest = max((len(_norm(cell.text_content())) for cell in table.iter("td", "th")), default=0)
    return longest <= (_LAYOUT_CELL if len(widths) >= 2 else _ONE_ROW_CELL)


def _table_rows(table) -> list[tuple[int, list[str]]]:  # noqa: ANN001
    """(1-based <tr> index, cells) per non-empty row, rowspan/colspan expanded (a merged cell's text
    in every position it covers)."""
    grid: dict[tuple[int, int], str] = {}
    rows = [tr for tr in table.iter("tr")]
    for r, tr in enumerate(rows):
        c = 0
        for cell in tr:
            if not isinstance(cell.tag, str) or cell.tag not in {"td", "th"}:
                continue
            while (r, c) in grid:
                c += 1
            lines, _ = _text_lines(cell)
            text = "".join(lines) if all(not regex.search(r"[A-Za-z0-9]$", s) for s in lines) else " ".join(lines)
            rs, cs = _span(cell.get("rowspan")), _span(cell.get("colspan"))
            for dr in range(rs):
                for dc in range(cs):
                    grid.setdefault((r + dr, c + dc), text)
            c += cs
    width = max((c for _, c in grid), default=-1) + 1
    out = [(r + 1, [grid.get((r, c), "") for c in range(width)]) for r in range(len(rows))]
    return [(r, row) for r, row in out if any(row)]


def _span(v: str | None) -> int:
    try:
        return max(1, min(int(v or 1), 50))
    except ValueError:
        return 1


def blocks_of(root) -> list[Block]:  # noqa: ANN001 — an lxml document
    """The page's blocks in document order (see module doc)."""
    out: list[Block] = []
    holders = _block_holders(root)

    def walk(el, path: str, in_list: bool, nav: bool = False) -> None:  # noqa: ANN001
        tag = el.tag
        if tag in SKIP_TAGS:
            return
        nav = nav or (tag in {"ul", "ol"} and _nav_list(el))
        if tag == "table" and _is_data_table(el):
            rows = _table_rows(el)
            if rows:
                out.append(Block(path, ["\t".join(r) for _, r in rows], table=True, in_list=in_list,
                                 rows=[r for r, _ in rows]))
            return
        in_list = in_list or tag in {"ul", "ol", "li", "dl"}
        if el not in holders:
            lines, links = _text_lines(el)
            if lines:
                out.append(Block(path, lines, links, in_list=in_list, nav=nav))
            return
        if el.text and el.text.strip():
            out.append(Block(path, [_WS_RE.sub(" ", el.text).strip()], in_list=in_list))
        run: list = []  # inline children between blocks, read as one anonymous block

        def flush() -> None:
            if run:
                lines, links = _inline_run(run)
                if lines:
                    out.append(Block(path, lines, links, in_list=in_list, nav=nav))
                run.clear()

        for child, cpath in _child_paths(el, path):
            if child.tag in BLOCK_TAGS or child.tag == "br" or child in holders:
                flush()
                if child.tag != "br":
                    walk(child, cpath, in_list, nav)
            else:
                run.append(child)
            if child.tail and child.tail.strip():
                run.append(child.tail)
        flush()

    body = root.find("body")
    walk(body if body is not None else root, "html>body", False)
    for b in out:
        if not b.table and len(b.lines) > 1:
            b.lines = [s for s in b.lines if not is_furniture(s)] or b.lines[:1]
    return out


def _nav_list(el) -> bool:  # noqa: ANN001
    """A list of many short items none of which ends a sentence: a menu or a department list."""
    items = [" ".join(_text_lines(li)[0]) for li in el if li.tag == "li"]
    return len(items) >= _NAV_ITEMS and all(len(t) <= _NAV_ITEM_CHARS and not t.endswith(_SENTENCE_END)
                                            for t in items)


def _inline_run(items: list) -> tuple[list[str], int]:
    """Text of a run of inline elements and loose text between two blocks."""
    from lxml import html as lhtml

    wrapper = lhtml.Element("span")
    last = None
    for it in items:
        if isinstance(it, str):
            if last is None:
                wrapper.text = (wrapper.text or "") + it
            else:
                last.tail = (last.tail or "") + it
        else:
            clone = lhtml.fromstring(lhtml.tostring(it, encoding="unicode", with_tail=False))
            wrapper.append(clone)
            last = clone
    return _text_lines(wrapper)


def page_metadata(root) -> dict[str, str]:  # noqa: ANN001
    """Header fields the page declares: info-disclosure labels, <meta> names, then <title>."""
    meta: dict[str, str] = {}
    for el in root.iter("td", "th", "li", "span", "p", "div", "dt", "dd", "b", "strong", "label"):
        own = el.text or ""
        if ("：" not in own and ":" not in own) or len(own) > 200:
            continue  # a label is printed in the element's own text: 文 号：, <td>索引号：</td>
        text = " ".join(_text_lines(el)[0])
        m = LABEL_LINE_RE.match(text) if len(text) <= 200 else None
        key = declared.label_key(m["label"]) if m else None
        if key is None:
            continue
        value = m["value"] or (el.tail or "").strip() or _next_value(el)
        if key in declared.DATE_KEYS:
            declared.put(meta, key, value)
        else:
            declared.put(meta, key, regex.split(r"\s{2,}|(?<=\S)\s+(?=[\p{Han}]{2,6}[：:])", value)[0])
    for el in root.iter("meta"):
        key = declared.meta_key(el.get("name") or "")
        if key and el.get("content"):
            declared.put(meta, key, el.get("content"))
    t = root.find(".//title")
    if t is not None and t.text_content().strip():
        title = regex.split(r"\s*[-_|–—]{1,2}\s*(?=[^-_|–—]*$)", t.text_content().strip())[0]
        declared.put(meta, "title", title)
    return meta


def _next_value(el) -> str:  # noqa: ANN001
    """The value printed in the element after a bare label cell (`<td>文号：</td><td>…</td>`)."""
    nxt = el.getnext()
    while nxt is not None and not (isinstance(nxt.tag, str) and " ".join(_text_lines(nxt)[0]).strip()):
        nxt = nxt.getnext()
    if nxt is None:
        return ""
    value = " ".join(_text_lines(nxt)[0])
    return "" if LABEL_LINE_RE.match(value) and declared.label_key(LABEL_LINE_RE.match(value)["label"]) else value


def _main_text(text: str) -> str:
    """What trafilatura reads as the page's main text (tables included), whitespace removed."""
    import trafilatura

    got = trafilatura.extract(text, include_tables=True, include_comments=False, output_format="txt",
                              deduplicate=False) or ""
    return _norm(got)


def select(blocks: list[Block], main: str) -> list[Block]:
    """The blocks trafilatura kept, in page order; never a link list or an info-disclosure line.

    Long blocks found once in the main text are anchors (the heaviest run in page order wins, so
    a page title repeated in a breadcrumb cannot pull the order out of line); every other block is
    kept when it is found between the anchors around it, a short one only just after the last kept.
    """
    cands: list[tuple[Block, str]] = []
    for b in blocks:
        joined = _norm("".join(b.lines))
        if b.table or not joined or _info_line(b) or b.nav or (b.in_list and b.links >= 0.6 * len(joined)):
            cands.append((b, ""))
        else:
            cands.append((b, joined))
    _drop_link_runs(cands)
    anchors = _anchors(cands, main)
    kept: list[int] = []
    tables: list[int] = []
    doc_numbers: list[int] = []
    lo = 0
    for i, (b, joined) in enumerate(cands):
        if b.table:
            tables.append(i)
            continue
        if not joined:
            continue
        if i not in anchors and len(b.lines) == 1 and DOC_NUMBER_LINE_RE.match(b.lines[0]) and joined in main:
            doc_numbers.append(i)
        if i in anchors:
            kept.append(i)
            lo = anchors[i] + len(joined)
            continue
        hi = next((anchors[k] for k in sorted(anchors) if k > i), len(main))
        pos = main.find(joined, lo, hi)
        if pos < 0 or (len(joined) < _SHORT and pos - lo > _NEAR):
            continue
        kept.append(i)
        lo = pos + len(joined)
    texts = {_norm("".join(blocks[i].lines)) for i in kept}
    for i in doc_numbers:  # the printed 文号, even when a page heading above took its place in the order
        if i not in kept and _norm(blocks[i].lines[0]) not in texts:
            kept.append(i)
    kept.sort()
    while kept and blocks[kept[0]].links >= _LINK_SHARE * len(_norm("".join(blocks[kept[0]].lines))):
        kept.pop(0)  # a link above the article: 点击查看政策解读：【音频解读】关于《…》的解读
    first, last = (kept[0], kept[-1]) if kept else (0, -1)
    for i in tables:  # a table inside the kept text stays, even where trafilatura left it out
        b = blocks[i]
        cells = [c for row in b.lines for c in (_norm(x) for x in row.split("\t")) if c]
        inside = first < i < last or (cells and sum(1 for c in cells if c in main) >= 0.5 * len(cells))
        if inside and not _info_table(b) and not b.nav:
            kept.append(i)
    return [blocks[i] for i in sorted(kept)]


def _drop_link_runs(cands: list[tuple[Block, str]]) -> None:
    """Blank out runs of _NAV_ITEMS or more consecutive short blocks that are wholly links (a menu
    laid out as paragraphs or table cells rather than as a list)."""
    def is_link(b: Block, joined: str) -> bool:
        return bool(joined) and len(joined) <= _NAV_ITEM_CHARS and b.links >= 0.9 * len(joined)

    i = 0
    while i < len(cands):
        j = i
        while j < len(cands) and is_link(*cands[j]):
            j += 1
        if j - i >= _NAV_ITEMS:
            for k in range(i, j):
                cands[k] = (cands[k][0], "")
        i = max(j, i + 1)


def _anchors(cands: list[tuple[Block, str]], main: str) -> dict[int, int]:
    """Block index → position in `main` of blocks of >= _ANCHOR chars found exactly once, in order."""
    found: list[tuple[int, int, int]] = []  # block index, position, weight
    for i, (_, joined) in enumerate(cands):
        if len(joined) >= _ANCHOR:
            pos = main.find(joined)
            if pos >= 0 and main.find(joined, pos + 1) < 0:
                found.append((i, pos, len(joined)))
    # heaviest chain increasing in both block order and position (weighted LIS, O(n^2) over anchors)
    best = [w for _, _, w in found]
    back = [-1] * len(found)
    for j in range(len(found)):
        for k in range(j):
            if found[k][1] < found[j][1] and best[k] + found[j][2] > best[j]:
                best[j], back[j] = best[k] + found[j][2], k
    out: dict[int, int] = {}
    j = max(range(len(found)), key=best.__getitem__) if found else -1
    while j >= 0:
        out[found[j][0]] = found[j][1]
        j = back[j]
    return out


def _info_line(b: Block) -> bool:
    return len(b.lines) == 1 and is_furniture(b.lines[0])


def is_furniture(line: str) -> bool:
    """An info-disclosure line (`文 号：…`), a page-tool label (`字体大小：【`) or a page-tool button (`A+`)."""
    furniture = load_yaml("html.yaml")
    if line.strip() in furniture["furniture_lines"]:
        return True
    m = LABEL_LINE_RE.match(line) if len(line) <= 120 else None
    if not m:
        return False
    label = m["label"].replace(" ", "")
    return declared.label_key(label) is not None or label in furniture["furniture_labels"]


def _info_table(b: Block) -> bool:
    labels = sum(1 for row in b.lines for c in row.split("\t") if declared.label_key(c) is not None)
    return labels >= 2


def read_html(path: str | Path) -> Source:
    """Read a web page into a Source (kind "html"): main text, one line per block line, metadata."""
    from lxml import html as lhtml

    p = Path(path)
    data = p.read_bytes()
    if not data.strip():
        raise IngestFailure(f"{p.name}: empty file (no text)")
    text, encoding = decode_html(data, p.name)
    try:
        root = lhtml.document_fromstring(text.encode("utf-8"), parser=lhtml.HTMLParser(encoding="utf-8"))
    except Exception as e:  # noqa: BLE001 — lxml raises several types for unparsable input
        raise IngestFailure(f"{p.name}: not a readable HTML page ({type(e).__name__})") from e
    meta = page_metadata(root)
    kept = select(blocks_of(root), _main_text(text))
    if not kept:
        raise IngestFailure(f"{p.name}: no main text found in the page")
    lines = _lines(kept)
    body = "".join(ln.text + "\n" for ln in lines)
    return Source(path=str(p), name=p.name, sha256=hashlib.sha256(data).hexdigest(), text=body,
                  encoding=encoding, kind="html", lines=lines, metadata=meta)


def _lines(blocks: list[Block]) -> list[Line]:
    """One Line per block line (with its CSS path), an empty line between paragraphs and around tables."""
    out: list[Line] = []
    pos = 0

    def add(text: str, locator: str | None) -> None:
        nonlocal pos
        out.append(Line(number=len(out) + 1, text=text, start=pos, locator=locator))
        pos += len(text) + 1

    for b in blocks:
        for k, s in enumerate(b.lines):
            if not b.table and k and out and out[-1].text:
                add("", None)
            add(s, f"{b.path} tr:nth-of-type({b.rows[k]})" if b.rows else b.path)
        add("", None)
    return out


def element_at(root, locator: str):  # noqa: ANN001, ANN201 — lxml elements
    """The element a `Line.locator` names (`html>body>div:nth-of-type(2)>p:nth-of-type(3)`, a table
    row as `… tr:nth-of-type(4)`), or None: how an editor finds a record's line in the page."""
    path, _, row = locator.partition(" tr:nth-of-type(")
    el = root
    for step in path.split(">")[1:]:
        m = regex.fullmatch(r"(?P<tag>[\w-]+)(?::nth-of-type\((?P<n>\d+)\))?", step)
        if m is None or el is None:
            return None
        same = [c for c in el if c.tag == m["tag"]]
        n = int(m["n"] or 1)
        el = same[n - 1] if len(same) >= n else None
    if el is not None and row:
        rows = list(el.iter("tr"))
        k = int(row.rstrip(")"))
        el = rows[k - 1] if len(rows) >= k else None
    return el
