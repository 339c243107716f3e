"""PDF ingest throughput and memory, against the anchors, in one run.

    python bench/bench_pdf.py                 # ~30-page generated gazette: pages/s, ratio to extract_text
    python bench/bench_pdf.py --pages 500     # also the peak memory on a 500-page file (goal < 500 MB)
    python bench/bench_pdf.py --ocr           # keep one scanned page (OCR time is reported separately)

It also reports web pages and Word files per second (one page = one web page or one Word file): the
wild policy pages (../shared/wild/web-pages-html, when present) through `read_html` against
trafilatura's `extract` alone (its boilerplate remover), and generated .docx files through `read_word`.

Each measurement runs in a fresh child process so its peak RSS (ru_maxrss) is its own:
pdfplumber's `page.extract_text()` over every page (the plain-extraction anchor) and
`extract.ingest.pdf.read_pdf` (columns, running headers, tables, paragraph synthesis).
Docling-style layout-model pipelines run at under 1 page/s on CPU: the last line divides by 1.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOAL_RATIO, GOAL_MB, DOCLING_PAGES_PER_S = 1.5, 500, 1.0


def _worker(kind: str, path: str) -> None:
    """Child process: run one extractor over the file, print JSON {pages, seconds, peak_mb}."""
    sys.path.insert(0, str(ROOT))
    import pdfplumber  # imports are not what is timed: each side loads its code first

    from extract.build import build
    from extract.ingest.pdf import read_pdf

    t = time.perf_counter()
    if kind == "plain":
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                page.extract_text()
                page.close()
    elif kind in FORMATS:
        n = FORMATS[kind](path)
        elapsed = time.perf_counter() - t
        print(json.dumps({"pages": n, "seconds": elapsed, "peak_mb": 0}))
        return
    elif kind == "build":
        with tempfile.TemporaryDirectory() as d:
            report = build([path], Path(d) / "bench.db", force=True)
        assert not report.errors, report.errors[0].error
    else:
        read_pdf(path, ocr=kind == "ocr")
    elapsed = time.perf_counter() - t
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"pages": _pages(path), "seconds": elapsed, "peak_mb": peak_mb}))


def _html_ours(folder: str) -> int:
    from extract.ingest.html import read_html

    pages = sorted(Path(folder).glob("*.htm*"))
    for p in pages:
        read_html(p)
    return len(pages)


def _html_trafilatura(folder: str) -> int:
    import trafilatura

    pages = sorted(Path(folder).glob("*.htm*"))
    for p in pages:
        trafilatura.extract(p.read_bytes(), include_tables=True)
    return len(pages)


def _docx_ours(folder: str) -> int:
    from extract.ingest.docx import read_word

    files = sorted(Path(folder).glob("*.docx"))
    for p in files:
        read_word(p)
    return len(files)


FORMATS = {"html": _html_ours, "html_trafilatura": _html_trafilatura, "docx": _docx_ours}


def _formats() -> None:
    """Web pages and Word files per second, each in its own child process."""
    wild = ROOT.parent / "shared" / "wild" / "web-pages-html"
    if wild.is_dir():
        base, ours = _run("html_trafilatura", wild), _run("html", wild)
        print(f"web pages: read_html {ours['pages'] / ours['seconds']:.1f} pages/s over {ours['pages']} wild pages; "
              f"trafilatura.extract alone {base['pages'] / base['seconds']:.1f} pages/s "
              f"(ratio {ours['seconds'] / base['seconds']:.2f}x)")
    with tempfile.TemporaryDirectory() as d:
        sys.path.insert(0, str(ROOT))
        from tests.docgen import write_docx

        for k in range(40):
            write_docx(Path(d) / f"notice_{k:02d}.docx", numbered=k % 2 == 0)
        docx = _run("docx", Path(d))
    print(f"Word files: read_word {docx['pages'] / docx['seconds']:.1f} files/s over {docx['pages']} generated .docx")


def _pages(path: str) -> int:
    """Page count, read after the timed build (cheap: no page content is parsed)."""
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return len(pdf.pages)


def _run(kind: str, path: Path) -> dict:
    out = subprocess.run([sys.executable, __file__, "--worker", kind, str(path)], check=True,
                         capture_output=True, text=True, cwd=ROOT)
    return json.loads(out.stdout.strip().splitlines()[-1])


def _generate(path: Path, pages: int, scanned: bool) -> None:
    args = [sys.executable, "-m", "tests.pdfgen", str(path), str(pages)] + ([] if scanned else ["--no-scan"])
    subprocess.run(args, check=True, capture_output=True, cwd=ROOT)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=30)
    ap.add_argument("--ocr", action="store_true", help="include one scanned page and OCR it")
    ap.add_argument("--worker", nargs=2, help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.worker:
        _worker(*a.worker)
        return
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / f"gazette_{a.pages}.pdf"
        t = time.perf_counter()
        _generate(path, a.pages, a.ocr)
        print(f"generated {a.pages}-page gazette ({path.stat().st_size / 1e6:.1f} MB) in "
              f"{time.perf_counter() - t:.1f}s")
        plain = _run("plain", path)
        ours = _run("ocr" if a.ocr else "ours", path)
        full = _run("build", path) if not a.ocr else None
    n = ours["pages"]
    p_rate, o_rate = plain["pages"] / plain["seconds"], n / ours["seconds"]
    ratio = ours["seconds"] / plain["seconds"]
    print(f"pdfplumber extract_text : {plain['seconds']:7.2f}s  {p_rate:6.1f} pages/s  peak {plain['peak_mb']:.0f} MB")
    print(f"read_pdf (gazette PDF)  : {ours['seconds']:7.2f}s  {o_rate:6.1f} pages/s  peak {ours['peak_mb']:.0f} MB")
    print(f"ratio read_pdf / extract_text = {ratio:.2f}x  (goal <= {GOAL_RATIO}x: "
          f"{'met' if ratio <= GOAL_RATIO else 'NOT met'})")
    if full:
        f_rate, f_ratio = full["pages"] / full["seconds"], full["seconds"] / plain["seconds"]
        print(f"full build (gazette build: read, reflow, segment, structure, extract, store): {full['seconds']:.2f}s "
              f"{f_rate:.1f} pages/s, ratio to extract_text {f_ratio:.2f}x, peak {full['peak_mb']:.0f} MB")
    print(f"peak memory {ours['peak_mb']:.0f} MB on {n} pages (goal < {GOAL_MB} MB: "
          f"{'met' if ours['peak_mb'] < GOAL_MB else 'NOT met'})")
    print(f"vs a layout-model pipeline (Docling < {DOCLING_PAGES_PER_S:.0f} page/s on CPU): "
          f">= {o_rate / DOCLING_PAGES_PER_S:.0f}x faster")
    _formats()


if __name__ == "__main__":
    main()
