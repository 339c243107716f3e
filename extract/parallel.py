"""Where the per-source job runs: in this process, in a pool of worker processes, or on a Dask cluster.

The job (`run_job`) is pure: a path (or the file's bytes) in, a SourceResult or an IngestError
out, never the store. `Runner.results` hands the results back in input order (so the single
writer gives the same store whatever the number of workers) and keeps at most `window` jobs in
flight, so the writer's memory stays flat however many inputs there are.
"""

from __future__ import annotations

import os
import signal
import sys
import tempfile
import time
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from extract.emptiness import gave_records, no_documents_reason
from extract.model import IngestError
from extract.pipeline import SourceResult, process_file, safe_process
from extract.store.write import SourceRows, source_rows
from extract.windows import slim


@dataclass(frozen=True)
class Job:
    """One source to process: its path, the extractor, and its bytes when the workers cannot read the path."""

    path: str
    extractor: str = "rules"
    data: bytes | None = None
    name: str | None = None  # the source's name in the store (default: the file's base name)


Outcome = SourceRows | IngestError


def run_job(job: Job) -> tuple[Outcome, float]:
    """The per-source job: process the file (or its bytes, in a scratch folder) into the store's rows;
    any failure is an IngestError. Returns the outcome and the seconds it took."""
    t = time.perf_counter()
    outcome = _run(job)
    if isinstance(outcome, SourceResult):
        outcome = result_rows(outcome, job.extractor)
    return outcome, time.perf_counter() - t


def result_rows(result: SourceResult, extractor: str = "rules") -> SourceRows:
    """A processed source as the store's rows, with the warning when it gave nothing to query
    (decided before `slim` drops the lines the reason counts)."""
    warning = None if gave_records(result) else f"{result.source.name}: {no_documents_reason(result)}"
    return source_rows(slim(result), extractor, warning)


def _run(job: Job) -> SourceResult | IngestError:
    path = Path(job.path)
    reader = partial(process_file, extractor=job.extractor, name=job.name)
    if job.data is None:
        return safe_process(path, reader, name=job.name)
    with tempfile.TemporaryDirectory(prefix="gazette-") as tmp:
        local = Path(tmp) / path.name
        local.write_bytes(job.data)
        result = safe_process(local, reader, name=job.name or path.name)
    if isinstance(result, IngestError):
        result.path = str(path)
    else:
        result.source.path = str(path)
    return result


def default_workers() -> int:
    """The cores this process may use (the default of `gazette build --workers`)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _ignore_sigint(parent: int | None = None) -> None:
    """Workers leave Ctrl-C to the main process, which stops them; and they die with it (on Linux), so
    that a writer killed outright (kill -9, out of memory) leaves no worker behind holding its pipes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if parent is not None:
        _die_with_parent(parent)


def _die_with_parent(parent: int) -> None:
    if not sys.platform.startswith("linux"):
        return
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG: SIGKILL this worker when its parent dies
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the parent died before the call
        os._exit(1)


class Runner:
    """Runs jobs here (workers=1), in a process pool, or on a Dask cluster (`cluster` = address or 'local').

    Use as a context manager: leaving it (normally, on an error or on Ctrl-C) cancels what is
    still queued and stops the workers; results already handed back stay with the caller.
    """

    def __init__(self, workers: int = 1, cluster: str | None = None, send_bytes: bool = False,
                 window: int | None = None) -> None:
        self.workers = max(1, workers)
        self.cluster = cluster
        self.send_bytes = send_bytes
        self.window = window or 4 * self.workers + 4
        self._pool: Any = None
        self._client: Any = None
        self._local_cluster: Any = None

    def __enter__(self) -> Runner:
        if self.cluster:
            self._client = self._connect(self.cluster)
            self.workers = max(1, len(self._client.scheduler_info().get("workers", {})) or self.workers)
            self.window = max(self.window, 4 * self.workers + 4)
        elif self.workers > 1:
            from concurrent.futures import ProcessPoolExecutor

            self._pool = ProcessPoolExecutor(self.workers, initializer=_ignore_sigint, initargs=(os.getpid(),))
        return self

    def _connect(self, address: str) -> Any:
        try:
            from distributed import Client, LocalCluster
        except ImportError as e:  # the optional extra
            raise RuntimeError("--cluster needs Dask: pip install 'gazette-extract[cluster]'") from e
        if address == "local":
            import dask

            # Jobs go to the workers as soon as they are submitted (at most `window` are), not one per free
            # thread through the scheduler, which here shares a process with the busy writer; and no
            # statistical profiling of the jobs' deep Python stacks.
            with dask.config.set({"distributed.scheduler.worker-saturation": float("inf"),
                                  "distributed.worker.profile.enabled": False}):
                self._local_cluster = LocalCluster(n_workers=self.workers, threads_per_worker=1, processes=True,
                                                   dashboard_address=None)
            return Client(self._local_cluster)
        try:
            return Client(address, timeout="30s")
        except (OSError, TimeoutError) as e:
            raise RuntimeError(f"cannot reach the Dask scheduler at {address}: {e}") from e

    def __exit__(self, *exc: object) -> None:
        if self._pool is not None:
            procs = list((getattr(self._pool, "_processes", None) or {}).values())
            self._pool.shutdown(wait=exc[0] is None, cancel_futures=True)
            if exc[0] is not None:  # Ctrl-C or an error: do not wait for jobs still running
                for proc in procs:
                    proc.terminate()
                for proc in procs:
                    proc.join(timeout=5)
        if self._client is not None:
            self._client.close()
        if self._local_cluster is not None:
            self._local_cluster.close()

    def results(self, jobs: Iterable[Job]) -> Iterator[tuple[Job, Outcome, float]]:
        """(job, outcome, seconds) in the order of `jobs`, at most `window` submitted and not yet handed back."""
        if self._pool is None and self._client is None:
            for job in jobs:
                yield job, *run_job(job)
            return
        pending: deque[list[Any]] = deque()  # [job, future], oldest first
        it = iter(jobs)
        while True:
            while len(pending) < self.window and (job := next(it, None)) is not None:
                pending.append([job, self._submit(job)])
            if not pending:
                return
            job, fut = pending.popleft()
            yield job, *self._outcome(job, fut, pending)

    def _submit(self, job: Job) -> Any:
        if self._client is not None:
            if self.send_bytes:
                job = Job(job.path, job.extractor, Path(job.path).read_bytes())
            return self._client.submit(run_job, job, pure=False)
        return self._pool.submit(run_job, job)

    def _outcome(self, job: Job, fut: Any, pending: deque[list[Any]]) -> tuple[Outcome, float]:
        """The job's result. A worker process that died (killed, out of memory) takes the pool with it:
        this job is retried alone in a new pool (so a job that kills its worker fails by itself), then
        the queued jobs are submitted again."""
        from concurrent.futures.process import BrokenProcessPool

        try:
            return fut.result()
        except BrokenProcessPool:
            self._new_pool()
            try:
                outcome = self._pool.submit(run_job, job).result()
            except BrokenProcessPool as e:
                self._new_pool()
                outcome = _failed(job, e), 0.0
            for entry in pending:
                entry[1] = self._pool.submit(run_job, entry[0])
            return outcome
        except Exception as e:  # on a cluster: KilledWorker, a lost connection …
            return _failed(job, e), 0.0
        finally:
            if self._client is not None:
                fut.release()

    def _new_pool(self) -> None:
        from concurrent.futures import ProcessPoolExecutor

        self._pool.shutdown(wait=False, cancel_futures=True)
        self._pool = ProcessPoolExecutor(self.workers, initializer=_ignore_sigint, initargs=(os.getpid(),))


def _failed(job: Job, e: BaseException) -> IngestError:
    name = job.name or Path(job.path).name
    return IngestError(path=job.path, name=name, error=f"{name}: worker failed: {e!r}")
