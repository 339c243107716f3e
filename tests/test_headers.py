"""Header readers: each header shape real texts print fills the same document fields, and
furniture (menus, banners, licence notices) is recorded but kept out of provisions."""

from __future__ import annotations

from extract.ingest.text import decode_source
from extract.pipeline import process_source


def _run(text: str, name: str = "t.txt", **metadata: str):
    src = decode_source(text.encode("utf-8"), name)
    src.metadata.update(metadata)
    return process_source(src)


BODY = "一、加强组织领导，各区要建立工作机制，明确责任分工，确保各项任务落到实处。\n"


def test_info_disclosure_rows_with_values_on_the_next_line_fill_the_header():
    page = (
        "首页\n政务公开\n"
        "索引号：\n11440106718120458W/2024-00008\n"
        "发布机构：\n广州市人民政府办公厅\n"
        "成文日期：\n2024-07-26\n"
        "文号：\n穗府办规〔2024〕13号\n"
        "发布日期：\n2024-09-12\n"
        "广州市公共租赁住房管理办法\n" + BODY
    )
    r = _run(page)
    (doc,) = r.documents
    assert (doc.title, doc.doc_number, doc.date, doc.issuer) == (
        "广州市公共租赁住房管理办法", "穗府办规〔2024〕13号", "2024-07-26", "广州市人民政府办公厅")
    assert all("索引号" not in p.text and "2024-09-12" not in p.text for p in r.provisions)


def test_metadata_printed_in_one_line_and_a_lone_time_row_is_body():
    row = "索引号：000014349/2019-00010 发文机关：国务院 成文日期：2019年01月14日 发文字号：国发〔2019〕5号\n"
    r = _run(row + "国务院关于推行联合监管的意见\n" + BODY + "时间：每年6月底前，各地报送工作进展情况。\n")
    (doc,) = r.documents
    assert (doc.doc_number, doc.date, doc.issuer) == ("国发〔2019〕5号", "2019-01-14", "国务院")
    assert any("时间：每年6月底前" in p.text for p in r.provisions)


def test_a_web_page_title_above_its_publication_row_names_the_page():
    page = "首页 > 就业创业\n广州市高校毕业生创业补贴，请查收\n发布日期：2025-04-08 11:24:11\n文章来源：市人社局\n" + BODY
    (doc,) = _run(page).documents
    assert (doc.title, doc.date) == ("广州市高校毕业生创业补贴，请查收", "2025-04-08")


def test_work_report_delivery_line_gives_the_date():
    report = (
        "2024年某省政府工作报告\n——2024年1月25日在某省第十四届人民代表大会第二次会议上\n省长 张三\n"
        "各位代表：\n现在，我代表省人民政府，向大会报告政府工作，请予审议。\n"
    )
    (doc,) = _run(report).documents
    assert (doc.title, doc.date) == ("2024年某省政府工作报告", "2024-01-25")


def test_markdown_front_matter_fills_title_number_and_date():
    md = "---\ntitle: 某市养老服务补贴办法\ndoc_number: 某府规〔2023〕2号\ndate: 2023-03-01\n---\n\n" + BODY
    r = _run(md, name="policy.md")
    (doc,) = r.documents
    assert (doc.title, doc.doc_number, doc.date) == ("某市养老服务补贴办法", "某府规〔2023〕2号", "2023-03-01")
    assert all("title:" not in p.text for p in r.provisions)


def test_fields_the_file_declares_fill_what_the_text_does_not_print():
    r = _run(BODY, title="关于加强组织领导的通知", doc_number="某政发（2024）7号", date="2024-02-01")
    (doc,) = r.documents
    assert (doc.title, doc.doc_number, doc.date) == ("关于加强组织领导的通知", "某政发〔2024〕7号", "2024-02-01")


def test_database_export_banner_is_furniture_and_a_title_printed_twice_is_one_document():
    export = (
        "    【法宝引证码】 CLI.12.748997\n原文链接：https://www.pkulaw.com/lar/x.html\n"
        "某市人民政府办公室关于印发《某市绿色建筑管理办法》的通知\n"
        "某市人民政府办公室关于印发《某市绿色建筑管理办法》的通知\n"
        "（某府发〔2012〕3号）\n各县（区）人民政府，市政府各部门：\n"
        "　　《某市绿色建筑管理办法》已经市人民政府常务会议审议通过，现予印发，请认真贯彻执行。\n"
        "　　二○一二年一月九日\n"
    )
    r = _run(export)
    (doc,) = r.documents
    assert (doc.doc_number, doc.date) == ("某府发〔2012〕3号", "2012-01-09")
    furniture = [s for s in r.sections if s.kind == "furniture"]
    assert furniture and furniture[0].span.line == 1
    assert not any("法宝" in p.text or "pkulaw" in p.text for p in r.provisions)


def test_page_actions_and_licence_notices_are_recorded_as_furniture():
    text = "2023年政府工作报告\n各位代表：\n现在，我代表国务院，向大会报告政府工作，请予审议。\n【打印】\n【关闭窗口】\nPublic domain\n"
    r = _run(text)
    kinds = [s.title for s in r.sections if s.kind == "furniture"]
    assert kinds == ["page_action"]
    assert not any(p.text in ("【打印】", "Public domain") for p in r.provisions)


def test_a_web_page_prints_the_doc_number_above_the_title_and_an_empty_row_does_not_take_the_title():
    page = (
        "文　　号：\n穗建规字〔2024〕5号\n发布机关：\n广州市住房和城乡建设局\n文件状态：\n"
        "广州市住房和城乡建设局关于进一步加强户籍家庭住房保障工作的通知\n分享到\n"
        "穗建规字〔2024〕5号\n广州市住房和城乡建设局关于进一步加强户籍家庭住房保障工作的通知\n"
        "各区人民政府，市政府各部门：\n" + BODY
    )
    r = _run(page)
    (doc,) = r.documents
    assert doc.title == "广州市住房和城乡建设局关于进一步加强户籍家庭住房保障工作的通知"
    assert doc.doc_number == "穗建规字〔2024〕5号"


def test_a_page_title_above_a_bare_publication_time_and_its_source_row():
    page = (
        "当前位置：首页 > 通知公告\n广州市残疾人两项补贴2025年发放情况和2026年发放标准\n"
        "2026-02-26\n来源：广州市民政局\n分享到\n" + BODY
    )
    (doc,) = _run(page).documents
    assert (doc.title, doc.date) == ("广州市残疾人两项补贴2025年发放情况和2026年发放标准", "2026-02-26")


def test_a_doc_number_above_a_title_wrapped_over_two_lines():
    page = (
        "穗人社规字〔2019〕6号\n广州市人力资源和社会保障局广州市财政局关于印发广州市就业见习\n基地管理办法的通知\n"
        "各区人力资源和社会保障局：\n" + BODY
    )
    (doc,) = _run(page).documents
    assert doc.title == "广州市人力资源和社会保障局广州市财政局关于印发广州市就业见习基地管理办法的通知"
    assert doc.doc_number == "穗人社规字〔2019〕6号"


def test_a_decree_heading_gives_its_order_number_and_issuer():
    text = (
        "中山市政务数据管理办法\n中山市人民政府令\n（第16号）\n"
        "　　《中山市政务数据管理办法》已经市人民政府常务会议审议通过，现予公布，自2020年6月15日起施行。\n"
        "市长 危伟汉\n2020年5月15日\n第一条 为了加强和规范政务数据管理，制定本办法。\n"
    )
    r = _run(text)
    (doc,) = r.documents
    assert (doc.doc_number, doc.issuer, doc.date) == ("中山市人民政府令第16号", "中山市人民政府", "2020-05-15")
    assert not any(p.text in ("中山市人民政府令", "（第16号）") for p in r.provisions)


def test_a_bracketed_date_under_the_title_wins_over_the_pages_date_row():
    page = (
        "发布机构：\n某某市统计局\n发文日期：\n2023-04-20\n"
        "某某市2022年国民经济和社会发展统计公报\n"
        "某某市统计局  国家统计局某某调查队\n"
        "（2023年4月10日）\n"
        "2022年，全市经济运行总体平稳，全年地区生产总值增长4.5%，居民收入稳步增加。\n"
    )
    (doc,) = _run(page).documents
    assert doc.date == "2023-04-10"


def test_a_breadcrumb_printed_one_item_a_line_is_furniture_and_a_repeated_heading_ends_the_title():
    page = (
        "某省2026年政府工作报告\n首页\n>\n政府信息公开\n>\n省政府工作报告\n"
        "某省2026年政府工作报告\n时间：\n2026-02-02 09:20\n"
        "各位代表：\n现在，我代表省人民政府向大会报告工作，请予审议，并请省政协委员提出意见。\n"
    )
    r = _run(page)
    (doc,) = r.documents
    assert doc.title == "某省2026年政府工作报告"
    assert not any(p.text in ("首页", "政府信息公开", "省政府工作报告") for p in r.provisions)


def test_a_source_row_naming_a_body_gives_the_issuer_but_a_site_or_paper_does_not():
    page = "首页\n政务公开\n东山区高龄津贴发放标准调整\n发布日期：2026-02-26\n{row}\n" + BODY
    (doc,) = _run(page.format(row="文章来源：东山区民政局官网")).documents
    assert (doc.title, doc.issuer) == ("东山区高龄津贴发放标准调整", "东山区民政局")
    # an HTML page's declared 来源 (<meta name="ContentSource">) naming two bodies
    (doc,) = _run(page.format(row="浏览次数：12"), **{"来源": "东山区民政局 东山区财政局"}).documents
    assert doc.issuer == "东山区民政局、东山区财政局"
    (doc,) = _run(page.format(row="来源：东山日报")).documents
    assert doc.issuer is None
