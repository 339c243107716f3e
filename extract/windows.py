"""Bounded memory on any input: a very large text is processed window by window.

Layout and segmentation hold several times a text's size while they work, so a text longer
than WINDOW_CHARS is cut into windows, at a blank line where there is one near the limit,
else at a line end, else after a sentence (。！？；), else at the limit. Each window is run
through the pipeline as a source of its own; its records' spans are then moved to where the
window sits in the whole text (offsets, lines, the column on a cut line), so provenance is
the same as for a small file. Ids stay stable: each window's ids are derived from the file's
content hash and the window's place. Only the finished records are kept, stripped of the
per-character maps the writer never reads, so memory grows with what is extracted, not with
the work of extracting it. A document that straddles a cut is read as two pieces.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
from collections.abc import Iterator
from typing import Any

from extract.model import Line, Paragraph, Source, Span

# About 3 MB of Chinese text: layout, segmentation and extraction of one window stay near 200 MB.
WINDOW_CHARS = int(os.environ.get("GAZETTE_WINDOW_CHARS", "1000000"))
_SENTENCE_ENDS = "。！？；!?;"


def windows(text: str, size: int = WINDOW_CHARS) -> Iterator[tuple[int, int]]:
    """[start, end) windows covering `text`, each at most `size` characters, cut at the best break."""
    start, n = 0, len(text)
    while n - start > size:
        end = _cut(text, start, start + size)
        yield start, end
        start = end
    if start < n or n == 0:
        yield start, n


def _cut(text: str, start: int, limit: int) -> int:
    """Where to end a window that may not pass `limit`: after a blank line, a line end, a sentence."""
    floor = start + (limit - start) // 2  # never cut a window to less than half its size
    for mark in ("\n\n", "\n"):
        i = text.rfind(mark, floor, limit)
        if i >= 0:
            return i + len(mark)
    best = max(text.rfind(ch, floor, limit) for ch in _SENTENCE_ENDS)
    return best + 1 if best >= 0 else limit


@dataclasses.dataclass
class Shift:
    """How a window's spans move into the whole text."""

    offset: int  # characters before the window
    lines: int  # line breaks before the window
    col: int  # characters before the window on its first line (a window cut inside a line)

    def span(self, sp: Span) -> Span:
        """The window-local span `sp` as a span of the whole text."""
        return dataclasses.replace(
            sp, start=sp.start + self.offset, end=sp.end + self.offset, line=sp.line + self.lines,
            end_line=sp.end_line + self.lines, col=sp.col + (self.col if sp.line == 1 else 0))


def shift_spans(obj: Any, shift: Shift, seen: set[int] | None = None) -> Any:
    """`obj` (records, lists, tuples) with every Span moved by `shift`; records are updated in place,
    each once however often it is referred to (a document's provisions are also the result's)."""
    seen = set() if seen is None else seen
    if isinstance(obj, Span):
        return shift.span(obj)
    if isinstance(obj, list):
        obj[:] = [shift_spans(x, shift, seen) for x in obj]
        return obj
    if isinstance(obj, tuple):
        return tuple(shift_spans(x, shift, seen) for x in obj)
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type | Paragraph | Source) and id(obj) not in seen:
        seen.add(id(obj))
        for f in dataclasses.fields(obj):
            value = getattr(obj, f.name)
            if isinstance(value, Span | list | tuple) or dataclasses.is_dataclass(value):
                setattr(obj, f.name, shift_spans(value, shift, seen))
    return obj


def slim(result: Any) -> Any:
    """Drop from a SourceResult what only the pipeline needed (per-character maps, the Line list,
    PDF character boxes) and compute the search-index text of its provisions, so that a worker
    sends the writer less and leaves it less to do. The writer reads a section's paragraphs for
    their text alone and a source's lines for their number."""
    from extract.ingest.chinese import is_traditional
    from extract.store.fts import index_text
    from extract.store.write import printed_text

    traditional = is_traditional(result.source.text)
    for p in result.provisions:
        p.text = printed_text(p, result.source, traditional)  # needs the paragraph, dropped here
        p.paragraph = None
    for s in result.sections:
        s.paragraphs = [Paragraph(text=p.text, offsets=[]) for p in s.paragraphs] if s.kind != "documents" else []
    for d in result.documents:
        d.paragraphs = []
    src = result.source
    result.line_count = result.line_count or len(src.lines)
    if result.locators is None:
        result.locators = [(ln.number, ln.locator) for ln in src.lines if ln.locator]
    src.lines, src._line_starts = placeholder_lines(), [0]
    src.char_boxes = src.char_pages = None
    result.search_terms = {p.id: index_text(p.text) for p in result.provisions}
    return result


def window_source(whole: Source, start: int, end: int) -> Source:
    """The window [start, end) of `whole` as a source of its own (its ids derive from the file and the place)."""
    sha = hashlib.sha256(f"{whole.sha256}:{start}".encode()).hexdigest()
    return Source(path=whole.path, name=whole.name, sha256=sha, text=whole.text[start:end],
                  encoding=whole.encoding, kind=whole.kind)


def next_shift(shift: Shift, text: str, start: int, end: int) -> Shift:
    """Where the window after [start, end) begins, in lines and columns of the whole text
    (line breaks counted as Source counts them: str.splitlines)."""
    parts = text[start:end].splitlines(keepends=True)
    if not parts:
        return Shift(offset=end, lines=shift.lines, col=shift.col)
    open_end = parts[-1].splitlines()[0] == parts[-1]  # the last line runs on into the next window
    breaks = len(parts) - (1 if open_end else 0)
    col = (len(parts[-1]) + (shift.col if len(parts) == 1 else 0)) if open_end else 0
    return Shift(offset=end, lines=shift.lines + breaks, col=col)


def line_count(after_last: Shift) -> int:
    """The number of lines Source splits the whole text into, from the shift after its last window."""
    return max(1, after_last.lines + (1 if after_last.col else 0))


def placeholder_lines() -> list[Line]:
    """Lines for a whole-file Source built from windows: the writer needs only their count
    (SourceResult.line_count), so the million Line objects of a large file are never made."""
    return [Line(number=1, text="", start=0)]
