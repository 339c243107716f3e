"""Heading and list markers of 公文 numbering: 第X章, 第X条, 一、, （一）, 1., （1）, ①, 附件, 专栏.

The patterns live in data/headings.yaml; this module compiles them once and says
which one opens a line. The Chinese numbering decides a heading's level, never
markdown `#` counts (they disagree with the numbering in real extracts).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import regex

from extract.data import load_yaml


@dataclass(frozen=True)
class HeadingMatch:
    """Which marker opens a line: its pattern name, level, label text and end offset."""

    name: str
    level: int
    label: str
    end: int


@cache
def _patterns() -> list[tuple[str, int, regex.Pattern]]:
    data = load_yaml("headings.yaml")
    ph = data["placeholders"]
    out = []
    for p in data["patterns"]:
        rx = p["regex"]
        for key, val in ph.items():
            rx = rx.replace("{" + key + "}", val)
        out.append((p["name"], int(p["level"]), regex.compile(rx)))
    return out


def match_heading(text: str) -> HeadingMatch | None:
    """The numbering marker at the start of `text`, or None."""
    for name, level, rx in _patterns():
        m = rx.match(text)
        if m:
            return HeadingMatch(name=name, level=level, label=normalize_label(m.group(0)), end=m.end())
    return None


def normalize_label(marker: str) -> str:
    """A marker as a path component: `（一）` for `(一)`, `1` for `1.`, `一` for `一、`."""
    s = regex.sub(r"\s+", "", marker)
    s = s.replace("(", "（").replace(")", "）")
    s = s.rstrip("、.．:：")
    return s
