"""OFD files (GB/T 33190, the national fixed-layout format) → the same positioned-character pages as PDFs.

An OFD is a zip of XML: OFD.xml names the document (DocInfo: title, custom data) and its
Document.xml, which lists the pages; each page's Content.xml holds TextObjects (a Boundary box,
a font size, TextCode runs with an origin X/Y and per-glyph advances DeltaX) and PathObjects
(the rules of tables). Units are millimetres; they become points here. Glyphs become the PDF
path's chars and rules its lines, so running headers, columns, tables and paragraph breaks are
found by the same code (extract/ingest/pdf.py `assemble`). Template pages (a running header drawn
once for every page) are read with the page that uses them. Read with lxml, no OFD library.
"""

from __future__ import annotations

import hashlib
import posixpath
import zipfile
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import regex

from extract.ingest import declared
from extract.ingest.errors import IngestFailure
from extract.ingest.pdf import PageData, assemble
from extract.layout.pdf_lines import BoxPool, Char, dedupe, frags_of
from extract.model import Source
from extract.structure.pdf_tables import find_regions

NS = "{http://www.ofdspec.org/2016}"
MM = 72 / 25.4  # points per millimetre
ASCENT = 0.88  # share of the font size above the baseline (the PDF generator draws the same way)
A4 = (210.0, 297.0)
_NUM_RE = regex.compile(r"-?\d+(?:\.\d+)?")


def _nums(text: str | None) -> list[float]:
    return [float(x) for x in _NUM_RE.findall(text or "")]


def deltas(spec: str | None) -> list[float]:
    """DeltaX/DeltaY as a list of advances: `g 3 4.2 5.1` repeats 4.2 three times."""
    out: list[float] = []
    toks = (spec or "").split()
    i = 0
    while i < len(toks):
        if toks[i] == "g" and i + 2 < len(toks):
            out.extend([float(toks[i + 2])] * int(float(toks[i + 1])))
            i += 3
        else:
            out.append(float(toks[i]))
            i += 1
    return out


class Package:
    """The zip and its XML parts, resolved the way OFD paths resolve (relative to the referring part)."""

    def __init__(self, path: Path) -> None:
        from lxml import etree

        self._etree = etree
        try:
            self.zip = zipfile.ZipFile(path)
            self.names = set(self.zip.namelist())
        except (zipfile.BadZipFile, OSError) as e:
            raise IngestFailure(f"{path.name}: not an OFD file (not a zip package: {e})") from e

    def xml(self, name: str) -> Any:
        """The parsed XML part `name`; IngestFailure when it is missing or not well-formed."""
        name = name.lstrip("/")
        if name not in self.names:
            raise IngestFailure(f"OFD part {name} is missing")
        try:
            return self._etree.fromstring(self.zip.read(name))
        except self._etree.XMLSyntaxError as e:
            raise IngestFailure(f"OFD part {name} is not well-formed XML ({e})") from e

    @staticmethod
    def resolve(base: str, loc: str) -> str:
        """`Pages/Page_0/Content.xml` relative to `Doc_0/Document.xml` → `Doc_0/Pages/Page_0/Content.xml`."""
        if loc.startswith("/"):
            return loc.lstrip("/")
        return posixpath.normpath(posixpath.join(posixpath.dirname(base), loc))


def read_ofd(path: str | Path) -> Source:
    """Read an OFD file into a Source of kind "ofd" (positioned text, see module doc)."""
    p = Path(path)
    raw = p.read_bytes()
    if not raw:
        raise IngestFailure(f"{p.name}: empty file (0 bytes), not an OFD")
    pkg = Package(p)
    if "OFD.xml" not in pkg.names:
        raise IngestFailure(f"{p.name}: not an OFD file (no OFD.xml in the package)")
    root = pkg.xml("OFD.xml")
    body = root.find(f"{NS}DocBody")
    doc_root = body.findtext(f"{NS}DocRoot") if body is not None else None
    if not doc_root:
        raise IngestFailure(f"{p.name}: OFD.xml names no document (DocRoot)")
    doc_name = Package.resolve("OFD.xml", doc_root.strip())
    pages = _pages(pkg, doc_name)
    source = assemble(pages, p, hashlib.sha256(raw).hexdigest(), [], kind="ofd")
    source.metadata = _metadata(body)
    return source


def _metadata(body: Any) -> dict[str, str]:
    """DocInfo Title and CustomData (named like the info-disclosure labels: 文号, 发文机关, 成文日期…)."""
    meta: dict[str, str] = {}
    info = body.find(f"{NS}DocInfo")
    if info is None:
        return meta
    for el in info.iter(f"{NS}CustomData"):
        name, value = el.get("Name") or "", (el.text or "").strip()
        key = declared.label_key(name) or declared.meta_key(name)
        if key:
            declared.put(meta, key, value)
        elif name and value:
            meta.setdefault(name, value)
    if info.findtext(f"{NS}Title"):
        declared.put(meta, "title", info.findtext(f"{NS}Title"))
    return meta


def _pages(pkg: Package, doc_name: str) -> list[PageData]:
    doc = pkg.xml(doc_name)
    common = doc.find(f"{NS}CommonData")
    default_box = _box(common.find(f"{NS}PageArea") if common is not None else None) or A4
    templates = {t.get("ID"): Package.resolve(doc_name, t.get("BaseLoc", ""))
                 for t in (common.iter(f"{NS}TemplatePage") if common is not None else [])}
    pool = BoxPool()
    out: list[PageData] = []
    for n, page in enumerate(doc.iter(f"{NS}Page"), start=1):
        name = Package.resolve(doc_name, page.get("BaseLoc", ""))
        content = pkg.xml(name)
        box = _box(content.find(f"{NS}Area")) or default_box
        chars: list[Char] = []
        lines: list[dict[str, Any]] = []
        for tpl in content.iter(f"{NS}Template"):
            if tpl.get("TemplateID") in templates:
                _objects(pkg.xml(templates[tpl.get("TemplateID")]), chars, lines)
        _objects(content, chars, lines)
        data = PageData(n, box[0] * MM, box[1] * MM)
        ruled = RuledPage(lines)
        data.tables, data.boxes, rest = find_regions(ruled, dedupe(chars), n, pool)
        data.frags = frags_of(rest, n, pool)
        out.append(data)
    if not out:
        raise IngestFailure("OFD document has zero pages")
    return out


def _box(area: Any) -> tuple[float, float] | None:
    if area is None:
        return None
    nums = _nums(area.findtext(f"{NS}PhysicalBox"))
    return (nums[2], nums[3]) if len(nums) == 4 else None


def _objects(content: Any, chars: list[Char], lines: list[dict[str, Any]]) -> None:
    """Glyphs of every TextObject and rules of every PathObject of a page (or template) content."""
    for obj in content.iter(f"{NS}TextObject"):
        bx = _nums(obj.get("Boundary"))
        if len(bx) != 4:
            continue
        size = float(obj.get("Size") or 3.5)
        ctm = _nums(obj.get("CTM"))
        scale = ctm[0] if len(ctm) == 6 and ctm[0] > 0 else 1.0
        for code in obj.iter(f"{NS}TextCode"):
            _glyphs(code, bx[0], bx[1], size * scale, chars)
    for obj in content.iter(f"{NS}PathObject"):
        bx = _nums(obj.get("Boundary"))
        data = obj.findtext(f"{NS}AbbreviatedData")
        if len(bx) == 4 and data:
            lines.extend(_rules(data, bx[0], bx[1]))


def _glyphs(code: Any, ox: float, oy: float, size: float, chars: list[Char]) -> None:
    text = code.text or ""
    x = ox + float(code.get("X") or 0)
    base = oy + float(code.get("Y") or 0)
    dx = deltas(code.get("DeltaX"))
    dy = deltas(code.get("DeltaY"))
    for k, ch in enumerate(text):
        width = dx[k] if k < len(dx) else (size if ord(ch) > 0x2000 else size / 2)
        top = base - ASCENT * size
        chars.append((ch, x * MM, top * MM, (x + min(width, size)) * MM, (top + size) * MM))
        x += dx[k] if k < len(dx) else width
        base += dy[k] if k < len(dy) else 0.0


def _rules(data: str, ox: float, oy: float) -> list[dict[str, Any]]:
    """Straight horizontal/vertical segments of a path (`M x y L x y`, rectangles as four segments)."""
    out: list[dict[str, Any]] = []
    toks = data.split()
    cur = start = None
    i = 0
    while i < len(toks):
        op = toks[i]
        if op in {"M", "L"} and i + 2 < len(toks):
            pt = (ox + float(toks[i + 1]), oy + float(toks[i + 2]))
            if op == "L" and cur is not None:
                out.extend(_segment(cur, pt))
            if op == "M":
                start = pt
            cur = pt
            i += 3
        elif op == "C" and cur is not None and start is not None:
            out.extend(_segment(cur, start))
            cur = start
            i += 1
        else:
            i += 1
    return out


def _segment(a: tuple[float, float], b: tuple[float, float]) -> list[dict[str, Any]]:
    x0, x1 = sorted((a[0] * MM, b[0] * MM))
    top, bottom = sorted((a[1] * MM, b[1] * MM))
    if x1 - x0 < 1 and bottom - top < 1:
        return []
    if x1 - x0 >= 1 and bottom - top >= 1:
        return []  # a slanted stroke: not a table rule
    orientation = "v" if x1 - x0 < 1 else "h"
    return [{"x0": x0, "x1": x1, "top": top, "bottom": bottom, "width": x1 - x0, "height": bottom - top,
             "doctop": top, "orientation": orientation, "object_type": "line"}]


class RuledPage:
    """The part of a pdfplumber page that `find_regions` uses, over an OFD page's rules."""

    def __init__(self, lines: list[dict[str, Any]]) -> None:
        self.objects: dict[str, list[dict[str, Any]]] = {"line": lines, "rect": []}

    def find_tables(self, settings: dict[str, Any]) -> list[SimpleNamespace]:
        """Tables from the rules alone (pdfplumber's lines strategy: edges → intersections → cells)."""
        from pdfplumber.table import (
            cells_to_tables,
            edges_to_intersections,
            intersections_to_cells,
            merge_edges,
        )

        snap, join = settings.get("snap_tolerance", 3), settings.get("join_tolerance", 3)
        tol = settings.get("intersection_tolerance", 3)
        edges = merge_edges(list(self.objects["line"]), snap, snap, join, join)
        cells = intersections_to_cells(edges_to_intersections(edges, tol, tol))
        out = []
        for group in cells_to_tables(cells):
            bbox = (min(c[0] for c in group), min(c[1] for c in group), max(c[2] for c in group),
                    max(c[3] for c in group))
            out.append(SimpleNamespace(cells=group, bbox=bbox))
        return out
