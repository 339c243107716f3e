"""Coverage of the wild corpus: files with ≥1 document and share of body lines in provisions.

    python bench/wild_coverage.py [WILD_DIR] [-v]

Text and markdown sources only (HTML and PDF are another issue's). Prints one line per
file with a problem (no document, or body lines outside provisions) with -v, then totals.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from extract.coverage import coverage
from extract.ingest.text import TEXT_SUFFIXES
from extract.pipeline import read_source, structure_source

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_WILD = ROOT.parent / "shared" / "wild"


def main(argv: list[str]) -> None:
    """Process every text file under the wild folder and print coverage figures."""
    verbose = "-v" in argv
    args = [a for a in argv if a != "-v"]
    wild = Path(args[0]) if args else DEFAULT_WILD
    files = sorted(f for f in wild.rglob("*") if f.is_file() and f.suffix.lower() in TEXT_SUFFIXES)
    files = [f for f in files if f.name != "SOURCES.md"]
    t0 = time.perf_counter()
    with_docs = body = covered = 0
    for f in files:
        cov = coverage(structure_source(read_source(f)))
        with_docs += cov.documents > 0
        body += cov.body_lines
        covered += cov.covered
        if verbose and (cov.documents == 0 or cov.missed):
            rel = f.relative_to(wild)
            print(f"{rel}: docs={cov.documents} body={cov.body_lines} missed={len(cov.missed)} {cov.missed[:8]}")
    dt = time.perf_counter() - t0
    print(f"files {len(files)}  with ≥1 document {with_docs}  body lines {body}  in provisions {covered} "
          f"({covered / max(body, 1):.1%})  {dt:.1f}s")


if __name__ == "__main__":
    main(sys.argv[1:])
