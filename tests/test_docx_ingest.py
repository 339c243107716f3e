"""Word files: paragraphs in order with Word's own numbering written out, real tables, headers and
footers kept out of the text, a generated .docx through the whole build; .doc needs LibreOffice."""

from __future__ import annotations

import pytest

from extract.ingest import docx as docx_mod
from extract.ingest.docx import read_word, table_rows
from extract.ingest.errors import IngestFailure
from tests import docgen


@pytest.fixture(scope="module")
def word(tmp_path_factory):
    return docgen.write_docx(tmp_path_factory.mktemp("docx") / "notice.docx")


def test_paragraphs_come_in_order_with_automatic_numbers_written_out(word):
    src = read_word(word)
    lines = [ln.text for ln in src.lines if ln.text]
    assert lines[:2] == [docgen.TITLE, docgen.DOC_NUMBER]
    assert "一、加大创业扶持力度" in lines and "二、强化就业服务" in lines  # numbered by Word, not typed
    assert lines[-2:] == docgen.SIGNATURE


def test_numbering_set_on_the_paragraph_style_is_written_out(tmp_path):
    import docx

    d = docx.Document()
    for text in ("建立工作台账", "定期通报进展"):
        d.add_paragraph(text, style="List Number")
    d.save(str(tmp_path / "list.docx"))
    assert [ln.text for ln in read_word(tmp_path / "list.docx").lines if ln.text] == ["1.建立工作台账", "2.定期通报进展"]


def test_paragraphs_inside_a_content_control_are_read_in_order(tmp_path):
    import docx
    from docx.oxml import parse_xml

    d = docx.Document()
    d.add_paragraph("前言")
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    d.element.body.append(parse_xml(f"<w:sdt {w}><w:sdtContent><w:p><w:r><w:t>{docgen.DOC_NUMBER}</w:t></w:r></w:p>"
                                    "</w:sdtContent></w:sdt>"))
    d.element.body.append(parse_xml(f"<w:p {w}><w:r><w:t>结尾</w:t></w:r></w:p>"))
    d.save(str(tmp_path / "sdt.docx"))
    assert [ln.text for ln in read_word(tmp_path / "sdt.docx").lines if ln.text] == ["前言", docgen.DOC_NUMBER, "结尾"]


def test_heading_style_and_table_rows_are_named_in_each_line_locator(word):
    src = read_word(word)
    heading = next(ln for ln in src.lines if ln.text == "一、加大创业扶持力度")
    assert heading.locator.endswith("Heading 2")
    row = next(ln for ln in src.lines if ln.text.startswith("2\t"))
    assert row.locator == "tbl[1] tr[3]" and row.text.split("\t") == docgen.TABLE[2]


def test_header_and_footer_are_page_furniture_not_text(word):
    src = read_word(word)
    assert "兴安盟行政公署办公室文件" not in src.text and "— 1 —" not in src.text
    assert src.metadata["page_header"] == "兴安盟行政公署办公室文件"
    assert src.metadata["title"] == docgen.TITLE


def test_merged_cells_are_repeated_in_every_grid_position():
    import docx

    table = docx.Document().add_table(rows=3, cols=3)
    for r in range(3):
        for c in range(3):
            table.cell(r, c).text = f"{r}{c}"
    table.cell(1, 2).merge(table.cell(2, 2))
    table.cell(1, 2).text = "盟财政局"
    assert [row[2] for row in table_rows(table)] == ["02", "盟财政局", "盟财政局"]


def test_docx_build_gives_header_task_table_obligations_and_amount(word, tmp_path):
    docgen.check_build(word, tmp_path)


def test_doc_without_libreoffice_fails_with_the_package_to_install(tmp_path, monkeypatch):
    monkeypatch.setattr(docx_mod, "soffice", lambda: None)
    p = tmp_path / "old.doc"
    p.write_bytes(b"\xd0\xcf\x11\xe0 not really a doc")
    with pytest.raises(IngestFailure, match="libreoffice-writer"):
        read_word(p)


@pytest.mark.skipif(docx_mod.soffice() is None, reason="LibreOffice is not installed (libreoffice-writer-nogui)")
def test_doc_is_converted_with_libreoffice(word, tmp_path):
    import subprocess

    subprocess.run([docx_mod.soffice(), "--headless", "--convert-to", "doc", "--outdir", str(tmp_path), str(word)],
                   check=True, capture_output=True, timeout=120)
    src = read_word(tmp_path / "notice.doc")
    assert docgen.TITLE in src.text and src.name == "notice.doc"


def test_doc_that_is_really_a_web_page_or_a_docx_is_read_without_libreoffice(word, tmp_path, monkeypatch):
    monkeypatch.setattr(docx_mod, "soffice", lambda: None)
    (tmp_path / "page.doc").write_bytes(docgen.html_page())
    assert docgen.TABLE[1][1] in read_word(tmp_path / "page.doc").text
    (tmp_path / "renamed.doc").write_bytes(word.read_bytes())
    assert read_word(tmp_path / "renamed.doc").lines[0].text == docgen.TITLE


def test_damaged_docx_is_refused_with_a_reason(tmp_path):
    p = tmp_path / "broken.docx"
    p.write_bytes(b"PK\x03\x04 this zip is cut short")
    with pytest.raises(IngestFailure, match="not a readable Word file"):
        read_word(p)
