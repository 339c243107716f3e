"""Build throughput on the shipped corpus: KB of source text per second (per core), and the time
of an unchanged rebuild as a share of the first build.

    python bench/bench_build.py [--corpus corpus] [--repeat 3] [--extractor rules]

Goals (issues 3 and 5): ≥ 200 KB/s per core for ingest → structure, ≥ 100 KB/s per core with
extraction, unchanged rebuild ≤ 5 % of the first build. The build is single-process, so its
throughput is per core.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from extract.build import build
from extract.layout.reflow import reflow
from extract.pipeline import iter_inputs, read_source
from extract.segment.documents import segment
from extract.structure.tree import build_tree


def _structure_only(paths: list[Path]) -> float:
    t = time.perf_counter()
    for p in paths:
        src = read_source(p)
        seg = segment(src, reflow(src))
        for d in seg.documents:
            build_tree(src, d)
    return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--corpus", default="corpus")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--extractor", default="rules")
    args = ap.parse_args()
    paths = list(iter_inputs([args.corpus]))
    kb = sum(p.stat().st_size for p in paths) / 1024
    structure, full, rebuild = [], [], []
    for _ in range(args.repeat):
        structure.append(_structure_only(paths))
        with tempfile.TemporaryDirectory() as tmp:
            db = Path(tmp) / "bench.db"
            t = time.perf_counter()
            build([args.corpus], db, extractor=args.extractor)
            full.append(time.perf_counter() - t)
            t = time.perf_counter()
            build([args.corpus], db, extractor=args.extractor)
            rebuild.append(time.perf_counter() - t)
    s, f, r = statistics.median(structure), statistics.median(full), statistics.median(rebuild)
    print(f"corpus: {len(paths)} files, {kb:.0f} KB (median of {args.repeat} runs, one process = one core)")
    print(f"{'stage':<44}{'seconds':>9}{'KB/s':>9}{'goal':>10}")
    print(f"{'ingest → reflow → segment → structure':<44}{s:>9.3f}{kb / s:>9.0f}{'≥ 200':>10}")
    print(f"{'full build with extraction + store':<44}{f:>9.3f}{kb / f:>9.0f}{'≥ 100':>10}")
    print(f"{'unchanged rebuild':<44}{r:>9.3f}{'':>9}{'':>10}")
    print(f"unchanged rebuild / first build: {100 * r / f:.1f} %  (goal ≤ 5 %)")


if __name__ == "__main__":
    main()
