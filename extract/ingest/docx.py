"""Word files → a Source: .docx read with python-docx; .doc and .wps converted by LibreOffice first.

The body is read in order, paragraphs and tables alike: one line per paragraph (a soft line break
starts a new line), an empty line between paragraphs, automatic numbering written out as printed
(`一、`, `（一）`, `1.`), tables as tab-separated rows with merged cells repeated in every grid
position (as the PDF path does). Every line's `locator` names its place in the document
(`p[12] Heading 2`, `tbl[1] tr[3]`). Headers and footers are page furniture: they stay out of the
text and go to `metadata` (page_header, page_footer), with the core properties' title.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import tempfile
from pathlib import Path

from extract.ingest import declared
from extract.ingest.errors import IngestFailure
from extract.model import Line, Source

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
CONVERT_SUFFIXES = {".doc", ".wps"}
SOFFICE_TIMEOUT = 120
_CN = "〇一二三四五六七八九"


def soffice() -> str | None:
    """The LibreOffice binary on PATH (soffice or libreoffice), None when it is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_to_docx(path: Path, outdir: Path) -> Path:
    """Convert a .doc/.wps file with headless LibreOffice; IngestFailure with the fix when it is missing."""
    exe = soffice()
    if exe is None:
        raise IngestFailure(f"{path.name}: {path.suffix} files are converted with LibreOffice, which is not "
                            "installed (install libreoffice-writer: apt-get install libreoffice-writer-nogui)")
    try:
        subprocess.run([exe, "--headless", "--convert-to", "docx", "--outdir", str(outdir), str(path)],
                       check=True, capture_output=True, timeout=SOFFICE_TIMEOUT)
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as e:
        raise IngestFailure(f"{path.name}: LibreOffice could not convert it ({type(e).__name__})") from e
    out = outdir / (path.stem + ".docx")
    if not out.exists():
        raise IngestFailure(f"{path.name}: LibreOffice wrote no .docx (a corrupt or protected file?)")
    return out


def read_word(path: str | Path) -> Source:
    """Read a .docx (or a .doc/.wps through LibreOffice) into a Source of kind "docx"."""
    p = Path(path)
    raw = p.read_bytes()
    if not raw:
        raise IngestFailure(f"{p.name}: empty file (no text)")
    if p.suffix.lower() in CONVERT_SUFFIXES and raw.startswith(b"PK\x03\x04"):
        return _read_docx(p, p, raw)  # a .docx saved under an old suffix
    if p.suffix.lower() in CONVERT_SUFFIXES and _looks_like_html(raw):
        from extract.ingest.html import read_html  # sites often serve web pages as .doc

        return read_html(p)
    if p.suffix.lower() in CONVERT_SUFFIXES:
        with tempfile.TemporaryDirectory(prefix="gazette_doc_") as d:
            return _read_docx(convert_to_docx(p, Path(d)), p, raw)
    return _read_docx(p, p, raw)


def _looks_like_html(raw: bytes) -> bool:
    """A web page under a .doc name (Word's "save as web page" output, served by many sites as .doc)."""
    head = raw[:1024].lstrip().lower()
    return head.startswith((b"<html", b"<!doctype html", b"<?xml")) and b"<html" in raw[:4096].lower()


def _read_docx(docx_path: Path, original: Path, raw: bytes) -> Source:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(str(docx_path))
    except (PackageNotFoundError, KeyError, ValueError, OSError) as e:
        raise IngestFailure(f"{original.name}: not a readable Word file ({type(e).__name__})") from e
    except Exception as e:  # noqa: BLE001 — zipfile/lxml raise many types for a damaged package
        raise IngestFailure(f"{original.name}: not a readable Word file ({type(e).__name__})") from e
    numbering = Numbering(document)
    lines: list[Line] = []
    for kind, index, texts in _body(document, numbering):
        for k, text in enumerate(texts):
            if kind == "p" and k and lines and lines[-1].text:
                _add(lines, "", None)
            _add(lines, text, index if kind == "p" else f"{index} tr[{k + 1}]")
        _add(lines, "", None)
    if not any(ln.text for ln in lines):
        raise IngestFailure(f"{original.name}: the Word file has no text")
    meta = _metadata(document)
    body = "".join(ln.text + "\n" for ln in lines)
    return Source(path=str(original), name=original.name, sha256=hashlib.sha256(raw).hexdigest(), text=body,
                  encoding="docx", kind="docx", lines=lines, metadata=meta)


def _add(lines: list[Line], text: str, locator: str | None) -> None:
    start = lines[-1].start + len(lines[-1].text) + 1 if lines else 0
    lines.append(Line(number=len(lines) + 1, text=text, start=start, locator=locator))


def _body(document, numbering: Numbering):  # noqa: ANN001, ANN202 — python-docx objects; yields blocks
    """(kind, locator, lines) per body paragraph or table, in document order."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    p_no = t_no = 0
    for child in _block_elements(document.element.body):
        if child.tag == f"{W}p":
            p_no += 1
            para = Paragraph(child, document)
            text = para.text.replace("\t", " ")
            lines = [s.strip() for s in text.split("\n") if s.strip()]
            if not lines:
                continue
            style_el = para.style.element if para.style is not None else None
            lines[0] = numbering.label(child, style_el) + lines[0]
            style = para.style.name if para.style is not None else ""
            yield "p", f"p[{p_no}]" + (f" {style}" if style and style != "Normal" else ""), lines
        elif child.tag == f"{W}tbl":
            t_no += 1
            rows = table_rows(Table(child, document))
            if rows:
                yield "tbl", f"tbl[{t_no}]", ["\t".join(r) for r in rows]


def _block_elements(parent):  # noqa: ANN001, ANN202 — yields w:p / w:tbl elements
    """Paragraphs and tables in order, including those inside content controls (w:sdt, template fields)."""
    for child in parent.iterchildren():
        if child.tag == f"{W}sdt":
            content = child.find(f"{W}sdtContent")
            if content is not None:
                yield from _block_elements(content)
        elif child.tag in (f"{W}p", f"{W}tbl"):
            yield child


def table_rows(table) -> list[list[str]]:  # noqa: ANN001 — a python-docx Table
    """Rows of cell texts, a merged cell repeated in every grid position (python-docx gives it so)."""
    out: list[list[str]] = []
    for row in table.rows:
        cells = ["".join(s.strip() for s in c.text.replace("\t", " ").split("\n")) for c in row.cells]
        if any(cells):
            out.append(cells)
    return out


def _metadata(document) -> dict[str, str]:  # noqa: ANN001
    meta: dict[str, str] = {}
    cp = document.core_properties
    if cp.title:
        declared.put(meta, "title", cp.title)
    if cp.subject and "title" not in meta:
        declared.put(meta, "title", cp.subject)
    heads, foots = [], []
    for section in document.sections:
        for part, into in ((section.header, heads), (section.footer, foots)):
            try:
                text = " ".join(p.text.strip() for p in part.paragraphs if p.text.strip())
            except Exception:  # noqa: BLE001 — a missing header part reads as none
                text = ""
            if text and text not in into:
                into.append(text)
    if heads:
        meta["page_header"] = " | ".join(heads)
    if foots:
        meta["page_footer"] = " | ".join(foots)
    return meta


class Numbering:
    """Automatic paragraph numbering written out as Word prints it: `%1、` in chineseCounting → 一、."""

    def __init__(self, document) -> None:  # noqa: ANN001
        self.levels: dict[tuple[str, int], tuple[str, str, int]] = {}  # (numId, ilvl) → fmt, text, start
        self.counters: dict[str, list[int]] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        abstract = {a.get(f"{W}abstractNumId"): a for a in root.iter(f"{W}abstractNum")}
        for num in root.iter(f"{W}num"):
            ref = num.find(f"{W}abstractNumId")
            a = abstract.get(ref.get(f"{W}val")) if ref is not None else None
            if a is None:
                continue
            for lvl in a.iter(f"{W}lvl"):
                fmt = lvl.find(f"{W}numFmt")
                text = lvl.find(f"{W}lvlText")
                start = lvl.find(f"{W}start")
                self.levels[(num.get(f"{W}numId"), int(lvl.get(f"{W}ilvl")))] = (
                    fmt.get(f"{W}val") if fmt is not None else "decimal",
                    text.get(f"{W}val") if text is not None else "",
                    int(start.get(f"{W}val")) if start is not None else 1,
                )

    def label(self, p, style=None) -> str:  # noqa: ANN001 — a w:p element and its w:style
        """The printed number of paragraph `p` ("" when it is not numbered), advancing the counters.
        The numbering is the paragraph's own or its style's (a numbered heading or list style)."""
        num_pr = p.find(f"{W}pPr/{W}numPr")
        if num_pr is None and style is not None:
            num_pr = style.find(f"{W}pPr/{W}numPr")
        if num_pr is None:
            return ""
        num_id_el, ilvl_el = num_pr.find(f"{W}numId"), num_pr.find(f"{W}ilvl")
        num_id = num_id_el.get(f"{W}val") if num_id_el is not None else None
        ilvl = int(ilvl_el.get(f"{W}val")) if ilvl_el is not None else 0
        if num_id is None or (num_id, ilvl) not in self.levels:
            return ""
        counts = self.counters.setdefault(num_id, [0] * 9)
        counts[ilvl] += 1
        for deeper in range(ilvl + 1, 9):
            counts[deeper] = 0
        fmt, text, _ = self.levels[(num_id, ilvl)]
        out = text
        for lv in range(ilvl + 1):
            lfmt, _, start = self.levels.get((num_id, lv), ("decimal", "", 1))
            out = out.replace(f"%{lv + 1}", _format(max(counts[lv], 1) + start - 1, lfmt))
        return out if fmt != "bullet" else ""


def _format(n: int, fmt: str) -> str:
    """A list number in Word's numFmt: decimal 3, chineseCounting 三, 十二, lower/upperLetter c/C."""
    if fmt in {"chineseCounting", "chineseCountingThousand", "ideographTraditional", "taiwaneseCounting",
               "chineseLegalSimplified"}:
        return _chinese(n)
    if fmt == "decimalFullWidth":
        return "".join(chr(ord(c) + 0xFEE0) for c in str(n))
    if fmt in {"lowerLetter", "upperLetter"}:
        s = chr(ord("a") + (n - 1) % 26)
        return s.upper() if fmt == "upperLetter" else s
    if fmt == "decimalEnclosedCircle" and 1 <= n <= 20:
        return chr(0x2460 + n - 1)
    return str(n)


def _chinese(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 35 → 三十五 (up to 99)."""
    if n < 10:
        return _CN[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _CN[tens]) + "十" + (_CN[ones] if ones else "")
