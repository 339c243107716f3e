"""Boilerplate removal on the wild policy pages: which main-text extractor keeps the body and drops the site.

    python bench/bench_html.py

For each page of ../shared/wild/web-pages-html and each extractor: menu/footer lines left in (lines holding
a site-furniture marker: department lists, copyright, ICP numbers, font-size tools) and, for the 21 pages
that also have a text version (web-pages-text, the whole page as text), the share of the amounts and
deadlines that the text version's build finds which the extractor's text still holds (body kept).
Extractors: all text (tags stripped, the web-pages-text way), jusText (no Chinese stoplist, so length and
link density only), trafilatura (default and favor_recall), and read_html (trafilatura's choice walked block
by block, link lists and page tools dropped, tables kept).
"""

from __future__ import annotations

import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WILD = ROOT.parent / "shared" / "wild"
MARKERS = ("市委组织部", "市信访局", "版权所有", "网站标识码", "ICP备", "主办单位", "浏览次数", "字体大小", "打印本页",
           "关闭窗口", "分享到", "网站地图", "联系我们", "无障碍浏览", "长者模式", "当前位置")


def _all_text(data: bytes) -> str:
    from lxml import html

    root = html.document_fromstring(data)
    for bad in root.xpath("//script|//style"):
        bad.drop_tree()
    return "\n".join(s.strip() for s in root.text_content().split("\n") if s.strip())


def _justext(data: bytes) -> str:
    import justext

    paras = justext.justext(data, frozenset(), stopwords_low=0, stopwords_high=0, length_low=10, length_high=40)
    return "\n".join(p.text for p in paras if not p.is_boilerplate)


def _trafilatura(recall: bool):  # noqa: ANN202
    def run(data: bytes) -> str:
        import trafilatura

        return trafilatura.extract(data, include_tables=True, favor_recall=recall) or ""

    return run


def _ours(path: Path) -> str:
    from extract.ingest.html import read_html

    return read_html(path).text


def main() -> None:
    import sys

    sys.path.insert(0, str(ROOT))
    from extract.pipeline import process_file

    pages = sorted((WILD / "web-pages-html").glob("*.html"))
    if not pages:
        print("../shared/wild/web-pages-html is absent")
        return
    wanted: dict[str, set[str]] = {}
    for p in pages:
        txt = WILD / "web-pages-text" / f"{p.stem}.txt"
        if txt.exists():
            r = process_file(txt)
            wanted[p.name] = {v.value.surface for v in r.values if v.type in {"amount", "deadline"}}
    extractors = {"all text (tags stripped)": lambda p: _all_text(p.read_bytes()),
                  "jusText (no stoplist)": lambda p: _justext(p.read_bytes()),
                  "trafilatura": lambda p: _trafilatura(False)(p.read_bytes()),
                  "trafilatura favor_recall": lambda p: _trafilatura(True)(p.read_bytes()),
                  "read_html (ours)": _ours}
    print(f"{len(pages)} pages, {sum(len(v) for v in wanted.values())} values in {len(wanted)} text versions")
    print(f"{'extractor':28s} {'furniture lines':>15s} {'pages with any':>15s} {'values kept':>12s} {'s':>6s}")
    for name, fn in extractors.items():
        t = time.perf_counter()
        junk = dirty = kept = total = 0
        for p in pages:
            text = fn(p)
            n = sum(1 for line in text.split("\n") if any(m in line for m in MARKERS))
            junk += n
            dirty += n > 0
            compact = "".join(text.split())
            for v in wanted.get(p.name, ()):
                total += 1
                kept += "".join(v.split()) in compact
        share = kept / total if total else 0.0
        print(f"{name:28s} {junk:15d} {dirty:15d} {share:11.1%} {time.perf_counter() - t:6.1f}")


if __name__ == "__main__":
    main()
