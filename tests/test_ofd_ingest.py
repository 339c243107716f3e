"""OFD: text objects read into the PDF path's positioned characters, so the running header leaves the body,
a paragraph crossing a page break stays whole, ruled tables are tables; DocInfo feeds the header fields."""

from __future__ import annotations

import zipfile

import pytest

from extract.ingest.errors import IngestFailure
from extract.ingest.ofd import deltas, read_ofd
from extract.layout.reflow import reflow
from extract.pipeline import process_source
from tests import docgen


@pytest.fixture(scope="module")
def ofd(tmp_path_factory):
    return docgen.write_ofd(tmp_path_factory.mktemp("ofd") / "notice.ofd")


def test_delta_x_expands_repeated_advances():
    assert deltas("g 3 4.2 2.1") == [4.2, 4.2, 4.2, 2.1]
    assert deltas(None) == []


def test_template_running_header_and_page_numbers_leave_the_body(ofd):
    src = read_ofd(ofd)
    assert len(src.pages) == 2
    assert all(p.header == docgen.OFD_HEADER for p in src.pages)
    assert [p.printed_number for p in src.pages] == ["1", "2"]
    assert docgen.OFD_HEADER not in src.text and "— 2 —" not in src.text


def test_paragraph_across_the_page_break_is_one_paragraph_with_page_and_bbox(ofd):
    src = read_ofd(ofd)
    whole = [p for p in reflow(src) if p.text.endswith("切实稳定和扩大就业。")]
    assert len(whole) == 1 and whole[0].text.startswith("各地区各部门")
    span = src.span(whole[0].start, whole[0].end)
    assert span.page == 1 and span.end_page == 2 and span.bbox is not None


def test_ruled_table_is_read_as_a_table(ofd):
    result = process_source(read_ofd(ofd))
    table = next(p for p in result.provisions if p.kind == "table")
    assert table.cells == docgen.TABLE and table.span.page == 2


def test_doc_info_gives_title_doc_number_issuer_and_date(ofd):
    meta = read_ofd(ofd).metadata
    assert (meta["title"], meta["doc_number"], meta["issuer"], meta["date"]) == (
        docgen.TITLE, docgen.DOC_NUMBER, docgen.ISSUER, docgen.DATE)


def test_ofd_build_gives_header_task_table_obligations_and_amount(ofd, tmp_path):
    docgen.check_build(ofd, tmp_path)


def test_zip_without_ofd_xml_and_non_zip_are_refused(tmp_path):
    bad = tmp_path / "a.ofd"
    with zipfile.ZipFile(bad, "w") as z:
        z.writestr("readme.txt", "hello")
    with pytest.raises(IngestFailure, match="no OFD.xml"):
        read_ofd(bad)
    (tmp_path / "b.ofd").write_bytes(b"not a zip at all")
    with pytest.raises(IngestFailure, match="not an OFD"):
        read_ofd(tmp_path / "b.ofd")
