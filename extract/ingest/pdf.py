"""Read a gazette PDF into a `Source`: body text in reading order with a box and page per character.

Pages are read one at a time and released (a 500-page file stays small): chars (deduplicated
fake-bold), ruled tables and 专栏 boxes, OCR for pages without a text layer. Then running
headers/footers/page numbers are found across pages, columns and reading order per page, and
the text is synthesized (extract/ingest/pdf_text.py). Unreadable files raise IngestFailure.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pdfplumber

from extract.ingest.errors import IngestFailure
from extract.ingest.ocr import ocr_language, ocr_missing_reason, ocr_page
from extract.ingest.pdf_text import synthesize
from extract.layout.columns import Edges, line_pitch, reading_order
from extract.layout.pdf_lines import BoxPool, Frag, char_tuples, dedupe, frags_of
from extract.layout.running import find_running
from extract.model import PageMeta, Source
from extract.structure.pdf_tables import BoxBlock, TableBlock, find_regions


@dataclass
class PageData:
    """What one page left behind once it was closed: its lines, tables, boxes and flags."""

    number: int
    width: float
    height: float
    frags: list[Frag] = field(default_factory=list)
    tables: list[TableBlock] = field(default_factory=list)
    boxes: list[BoxBlock] = field(default_factory=list)
    ocr: bool = False
    needs_ocr: bool = False


def _check_bytes(path: Path) -> str:
    """sha256 of the file, after the checks that need no parser: empty, not a PDF, cut short."""
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(1024)
            fh.seek(max(size - 2048, 0))
            tail = fh.read()
    except OSError as e:
        raise IngestFailure(f"cannot read {path.name}: {e.strerror or e}") from e
    if size == 0:
        raise IngestFailure("empty file (0 bytes), not a PDF")
    if b"%PDF-" not in head:
        raise IngestFailure("not a PDF: the file does not start with a %PDF header")
    if b"%%EOF" not in tail:
        raise IngestFailure("truncated PDF: no %%EOF marker at the end (the file was cut short or is corrupt)")
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _open_error(e: Exception) -> IngestFailure:
    inner = getattr(e, "args", [None])[0] if e.args else None
    name = type(inner).__name__ if isinstance(inner, Exception) else type(e).__name__
    if "Password" in name or "Encrypt" in name:
        return IngestFailure("encrypted PDF: it needs a password to open (decrypt it first)")
    return IngestFailure(f"corrupt PDF: the parser failed ({name}: {inner or e})".replace("\n", " ")[:300])


# A glyph pdfminer could not map to Unicode (the font has no ToUnicode table): `(cid:1234)`.
_CID_RE = re.compile(r"^\(cid:\d+\)$")


def _read_page(page: Any, number: int, path: Path, ocr: bool | None, pool: BoxPool,
               warnings: list[str]) -> PageData:
    data = PageData(number, float(page.width), float(page.height))
    chars = dedupe(char_tuples(page.chars))
    unmapped = sum(1 for c in chars if _CID_RE.match(c[0]))
    if unmapped and 2 * unmapped >= len(chars):  # mostly (cid:N): the text layer is unusable, like a scan's
        why = (f"text layer has no Unicode map ({unmapped} glyphs print as (cid:N): the fonts lack a ToUnicode "
               "table)")
        return _ocr_or_flag(data, path, ocr, pool, warnings, why)
    if unmapped:
        chars = [c for c in chars if not _CID_RE.match(c[0])]
        warnings.append(f"page {number}: {unmapped} glyphs without a Unicode map (cid:N) were left out")
    if not chars and page.objects.get("image"):
        return _ocr_or_flag(data, path, ocr, pool, warnings, "no text layer")
    data.tables, data.boxes, rest = find_regions(page, chars, number, pool)
    data.frags = frags_of(rest, number, pool)
    return data


def _ocr_or_flag(data: PageData, path: Path, ocr: bool | None, pool: BoxPool, warnings: list[str],
                 why: str) -> PageData:
    """A page without usable text: OCR it when possible, else flag it (needs_ocr) with the reason."""
    number = data.number
    if ocr is False:
        data.needs_ocr = True
        warnings.append(f"page {number}: {why}; OCR was turned off")
        return data
    if ocr_language() is None:
        if ocr:
            raise IngestFailure(f"page {number} needs OCR ({why}) but {ocr_missing_reason()}")
        data.needs_ocr = True
        warnings.append(f"page {number}: {why} and OCR is unavailable: {ocr_missing_reason()}")
        return data
    data.frags = frags_of(ocr_page(path, number - 1), number, pool, ocr=True)
    data.ocr = True
    if not data.frags:
        warnings.append(f"page {number}: {why}, and OCR found no text on it (a picture, or too poor a scan)")
    return data


def _read_pages(path: Path, ocr: bool | None, warnings: list[str]) -> list[PageData]:
    pool = BoxPool()
    out: list[PageData] = []
    errors = 0
    try:
        pdf = pdfplumber.open(path)
    except Exception as e:  # noqa: BLE001 — pdfminer raises many types; all mean "cannot open"
        raise _open_error(e) from e
    with pdf:
        try:
            pages = pdf.pages
        except Exception as e:  # noqa: BLE001
            raise _open_error(e) from e
        if not pages:
            raise IngestFailure("PDF has zero pages")
        for i, page in enumerate(pages):
            try:
                out.append(_read_page(page, i + 1, path, ocr, pool, warnings))
            except IngestFailure:
                raise
            except Exception as e:  # noqa: BLE001 — one bad page must not lose the others
                errors += 1
                warnings.append(f"page {i + 1}: could not be read ({type(e).__name__}: {e})"[:300])
                out.append(PageData(i + 1, float(page.width), float(page.height)))
            finally:
                page.close()
    if errors == len(out):
        raise IngestFailure(f"corrupt PDF: none of its {len(out)} pages could be read")
    return out


def read_pdf(path: str | Path, *, ocr: bool | None = None) -> Source:
    """Read the PDF at `path` into a Source (kind "pdf"); `ocr=False` never OCRs, True requires it."""
    p = Path(path)
    sha = _check_bytes(p)
    warnings: list[str] = []
    pages = _read_pages(p, ocr, warnings)
    return assemble(pages, p, sha, warnings, kind="pdf")


def assemble(pages: list[PageData], p: Path, sha: str, warnings: list[str], kind: str) -> Source:
    """A Source from positioned pages (PDF, OFD): running matter out, columns read in order, text synthesized."""
    if not any(pd.frags or pd.tables or pd.boxes for pd in pages):
        reason = warnings[0].split(": ", 1)[1] if warnings else "the pages are blank"
        raise IngestFailure(f"no text on any of the {len(pages)} pages ({reason})")
    running = find_running([(pd.frags, pd.height) for pd in pages])
    metas, ordered, pitches = [], [], []
    prior: dict[str, Edges] = {}
    for pd, run in zip(pages, running, strict=True):
        frags = [f for f in pd.frags if id(f) not in run.drop]
        placed = reading_order(frags, [*pd.tables, *pd.boxes], prior)
        ordered.append(placed)
        pitches.append(line_pitch(placed))
        metas.append(PageMeta(number=pd.number, width=pd.width, height=pd.height, header=run.header,
                              footer=run.footer, printed_number=run.printed_number, ocr=pd.ocr,
                              needs_ocr=pd.needs_ocr))
    built = synthesize(ordered, pitches)
    return Source(path=str(p), name=p.name, sha256=sha, text=built.text, encoding=kind, kind=kind,  # type: ignore[arg-type]
                  lines=built.lines, pages=metas, char_boxes=built.boxes, char_pages=built.pages,
                  warnings=warnings)
