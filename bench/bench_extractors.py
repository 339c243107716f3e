"""Full-build throughput, rules vs combined, in one run: KB of source per second per core.

    python bench/bench_extractors.py [--corpus corpus] [--model extract/ml/model] [--repeat 3]

Each extractor builds the whole corpus into a fresh temporary store (`build(..., force=True)`),
single process with BLAS held to one thread, so wall time = one core; the model is loaded once before timing (a build loads
it once too). The goal for combined is ≥ 50 KB/s per core.
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):  # one core, really
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import logging  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

from extract.build import build  # noqa: E402
from extract.pipeline import iter_inputs  # noqa: E402

GOAL_KB_S = 50.0


def bench(corpus: Path, extractor: str, repeat: int) -> tuple[float, float]:
    """(KB, best seconds) for a forced full build of `corpus` with `extractor`."""
    kb = sum(p.stat().st_size for p in iter_inputs([corpus])) / 1024
    best = float("inf")
    for _ in range(repeat):
        with tempfile.TemporaryDirectory() as tmp:
            t0 = time.perf_counter()
            report = build([corpus], Path(tmp) / "bench.db", force=True, extractor=extractor)
            best = min(best, time.perf_counter() - t0)
            if not report.ok:
                raise SystemExit(f"{extractor}: build failed: {[e.error for e in report.errors]}")
    return kb, best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=Path("corpus"))
    ap.add_argument("--model", type=Path, default=None, help="model directory (default: extract/ml/model/)")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    logging.basicConfig(level=logging.WARNING, format="%(message)s")
    from extract.ml.combine import default_model_dir, load_model
    from extract.ml.evaluate import using_model

    model_dir = args.model or default_model_dir()
    if load_model(model_dir) is None:
        raise SystemExit(f"no trained model at {model_dir}: run `gazette train` first")
    print(f"corpus {args.corpus} · model {model_dir} · best of {args.repeat} · 1 process")
    print(f"{'extractor':<10}{'KB':>8}{'seconds':>9}{'KB/s/core':>11}")
    with using_model(model_dir):
        for ex in ("rules", "combined"):
            kb, s = bench(args.corpus, ex, args.repeat)
            flag = "" if ex == "rules" else ("  ok (goal ≥ 50)" if kb / s >= GOAL_KB_S else "  BELOW goal 50")
            print(f"{ex:<10}{kb:>8.0f}{s:>9.2f}{kb / s:>11.1f}{flag}")


if __name__ == "__main__":
    main()
