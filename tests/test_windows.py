"""Large texts in windows: provenance as for a small file, stable ids, and a bounded window size."""

from __future__ import annotations

from conftest import CORPUS, SLICES

from extract.ingest.text import decode_source
from extract.model import Span
from extract.pipeline import process_source, process_windows
from extract.windows import Shift, next_shift, windows


def _source(text: str):
    return decode_source(text.encode("utf-8"), "big.txt")


def _text() -> str:
    """A seed gazette (one long document with tasks, units, deadlines and amounts) and two short notices."""
    parts = [(SLICES / n).read_text(encoding="utf-8") for n in ("000_cover_notice.txt", "004_roster.txt")]
    seed = sorted(CORPUS.glob("001_*.txt"))[0].read_text(encoding="utf-8")
    return "\n\n".join([*parts, seed])


def test_windows_cover_the_text_and_cut_after_a_line_break_when_there_is_one():
    text = _text()
    bounds = list(windows(text, 3000))
    assert bounds[0][0] == 0 and bounds[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(bounds, bounds[1:], strict=False))
    assert all(e - s <= 3000 for s, e in bounds)
    assert all(text[e - 1] == "\n" for _, e in bounds[:-1])


def test_a_line_without_breaks_is_cut_after_a_sentence():
    text = "各部门要加强管理。" * 1000
    bounds = list(windows(text, 1000))
    assert len(bounds) > 1 and all(text[e - 1] == "。" for _, e in bounds[:-1])


def test_records_of_windows_point_at_the_same_text_as_in_the_whole_file():
    text = _text()
    whole = _source(text)
    result = process_windows(_source(text), size=20000)
    assert result.provisions and result.obligations and result.values
    spans: list[Span] = [p.span for p in result.provisions] + [o.span for o in result.obligations]
    spans += [v.span for v in result.values] + [sp for o in result.obligations for _, sp in o.units]
    for sp in spans:
        line = whole.line_at(sp.start)
        assert (sp.line, sp.col) == (line.number, sp.start - line.start)
    for v in result.values:
        surface = getattr(v.value, "surface", None)
        if surface:  # as printed, but for the line breaks and spaces layout removes
            assert "".join(text[v.span.start:v.span.end].split()) == "".join(surface.split())
    assert result.line_count == len(whole.lines)
    ids = [p.id for p in result.provisions]
    assert len(ids) == len(set(ids))
    assert [p.id for p in process_windows(_source(text), size=20000).provisions] == ids  # stable


def test_a_text_in_one_window_gives_the_records_of_the_whole():
    text = (SLICES / "000_cover_notice.txt").read_text(encoding="utf-8")
    one = process_windows(_source(text), size=10 * len(text))
    whole = process_source(_source(text))
    assert [(p.path, p.span) for p in one.provisions] == [(p.path, p.span) for p in whole.provisions]
    assert [v.span for v in one.values] == [v.span for v in whole.values]


def test_a_window_cut_inside_a_line_carries_its_column_on():
    text = "甲" * 10 + "。" + "乙" * 5 + "\n丙丁"
    shift = next_shift(Shift(0, 0, 0), text, 0, 11)
    assert (shift.offset, shift.lines, shift.col) == (11, 0, 11)
    shift = next_shift(shift, text, 11, 17)
    assert (shift.offset, shift.lines, shift.col) == (17, 1, 0)
