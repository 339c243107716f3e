"""`gazette build`: process sources and write them to the store, skipping unchanged ones.

Four steps: (1) enumerate the inputs (every file under the given paths, each with its source name —
its path relative to the build root — or the reason it is not built); (2) per input, a job that never
raises: hash, read and process the file into a SourceResult, or an IngestError naming why not;
(3) one writer that stores each outcome in its own transaction and decides its status; (4) the
finishing steps (link citations and interpretations, refresh units, re-anchor reviews), which a
crashed build leaves marked as pending so that the next build completes them.

Every input gets a status in the report: built, unchanged, warning (built but it gave no documents,
events or interpretations, with the reason; also in ingest_errors), error (with the reason; also in ingest_errors), or skipped (with the reason).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import regex

from extract.faults import fault
from extract.inputs import ERROR, Input, enumerate_inputs
from extract.model import IngestError
from extract.pipeline import SourceResult, process_file, safe_process
from extract.review.store import after_build
from extract.store.write import (
    clear_finish_pending,
    file_sha256,
    finish_pending,
    is_unchanged,
    link_citations,
    link_interpretations,
    open_db,
    record_error,
    refresh_units,
    rename_source,
    same_bytes_as,
    write_source,
)

DEFAULT_CORPUS = "corpus"
DEFAULT_DB = "gazette.db"
STATUSES = ("built", "unchanged", "warning", "error", "skipped")
_HAN = regex.compile(r"\p{Han}")


@dataclass
class SourceReport:
    """One line of the build summary: an input, what happened to it and why."""

    name: str
    status: str  # built | unchanged | warning | error | skipped
    documents: int = 0
    provisions: int = 0
    bytes: int = 0
    seconds: float = 0.0
    error: str | None = None  # the reason, for warning | error | skipped


@dataclass
class BuildReport:
    """What a build did, input by input."""

    sources: list[SourceReport] = field(default_factory=list)
    seconds: float = 0.0

    def count(self, status: str) -> int:
        """How many inputs ended with `status`."""
        return sum(1 for s in self.sources if s.status == status)

    @property
    def built(self) -> int:
        return sum(1 for s in self.sources if s.status in ("built", "warning"))

    @property
    def errors(self) -> list[SourceReport]:
        return [s for s in self.sources if s.status == "error"]

    @property
    def warnings(self) -> list[SourceReport]:
        return [s for s in self.sources if s.status == "warning"]

    @property
    def ok(self) -> bool:
        """False only when nothing could be built (every input failed or was skipped)."""
        return not self.sources or any(s.status in ("built", "unchanged", "warning") for s in self.sources)

    @property
    def exit_code(self) -> int:
        """0: every input built or unchanged (or skipped by type); 1: nothing could be built;
        2: some inputs failed or gave no documents."""
        if not self.ok:
            return 1
        return 2 if self.errors or self.warnings else 0


def build(
    paths: Iterable[str | Path] = (DEFAULT_CORPUS,),
    db_path: str | Path = DEFAULT_DB,
    force: bool = False,
    on_source: Callable[[Path], None] | None = None,
    extractor: str = "rules",
) -> BuildReport:
    """Build (or update) the store at `db_path` from files and folders in `paths`."""
    t0 = time.perf_counter()
    inputs = enumerate_inputs(paths)
    db = open_db(db_path)
    report = BuildReport()
    try:
        for n, item in enumerate(inputs, 1):
            if on_source and item.buildable:
                on_source(item.path)
            report.sources.append(build_input(db, item, force, extractor))
            fault(f"after_source:{n}")
        finish(db, str(db_path), force or report.built > 0)
    finally:
        db.conn.close()
    report.seconds = time.perf_counter() - t0
    return report


def build_input(db, item: Input, force: bool, extractor: str) -> SourceReport:
    """Steps 2 and 3 for one input: skip it when unchanged, else run its job and write the outcome."""
    t = time.perf_counter()
    if not item.buildable:
        return _not_built(db, item)
    hashed = input_sha256(item)
    if isinstance(hashed, IngestError):
        record_error(db, hashed)
        return SourceReport(item.name, "error", seconds=time.perf_counter() - t, error=hashed.error)
    sha, size = hashed
    if not force and is_unchanged(db, item.name, sha, extractor):
        return _unchanged(db, item.name, size, time.perf_counter() - t)
    copy = _copy_of(db, item, sha)
    if copy:
        return SourceReport(item.name, "skipped", bytes=size, seconds=time.perf_counter() - t, error=copy)
    outcome = source_job(item, extractor)
    if isinstance(outcome, IngestError):
        outcome.sha256 = outcome.sha256 or sha
    return write_outcome(db, item, outcome, extractor, size, t)


def input_sha256(item: Input) -> tuple[str, int] | IngestError:
    """(content hash, size) of an input file, or an IngestError when it cannot be read."""
    try:
        return file_sha256(item.path), os.stat(item.path).st_size
    except OSError as e:
        return IngestError(path=str(item.path), name=item.name, error=f"{item.name}: cannot read: {e.strerror or e}")


def source_job(item: Input, extractor: str = "rules") -> SourceResult | IngestError:
    """Read and process one input: pure (no database), never raises — a failure is an IngestError."""
    return safe_process(item.path, lambda p: process_file(p, extractor, item.name), name=item.name)


def write_outcome(db, item: Input, outcome: SourceResult | IngestError, extractor: str, size: int,
                  t: float) -> SourceReport:
    """Store one job's outcome in its own transaction and decide the input's status."""
    if isinstance(outcome, IngestError):
        record_error(db, outcome)
        return SourceReport(item.name, "error", bytes=size, seconds=time.perf_counter() - t, error=outcome.error)
    src = outcome.source
    copy = _copy_of(db, item, src.sha256)
    if copy:
        return SourceReport(item.name, "skipped", bytes=size, seconds=time.perf_counter() - t, error=copy)
    twin = same_bytes_as(db, item.name, src.sha256)
    if twin:  # the stored file was renamed or moved: its rows (and reviews) follow the new name
        rename_source(db, twin[0], item.name)
    warning = None if gave_records(outcome) else f"{item.name}: {no_documents_reason(outcome)}"
    write_source(db, outcome, extractor, warning=warning)
    return SourceReport(item.name, "warning" if warning else "built", len(outcome.documents),
                        len(outcome.provisions), size, time.perf_counter() - t, warning)


def finish(db, db_path: str, wrote: bool = False) -> None:
    """Step 4: links, units and reviews; run when this build wrote a source (or was forced), or when a
    source was written since they last completed (a build killed before its finish)."""
    seen = finish_pending(db)
    if wrote or seen:
        fault("before_link")
        link_interpretations(db)
        fault("after_interpretations")
        link_citations(db)
        fault("after_citations")
        refresh_units(db)
        fault("after_units")
        db.conn.execute("ANALYZE")  # planner statistics for the query verbs' indexes
    after_build(db, db_path)  # re-anchor editors' reviews, refresh the reviewed_* tables
    fault("after_reviews")
    if seen:
        clear_finish_pending(db, seen)


# A source must give a record with some body: a sentence (ended by 。！？；) or this many Chinese characters.
MIN_BODY_HAN = 30
_SENTENCE_END = regex.compile(r"[。！？；]")


def gave_records(result: SourceResult) -> bool:
    """Whether a source gave something to query: a chronicle event, an interpretation or press section,
    or documents whose body holds a sentence or MIN_BODY_HAN Chinese characters (a page-furniture-only
    file segmented into an untitled document of its masthead does not count)."""
    if result.events or any(s.kind not in ("other", "toc", "documents") for s in result.sections):
        return True
    body = "".join(p.text for p in result.provisions)
    return bool(result.documents) and (len(_HAN.findall(body)) >= MIN_BODY_HAN or bool(_SENTENCE_END.search(body)))


def no_documents_reason(result: SourceResult) -> str:
    """Why a source that was read gave nothing to query, in words a user can act on."""
    src = result.source
    text = src.text
    han = len(_HAN.findall(text[:2_000_000]))
    pages = [w for w in src.warnings if "OCR" in w or "text layer" in w]
    if pages:
        return f"no documents: {pages[0]}"
    if not text.strip():
        return "no documents: the file has no text"
    if han == 0:
        return f"no documents: no Chinese text in its {len(text)} characters"
    if result.documents:
        body = len(_HAN.findall("".join(p.text for p in result.provisions)))
        return (f"{len(result.documents)} document(s) but no body: {body} Chinese characters and no sentence "
                "(page furniture, a masthead or a heading only?)")
    return (f"no documents found in {len(src.lines)} lines ({han} Chinese characters): nothing reads as a "
            "document title or body")


def _not_built(db, item: Input) -> SourceReport:
    why = f"{item.name}: {item.problem}"
    if item.kind == ERROR:
        record_error(db, IngestError(path=str(item.path), name=item.name, error=why))
    return SourceReport(item.name, item.kind or "skipped", error=why)


def _unchanged(db, name: str, size: int, seconds: float) -> SourceReport:
    docs, provs = db.execute("SELECT documents, provisions FROM sources WHERE name = ?", [name]).fetchone()
    row = db.execute("SELECT error FROM ingest_errors WHERE name = ? AND status = 'warning'", [name]).fetchone()
    if row is None:
        return SourceReport(name, "unchanged", docs, provs, size, seconds)
    return SourceReport(name, "warning", docs, provs, size, seconds, row[0])  # still nothing: say it again


def _copy_of(db, item: Input, sha: str) -> str | None:
    """The skip reason when these bytes are stored under another name whose file still exists (a copy);
    None when they are not stored, or their file was renamed or moved (it is the same file)."""
    twin = same_bytes_as(db, item.name, sha)
    if twin is None:
        return None
    try:
        copy = Path(twin[1]).is_file() and not os.path.samefile(twin[1], item.path)
    except OSError:
        copy = False
    return f"{item.name}: the same bytes as {twin[0]}, already in the store (identical files are one source)" \
        if copy else None
