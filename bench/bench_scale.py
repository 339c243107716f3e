"""Scale: build throughput on one core, on two worker processes and on a local Dask cluster, in one run.

    python bench/bench_scale.py 50            # a 50 MB synthetic corpus (the issue's figure)
    python bench/bench_scale.py 5 --skip-cluster

The corpus is made from corpus/ and ../shared/wild/ (every supported file, round robin), each
copy varied (a line appended to texts, a comment after a PDF's end) so that content hashes
differ and every copy is built. Each build runs in a fresh child process, so the peak RSS of the
writer (that process) and of a worker (its largest child) are their own. Prints KB/s for one
process, `--workers 2` and `--cluster local` with two workers, the speed-ups (goals: ≥ 1.8× and
≥ 1.6× on a 2-core machine), peak RSS, the store's size per MB of input (goal ≤ 4×, also for the
shipped corpus alone), the time `gazette --help` takes to start (goal ≤ 0.25 s), and the load
average (other work on the machine makes speed-ups smaller than they are).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WILD = ROOT.parent / "shared" / "wild"
GOALS = {"workers": 1.8, "cluster": 1.6, "store_ratio": 4.0, "startup_s": 0.25}


def make_corpus(out: Path, megabytes: float) -> tuple[int, int]:
    """Copy corpus/ and wild/ files round robin into `out`, each copy varied, until `megabytes` MB."""
    sys.path.insert(0, str(ROOT))
    from extract.pipeline import iter_inputs

    seeds = list(iter_inputs([ROOT / "corpus", *([WILD] if WILD.is_dir() else [])]))
    out.mkdir(parents=True, exist_ok=True)
    total, k = 0, 0
    while total < megabytes * 1e6:
        src = seeds[k % len(seeds)]
        copy = out / f"{k:06d}{src.suffix.lower()}"
        data = src.read_bytes()
        if src.suffix.lower() == ".pdf":
            data += f"\n%gazette-bench copy {k}\n".encode()  # after %%EOF: readers ignore it
        else:
            data += f"\n\n（样本副本{k}）\n".encode()
        copy.write_bytes(data)
        total += len(data)
        k += 1
    return k, total


def _child(mode: str, corpus: str, db: str) -> None:
    """In a fresh process: one build, then print JSON {seconds, writer_mb, worker_mb}."""
    sys.path.insert(0, str(ROOT))
    from extract.build import build

    t = time.perf_counter()
    kwargs = {"1": {}, "workers": {"workers": 2}, "cluster": {"workers": 2, "cluster": "local"}}[mode]
    report = build([corpus], db, **kwargs)
    seconds = time.perf_counter() - t
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    self_mb, kids_mb = me.ru_maxrss / 1024, kids.ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "writer_mb": self_mb, "worker_mb": kids_mb if mode != "1" else self_mb,
                      "writer_cpu": me.ru_utime + me.ru_stime, "built": report.built, "errors": len(report.errors)}))


def run_build(mode: str, corpus: Path, db: Path) -> dict:
    """One build in a child process; its figures."""
    for p in db.parent.glob(db.name + "*"):
        p.unlink()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, __file__, "--child", mode, str(corpus), str(db)], env=env,
                         capture_output=True, text=True, check=True)
    figures = json.loads(out.stdout.strip().splitlines()[-1])
    figures["store_bytes"] = db.stat().st_size
    return figures


def startup_seconds(runs: int = 5) -> float:
    """Fastest of `runs` starts of `gazette --help` (python -m extract.cli)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    best = float("inf")
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run([sys.executable, "-m", "extract.cli", "--help"], env=env, capture_output=True, check=True)
        best = min(best, time.perf_counter() - t)
    return best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("megabytes", type=float, nargs="?", default=10.0, help="Size of the synthetic corpus (MB).")
    ap.add_argument("--skip-cluster", action="store_true", help="No Dask run (distributed not installed).")
    ap.add_argument("--keep", metavar="DIR", help="Build in DIR and keep the corpus and stores.")
    ap.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        _child(*args.child)
        return
    tmp = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="bench-scale-"))
    try:
        _bench(tmp, args.megabytes, not args.skip_cluster)
    finally:
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)


def _bench(tmp: Path, megabytes: float, cluster: bool) -> None:
    files, size = make_corpus(tmp / "corpus", megabytes)
    kb = size / 1024
    print(f"synthetic corpus: {files} files, {size / 1e6:.1f} MB (corpus/ + wild/, copies varied); "
          f"{os.cpu_count()} cores, load average before: {os.getloadavg()[0]:.2f}")
    modes = ["1", "workers"] + (["cluster"] if cluster else [])
    labels = {"1": "1 process", "workers": "--workers 2", "cluster": "--cluster local (2 workers)"}
    res = {m: run_build(m, tmp / "corpus", tmp / f"{m}.db") for m in modes}
    base = res["1"]["seconds"]
    goal = {"workers": GOALS["workers"], "cluster": GOALS["cluster"]}
    print(f"{'build':<30}{'seconds':>9}{'KB/s':>8}{'speed-up':>10}{'goal':>7}{'writer MB':>11}{'worker MB':>11}")
    for m in modes:
        r = res[m]
        g = f"≥ {goal[m]}" if m in goal else ""
        print(f"{labels[m]:<30}{r['seconds']:>9.1f}{kb / r['seconds']:>8.0f}{base / r['seconds']:>9.2f}×{g:>7}"
              f"{r['writer_mb']:>11.0f}{r['worker_mb']:>11.0f}")
    bad = {m: (res[m]["built"], res[m]["errors"]) for m in modes}
    if len(set(bad.values())) > 1:
        print(f"warning: the builds differ in what they built: {bad}")
    ratio = res["1"]["store_bytes"] / size
    seed = tmp / "seed.db"
    shipped = run_build("1", ROOT / "corpus", seed)
    seed_in = sum(p.stat().st_size for p in (ROOT / "corpus").iterdir())
    empty_dir = tmp / "empty"
    empty_dir.mkdir(exist_ok=True)
    (empty_dir / "one.txt").write_text("关于做好工作的通知\n\n各单位要在2025年底前完成任务。\n", encoding="utf-8")
    empty = run_build("1", empty_dir, tmp / "empty.db")["store_bytes"]
    beyond = (shipped["store_bytes"] - empty) / seed_in
    print(f"store size: {ratio:.2f}× the input ({res['1']['store_bytes'] / 1e6:.1f} MB for {size / 1e6:.1f} MB; "
          f"goal ≤ {GOALS['store_ratio']}×); shipped corpus: {shipped['store_bytes'] / seed_in:.2f}× "
          f"({shipped['store_bytes'] / 1e6:.2f} MB for {seed_in / 1e6:.2f} MB) = a store of one line "
          f"({empty / 1e6:.2f} MB of tables and indexes) + {beyond:.2f}× its text")
    per_core = kb / base
    print(f"per-core rate: {per_core:.0f} KB/s → 50 GB of text overnight (10 h) needs "
          f"{50e9 / 1024 / per_core / 36000:.1f} worker cores")
    writer = res["workers"]["writer_cpu"]
    print(f"the single writer (--workers 2) used {writer:.1f} s of CPU for {size / 1e6:.1f} MB: it keeps up with "
          f"{size / 1e6 / writer:.1f} MB/s, the output of {kb / writer / per_core:.0f} worker cores")
    print(f"startup: gazette --help in {startup_seconds():.2f} s (goal ≤ {GOALS['startup_s']} s); "
          f"load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
