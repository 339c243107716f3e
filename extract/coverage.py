"""How much of a source's body text ends up in provisions: the "no text left behind" measure.

A body line is a line with at least ten CJK characters and one of `。；，` (a sentence a
reader would expect extraction to see). It is covered when most of its characters lie
inside some provision's span. `bench/wild_coverage.py` and the wild-corpus test use it.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import TYPE_CHECKING

import regex

if TYPE_CHECKING:  # the pipeline imports is_body_line: no import cycle at run time
    from extract.pipeline import SourceResult

_CJK_RE = regex.compile(r"\p{Han}")
_BODY_PUNCT = ("。", "；", "，")
_MIN_CJK = 10


@dataclass
class Coverage:
    """Body lines of one source and how many of them lie in provisions."""

    source: str
    documents: int
    body_lines: int
    covered: int
    missed: list[int]  # 1-based numbers of uncovered body lines

    @property
    def share(self) -> float:
        return self.covered / self.body_lines if self.body_lines else 1.0


def is_body_line(text: str) -> bool:
    """A line of running text: ten or more CJK characters and a `。；，`."""
    return any(p in text for p in _BODY_PUNCT) and len(_CJK_RE.findall(text)) >= _MIN_CJK


def coverage(result: SourceResult) -> Coverage:
    """Body-line coverage of one processed source (see module doc)."""
    spans = _merged(sorted((p.span.start, p.span.end) for p in result.provisions))
    starts = [s for s, _ in spans]
    body = covered = 0
    missed: list[int] = []
    for ln in result.source.lines:
        if not is_body_line(ln.text):
            continue
        body += 1
        inside = sum(
            1 for k, ch in enumerate(ln.text) if not ch.isspace() and _inside(spans, starts, ln.start + k)
        )
        total = sum(1 for ch in ln.text if not ch.isspace())
        if inside * 2 > total:
            covered += 1
        else:
            missed.append(ln.number)
    return Coverage(result.source.name, len(result.documents), body, covered, missed)


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s, e in spans:
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def _inside(spans: list[tuple[int, int]], starts: list[int], offset: int) -> bool:
    i = bisect.bisect_right(starts, offset) - 1
    return i >= 0 and spans[i][0] <= offset < spans[i][1]
