"""One small policy document, and writers that publish it the ways governments do: a web page (with
menus, an info-disclosure table and a footer around it), a Word file, an OFD file. The format tests
build each and check the same header fields, 责任单位 table and amount come out."""

from __future__ import annotations

from pathlib import Path

TITLE = "兴安盟行政公署办公室关于印发兴安盟促进就业创业若干措施的通知"
DOC_NUMBER = "兴署办发〔2022〕15号"
ISSUER = "兴安盟行政公署办公室"
DATE = "2022-05-10"
PUBLISHED = "2022-05-12"
INDEX_NO = "11152200011543005B/2022-00015"
BODY = [
    "各旗县市人民政府，盟直各有关部门：",
    "现将《兴安盟促进就业创业若干措施》印发给你们，请认真贯彻落实。",
    "一、加大创业扶持力度",
    "对首次创业且正常经营6个月以上的高校毕业生，给予一次性创业补贴5000元。（责任单位：盟人力资源社会保障局、盟财政局）",
    "二、强化就业服务",
    "每季度至少举办1次专场招聘会，2022年12月底前实现零就业家庭动态清零。（责任单位：盟人力资源社会保障局）",
]
TABLE = [
    ["序号", "重点任务", "责任单位", "完成时限"],
    ["1", "建设盟级创业孵化示范基地", "盟人力资源社会保障局", "2022年12月底前"],
    ["2", "落实创业担保贷款贴息政策", "盟财政局、人民银行兴安盟中心支行", "长期坚持"],
]
SIGNATURE = [ISSUER, "2022年5月10日"]
AMOUNT = "5000元"
MENU = ["首页", "政务公开", "政策文件", "政策解读", "办事服务", "互动交流"]
FOOTER = "版权所有：兴安盟行政公署 网站标识码：1522000001 蒙ICP备05002222号"


def html_page(encoding: str = "utf-8") -> bytes:
    """The document as a government site serves it: menus, info table, article, related links, footer."""
    cs = "gb2312" if encoding.lower() in {"gb2312", "gbk", "gb18030"} else encoding
    menu = "".join(f'<li><a href="/{k}.html">{m}</a></li>' for k, m in enumerate(MENU))
    info = (f"<table class='xxgk'><tr><td>索引号：</td><td>{INDEX_NO}</td><td>发文机关：</td><td>{ISSUER}</td></tr>"
            f"<tr><td>文 号：</td><td>{DOC_NUMBER}</td><td>成文日期：</td><td>2022年05月10日</td></tr>"
            f"<tr><td>名称：</td><td colspan='3'>{TITLE}</td></tr>"
            f"<tr><td>发布日期：</td><td>{PUBLISHED}</td></tr></table>")
    paras = "".join(f"<p>{p}</p>" if not p.endswith("力度") and not p.endswith("服务")
                    else f"<p><strong>{p}</strong></p>" for p in BODY)
    rows = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in TABLE)
    sign = "".join(f'<p style="text-align:right">{s}</p>' for s in SIGNATURE)
    related = "".join(f'<li><a href="/r{k}.html">相关文件{k}</a></li>' for k in range(6))
    page = f"""<!DOCTYPE html><html><head><meta charset="{cs}"><title>{TITLE}_兴安盟行政公署</title>
<meta name="ArticleTitle" content="{TITLE}"><meta name="PubDate" content="{PUBLISHED} 09:30">
<script>var menu = "首页";</script><style>.a{{color:red}}</style></head><body>
<div class="top"><ul class="nav">{menu}</ul><div class="search">搜索</div></div>
<div class="crumb"><a href="/">首页</a> &gt; <a href="/zc">政策文件</a></div>
<div class="main">{info}
<div class="article"><h1 class="title">{TITLE}</h1>
<div class="content"><p style="text-align:center">{TITLE}</p>
<p style="text-align:center">{DOC_NUMBER}</p>{paras}<p>附件：重点任务分工表</p>
<table border="1">{rows}</table>{sign}</div></div>
<div class="related"><h3>相关文件</h3><ul>{related}</ul></div></div>
<div class="footer"><p>{FOOTER}</p></div></body></html>"""
    return page.encode("gb18030" if cs == "gb2312" else encoding)


def write_html(path: Path, encoding: str = "utf-8") -> Path:
    """Write the web page to `path`."""
    path.write_bytes(html_page(encoding))
    return path


def write_docx(path: Path, numbered: bool = True) -> Path:
    """The document as a Word file: title and 文号 paragraphs, headings numbered by Word itself
    (一、 二、 from a chineseCounting list, when `numbered`), the task table, a header and a footer."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    d = docx.Document()
    d.core_properties.title = TITLE
    d.sections[0].header.paragraphs[0].text = "兴安盟行政公署办公室文件"
    d.sections[0].footer.paragraphs[0].text = "— 1 —"
    for text in (TITLE, DOC_NUMBER):
        d.add_paragraph(text).alignment = WD_ALIGN_PARAGRAPH.CENTER
    num_id = _chinese_list(d) if numbered else None
    for para in BODY:
        if para.endswith(("力度", "服务")):
            p = d.add_paragraph(para if num_id is None else para[2:], style="Heading 2")
            if num_id is not None:
                _number(p, num_id)
        else:
            d.add_paragraph(para)
    d.add_paragraph("附件：重点任务分工表")
    table = d.add_table(rows=len(TABLE), cols=len(TABLE[0]))
    for r, row in enumerate(TABLE):
        for c, cell in enumerate(row):
            table.cell(r, c).text = cell
    for text in SIGNATURE:
        d.add_paragraph(text).alignment = WD_ALIGN_PARAGRAPH.RIGHT
    d.save(str(path))
    return path


def _chinese_list(d) -> str:  # noqa: ANN001 — a python-docx Document
    """Add a one-level `%1、` chineseCounting list to the numbering part; returns its numId."""
    from docx.oxml import parse_xml

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    numbering = d.part.numbering_part.element
    numbering.append(parse_xml(
        f'<w:abstractNum {w} w:abstractNumId="90"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
        f'<w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl></w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {w} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    return "90"


def _number(p, num_id: str) -> None:  # noqa: ANN001 — a python-docx Paragraph
    from docx.oxml import parse_xml

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    p._p.get_or_add_pPr().append(parse_xml(
        f'<w:numPr {w}><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>'))


def check_store(db: Path, source: str) -> None:
    """The store built from one generated file holds the document's header, its 责任单位 table and its
    amount with a span that points at the printed amount (shared by the HTML/DOCX/OFD build tests)."""
    import sqlite3

    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    doc = conn.execute("SELECT * FROM documents WHERE source = ?", (source,)).fetchone()
    assert (doc["title"], doc["doc_number"], doc["date"]) == (TITLE, DOC_NUMBER, DATE)
    units = conn.execute(
        "SELECT o.text, group_concat(u.name, '、') AS units FROM obligations o JOIN obligation_units u "
        "ON u.obligation_id = o.id WHERE o.source = ? AND o.kind = 'table' GROUP BY o.id ORDER BY o.text",
        (source,)).fetchall()
    assert [(r["text"], r["units"]) for r in units] == [(row[1], row[2]) for row in sorted(TABLE[1:],
                                                                                         key=lambda r: r[1])]
    amount = conn.execute("SELECT * FROM amounts WHERE source = ?", (source,)).fetchone()
    assert amount["surface"] == AMOUNT and amount["value_yuan"] == 5000
    text = conn.execute("SELECT path FROM sources WHERE name = ?", (source,)).fetchone()
    assert text is not None and amount["end"] - amount["start"] == len(AMOUNT)
