"""Parallel builds: worker processes and a Dask cluster give the same store as one process."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from conftest import SLICES

from extract.build import build
from extract.parallel import Job, batches, run_job
from extract.store.schema import PER_SOURCE_TABLES

NAMES = ("000_cover_notice.txt", "004_roster.txt", "002_box.md", "000_chronicle.txt")


def _dump(db_path) -> dict[str, list]:
    """Every row of every table a build writes from its sources (rowids aside), in id order."""
    conn = sqlite3.connect(db_path)
    tables = [*PER_SOURCE_TABLES, "units", "unit_aliases", "reviewed_obligations", "reviewed_amounts"]
    out = {t: conn.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall() for t in tables}
    conn.close()
    return out


@pytest.fixture()
def corpus(tmp_path):
    d = tmp_path / "corpus"
    d.mkdir()
    for name in NAMES:
        shutil.copy(SLICES / name, d / name)
    (d / "empty.txt").write_bytes(b"")  # a failure is recorded the same way by every runner
    return d


def test_two_workers_build_the_same_store_as_one_process(corpus, tmp_path):
    one, two = tmp_path / "one.db", tmp_path / "two.db"
    r1 = build([corpus], one, workers=1)
    r2 = build([corpus], two, workers=2)
    assert [(s.name, s.status, s.provisions) for s in r1.sources] == [(s.name, s.status, s.provisions)
                                                                      for s in r2.sources]
    assert _dump(one) == _dump(two)
    assert r2.built == len(NAMES) and [s.name for s in r2.errors] == ["empty.txt"]


def test_results_reach_the_writer_in_input_order_whatever_finishes_first(corpus, tmp_path):
    seen = []
    build([corpus], tmp_path / "o.db", workers=2, on_result=lambda s: seen.append(s.name))
    assert seen == sorted(seen)


def test_a_job_sent_as_bytes_gives_the_rows_of_one_read_by_path(corpus):
    path = corpus / NAMES[0]
    by_path, _ = run_job(Job(str(path)))
    by_bytes, _ = run_job(Job(str(path), data=path.read_bytes()))
    assert by_bytes.name == path.name and by_bytes.provisions > 0
    assert by_bytes.tables == by_path.tables  # the sources row keeps the client's path
    sources = dict(by_bytes.tables)["sources"]
    assert sources[1][0][sources[0].index("path")] == str(path)


def test_small_sources_travel_together_in_input_order_and_a_large_one_alone(tmp_path):
    sizes = [10, 10, 10, 300, 10, 10, 10, 10, 10, 10, 10]
    jobs = []
    for k, n in enumerate(sizes):
        (tmp_path / f"{k:02d}.txt").write_bytes(b"x" * n)
        jobs.append(Job(str(tmp_path / f"{k:02d}.txt")))
    groups = [[Path(j.path).stem for j in b] for b in batches(jobs, most=4, size=100)]
    assert groups == [["00", "01", "02"], ["03"], ["04", "05", "06", "07"], ["08", "09", "10"]]
    assert [len(b) for b in batches(jobs, most=1, size=0)] == [1] * len(sizes)


def test_a_dask_cluster_builds_the_same_store_as_one_process(corpus, tmp_path):
    pytest.importorskip("distributed", reason="Dask is the optional [cluster] extra")
    one, dask = tmp_path / "one.db", tmp_path / "dask.db"
    build([corpus], one)
    report = build([corpus], dask, workers=2, cluster="local", send_bytes=True)
    assert report.built == len(NAMES)
    assert _dump(one) == _dump(dask)


@pytest.fixture()
def tree(tmp_path):
    """Inputs of every status, named by their path under the build root."""
    d = tmp_path / "tree"
    for sub, name in (("city", NAMES[0]), ("county", NAMES[1]), ("county", NAMES[2])):
        (d / sub).mkdir(parents=True, exist_ok=True)
        shutil.copy(SLICES / name, d / sub / name)
    shutil.copy(SLICES / NAMES[0], d / "county" / "copy.txt")  # the same bytes as city/…: skipped
    (d / "county" / "masthead.txt").write_text("某市人民政府公报\n2024年第1期\n", encoding="utf-8")  # a warning
    (d / "county" / "notes.xyz").write_text("not a gazette", encoding="utf-8")  # skipped by type
    (d / "county" / "empty.txt").write_bytes(b"")  # an error
    return d


def _statuses(report) -> list[tuple[str, str, str | None]]:
    return [(s.name, s.status, s.error) for s in report.sources]


@pytest.mark.parametrize(("cluster", "send_bytes"), [(None, False), ("local", False), ("local", True)])
def test_statuses_and_relative_names_are_the_same_with_workers_or_a_cluster(tree, tmp_path, cluster, send_bytes):
    if cluster:
        pytest.importorskip("distributed", reason="Dask is the optional [cluster] extra")
    one, many = tmp_path / "one.db", tmp_path / "many.db"
    r1 = build([tree], one, workers=1)
    r2 = build([tree], many, workers=2, cluster=cluster, send_bytes=send_bytes)
    assert _statuses(r1) == _statuses(r2)
    status = {s.name: s.status for s in r2.sources}
    assert status[f"city/{NAMES[0]}"] == "built" and status["county/copy.txt"] == "skipped"
    assert status["county/masthead.txt"] == "warning" and status["county/notes.xyz"] == "skipped"
    assert status["county/empty.txt"] == "error" and r2.exit_code == 2
    assert _dump(one) == _dump(many)
    again = build([tree], many, workers=2, cluster=cluster)
    assert {s.status for s in again.sources} == {"unchanged", "skipped", "warning", "error"}


def test_ctrl_c_stops_the_workers_and_keeps_every_source_already_written(corpus, tmp_path):
    db = tmp_path / "stop.db"
    seen = []

    def interrupt_after_two(done) -> None:
        seen.append(done.name)
        if len(seen) == 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        build([corpus], db, workers=2, on_result=interrupt_after_two)
    conn = sqlite3.connect(db)
    kept = [r[0] for r in conn.execute("SELECT name FROM sources ORDER BY name")]
    assert kept == sorted(n for n in seen if n != "empty.txt")
    assert conn.execute("SELECT count(*) FROM reviewed_obligations").fetchone()[0] == \
        conn.execute("SELECT count(*) FROM obligations").fetchone()[0]  # finished: visible to queries
    report = build([corpus], db, workers=2)  # the next build goes on where it stopped
    assert {s.name for s in report.sources if s.status == "unchanged"} == set(kept)
    assert report.built == len(NAMES) - len(kept)


@pytest.mark.parametrize("cluster", [None, "local"])
def test_a_worker_that_dies_fails_its_source_only(corpus, tmp_path, monkeypatch, cluster):
    import multiprocessing
    import os

    import extract.parallel as par

    if multiprocessing.get_start_method() != "fork":
        pytest.skip("the patched job reaches the workers only when they are forked")
    if cluster:  # its sources travel in one task: the task's worker dies, then each source is retried alone
        pytest.importorskip("distributed", reason="Dask is the optional [cluster] extra")
    original = par._run

    def dies_on_the_roster(job):
        if job.path.endswith("004_roster.txt"):
            os._exit(1)  # as the kernel's OOM killer would end it
        return original(job)

    monkeypatch.setattr(par, "_run", dies_on_the_roster)
    report = build([corpus], tmp_path / "d.db", workers=2, cluster=cluster)
    status = {s.name: s.status for s in report.sources}
    assert status.pop("004_roster.txt") == "error" and status.pop("empty.txt") == "error"
    assert set(status.values()) == {"built"}
    assert "worker failed" in next(s.error for s in report.errors if s.name == "004_roster.txt")
