"""Documents read right from saved government web pages: the page heading that repeats the
document's title is where the document starts, a 文号 printed under the heading and its page rows
belongs to that document, and an article that opens with its 文号 takes the title the page declares."""

from __future__ import annotations

import pytest

from extract.extractors.deadlines import find_deadlines
from extract.ingest.text import decode_source
from extract.model import Paragraph
from extract.pipeline import process_source
from extract.segment.pages import page_row

MENU = "首页\n政务公开\n政策文件\n规范性文件\n政策解读\n我要查\n我要办\n我要问\n互动交流\n无障碍\n"
PANEL = "索引号：\nSZ001/2023-00012\n文号：\n东府办规〔2023〕4号\n成文日期：\n2023-05-10\n发布日期：\n2023-05-18\n"
BODY = (
    "各镇人民政府，区政府各部门：\n"
    "　　一、各镇要在每年6月底前报送工作进展情况，区民政局负责汇总。\n"
    "　　本通知自印发之日起施行，有效期3年。\n"
    "东山区人民政府办公室\n2023年5月10日\n"
)
TITLE = "东山区人民政府办公室关于加强社区养老服务的通知"


def _run(text: str, name: str = "page.txt", **metadata: str):
    src = decode_source(text.encode("utf-8"), name)
    src.metadata.update(metadata)
    return process_source(src)


def test_document_starts_at_the_page_heading_that_repeats_its_title():
    page = MENU + PANEL + TITLE + "\n分享到\n-\n东府办规〔2023〕4号\n" + TITLE + "\n" + BODY
    r = _run(page)
    (doc,) = r.documents
    heading_line = page.split("\n").index(TITLE) + 1
    assert doc.span.line == heading_line
    assert (doc.title, doc.doc_number, doc.date) == (TITLE, "东府办规〔2023〕4号", "2023-05-10")
    assert all(p.text not in ("-", TITLE) for p in doc.paragraphs)


def test_a_reposted_heading_tag_does_not_hide_the_repeat():
    page = MENU + "（转载）" + TITLE + "\n发布日期：2023-05-18  浏览次数：-\n东府办规〔2023〕4号\n" + TITLE + "\n" + BODY
    (doc,) = _run(page).documents
    assert doc.span.line == page.split("\n").index("（转载）" + TITLE) + 1
    assert (doc.title, doc.doc_number) == (TITLE, "东府办规〔2023〕4号")


def test_doc_number_under_the_heading_and_its_date_row_belongs_to_the_document():
    # no second title: heading, the page's 发布日期 row, then the document's 文号 and addressees
    page = MENU + TITLE + "\n发布日期：2023-05-18  浏览次数：-\n　　东府办规〔2023〕4号\n" + BODY
    (doc,) = _run(page).documents
    assert doc.span.line == page.split("\n").index(TITLE) + 1
    assert (doc.title, doc.doc_number, doc.date) == (TITLE, "东府办规〔2023〕4号", "2023-05-10")
    assert doc.addressees == ["各镇人民政府", "区政府各部门"]


def test_a_title_line_far_above_a_doc_number_is_not_its_heading():
    # running text between a heading and a 文号 line: the 文号 is not under that heading
    page = TITLE + "\n　　这是一段说明文字，介绍了页面上的若干事项。\n东府办规〔2023〕4号\n" + BODY
    docs = _run(page).documents
    assert all(d.doc_number is None or d.title != TITLE or d.span.line == 1 for d in docs)


def test_article_opening_with_its_doc_number_takes_the_title_the_page_declares():
    # an HTML page's article without its title: the info table's 名称 names the document
    cover = BODY.replace("本通知自印发之日起施行", "现将《东山区社区养老服务办法》印发给你们，本通知自印发之日起施行")
    page = "东府办规〔2023〕4号\n" + cover + "东山区社区养老服务办法\n第一条 为规范社区养老服务，制定本办法。\n"
    (doc,) = _run(page, title="东山区人民政府办公室 关于加强社区养老服务的通知").documents
    assert (doc.title, doc.doc_number, doc.span.line) == (TITLE, "东府办规〔2023〕4号", 1)
    assert doc.addressees == ["各镇人民政府", "区政府各部门"]


@pytest.mark.parametrize("event", ["印发", "下发"])
def test_issue_day_counts_from_the_printed_issue_date_not_the_signing_date(event):
    text = f"本通知自{event}之日起施行，有效期3年。"
    effective, expires = find_deadlines(text, "2023-05-10", issued="2023-05-16")
    assert (effective.kind, effective.date) == ("effective", "2023-05-16")
    assert (expires.kind, expires.date) == ("expires", "2026-05-16")
    assert find_deadlines("本通知自发布之日起施行。", "2023-05-10", issued="2023-05-16")[0].date == "2023-05-10"
    assert find_deadlines(text, "2023-05-10")[0].date == "2023-05-10"


def test_page_foot_issue_line_dates_the_effective_clause():
    # the 版记 `…2023年5月16日印发` under the signature, after the page's 公开方式 row
    page = MENU + TITLE + "\n东府办规〔2023〕4号\n" + BODY + "公开方式：主动公开\n东山区人民政府办公室 2023年5月16日印发\n"
    r = _run(page)
    assert r.documents[0].date == "2023-05-10"
    deadlines = {v.value.surface: v.value.date for v in r.values if v.type == "deadline"}
    assert deadlines["自印发之日起施行"] == "2023-05-16"
    assert deadlines["有效期3年"] == "2026-05-16"


def test_indented_page_heading_above_date_rows_names_the_text_not_a_menu_item():
    # a reposted page: menu (通知公告, 政策解读), the heading tab-indented like the date and 来源 rows
    menu = "首页\n新闻中心\n通知公告\n政务公开\n政策解读\n数据发布\n政府公报\n当前位置：首页 > 政务公开\n"
    heading = "东山区困难老年人生活补贴实施办法"
    page = menu + "\t\t  " + heading + "\n\t\t  2022-11-16\n来源:\n\t\t  东山区民政局\n\t\t小 -->\n" + (
        "　　为进一步规范我区困难老年人生活补贴发放工作，制定本办法。\n"
        "　　一、补贴对象为具有本区户籍、年满60周岁的困难老年人，由区民政局负责审核。\n")
    r = _run(page)
    (doc,) = r.documents
    assert (doc.title, doc.date) == (heading, "2022-11-16")
    assert doc.span.line == page.split("\n").index("\t\t  " + heading) + 1
    assert not any(s.kind in ("interpretation", "toc") and s.span.line >= doc.span.line for s in r.sections)


def test_article_opening_with_running_text_is_named_by_the_declared_title_not_a_part_heading():
    page = ("　　为促进高校毕业生就业，东山区推出一批扶持政策，哪些政策适合你？一文了解！\n"
            "面向单位的扶持政策\n"
            "　　一、小微企业招用毕业2年内高校毕业生的，给予社保补贴。\n")
    (doc,) = _run(page, "page.html", title="东山区高校毕业生就业扶持政策清单").documents
    assert doc.title == "东山区高校毕业生就业扶持政策清单"
    (doc,) = _run(page).documents  # nothing declared: the first line naming a genre, as before
    assert doc.title == "面向单位的扶持政策"


def test_page_marks_are_rows_but_list_labels_are_not():
    def row(t: str) -> bool:
        return page_row(Paragraph(text=t, offsets=[0, len(t)]))

    assert all(row(t) for t in ("-", "-次", "-->", "0", "发布日期：2023-05-18  浏览次数：-"))
    assert not any(row(t) for t in ("一、", "（一）", "附件", "各镇："))
