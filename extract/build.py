"""`gazette build`: process sources and write them to the store, skipping unchanged ones.

Each source is processed by the pure pipeline and written in its own transaction;
a failed source is reported and recorded, and the build goes on with the rest.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from extract.defaults import DEFAULT_CORPUS, DEFAULT_DB
from extract.model import IngestError
from extract.parallel import Job, Runner
from extract.pipeline import iter_inputs
from extract.review.store import after_build
from extract.store.write import (
    SourceRows,
    file_sha256,
    is_unchanged,
    link_citations,
    link_interpretations,
    open_db,
    record_error,
    refresh_units,
    write_rows,
)


@dataclass
class SourceReport:
    """One line of the build summary."""

    name: str
    status: str  # built | unchanged | error
    documents: int = 0
    provisions: int = 0
    bytes: int = 0
    seconds: float = 0.0
    error: str | None = None
    order: int = -1  # position among the build's inputs


@dataclass
class BuildReport:
    """What a build did, source by source."""

    sources: list[SourceReport] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def built(self) -> int:
        return sum(1 for s in self.sources if s.status == "built")

    @property
    def errors(self) -> list[SourceReport]:
        return [s for s in self.sources if s.status == "error"]

    @property
    def ok(self) -> bool:
        """Non-zero exit only when nothing could be built (every source failed)."""
        return not self.sources or any(s.status != "error" for s in self.sources)


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

    Sources are processed by `workers` processes (or on the Dask cluster at `cluster`, 'local'
    for one on this machine) and written here, in input order, one transaction each, so the
    store is the same whatever the number of workers. `on_result` hears of every source when
    it is done. Ctrl-C stops the workers; every source written before it is kept.
    """
    t0 = time.perf_counter()
    db = open_db(db_path)
    report = BuildReport()
    jobs: list[Job] = []
    job_order: list[int] = []
    for k, path in enumerate(iter_inputs(paths)):  # (1) inputs; unchanged ones are settled here
        done = _unchanged(db, path, force, extractor)
        if done is None:
            jobs.append(Job(str(path), extractor))
            job_order.append(k)
        else:
            _add(report, done, k, on_result)
    try:
        with Runner(workers, cluster, send_bytes) as runner:
            for n, (job, outcome, seconds) in enumerate(runner.results(jobs)):  # (2) processed in workers …
                done = _write(db, Path(job.path), outcome)  # (3) … written here, one at a time
                done.seconds += seconds
                _add(report, done, job_order[n], on_result)
    except KeyboardInterrupt:  # what was written before Ctrl-C is linked and visible to queries
        _finish(db, db_path, report, force, t0)
        raise
    except BaseException:
        db.conn.close()
        raise
    _finish(db, db_path, report, force, t0)
    return report


def _finish(db, db_path: str | Path, report: BuildReport, force: bool, t0: float) -> None:
    """(4) After the sources: links between them, the units table, editors' reviews re-anchored."""
    report.sources.sort(key=lambda s: s.order)
    if report.built or force:
        link_interpretations(db)
        link_citations(db)
        refresh_units(db)
    after_build(db, str(db_path))  # re-anchor editors' reviews, refresh the reviewed_* tables
    if report.built or force:  # planner statistics for the query verbs' indexes, sampled (fast on any size)
        db.conn.execute("PRAGMA analysis_limit = 1000")
        db.conn.execute("ANALYZE")
    db.conn.close()
    report.seconds = time.perf_counter() - t0


def _add(report: BuildReport, done: SourceReport, order: int,
         on_result: Callable[[SourceReport], None] | None) -> None:
    done.order = order
    report.sources.append(done)
    if on_result:
        on_result(done)


def _unchanged(db, path: Path, force: bool, extractor: str) -> SourceReport | None:
    """The report of a source the store already holds as it is, else None (it must be processed)."""
    if force:
        return None
    t = time.perf_counter()
    size = path.stat().st_size
    sha = file_sha256(path)
    if not is_unchanged(db, path.name, sha, extractor):
        return None
    row = db.execute("SELECT documents, provisions FROM sources WHERE name = ?", [path.name]).fetchone()
    return SourceReport(path.name, "unchanged", row[0], row[1], size, time.perf_counter() - t)


def _write(db, path: Path, outcome: SourceRows | IngestError) -> SourceReport:
    """Write one processed source (or record its failure) in one transaction."""
    t = time.perf_counter()
    size = path.stat().st_size
    if isinstance(outcome, IngestError):
        outcome.sha256 = outcome.sha256 or file_sha256(path)
        record_error(db, outcome)
        return SourceReport(path.name, "error", bytes=size, seconds=time.perf_counter() - t, error=outcome.error)
    write_rows(db, outcome)
    with db.conn:
        db.conn.execute("DELETE FROM ingest_errors WHERE name = ?", (outcome.name,))
    return SourceReport(path.name, "built", outcome.documents, outcome.provisions, size, time.perf_counter() - t)
