"""One way through: a source file → ingest → layout → segment → structure → extractors → records.

`process_file` is a pure function of the file's bytes (plus the data files): no
database, no global state, so a build can fan out over processes. Only
`extract.store` writes; `build` glues the two together for the CLI.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

import regex

from extract.defaults import EXTRACTORS  # noqa: F401  (re-exported: the extractors a build accepts)
from extract.extractors.annotate import extract_document
from extract.ingest.errors import IngestFailure
from extract.ingest.text import TEXT_SUFFIXES, read_text
from extract.layout.reflow import reflow
from extract.model import Document, Event, Extracted, IngestError, Obligation, Provision, Section, Source
from extract.segment.documents import segment
from extract.structure.tree import build_tree
from extract.windows import (
    WINDOW_CHARS,
    Shift,
    line_count,
    next_shift,
    placeholder_lines,
    shift_spans,
    slim,
    window_source,
    windows,
)

PDF_SUFFIXES = {".pdf"}
HTML_SUFFIXES = {".html", ".htm", ".shtml", ".xhtml"}
DOCX_SUFFIXES = {".docx", ".doc", ".wps"}
OFD_SUFFIXES = {".ofd"}
SUPPORTED = TEXT_SUFFIXES | PDF_SUFFIXES | HTML_SUFFIXES | DOCX_SUFFIXES | OFD_SUFFIXES

# 盟交通局关于《小微型客车租赁经营服务管理办法》解读 → the explained title
_EXPLAINED_RE = regex.compile(r"《(?P<t>[^《》]+)》")


@dataclass
class SourceResult:
    """Everything one source yields, ready for the store."""

    source: Source
    sections: list[Section] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)
    provisions: list[Provision] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    obligations: list[Obligation] = field(default_factory=list)
    values: list[Extracted] = field(default_factory=list)
    line_count: int | None = None  # set when `source.lines` is not the whole list (a file read in windows)
    search_terms: dict[str, str] | None = None  # provision id → its search-index text, when computed in a worker
    locators: list[tuple[int, str]] | None = None  # (line, locator) of lines with one, kept when `source.lines` is dropped


def read_source(path: str | Path) -> Source:
    """Ingest a file by its suffix: text/markdown, PDF, web page, Word (.docx; .doc/.wps via LibreOffice), OFD."""
    p = Path(path)
    suffix = p.suffix.lower()
    # each reader is imported lazily: pdfplumber, lxml and trafilatura are slow to import
    if suffix in PDF_SUFFIXES:
        from extract.ingest.pdf import read_pdf

        return read_pdf(p)
    if suffix in HTML_SUFFIXES:
        from extract.ingest.html import read_html

        return read_html(p)
    if suffix in DOCX_SUFFIXES:
        from extract.ingest.docx import read_word

        return read_word(p)
    if suffix in OFD_SUFFIXES:
        from extract.ingest.ofd import read_ofd

        return read_ofd(p)
    return read_text(p)




def process_source(source: Source, extractor: str = "rules") -> SourceResult:
    """Layout, segmentation, structure and extraction of an ingested source.

    `extractor` is `rules` (the rule layer alone) or, when a trained model is installed,
    `model` / `combined` (see extract/ml); every value records the method that found it.
    """
    result = structure_source(source)
    issuers = [d.issuer for d in result.documents if d.issuer]
    for doc in result.documents:
        found = extract_document(source, doc, default_issuer=issuers[0] if issuers else None)
        if extractor != "rules":
            from extract.ml.combine import combine  # the model layer (issue 8)

            found = combine(source, doc, found, mode=extractor)
        result.obligations.extend(found.obligations)
        result.values.extend(found.values)
    return result


def structure_source(source: Source) -> SourceResult:
    """Layout, segmentation and provision trees of a source, without extraction (fast: for
    measuring what segmentation keeps, see extract/coverage.py)."""
    seg = segment(source, reflow(source))
    result = SourceResult(source=source, sections=seg.sections, documents=seg.documents, events=seg.events)
    for doc in seg.documents:
        doc.provisions = build_tree(source, doc)
        result.provisions.extend(doc.provisions)
    for sec in seg.sections:
        if sec.kind == "interpretation":
            m = _EXPLAINED_RE.search(sec.title)
            sec.explains = m["t"] if m else None
    return result


def process_file(path: str | Path, extractor: str = "rules", name: str | None = None) -> SourceResult:
    """Read and process one file (raises IngestFailure for unreadable input); a text longer
    than a window is processed window by window (extract/windows.py), in bounded memory.

    `name` is the source's name in the store (its path relative to the build root); default: the base name.
    """
    p = Path(path)
    if p.suffix.lower() in TEXT_SUFFIXES and p.stat().st_size > WINDOW_CHARS:  # bytes ≥ characters
        whole = read_text(p, lines=placeholder_lines())
        if name:
            whole.name = name
        if len(whole.text) > WINDOW_CHARS:
            return process_windows(whole, extractor)
        return process_source(replace(whole, lines=[]), extractor)  # short after all: split lines
    source = read_source(p)
    if name:
        source.name = name
    return process_source(source, extractor)


def process_windows(whole: Source, extractor: str = "rules", size: int = WINDOW_CHARS) -> SourceResult:
    """Process a large text one window of at most `size` characters at a time, keeping only the
    slimmed records of each."""
    result = SourceResult(source=whole)
    shift = Shift(0, 0, 0)
    for start, end in windows(whole.text, size):
        part = slim(process_source(window_source(whole, start, end), extractor))
        for name in ("sections", "documents", "provisions", "events", "obligations", "values"):
            getattr(result, name).extend(shift_spans(getattr(part, name), shift))
        whole.warnings.extend(w for w in part.source.warnings if w not in whole.warnings)
        shift = next_shift(shift, whole.text, start, end)
    result.line_count = line_count(shift)
    return result


def iter_inputs(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files to build from paths that are files or folders (recursively, sorted, supported suffixes).

    Only the buildable ones: `extract.inputs.enumerate_inputs` also lists what is skipped, and why.
    """
    from extract.inputs import enumerate_inputs

    for item in enumerate_inputs(paths, SUPPORTED):
        if item.buildable:
            yield item.path


def safe_process(path: Path, reader: Callable[[Path], SourceResult] = process_file,
                 name: str | None = None) -> SourceResult | IngestError:
    """process_file, but any failure becomes an IngestError naming the file (the build goes on)."""
    name = name or path.name
    try:
        return reader(path)
    except IngestFailure as e:
        msg = str(e)
        if msg.startswith(f"{path.name}:"):  # ingest names the file by its base name; the store by its source name
            msg = msg[len(path.name) + 1:].lstrip()
        return IngestError(path=str(path), name=name, error=f"{name}: {msg}")
    except (OSError, MemoryError) as e:
        why = e.strerror if isinstance(e, OSError) and e.strerror else str(e) or type(e).__name__
        return IngestError(path=str(path), name=name, error=f"{name}: cannot read: {why}")
    except Exception as e:  # a bug must not stop the other sources; it is recorded, not hidden
        return IngestError(path=str(path), name=name, error=f"{name}: internal error: {e!r}")
