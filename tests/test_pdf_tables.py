"""Ruled tables and 专栏 boxes from PDFs: full grids, merged cells expanded, parts merged across pages."""

from __future__ import annotations

import re

from extract.structure.pdf_tables import Cell, TableBlock, _grid, merge_into
from tests.pdfgen import TABLE_HEADER, body_paragraphs, sample_gazette, sample_source


def _rows(text: str) -> list[list[str]]:
    return [ln.split("\t") for ln in text.split("\n") if "\t" in ln]


def _n(s: str) -> str:
    return re.sub(r"\s+", "", s)


def test_task_table_rows_are_complete_with_cells():
    # 序号/重点任务/责任单位/完成时限, rows from "（一）培育盟属政府性融资担保机构…（责任单位：盟金融办、…）"
    rendered, src = sample_gazette(), sample_source()
    rows = _rows(src.text)
    assert [[_n(c) for c in r] for r in rows] == [[_n(c) for c in r] for r in rendered.table_rows]


def test_repeated_header_row_of_the_continued_part_is_dropped():
    rows = _rows(sample_source().text)
    assert sum(r == TABLE_HEADER for r in rows) == 1
    assert len(sample_gazette().table_pages) == 2  # the table does cross a page break


def test_merged_cells_are_expanded_not_empty():
    rows = _rows(sample_source().text)
    assert all(all(c for c in r) for r in rows)
    assert rows[4][2] == rows[3][2]  # 责任单位 merged over rows 3–4
    assert rows[6][3] == rows[7][3] == rows[8][3]  # 完成时限 merged over rows 6–8


def test_table_rows_keep_the_page_they_were_printed_on():
    rendered, src = sample_gazette(), sample_source()
    row_lines = [ln for ln in src.lines if "\t" in ln.text]
    assert {ln.page for ln in row_lines} == set(rendered.table_pages)
    assert row_lines[-1].page == rendered.table_pages[-1]
    assert all(ln.bbox is not None for ln in row_lines)


def test_table_is_set_apart_by_empty_lines():
    lines = sample_source().lines
    idx = [i for i, ln in enumerate(lines) if "\t" in ln.text]
    assert lines[idx[0] - 1].text == "" and lines[idx[-1] + 1].text == ""
    assert idx == list(range(idx[0], idx[-1] + 1))  # one run of rows across the page break


def test_box_title_and_items_are_paragraphs_of_their_own():
    # 专栏1 残疾人社会保障重点项目 / 1.巩固拓展脱贫攻坚成果。…
    rendered, src = sample_gazette(), sample_source()
    got = body_paragraphs(src.text)
    for line in rendered.box_lines:
        assert _n(line) in got


def test_grid_repeats_a_cell_spanning_two_rows():
    cells = [(0, 0, 10, 10), (10, 0, 20, 20), (0, 10, 10, 20)]
    xs, ys, grid = _grid(cells)
    assert grid == [[0, 1], [2, 1]]


def _cell(text: str, page: int = 2) -> Cell:
    return Cell(text, [None] * len(text), [page] * len(text))


def _table(rows: list[list[str]], page: int) -> TableBlock:
    cells = [[_cell(t, page) for t in r] for r in rows]
    return TableBlock(0, 0, 100, 100, page, cells, [20, 80], [page] * len(rows))


def test_continued_part_joins_a_row_cut_by_the_page_break():
    prev = _table([["序号", "重点任务"], ["1", "加强残疾人就业促进"]], 1)
    cur = _table([["序号", "重点任务"], ["", "政策与社会保险政策衔接"], ["2", "健全残疾人教育体系"]], 2)
    merge_into(prev, cur)
    assert [[c.text for c in r] for r in prev.rows] == [
        ["序号", "重点任务"], ["1", "加强残疾人就业促进政策与社会保险政策衔接"], ["2", "健全残疾人教育体系"]]
    assert prev.rows[1][1].pages[-1] == 2 and prev.row_pages == [1, 1, 2]


def test_continued_part_fills_a_cell_merged_across_the_break():
    prev = _table([["任务", "时限"], ["开展资源调查", "长期坚持"]], 1)
    cur = _table([["加强培育指导", ""]], 2)
    merge_into(prev, cur)
    assert [c.text for c in prev.rows[-1]] == ["加强培育指导", "长期坚持"]
