"""Running headers, footers and printed page numbers, found by position and repetition across pages.

A line in the top or bottom band of a page is running matter when it is a page number
(`— 12 —`, `第12页`, `12`), when the same text (digits aside) sits in that band on many
pages, or, in the top band, when it names the gazette (`兴安盟行政公署公报 2022年第3期`).
Running lines leave the body and go to the page's metadata.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import cache

import regex

from extract.layout.pdf_lines import Frag, rules

DIGITS_RE = regex.compile(r"[0-9０-９]+")
SPACE_RE = regex.compile(r"\s+")


@cache
def page_number_re() -> regex.Pattern:
    """A printed page number with its decorations; the number is group `num`."""
    cfg = rules()["running"]
    dash = "[" + regex.escape("".join(cfg["number_dashes"])) + "]"
    prefix = "(?:" + "|".join(map(regex.escape, cfg["number_prefixes"])) + ")"
    suffix = "(?:" + "|".join(map(regex.escape, cfg["number_suffixes"])) + ")"
    return regex.compile(
        rf"""^\s*
        (?:{dash}+\s*)?              # — 12 —   (dashes around the number)
        (?:{prefix}\s*)?             # 第12页
        (?P<num>[0-9０-９]{{1,4}})
        (?:\s*/\s*[0-9]{{1,4}})?     # 12/50
        (?:\s*{suffix})?
        (?:\s*{dash}+)?
        \s*$""",
        regex.VERBOSE,
    )


@cache
def issue_re() -> regex.Pattern:
    """A gazette-name line: a header word (公报) or an issue number like 2022年第3期."""
    words = "|".join(map(regex.escape, rules()["running"]["header_words"]))
    return regex.compile(
        rf"""(?:{words})                                  # 兴安盟行政公署公报
        | (?:[0-9]{{4}}\s*年\s*)?第\s*[0-9]{{1,3}}\s*期    # 2022年第3期
        """,
        regex.VERBOSE,
    )


@dataclass
class Running:
    """What was found on one page: the frags to drop and the page metadata they carry."""

    drop: set[int] = field(default_factory=set)  # id() of running frags
    header: str = ""
    footer: str = ""
    printed_number: str | None = None


def _key(band: str, f: Frag) -> tuple[str, str]:
    return band, DIGITS_RE.sub("#", SPACE_RE.sub("", f.text))


def band_of(f: Frag, height: float) -> str | None:
    """'top' / 'bottom' when the frag lies wholly in the header / footer band."""
    cfg = rules()["running"]
    if f.bottom <= cfg["header_band"] * height:
        return "top"
    if f.top >= (1 - cfg["footer_band"]) * height:
        return "bottom"
    return None


def find_running(pages: list[tuple[list[Frag], float]]) -> list[Running]:
    """For each page (its frags, its height) the running matter; see the module doc."""
    cfg = rules()["running"]
    seen: Counter[tuple[str, str]] = Counter()
    banded: list[list[tuple[str, Frag]]] = []
    for frags, height in pages:
        cands = [(b, f) for f in frags if (b := band_of(f, height))]
        banded.append(cands)
        seen.update({_key(b, f) for b, f in cands})
    text_pages = sum(1 for frags, _ in pages if frags)
    need = max(cfg["min_pages"], cfg["min_ratio"] * text_pages)
    out = []
    for cands in banded:
        run = Running()
        heads: list[Frag] = []
        foots: list[Frag] = []
        for band, f in sorted(cands, key=lambda c: (c[1].top, c[1].x0)):
            m = page_number_re().match(f.text)
            if m:
                run.printed_number = str(int(m["num"]))
            elif seen[_key(band, f)] >= need or (band == "top" and issue_re().search(f.text)):
                (heads if band == "top" else foots).append(f)
            else:
                continue
            run.drop.add(id(f))
        rows = {f.row for _, f in cands if id(f) in run.drop}
        for band, f in cands:  # a header split by a gap (OCR) goes as a whole row
            if f.row in rows and id(f) not in run.drop:
                run.drop.add(id(f))
                (heads if band == "top" else foots).append(f)
        run.header, run.footer = (" ".join(f.text for f in sorted(fs, key=lambda f: (f.row, f.x0)))
                                  for fs in (heads, foots))
        out.append(run)
    _fill_numbers(out)
    return out


def _fill_numbers(pages: list[Running]) -> None:
    """A page whose number was not read (a scan) gets the one its neighbours imply: 8, ?, 10 → 9."""
    for i in range(1, len(pages) - 1):
        a, b = pages[i - 1].printed_number, pages[i + 1].printed_number
        if pages[i].printed_number is None and a and b and a.isdigit() and b.isdigit() and int(b) - int(a) == 2:
            pages[i].printed_number = str(int(a) + 1)
