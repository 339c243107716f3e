"""Web pages: main text without menus or footers, the page's declared header fields, tables as tables,
every line traceable to its element; the wild policy pages built like their text versions."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT
from lxml import html as lhtml

from extract.ingest.html import element_at, read_html
from extract.pipeline import process_file, process_source
from tests import docgen

WILD = ROOT.parent / "shared" / "wild"
needs_wild = pytest.mark.skipif(not (WILD / "web-pages-html").is_dir(), reason="../shared/wild is absent")


@pytest.fixture(scope="module")
def page(tmp_path_factory) -> Path:
    return docgen.write_html(tmp_path_factory.mktemp("html") / "notice.html", encoding="gbk")


def test_gbk_page_is_decoded_by_its_declared_charset(page):
    src = read_html(page)
    assert src.encoding == "gb18030" and src.kind == "html"
    assert docgen.TITLE in src.text and "\ufffd" not in src.text


def test_info_table_and_meta_fill_the_declared_header_fields(page):
    meta = read_html(page).metadata
    assert meta["title"] == docgen.TITLE
    assert meta["doc_number"] == docgen.DOC_NUMBER
    assert meta["issuer"] == docgen.ISSUER
    assert meta["date"] == docgen.DATE  # 成文日期 2022年05月10日
    assert meta["published"] == docgen.PUBLISHED
    assert meta["index_no"] == docgen.INDEX_NO


def test_menus_search_related_links_info_table_and_footer_stay_out_of_the_text(page):
    text = read_html(page).text
    for junk in ("政务公开", "政策解读", "搜索", "相关文件3", "版权所有", "网站标识码", "索引号", "var menu"):
        assert junk not in text, junk
    assert text.index(docgen.TITLE) < text.index(docgen.DOC_NUMBER) < text.index(docgen.BODY[0])


def test_every_text_line_keeps_the_css_path_of_its_element(page):
    src = read_html(page)
    root = lhtml.document_fromstring(page.read_bytes().decode("gb18030").encode("utf-8"),
                                     parser=lhtml.HTMLParser(encoding="utf-8"))
    body = [ln for ln in src.lines if ln.text]
    assert body and all(ln.locator for ln in body)
    for ln in body:
        el = element_at(root, ln.locator)
        assert el is not None, ln.locator
        printed = "".join(el.text_content().split())
        assert all(cell.replace(" ", "") in printed for cell in ln.text.split("\t")), (ln.text, ln.locator)


def test_page_table_is_a_table_whose_unit_column_gives_obligations(page):
    result = process_source(read_html(page))
    doc = result.documents[0]
    assert (doc.title, doc.doc_number, doc.date) == (docgen.TITLE, docgen.DOC_NUMBER, docgen.DATE)
    table = next(p for p in result.provisions if p.kind == "table")
    assert table.cells[0] == docgen.TABLE[0] and table.cells[1:] == docgen.TABLE[1:]
    by_task = {o.text: [u.name for u, _ in o.units] for o in result.obligations if o.kind == "table"}
    assert by_task["落实创业担保贷款贴息政策"] == ["盟财政局", "人民银行兴安盟中心支行"]


def test_amount_span_points_at_the_printed_amount(page):
    src = read_html(page)
    result = process_source(src)
    amount = next(v for v in result.values if v.type == "amount")
    assert src.text[amount.span.start : amount.span.end] == docgen.AMOUNT
    root = lhtml.document_fromstring(page.read_bytes().decode("gb18030").encode("utf-8"),
                                     parser=lhtml.HTMLParser(encoding="utf-8"))
    element = element_at(root, src.line_at(amount.span.start).locator)
    assert element.tag == "p" and docgen.AMOUNT in element.text_content()


def test_page_declaring_a_charset_it_does_not_use_is_still_read(tmp_path):
    p = tmp_path / "odd.htm"
    p.write_bytes(docgen.html_page("utf-8").replace(b'charset="utf-8"', b'charset="x-unknown"'))
    assert docgen.TITLE in read_html(p).text


def test_source_newlines_inside_a_paragraph_are_spaces_but_br_and_pre_break_lines(tmp_path):
    first, second = docgen.BODY[1], docgen.BODY[3]
    p = tmp_path / "wrapped.html"
    p.write_text(f"<html><body><div class='content'><p>{first[:12]}\n{first[12:]}</p><p>{second}<br>{docgen.BODY[5]}"
                 f"</p><pre>{docgen.SIGNATURE[0]}\n{docgen.SIGNATURE[1]}</pre></div></body></html>", encoding="utf-8")
    lines = [ln.text.replace(" ", "") for ln in read_html(p).lines if ln.text]
    assert lines == [first, second, docgen.BODY[5], *docgen.SIGNATURE]


def test_article_laid_out_in_a_layout_table_reads_as_paragraphs(tmp_path):
    nav = "".join(f'<p><a href="/n{k}">栏目{k}</a></p>' for k in range(8))
    article = "".join(f"<p>{p}</p>" for p in [docgen.TITLE, docgen.DOC_NUMBER, *docgen.BODY, *docgen.SIGNATURE])
    p = tmp_path / "old_site.html"
    p.write_text(f"<html><head><title>{docgen.TITLE}</title></head><body><table><tr><td>{nav}</td>"
                 f"<td>{article}</td></tr></table></body></html>", encoding="utf-8")
    lines = [ln.text for ln in read_html(p).lines if ln.text]
    assert docgen.BODY[3] in lines and not any("栏目" in s for s in lines)


# ---------------------------------------------------------------- the wild policy pages

MENU_OR_FOOTER = ("市委组织部", "市信访局", "版权所有", "网站标识码", "ICP备", "主办单位", "浏览次数",
                  "字体大小", "打印本页", "关闭窗口", "分享到")


@needs_wild
def test_wild_pages_read_with_a_title_and_no_menu_or_footer_text():
    pages = sorted((WILD / "web-pages-html").glob("*.html"))
    assert len(pages) >= 40
    for p in pages:
        src = read_html(p)
        assert src.metadata.get("title"), p.name
        for junk in MENU_OR_FOOTER:
            assert junk not in src.text, (p.name, junk)


@needs_wild
def test_wild_pages_build_one_document_each_with_the_header_the_page_declares():
    pages = sorted((WILD / "web-pages-html").glob("*.html"))
    with_number = with_date = 0
    for p in pages:
        result = process_file(p)
        meta = result.source.metadata
        assert len(result.documents) == 1, p.name
        doc = result.documents[0]
        assert doc.title, p.name
        if meta.get("doc_number"):
            assert doc.doc_number == meta["doc_number"], p.name
        with_number += bool(doc.doc_number)
        with_date += bool(doc.date)
        for prov in result.provisions:
            assert not any(junk in prov.text for junk in MENU_OR_FOOTER), (p.name, prov.text[:40])
    assert with_number >= 12 and with_date >= len(pages) - 1


PAIRS = ["11_公共租赁住房保障办法_穗府办规2024-13号", "29_广州市临时救助实施细则_穗府办规2021-19号",
         "36b_积分制入户管理办法_穗府办规2025-8号"]


@needs_wild
@pytest.mark.parametrize("stem", PAIRS)
def test_html_page_gives_the_values_of_its_text_version(stem):
    html = process_file(WILD / "web-pages-html" / f"{stem}.html")
    text = process_file(WILD / "web-pages-text" / f"{stem}.txt")

    def values(r) -> list[tuple[str, str]]:
        return sorted((v.type, v.value.surface) for v in r.values if v.type in {"amount", "deadline", "target"})

    body = "".join(html.source.text.split())

    def units(r) -> list[str]:  # the text version also reads its footer (主办单位：…): compare on the body
        return sorted(u.name for o in r.obligations for u, _ in o.units if "".join(o.text.split()) in body)

    assert values(html) and values(html) == values(text)
    assert units(html) == units(text) and units(html)


def test_html_build_gives_header_task_table_obligations_and_amount(page, tmp_path):
    docgen.check_build(page, tmp_path)


def test_store_keeps_each_provision_line_css_path_for_editors(page, tmp_path):
    import sqlite3

    from extract.build import build

    db = tmp_path / "g.db"
    build([page], db)
    conn = sqlite3.connect(db)
    row = conn.execute(
        "SELECT l.locator FROM amounts a JOIN source_locators l ON l.source = a.source AND l.line = a.line "
        "WHERE a.surface = ?", (docgen.AMOUNT,)).fetchone()
    assert row is not None and row[0].startswith("html>body>") and row[0].endswith("p:nth-of-type(6)")

