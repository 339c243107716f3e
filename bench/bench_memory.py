"""Peak memory of a whole `gazette build` on very large texts, against the issue's goals, in one run.

    python bench/bench_memory.py              # a 60 MB one-line text and a 1-million-line text
    python bench/bench_memory.py --scale 0.1  # a tenth of each (quick)

Both texts are made from corpus/: the seeds with every line break removed, repeated to 60 MB
(one line), and the seeds' lines repeated to 1,000,000 lines. Each build runs in a fresh child
process (one process: reader, pipeline and writer together), so its peak RSS (ru_maxrss) is the
build's own. Before windowing (extract/windows.py) these peaked at 3.0 GB and 1.3 GB; the goal
is under 1 GB for both. The 500-page PDF figure comes from `python bench/bench_pdf.py --pages 500`.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOAL_MB = 1024
BEFORE_MB = {"one-line": 3000, "1M lines": 1300}


def _seed_text() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus").glob("*.txt")))


def one_line(path: Path, megabytes: float) -> None:
    """One line of `megabytes` MB: the seeds without line breaks, repeated."""
    unit = _seed_text().replace("\n", "").encode("utf-8")
    n = int(megabytes * 1e6)
    data = (unit * (n // len(unit) + 1))[:n]
    path.write_bytes(data.decode("utf-8", "ignore").encode("utf-8"))


def many_lines(path: Path, lines: int) -> None:
    """`lines` lines: the seeds' lines, repeated."""
    unit = _seed_text().splitlines()
    with path.open("w", encoding="utf-8") as f:
        for k in range(lines):
            f.write(unit[k % len(unit)] + "\n")


def _child(path: str, db: str) -> None:
    sys.path.insert(0, str(ROOT))
    from extract.build import build

    t = time.perf_counter()
    report = build([path], db)
    print(json.dumps({"seconds": time.perf_counter() - t,
                      "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                      "status": report.sources[0].status, "error": report.sources[0].error,
                      "provisions": report.sources[0].provisions}))


def run(path: Path) -> dict:
    """Build `path` into a fresh store in a child process; its figures."""
    db = path.with_suffix(".db")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, __file__, "--child", str(path), str(db)], env=env,
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--scale", type=float, default=1.0, help="Fraction of the full sizes (60 MB, 1 M lines).")
    ap.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        _child(*args.child)
        return
    with tempfile.TemporaryDirectory(prefix="bench-memory-") as d:
        texts = {"one-line": Path(d) / "one_line.txt", "1M lines": Path(d) / "million_lines.txt"}
        one_line(texts["one-line"], 60 * args.scale)
        many_lines(texts["1M lines"], int(1_000_000 * args.scale))
        print(f"load average: {os.getloadavg()[0]:.2f}; goal: peak RSS < {GOAL_MB} MB per build")
        print(f"{'text':<12}{'MB':>7}{'seconds':>9}{'KB/s':>7}{'provisions':>12}{'peak MB':>9}{'before':>8}  status")
        for label, path in texts.items():
            r = run(path)
            size = path.stat().st_size
            before = f"{BEFORE_MB[label]}" if args.scale == 1.0 else "-"
            print(f"{label:<12}{size / 1e6:>7.1f}{r['seconds']:>9.1f}{size / 1024 / r['seconds']:>7.0f}"
                  f"{r['provisions']:>12}{r['peak_mb']:>9.0f}{before:>8}  {r['status']} {r['error'] or ''}")


if __name__ == "__main__":
    main()
