"""`gazette build`: process sources and write them to the store, skipping unchanged ones.

Each source is processed by the pure pipeline and written in its own transaction;
a failed source is reported and recorded, and the build goes on with the rest.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from extract.model import IngestError
from extract.pipeline import SourceResult, iter_inputs, process_file, safe_process
from extract.review.store import after_build
from extract.store.write import (
    file_sha256,
    is_unchanged,
    link_citations,
    link_interpretations,
    open_db,
    record_error,
    refresh_units,
    write_source,
)

DEFAULT_CORPUS = "corpus"
DEFAULT_DB = "gazette.db"


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
    on_source: Callable[[Path], None] | None = None,
    extractor: str = "rules",
) -> BuildReport:
    """Build (or update) the store at `db_path` from files and folders in `paths`."""
    t0 = time.perf_counter()
    db = open_db(db_path)
    report = BuildReport()
    for path in iter_inputs(paths):
        if on_source:
            on_source(path)
        report.sources.append(_build_one(db, path, force, extractor))
    if report.built or force:
        link_interpretations(db)
        link_citations(db)
        refresh_units(db)
        db.conn.execute("ANALYZE")  # planner statistics for the query verbs' indexes
    after_build(db, str(db_path))  # re-anchor editors' reviews, refresh the reviewed_* tables
    db.conn.close()
    report.seconds = time.perf_counter() - t0
    return report


def _build_one(db, path: Path, force: bool, extractor: str) -> SourceReport:
    t = time.perf_counter()
    size = path.stat().st_size
    sha = file_sha256(path)
    if not force and is_unchanged(db, path.name, sha, extractor):
        row = db.execute("SELECT documents, provisions FROM sources WHERE name = ?", [path.name]).fetchone()
        return SourceReport(path.name, "unchanged", row[0], row[1], size, time.perf_counter() - t)
    result = safe_process(path, lambda p: process_file(p, extractor))
    if isinstance(result, IngestError):
        result.sha256 = sha
        record_error(db, result)
        return SourceReport(path.name, "error", bytes=size, seconds=time.perf_counter() - t, error=result.error)
    _write(db, result, extractor)
    return SourceReport(
        path.name, "built", len(result.documents), len(result.provisions), size, time.perf_counter() - t
    )


def _write(db, result: SourceResult, extractor: str) -> None:
    write_source(db, result, extractor)
    with db.conn:
        db.conn.execute("DELETE FROM ingest_errors WHERE name = ?", (result.source.name,))
