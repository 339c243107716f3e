"""Where the per-source job runs: in this process, in a pool of worker processes, or on a Dask cluster.

The job (`run_job`) is pure: a path (or the file's bytes) in, a SourceResult or an IngestError
out, never the store. `Runner.results` hands the results back in input order (so the single
writer gives the same store whatever the number of workers) and keeps at most `window` tasks in
flight, so the writer's memory stays flat however many inputs there are. On a cluster a task
carries a few consecutive small sources (`run_jobs`): each task costs messages through the scheduler.
"""

from __future__ import annotations

import os
import signal
import sys
import tempfile
import time
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
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


def run_jobs(jobs: list[Job]) -> list[tuple[Outcome, float]]:
    """Several jobs in one task (fewer round trips to a cluster's scheduler), outcomes in their order."""
    return [run_job(job) for job in jobs]


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


def dask_setup(worker: Any) -> None:
    """Dask's preload hook, run in each worker of `--cluster local`: Ctrl-C in the terminal reaches
    the whole process group; the workers leave it to the writer, which stops them."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


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


BATCH_JOBS = 8  # at most this many sources in one task on a cluster …
BATCH_BYTES = 256 * 1024  # … and, past the first, at most this much input


def _local_config() -> dict[str, Any]:
    """Dask settings for `--cluster local`, where the scheduler, the client and the writer share a
    process and the workers share the machine's cores with it (measured in docs/scale.md)."""
    return {
        # jobs go to the workers as soon as they are submitted (at most `window` tasks are), not one
        # per free thread through the scheduler
        "distributed.scheduler.worker-saturation": float("inf"),
        # no statistical profiling of the jobs' deep Python stacks (it made a job take twice as long)
        "distributed.worker.profile.enabled": False,
        # workers forked from this process, which has the pipeline imported already (a spawned worker
        # imports Dask and the pipeline again: a second of CPU each); ProcessPoolExecutor forks too
        "distributed.worker.multiprocessing-method": "fork" if sys.platform.startswith("linux") else "spawn",
        # fewer wake-ups of the event loops that only watch: event-loop ticks, memory and system monitors
        "distributed.admin.tick.interval": "1s",
        "distributed.worker.memory.monitor-interval": "1s",
        "distributed.admin.system-monitor.interval": "5s",
    }


LOCAL_CONFIG = _local_config()


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
        # On a cluster every task costs messages through the scheduler, so consecutive small sources
        # travel together (BATCH_JOBS, BATCH_BYTES); a pool's round trip is cheap: one source a task.
        self.batch_jobs, self.batch_bytes = (BATCH_JOBS, BATCH_BYTES) if cluster else (1, 0)
        self._pool: Any = None
        self._client: Any = None
        self._local_cluster: Any = None
        self._config: Any = None

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

            # for the cluster's whole life: a nanny reads the start method when it restarts a worker
            self._config = dask.config.set(LOCAL_CONFIG)
            self._local_cluster = LocalCluster(n_workers=self.workers, threads_per_worker=1, processes=True,
                                               dashboard_address=None, preload=[__name__])
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
        if self._config is not None:
            self._config.__exit__(None, None, None)

    def results(self, jobs: Iterable[Job]) -> Iterator[tuple[Job, Outcome, float]]:
        """(job, outcome, seconds) in the order of `jobs`, at most `window` tasks (batches of jobs on a
        cluster, single jobs in a pool) submitted and not yet handed back."""
        if self._pool is None and self._client is None:
            for job in jobs:
                yield job, *run_job(job)
            return
        pending: deque[list[Any]] = deque()  # [batch, future], oldest first
        it = batches(jobs, self.batch_jobs, self.batch_bytes)
        while True:
            while len(pending) < self.window and (batch := next(it, None)) is not None:
                pending.append([batch, self._submit(batch)])
            if not pending:
                return
            batch, fut = pending.popleft()
            for job, (outcome, seconds) in zip(batch, self._outcomes(batch, fut, pending), strict=True):
                yield job, outcome, seconds

    def _submit(self, batch: list[Job]) -> Any:
        if self._client is not None:
            if self.send_bytes:
                batch = [replace(job, data=Path(job.path).read_bytes()) for job in batch]
            return self._client.submit(run_jobs, batch, pure=False)
        return self._pool.submit(run_jobs, batch)

    def _outcomes(self, batch: list[Job], fut: Any, pending: deque[list[Any]]) -> list[tuple[Outcome, float]]:
        """The batch's results. When its worker died (killed, out of memory; on a cluster, maybe for
        another task queued beside it) each job of the batch is run again alone, so a job that kills
        its worker fails by itself. A dead worker takes a process pool with it: the queued batches are
        then submitted again to a new one."""
        from concurrent.futures.process import BrokenProcessPool

        try:
            return fut.result()
        except BrokenProcessPool:
            outcomes = [self._alone(job) for job in batch]
            for entry in pending:
                entry[1] = self._pool.submit(run_jobs, entry[0])
            return outcomes
        except Exception:  # on a cluster: KilledWorker, a lost connection …
            return [self._alone(job) for job in batch]
        finally:
            if self._client is not None:
                fut.release()

    def _alone(self, job: Job) -> tuple[Outcome, float]:
        """One job in a task of its own, waited for before anything else is retried: its outcome, or
        the failure that its worker died again."""
        from concurrent.futures.process import BrokenProcessPool

        if self._client is not None:
            fut = self._submit([job])
            try:
                return fut.result()[0]
            except Exception as e:
                return _failed(job, e), 0.0
            finally:
                fut.release()
        self._new_pool()
        try:
            return self._pool.submit(run_jobs, [job]).result()[0]
        except BrokenProcessPool as e:
            self._new_pool()
            return _failed(job, e), 0.0

    def _new_pool(self) -> None:
        from concurrent.futures import ProcessPoolExecutor

        self._pool.shutdown(wait=False, cancel_futures=True)
        self._pool = ProcessPoolExecutor(self.workers, initializer=_ignore_sigint, initargs=(os.getpid(),))


def batches(jobs: Iterable[Job], most: int, size: int) -> Iterator[list[Job]]:
    """Consecutive jobs in groups of at most `most` jobs and, past the first, at most `size` bytes of input."""
    batch: list[Job] = []
    total = 0
    for job in jobs:
        n = _size(job) if most > 1 else 0
        if batch and (len(batch) >= most or total + n > size):
            yield batch
            batch, total = [], 0
        batch.append(job)
        total += n
    if batch:
        yield batch


def _size(job: Job) -> int:
    if job.data is not None:
        return len(job.data)
    try:
        return os.stat(job.path).st_size
    except OSError:
        return 0


def _failed(job: Job, e: BaseException) -> IngestError:
    name = job.name or Path(job.path).name
    return IngestError(path=job.path, name=name, error=f"{name}: worker failed: {e!r}")
