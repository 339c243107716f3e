"""Split a gazette issue's paragraphs into sections (栏目) and official documents.

A document starts at its title: the title lines above a 文号 line, or above an
addressee line (主送机关) when no 文号 is printed. Interpretations (…解读), press
conferences (…新闻发布会), the chronicle (…大事记) and a table of contents start at
their own titles and are sections, not documents. A cover notice and the document
it publishes (关于印发《X》的通知 … X) are one document, attachments included.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import regex

from extract.coverage import is_body_line
from extract.model import Document, Event, Paragraph, Section, Source, stable_id
from extract.segment.chronicle import chronicle_events
from extract.segment.docnumber import DOC_NUMBER_LINE_RE, normalize_doc_number
from extract.segment.fallback import naming_line
from extract.segment.furniture import furniture_kind, split_furniture
from extract.segment.headers import Header, read_header
from extract.segment.pages import bare_heading, heading_above, page_row, title_over_rows
from extract.segment.titles import (
    NOTE_RE,
    addressee_head,
    attached_title,
    ends_with_genre,
    has_issuer_head,
    is_addressee_line,
    is_doc_number_line,
    is_issuer_line,
    is_title_like,
    issuer_of,
    section_kind,
    signing_date,
    split_addressees,
    unwrap_title,
)

_MAX_TITLE_LINES = 5
# A title quoted in a cover notice: 《兴安盟“十四五”残疾人事业发展规划》
_QUOTED_RE = regex.compile(r"[《〈<]([^《》〈〉<>]{2,80})[》〉>]")
# What a cover notice's title publishes when printed without 《》: 关于印发X的通知 / 转发X的通知
_PUBLISHES_RE = regex.compile(r"(?:印发|转发)(?P<x>[^《》，。]{4,80}?)的?(?:通知|决定)$")
_GENRES = ("意见", "规定", "办法", "方案", "细则", "规划", "计划", "条例", "决定", "通知", "要点", "措施", "纲要")


@dataclass
class Anchor:
    """Where a block starts: paragraph index of its first title line and what it is."""

    start: int
    title_end: int  # index just past the title lines
    kind: str  # document | interpretation | press | chronicle | toc | other
    title_start: int = -1  # first title line (after any front matter); -1 = start

    def __post_init__(self) -> None:
        if self.title_start < 0:
            self.title_start = self.start


@dataclass
class Segmented:
    """What segmentation makes of one source."""

    sections: list[Section] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    furniture: list[Section] = field(default_factory=list)  # menus found while segmenting


def segment(source: Source, paras: list[Paragraph]) -> Segmented:
    """Sections, documents and chronicle events of one source, in reading order.

    Furniture is set aside first (a `furniture` section each run), then the header readers
    (segment/headers.py) read metadata rows, front matter, a report's delivery line and the
    fields the file declares; those paragraphs are header, the rest is split into documents
    and sections, and the header fills what the first document's title block did not print.
    """
    body, runs = split_furniture(paras)
    header = read_header(source, body)
    hint = _title_before_header(body, header)
    if hint is not None and hint.kind == "toc":  # the page's heading, however indented, is no 目录 entry
        k = next(i for i, p in enumerate(body) if p is hint)
        hint = body[k] = replace(hint, kind="text")
    kept = [p for i, p in enumerate(body) if i not in header.used]
    out = _segment(source, kept, hint)
    last_header = max((body[i].start for i in header.used), default=-1)
    if out.documents and (len(out.documents) == 1 or out.documents[1].span.start > last_header):
        _fill_from_header(out.documents[0], header)  # header rows of a later document are not the first's
    out.sections += [_section(source, "furniture", furniture_kind(r[0].text) or "", r) for r in runs]
    out.sections += out.furniture
    out.sections.sort(key=lambda sec: sec.span.start)
    return out


def _title_before_header(body: list[Paragraph], header: Header) -> Paragraph | None:
    """A web page's title line: the short line right above its metadata rows (发布日期：…)."""
    for i in sorted(k - 1 for k in header.used if k - 1 not in header.used and k > 0):
        p = replace(body[i], kind="text") if body[i].kind == "toc" else body[i]
        if len(p.text) <= 60 and is_title_like(p):
            return body[i]
    return None


def _fill_from_header(doc: Document, h: Header) -> None:
    """Fields the title block left empty, from the header readers (CONVENTIONS: the signing date
    wins; a page's 发布日期 is the date only when nothing else is printed)."""
    doc.title = doc.title or h.title or ""
    doc.doc_number = doc.doc_number or h.doc_number
    doc.date = doc.date or h.date or h.published
    doc.issuer = doc.issuer or h.issuer or h.origin


def _segment(source: Source, paras: list[Paragraph], hint: Paragraph | None) -> Segmented:
    """Documents and sections of the paragraphs left after furniture and header rows."""
    anchors = find_anchors(paras)
    out = Segmented()
    if not paras:
        return out
    if not any(a.kind == "document" for a in anchors):
        # no document title: a 解读/发布会 title counts only as the text's own title (the first
        # naming line), not as a link further down a web page (【音频解读】《…》的解读)
        first = naming_line(paras, hint)
        anchors = [a for a in anchors if a.kind in ("chronicle", "toc", "other") or a.start <= (first or 0)]
        if first is not None and all(a.title_end < first for a in anchors) and anchors:
            # a section title in the page's menu (政策解读) ends where the text's naming line starts
            anchors.append(Anchor(first, first, "other"))
        if not any(a.kind != "other" for a in anchors):
            return _whole_text(source, paras, hint)
        anchors = _others_as_documents(paras, anchors)
    else:
        anchors = _end_tocs(paras, _page_headings(paras, _number_above(paras, _merge_repeated_titles(paras, anchors))))
        if anchors[0].start > 0:
            _absorb_front_matter(paras, anchors)
    doc_run: Section | None = None
    for k, a in enumerate(anchors):
        end = anchors[k + 1].start if k + 1 < len(anchors) else len(paras)
        block = paras[a.start : end]
        if not block:
            continue
        if a.kind in ("document", "whole"):
            if doc_run is None:
                doc_run = _section(source, "documents", "公文", block)
                out.sections.append(doc_run)
            else:
                _extend(source, doc_run, block)
            if a.kind == "whole":
                out.documents.append(whole_document(source, doc_run.id, block, hint, out))
            else:
                t0, t1 = a.title_start - a.start, a.title_end - a.start
                out.documents.append(parse_document(source, doc_run.id, block, t0, t1))
            continue
        if a.kind == "continuation" and out.documents:
            _continue(source, out.documents[-1], block)
            run = next(sec for sec in reversed(out.sections) if sec.kind == "documents")
            _extend(source, run, block)
            continue
        doc_run = None
        title = "".join(p.text for p in block[: max(1, a.title_end - a.start)]) if a.kind != "other" else ""
        sec = _section(source, a.kind, title, block)  # type: ignore[arg-type]
        out.sections.append(sec)
        if a.kind == "chronicle":
            year = _latest_year(out.documents)
            out.events.extend(chronicle_events(source, sec.id, block[a.title_end - a.start :], year))
    return out


def _whole_text(source: Source, paras: list[Paragraph], hint: Paragraph | None) -> Segmented:
    """No document title found: the whole text is one document (see segment/fallback.py)."""
    out = Segmented()
    sec = _section(source, "documents", "公文", paras)
    out.sections.append(sec)
    out.documents.append(whole_document(source, sec.id, paras, hint, out))
    return out


def whole_document(
    source: Source, section_id: str, paras: list[Paragraph], hint: Paragraph | None = None,
    out: Segmented | None = None,
) -> Document:
    """A block with no title block of its own as one document, titled by its naming line.

    Short lines above the naming line that are not running text (a site menu, a breadcrumb)
    are furniture: recorded in `out.furniture`, kept out of the document.
    """
    t = naming_line(paras, hint)
    declared = regex.sub(r"(?<=\p{Han})\s+(?=\p{Han})", "", source.metadata.get("title", ""))
    if t is None or (declared and (_opens_with_header(paras) or (t > 0 and _running_text(paras[0])))):
        return parse_document(source, section_id, paras, 0, 0, title=declared)
    k = next((i for i in range(t) if _running_text(paras[i])), t)
    if k > 0 and out is not None:
        out.furniture.append(_section(source, "furniture", "menu", paras[:k]))
    return parse_document(source, section_id, paras[k:], t - k, t - k + 1)


def _opens_with_header(paras: list[Paragraph]) -> bool:
    """A page's article that opens with the document's 文号 or addressees and prints no title above
    them (the title is in the page's info table, which the file declares). An article opening with
    running text prints no title either: a heading further down names a part, not the page."""
    return bool(paras) and (is_doc_number_line(paras[0]) or is_addressee_line(paras[0]))


def _merge_repeated_titles(paras: list[Paragraph], anchors: list[Anchor]) -> list[Anchor]:
    """A title printed twice (a database export's heading, then the document's own) is one document."""
    out: list[Anchor] = []
    for a in anchors:
        prev = out[-1] if out else None
        if (
            prev is not None and prev.kind == a.kind == "document" and a.start == prev.title_end
            and _title_text(paras, prev) == _title_text(paras, a)
        ):
            out[-1] = Anchor(prev.start, a.title_end, "document", title_start=a.title_start)
            continue
        out.append(a)
    return out


def _title_text(paras: list[Paragraph], a: Anchor) -> str:
    return "".join(p.text for p in paras[a.title_start : a.title_end])


def _number_above(paras: list[Paragraph], anchors: list[Anchor]) -> list[Anchor]:
    """A web page prints the 文号 just above the title (穗府办规〔2024〕13号 / 广州市…的通知):
    the document starts at it."""
    taken = {a.start for a in anchors}
    out = []
    for a in anchors:
        k = a.start - 1
        if a.kind == "document" and k >= 0 and k not in taken and is_doc_number_line(paras[k]):
            a = Anchor(k, a.title_end, a.kind, title_start=a.title_start)
        out.append(a)
    return out


def _page_headings(paras: list[Paragraph], anchors: list[Anchor]) -> list[Anchor]:
    """A web page's heading repeating a document's title above its 文号 and title (segment/pages.py):
    the document starts at the heading."""
    out: list[Anchor] = []
    for a in anchors:
        floor = out[-1].title_end if out else 0
        if a.kind == "document" and (j := heading_above(paras, a.start, _title_text(paras, a))) is not None and j >= floor:
            a = Anchor(j, a.title_end, a.kind, title_start=a.title_start)
        out.append(a)
    return out


def _end_tocs(paras: list[Paragraph], anchors: list[Anchor]) -> list[Anchor]:
    """A 目录 inside a document ends where the body restarts its first entry (`1　总则` again)
    or at the first running text; what follows continues the document before the 目录."""
    out: list[Anchor] = []
    for k, a in enumerate(anchors):
        out.append(a)
        if a.kind != "toc" or not any(b.kind == "document" for b in out):
            continue
        end = anchors[k + 1].start if k + 1 < len(anchors) else len(paras)
        j = _toc_end(paras, a.title_end, end)
        if j is not None:
            out.append(Anchor(j, j, "continuation"))
    return out


def _toc_end(paras: list[Paragraph], first: int, end: int) -> int | None:
    """Where the body after a 目录's entries [first, end) starts, or None."""
    if first >= end:
        return None
    entry = regex.sub(r"\s", "", paras[first].text)
    for j in range(first + 1, end):
        if regex.sub(r"\s", "", paras[j].text) == entry or _running_text(paras[j]):
            return j
    return None


def _continue(source: Source, doc: Document, block: list[Paragraph]) -> None:
    """The body after a 目录 belongs to the document the 目录 is in."""
    doc.paragraphs.extend(block)
    doc.span = source.span(doc.span.start, block[-1].end)


def _running_text(p: Paragraph) -> bool:
    """A paragraph of running text, not a title that happens to hold a comma (a page's <title>)."""
    return is_body_line(p.text) and not is_title_like(p)


def _others_as_documents(paras: list[Paragraph], anchors: list[Anchor]) -> list[Anchor]:
    """Sections were found (解读, 大事记…) but no document: the rest of the text with running
    text in it is a document, so nothing is left outside a provision."""
    if anchors[0].start > 0:
        anchors = [Anchor(0, 0, "other"), *anchors]
    out: list[Anchor] = []
    for k, a in enumerate(anchors):
        end = anchors[k + 1].start if k + 1 < len(anchors) else len(paras)
        if a.kind == "other" and any(_running_text(p) for p in paras[a.start : end]):
            a = Anchor(a.start, a.start, "whole")
        out.append(a)
    return out


def find_anchors(paras: list[Paragraph]) -> list[Anchor]:
    """Starts of documents and sections, sorted, one per block."""
    found: dict[int, Anchor] = {}
    covered: set[int] = set()
    for i in range(len(paras)):
        if i in covered:
            continue
        a = _anchor_at(paras, i, max(found) if found else 0)
        if a and a.start not in found and not (found and a.start < max(found) + max(1, found[max(found)].title_end - max(found))):
            found[a.start] = a
            covered.update(range(a.start, i + 1))
    _toc_anchors(paras, found)
    return [found[k] for k in sorted(found)]


def _anchor_at(paras: list[Paragraph], i: int, doc_start: int = 0) -> Anchor | None:
    """An anchor whose evidence (文号, addressee line or section title) is paragraph i."""
    p = paras[i]
    if p.kind == "toc":
        return None
    if is_doc_number_line(p) or (is_addressee_line(p) and not _doc_number_near(paras, i)):
        end = i
        while end > 0 and NOTE_RE.match(paras[end - 1].text):
            end -= 1
        start = title_start(paras, end)
        if start is None:
            return _title_below_number(paras, i) or _heading_over_number(paras, i)
        return Anchor(start, end, "document")
    kind = section_kind(p.text) if is_title_like(p) else None
    if kind in ("interpretation", "press", "chronicle", "toc"):
        start = title_start(paras, i + 1, require_genre=False) or i
        return Anchor(start, i + 1, kind)
    if _standalone_title(paras, i, doc_start):
        return Anchor(i, i + 1, "document")
    if _signed_notice_title(paras, i):
        return Anchor(title_start(paras, i + 1) or i, i + 1, "document")
    return None


def _title_below_number(paras: list[Paragraph], i: int) -> Anchor | None:
    """A web page's order: the 文号 line, then the title (穗建规字〔2024〕5号 / 广州市…的通知)."""
    if not is_doc_number_line(paras[i]):
        return None
    j = i + 1
    while j < len(paras) and j - i <= _MAX_TITLE_LINES and is_title_like(paras[j]):
        if ends_with_genre("".join(p.text for p in paras[i + 1 : j + 1])):
            return Anchor(i, j + 1, "document", title_start=i + 1)
        j += 1
    return None


def _heading_over_number(paras: list[Paragraph], i: int) -> Anchor | None:
    """A 文号 line under a page's heading and its rows, no title below it: the heading is the title."""
    if not is_doc_number_line(paras[i]):
        return None
    j = title_over_rows(paras, i)
    return Anchor(j, j + 1, "document") if j is not None else None


def _signed_notice_title(paras: list[Paragraph], i: int) -> bool:
    """`关于公布…的公告` with no 文号 or addressees, but a signing date a few paragraphs on."""
    p = paras[i]
    if not (is_title_like(p) and "关于" in p.text and ends_with_genre(p.text)):
        return False
    return any(signing_date(q.text) for q in paras[i + 1 : i + 6])


def _standalone_title(paras: list[Paragraph], i: int, doc_start: int = 0) -> bool:
    """A document printed without 文号 or addressees: a top-level markdown title, or a
    title line right after another document's signing date that is not the name of the
    document that notice publishes."""
    p = paras[i]
    if not is_title_like(p) or not ends_with_genre(p.text):
        return False
    if p.md_level == 1:
        return True
    if i + 1 < len(paras) and (NOTE_RE.match(paras[i + 1].text) or is_doc_number_line(paras[i + 1])):
        return False
    before = paras[max(0, i - 2) : i]
    if not any(signing_date(q.text) for q in before):
        return False
    name = _bare(p.text)
    if any(_bare(q.text) == name for q in paras[max(0, i - 12) : i]):
        return False  # the name was printed above the notice that publishes it
    published = _published_titles(paras, i) | _published_titles(paras, min(doc_start + 15, i))
    core = _core(name)
    return not any(name in _bare(t) or _bare(t) in name or (len(core) >= 6 and core in _bare(t)) for t in published)


def _core(bare_title: str) -> str:
    """A title without its genre: 关于清理整顿社会团体意见 → 关于清理整顿社会团体."""
    for g in sorted(_GENRES, key=len, reverse=True):
        if bare_title.endswith(g):
            return bare_title[: -len(g)]
    return bare_title


def _bare(title: str) -> str:
    """A title without 的 and punctuation, for comparing a quoted title with the printed one."""
    return regex.sub(r"[的\p{P}\s]", "", title)


def _published_titles(paras: list[Paragraph], i: int) -> set[str]:
    """Titles a cover notice shortly above `i` publishes (《X》 in its title or body)."""
    out: set[str] = set()
    for q in paras[max(0, i - 12) : i + 1]:
        out.update(m.strip() for m in _QUOTED_RE.findall(q.text))
        # 国务院办公厅转发民政部关于清理整顿社会团体意见的通知: a web copy drops the 《》
        if m := _PUBLISHES_RE.search(q.text):
            out.add(m["x"])
    return out


def _doc_number_near(paras: list[Paragraph], i: int) -> bool:
    return any(is_doc_number_line(q) for q in paras[max(0, i - 3) : i])


def title_start(paras: list[Paragraph], end: int, require_genre: bool = True) -> int | None:
    """Index of the first title line of the title ending just before `end` (None if none).

    Title lines are the title-like paragraphs right above; the shortest run whose text
    reads `issuer关于…genre` wins, so a plan's name printed above its cover notice or the
    previous document's last short line is not swallowed.
    """
    run: list[int] = []
    j = end - 1
    while j >= 0 and len(run) < _MAX_TITLE_LINES and is_title_like(paras[j]):
        run.insert(0, j)
        j -= 1
    if not run:
        return None
    texts = [paras[k].text for k in run]
    if require_genre and not ends_with_genre("".join(texts)):
        return None
    for s in range(len(run) - 1, -1, -1):
        if has_issuer_head("".join(texts[s:])):
            return run[s]
    for s in range(len(run) - 1, -1, -1):
        if texts[s].startswith("关于"):
            return run[s - 1] if s > 0 and is_issuer_line(texts[s - 1]) else run[s]
    return run[0]


def _toc_anchors(paras: list[Paragraph], found: dict[int, Anchor]) -> None:
    """Runs of two or more tab-indented entries form a table of contents."""
    i = 0
    while i < len(paras):
        if paras[i].kind == "toc":
            j = i
            while j < len(paras) and paras[j].kind == "toc":
                j += 1
            if j - i >= 2:
                found.setdefault(i, Anchor(i, i, "toc"))
                if j < len(paras) and j not in found:
                    found[j] = Anchor(j, j, "other")
            i = j
        else:
            i += 1


def _absorb_front_matter(paras: list[Paragraph], anchors: list[Anchor]) -> None:
    """Short matter before the first anchor (a draft's title and preface) joins the first block."""
    first = anchors[0]
    if first.start <= 6 and first.kind == "document":
        anchors[0] = Anchor(0, first.title_end, first.kind, title_start=first.title_start)
    else:
        anchors.insert(0, Anchor(0, 0, "other"))


def parse_document(
    source: Source, section_id: str, block: list[Paragraph], t0: int, t1: int, title: str | None = None
) -> Document:
    """Title (block[t0:t1]), 文号, addressees, issuer and date from a document block's header.

    With `title` given the block has no title lines (t0 == t1): every paragraph is body.
    """
    if title is None:
        t1 = max(t0 + 1, t1)
        # a title never holds itself twice: a page's heading printed again above the article
        # (陕西省2026年政府工作报告 … 陕西省2026年政府工作报告) ends the title at the repeat
        t1 = next((j for j in range(t0 + 1, t1) if block[j].text == block[t0].text), t1)
        title = unwrap_title("".join(p.text for p in block[t0:t1]))
    n_title = t1
    i = n_title
    doc_number = None
    addressees: list[str] = []
    while i < len(block) and i < n_title + 4:
        p = block[i]
        if p.text == title:
            i += 1  # the title printed twice (a database export's heading, then the document's own)
        elif NOTE_RE.match(p.text):
            # （余府发〔2012〕3号）: a 文号 printed in brackets under the title
            doc_number = doc_number or (normalize_doc_number(p.text) if _bracketed_number(p.text) else None)
            i += 1
        elif doc_number is None and is_doc_number_line(p):
            doc_number = normalize_doc_number(p.text)
            i += 1
        elif not addressees and is_addressee_line(p):
            addressees = split_addressees(p.text)
            i += 1
        elif page_row(p):
            i += 1  # a page's row under its heading (发布日期：2024-10-15  浏览次数：-)
        elif not addressees and (head := addressee_head(p.text)):
            addressees = split_addressees(head)
            break
        else:
            break
    # a web page prints the 文号 just above the title (穗府办规〔2024〕13号 / 广州市人民政府办公厅关于…)
    above = [p for p in block[max(0, t0 - 2) : t0] if is_doc_number_line(p)]
    doc_number = doc_number or (normalize_doc_number(above[-1].text) if above else None)
    date, signer = _signing(block)
    date = _dated_under_title(block[t1 : t1 + 4]) or date
    start, end = block[0].start, block[-1].end
    span = source.span(start, end)
    return Document(
        id=stable_id(source.sha256, "document", start, title),
        source=source.name,
        section_id=section_id,
        title=title,
        span=span,
        attached_title=attached_title(title),
        doc_number=doc_number,
        issuer=issuer_of(title) or signer,
        date=date,
        addressees=addressees,
        paragraphs=[p for p in block[:t0] if not _header_above(p, title)] + block[i:],
    )


def _header_above(p: Paragraph, title: str) -> bool:
    """A line above a title that is header, not body: the page heading, the 文号, a page row."""
    return bare_heading(p.text) == bare_heading(title) or is_doc_number_line(p) or page_row(p)


def _bracketed_number(text: str) -> bool:
    """`（余府发〔2012〕3号）`: a note that is nothing but a 文号."""
    return bool(DOC_NUMBER_LINE_RE.match(text.strip()[1:-1]))


def _dated_under_title(head: list[Paragraph]) -> str | None:
    """A date printed alone in brackets under the title (a bulletin's `（2023年4月12日）` below its
    issuers): the document's own date, before any later signature or a page's 发文日期 row."""
    for p in head:
        t = regex.sub(r"\s+", "", p.text)
        if len(t) > 2 and t[0] in "（(" and t[-1] in "）)" and (iso := signing_date(t[1:-1])):
            return iso
    return None


def _signing(block: list[Paragraph]) -> tuple[str | None, str | None]:
    """The first signing date of the block and the signature line just above it, if any."""
    for k, p in enumerate(block):
        iso = signing_date(p.text)
        if iso:
            signer = block[k - 1].text if k > 0 and is_issuer_line(block[k - 1].text) else None
            return iso, signer
    return None, None


def _section(source: Source, kind: str, title: str, block: list[Paragraph]) -> Section:
    start, end = block[0].start, block[-1].end
    return Section(
        id=stable_id(source.sha256, "section", start, kind),
        source=source.name,
        kind=kind,  # type: ignore[arg-type]
        title=title,
        span=source.span(start, end),
        paragraphs=list(block),
    )


def _extend(source: Source, sec: Section, block: list[Paragraph]) -> None:
    sec.paragraphs.extend(block)
    sec.span = source.span(sec.span.start, block[-1].end)


def _latest_year(docs: list[Document]) -> int | None:
    years = [int(d.date[:4]) for d in docs if d.date]
    return max(years) if years else None
