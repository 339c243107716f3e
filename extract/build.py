"""`gazette build`: process sources and write them to the store, skipping unchanged ones.

Four steps: (1) enumerate the inputs (every file under the given paths, each with its source name —
its path relative to the build root — or the reason it is not built); (2) per input, a job that never
raises: hash, read and process the file into a SourceResult, or an IngestError naming why not;
(3) one writer that stores each outcome in its own transaction, in input order, and decides its status
(the jobs run here, in `workers` processes or on a Dask cluster: extract/parallel.py); (4) the
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

from extract.defaults import DEFAULT_CORPUS, DEFAULT_DB, STATUSES
from extract.emptiness import MIN_BODY_HAN, gave_records, no_documents_reason
from extract.faults import fault
from extract.inputs import ERROR, Input, enumerate_inputs
from extract.model import IngestError
from extract.parallel import Job, Runner, result_rows
from extract.pipeline import SourceResult, process_file, safe_process
from extract.review.store import after_build
from extract.store.fts import compact_index
from extract.store.write import (
    SourceRows,
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
    write_rows,
)

__all__ = ["DEFAULT_CORPUS", "DEFAULT_DB", "MIN_BODY_HAN", "STATUSES", "BuildReport", "SourceReport", "build",
           "gave_records", "no_documents_reason"]


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
    def written_provisions(self) -> int:
        """Provisions this build wrote (of the sources it built)."""
        return sum(s.provisions for s in self.sources if s.status in ("built", "warning"))

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
    on_result: Callable[[SourceReport], None] | None = None,
    extractor: str = "rules",
    workers: int = 1,
    cluster: str | None = None,
    send_bytes: bool = False,
) -> BuildReport:
    """Build (or update) the store at `db_path` from files and folders in `paths`.

    Inputs that are unchanged, copies or not buildable are settled here; the others are processed by
    `workers` processes (or on the Dask cluster at `cluster`, 'local' for one on this machine) and
    written here, in input order, one transaction each, so the store is the same whatever the number
    of workers. `on_result` hears of every input when it is settled. Ctrl-C stops the workers; every
    source written before it is kept (and linked).
    """
    t0 = time.perf_counter()
    inputs = enumerate_inputs(paths)
    db = open_db(db_path)
    report = BuildReport()
    try:
        plans = [settle_input(db, item, force, extractor) for item in inputs]  # (1) and the unchanged
        with Runner(workers, cluster, send_bytes) as runner:
            results = runner.results(p[0] for p in plans if isinstance(p, tuple))
            for n, (item, plan) in enumerate(zip(inputs, plans, strict=True), 1):
                if isinstance(plan, tuple):  # (2) processed in a worker … (3) … written here, one at a time
                    _, sha, size, t = plan
                    _job, outcome, seconds = next(results)
                    if isinstance(outcome, IngestError):
                        outcome.sha256 = outcome.sha256 or sha
                    plan = write_outcome(db, item, outcome, extractor, size, t)
                    plan.seconds += seconds
                report.sources.append(plan)
                if on_result:
                    on_result(plan)
                fault(f"after_source:{n}")
    except KeyboardInterrupt:  # what was written before Ctrl-C is linked and visible to queries
        try:
            finish(db, str(db_path), force or report.built > 0, report.written_provisions)
        finally:
            db.conn.close()
        raise
    except BaseException:
        db.conn.close()
        raise
    try:
        finish(db, str(db_path), force or report.built > 0, report.written_provisions)
    finally:
        db.conn.close()
    report.seconds = time.perf_counter() - t0
    return report


def settle_input(db, item: Input, force: bool, extractor: str) -> SourceReport | tuple[Job, str, int, float]:
    """The report of an input settled without processing (not buildable, unreadable, unchanged, a copy),
    else (its job, content hash, size, start time)."""
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
    return Job(str(item.path), extractor, name=item.name), sha, size, t


def build_input(db, item: Input, force: bool, extractor: str) -> SourceReport:
    """Steps 2 and 3 for one input, here: skip it when unchanged, else run its job and write the outcome."""
    plan = settle_input(db, item, force, extractor)
    if isinstance(plan, SourceReport):
        return plan
    _, sha, size, t = plan
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


def write_outcome(db, item: Input, outcome: SourceResult | SourceRows | IngestError, extractor: str, size: int,
                  t: float) -> SourceReport:
    """Store one job's outcome in its own transaction and decide the input's status."""
    if isinstance(outcome, IngestError):
        record_error(db, outcome)
        return SourceReport(item.name, "error", bytes=size, seconds=time.perf_counter() - t, error=outcome.error)
    rows = result_rows(outcome, extractor) if isinstance(outcome, SourceResult) else outcome
    copy = _copy_of(db, item, rows.sha256)
    if copy:
        return SourceReport(item.name, "skipped", bytes=size, seconds=time.perf_counter() - t, error=copy)
    twin = same_bytes_as(db, item.name, rows.sha256)
    if twin:  # the stored file was renamed or moved: its rows (and reviews) follow the new name
        rename_source(db, twin[0], item.name)
    write_rows(db, rows)
    return SourceReport(item.name, "warning" if rows.warning else "built", rows.documents,
                        rows.provisions, size, time.perf_counter() - t, rows.warning)


def finish(db, db_path: str, wrote: bool = False, written: int = 0) -> None:
    """Step 4: links, units, the search index compacted and reviews; run when this build wrote a source
    (`written` provisions) or was forced, or when a source was written since they last completed (a build
    killed before its finish)."""
    seen = finish_pending(db)
    if wrote or seen:
        fault("before_link")
        link_interpretations(db)
        fault("after_interpretations")
        link_citations(db)
        fault("after_citations")
        refresh_units(db)
        fault("after_units")
        db.conn.execute("PRAGMA analysis_limit = 1000")  # planner statistics for the query verbs' indexes,
        db.conn.execute("ANALYZE")  # sampled (fast on any size)
        with db.conn:
            compact_index(db.conn, written)
    after_build(db, db_path)  # re-anchor editors' reviews, refresh the reviewed_* tables
    fault("after_reviews")
    db.conn.executescript("PRAGMA incremental_vacuum;")  # give back the pages rebuilds and merges freed (a
    # script: sqlite3.execute would step it once, one page)
    if seen:
        clear_finish_pending(db, seen)


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
