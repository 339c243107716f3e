"""A generated two-column gazette PDF through the whole pipeline: documents, provisions with page+bbox,
tables across pages, no running header in any provision, exports carrying page and bbox, bad PDFs
reported one by one while the build goes on."""

from __future__ import annotations

import json
import shutil
import sqlite3

import jsonschema
import pytest
from click.testing import CliRunner
from conftest import ROOT

from extract.cli import main
from extract.model import union_bbox
from extract.pipeline import process_source
from tests.pdfgen import HEADER, sample_gazette, sample_source


@pytest.fixture(scope="module")
def result():
    return process_source(sample_source(ocr=False))


def test_pdf_yields_documents_and_provisions_with_page_and_bbox(result):
    assert result.documents and len(result.provisions) > 20
    for p in result.provisions:
        assert p.span.page is not None and p.span.bbox is not None, p.path


def test_provision_bbox_contains_its_characters(result):
    src = result.source
    for p in result.provisions[:40]:
        boxes = [b for b, pg in zip(src.char_boxes[p.span.start : p.span.end],
                                    src.char_pages[p.span.start : p.span.end], strict=True)
                 if b is not None and pg == p.span.page]
        x0, top, x1, bottom = union_bbox(boxes)
        bx0, btop, bx1, bbottom = p.span.bbox
        assert bx0 <= x0 + 0.01 and btop <= top + 0.01 and bx1 >= x1 - 0.01 and bbottom >= bottom - 0.01


def test_no_running_header_or_page_number_in_any_provision(result):
    for p in result.provisions:
        assert HEADER not in p.text and "兴安盟行政公署公报" not in p.text
        assert "—" not in p.text.strip()[:2]


def test_cross_page_task_table_is_one_table_with_its_rows(result):
    tables = [p for p in result.provisions if p.kind == "table"]
    assert tables
    table = max(tables, key=lambda t: len(t.cells or []))
    assert table.cells[0][:2] == ["序号", "重点任务"]
    rows = [p for p in result.provisions if p.kind == "row" and p.parent_id == table.id]
    assert len(rows) == len(table.cells) - 1 and len(rows) >= 4
    assert len({r.span.page for r in rows}) >= 2  # the table crosses a page break


def test_build_over_pdfs_and_texts_reports_bad_pdfs_and_goes_on(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    good = sample_gazette().path
    shutil.copy(good, d / "gazette.pdf")
    (d / "truncated.pdf").write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    (d / "notapdf.pdf").write_bytes(b"hello, not a pdf")
    shutil.copy(ROOT / "tests" / "data" / "slices" / "000_cover_notice.txt", d / "notice.txt")
    db = tmp_path / "g.db"
    res = CliRunner().invoke(main, ["build", str(d), "--db", str(db)])
    assert res.exit_code == 2, res.output  # some inputs failed: built the rest, said so, exit 2
    assert "truncated.pdf:" in res.output and "notapdf.pdf:" in res.output
    conn = sqlite3.connect(db)
    assert {r[0] for r in conn.execute("SELECT name FROM sources")} == {"gazette.pdf", "notice.txt"}
    assert {r[0] for r in conn.execute("SELECT name FROM ingest_errors")} == {"truncated.pdf", "notapdf.pdf"}
    out = tmp_path / "out.jsonl"
    CliRunner().invoke(main, ["export", "--db", str(db), "--type", "provision", "-o", str(out)])
    schema = json.loads((ROOT / "schemas" / "provision.schema.json").read_text(encoding="utf-8"))
    pdf_records = [r for r in map(json.loads, out.read_text(encoding="utf-8").splitlines())
                   if r["source"] == "gazette.pdf"]
    assert pdf_records and all(r["page"] and len(r["bbox"]) == 4 for r in pdf_records)
    for r in pdf_records:
        jsonschema.validate(r, schema)
