"""Provision trees: the Chinese numbering decides levels; boxes, tables and rosters are recovered."""

from __future__ import annotations

import pytest
from conftest import CORPUS

from extract.pipeline import process_file


@pytest.fixture(scope="module")
def r000():
    return process_file(CORPUS / "000_a89ac985d1956224.txt")


@pytest.fixture(scope="module")
def r002():
    return process_file(CORPUS / "002_8371b38728e487da.txt")


@pytest.fixture(scope="module")
def r004():
    return process_file(CORPUS / "004_a2b4083a9edf5c5a.txt")


def _by_path(result, doc_index=0):
    doc = result.documents[doc_index]
    return {p.path: p for p in doc.provisions}


def test_items_nest_by_chinese_numbering(r000):
    paths = _by_path(r000)
    item = paths["三/（一）/1"]
    assert item.text.startswith("1.巩固拓展残疾人脱贫攻坚成果。")
    assert item.parent_id == paths["三/（一）"].id and paths["三/（一）"].parent_id == paths["三"].id
    assert item.heading == "巩固拓展残疾人脱贫攻坚成果。"


def test_boxes_close_when_the_numbering_moves_on(r000):
    paths = _by_path(r000)
    assert paths["三/（一）/专栏2"].kind == "box"
    assert "三/（二）" in paths and "三/（二）/1" in paths
    assert not any(p.startswith("三/（一）/专栏2/（二）") for p in paths)


def test_markdown_heading_levels_do_not_override_numbering(r002):
    paths = _by_path(r002, 1)
    assert "三/（一）/1" in paths  # `#### (一)` under `### 三、` with `1.` items below
    assert paths["三/（一）/1"].text.startswith("1.巩固拓展残疾人脱贫攻坚成果。")


def test_tab_separated_indicator_table_keeps_rows_and_cells(r002):
    doc = r002.documents[1]
    table = next(p for p in doc.provisions if p.kind == "table")
    assert table.cells[0] == ["指标", "2025年", "属性"]
    rows = [p for p in doc.provisions if p.kind == "row" and p.parent_id == table.id]
    assert len(rows) == 11
    assert rows[0].cells[1] == ["1.残疾人家庭人均收入年增长率", ">7.5%", "预期性"]


def test_pseudo_table_rows_are_recovered_with_deadline_cells(r004):
    doc = r004.documents[1]
    rows = [p for p in doc.provisions if p.kind == "row"]
    assert len(rows) >= 20
    row3 = next(r for r in rows if r.label == "3")
    assert row3.cells[1][-1] == "2021年6月30日"
    assert "全部事项办事指南等信息在内蒙古政务服务网上发布" in row3.text.replace(" ", "")
    assert [r.label for r in rows[:5]] == ["1", "2", "3", "4", "5"]


def test_rosters_are_their_own_provisions(r004):
    doc = r004.documents[0]
    rosters = [p for p in doc.provisions if p.kind == "roster"]
    assert len(rosters) >= 5
    assert rosters[0].text.startswith("组长：姜天虎")


def test_every_provision_span_points_at_its_first_printed_line(r000, r004):
    for r in (r000, r004):
        src = r.source
        for p in r.provisions:
            assert src.text[p.span.start] == p.text[0], (p.path, p.span.line)
            line = src.lines[p.span.line - 1]
            assert line.start <= p.span.start < line.start + len(line.text) + 1
            assert src.text[p.span.end - 1] == p.text[-1]
