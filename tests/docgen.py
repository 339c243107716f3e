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


def check_build(path: Path, tmp: Path) -> None:
    """Build the store from one generated file and check it (see check_store)."""
    from extract.build import build

    db = tmp / "g.db"
    report = build([path], db)
    assert not report.errors, report.errors
    check_store(db, path.name)


def check_store(db: Path, source: str) -> None:
    """The store built from one generated file holds the document's header, its 责任单位 table and its
    amount with a span that points at the printed amount (shared by the HTML/DOCX/OFD build tests)."""
    import sqlite3

    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    doc = conn.execute("SELECT * FROM documents WHERE source = ?", (source,)).fetchone()
    assert (doc["title"], doc["doc_number"], doc["date"]) == (TITLE, DOC_NUMBER, DATE)
    units = conn.execute(
        "SELECT o.text, (SELECT group_concat(name, '、') FROM (SELECT name FROM obligation_units "
        "WHERE obligation_id = o.id ORDER BY start, rowid)) AS units FROM obligations o "
        "WHERE o.source = ? AND o.kind = 'table' ORDER BY o.text",
        (source,)).fetchall()
    assert [(r["text"], r["units"]) for r in units] == [(row[1], row[2]) for row in sorted(TABLE[1:],
                                                                                         key=lambda r: r[1])]
    amount = conn.execute("SELECT * FROM amounts WHERE source = ?", (source,)).fetchone()
    assert amount["surface"] == AMOUNT and amount["value_yuan"] == 5000
    text = conn.execute("SELECT path FROM sources WHERE name = ?", (source,)).fetchone()
    assert text is not None and amount["end"] - amount["start"] == len(AMOUNT)


# ---------------------------------------------------------------- OFD

OFD_NS = "http://www.ofdspec.org/2016"
OFD_HEADER = "兴安盟行政公署公报 2022年第5期"
_L, _R, _SIZE, _PITCH = 25.0, 185.0, 4.2, 7.5  # mm: left and right edge, body font size, line pitch
_COLS = [14.0, 68.0, 52.0, 26.0]


def _glyph_w(ch: str, size: float) -> float:
    return size if ord(ch) > 0x2000 else size / 2


def _wrap(text: str, width: float, size: float, indent: float = 0.0) -> list[str]:
    lines, cur, w, avail = [], "", 0.0, width - indent
    for ch in text:
        if cur and w + _glyph_w(ch, size) > avail + 0.01:
            lines.append(cur)
            cur, w, avail = "", 0.0, width
        cur += ch
        w += _glyph_w(ch, size)
    return [*lines, cur] if cur else lines


class _OfdPage:
    def __init__(self) -> None:
        self.objects: list[str] = []
        self.next_id = 100

    def text(self, s: str, x: float, top: float, size: float = _SIZE) -> None:
        from xml.sax.saxutils import escape

        widths = [_glyph_w(ch, size) for ch in s]
        delta = " ".join(f"{w:g}" for w in widths[:-1])
        self.next_id += 1
        self.objects.append(
            f'<ofd:TextObject ID="{self.next_id}" Boundary="{x:g} {top:g} {sum(widths):g} {size * 1.2:g}" '
            f'Font="1" Size="{size:g}"><ofd:TextCode X="0" Y="{size * 0.88:g}" DeltaX="{delta}">'
            f"{escape(s)}</ofd:TextCode></ofd:TextObject>")

    def rule(self, x0: float, y0: float, x1: float, y1: float) -> None:
        self.next_id += 1
        self.objects.append(
            f'<ofd:PathObject ID="{self.next_id}" Boundary="0 0 210 297" LineWidth="0.25">'
            f"<ofd:AbbreviatedData>M {x0:g} {y0:g} L {x1:g} {y1:g}</ofd:AbbreviatedData></ofd:PathObject>")

    def xml(self) -> str:
        return (f'<?xml version="1.0" encoding="UTF-8"?><ofd:Page xmlns:ofd="{OFD_NS}"><ofd:Template TemplateID="2"/>'
                f'<ofd:Content><ofd:Layer ID="3">{"".join(self.objects)}</ofd:Layer></ofd:Content></ofd:Page>')


def _ofd_pages() -> list[_OfdPage]:
    """Page 1: title, 文号 and the body (its last paragraph runs onto page 2); page 2: the table, signature."""
    pages = [_OfdPage()]
    y = 30.0
    for text, size in ((TITLE, 6.0), (DOC_NUMBER, _SIZE)):
        for s in _wrap(text, _R - _L - 20, size):
            pages[0].text(s, (210 - sum(_glyph_w(c, size) for c in s)) / 2, y, size)
            y += size * 1.6
    y += 4
    filler = "各地区各部门要结合实际认真组织实施，确保各项措施落地见效，" * 30 + "切实稳定和扩大就业。"
    for para in [*BODY, filler]:
        for k, s in enumerate(_wrap(para, _R - _L, _SIZE, indent=2 * _SIZE)):
            if y > 270:
                pages.append(_OfdPage())
                y = 30.0
            pages[-1].text(s, _L + (2 * _SIZE if k == 0 else 0), y)
            y += _PITCH
        y += 1.5
    page = pages[-1]
    page.text("附件：重点任务分工表", _L, y)
    y += _PITCH + 2
    xs = [_L]
    for w in _COLS:
        xs.append(xs[-1] + w)
    top = y
    for row in TABLE:
        page.rule(xs[0], y, xs[-1], y)
        for x, cell, w in zip(xs, row, _COLS, strict=False):
            for n, s in enumerate(_wrap(cell, w - 2, 3.5)):
                page.text(s, x + 1, y + 1.5 + n * 5, 3.5)
        y += 5 * max(len(_wrap(c, w - 2, 3.5)) for c, w in zip(row, _COLS, strict=True)) + 3
    page.rule(xs[0], y, xs[-1], y)
    for x in xs:
        page.rule(x, top, x, y)
    y += 10
    for s in SIGNATURE:
        page.text(s, _R - sum(_glyph_w(c, _SIZE) for c in s), y)
        y += _PITCH
    return pages


def write_ofd(path: Path) -> Path:
    """The document as an OFD package: DocInfo with title and custom data (文号, 发文机关, 成文日期), a template
    page carrying the running header, one Content.xml per page with text objects and table rules."""
    import zipfile

    pages = _ofd_pages()
    ns = f'xmlns:ofd="{OFD_NS}"'
    ofd_xml = (f'<?xml version="1.0" encoding="UTF-8"?><ofd:OFD {ns} Version="1.1" DocType="OFD"><ofd:DocBody>'
               f"<ofd:DocInfo><ofd:DocID>a1b2</ofd:DocID><ofd:Title>{TITLE}</ofd:Title>"
               f'<ofd:CustomDatas><ofd:CustomData Name="文号">{DOC_NUMBER}</ofd:CustomData>'
               f'<ofd:CustomData Name="发文机关">{ISSUER}</ofd:CustomData>'
               f'<ofd:CustomData Name="成文日期">2022年5月10日</ofd:CustomData></ofd:CustomDatas></ofd:DocInfo>'
               f"<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>")
    page_list = "".join(f'<ofd:Page ID="{10 + n}" BaseLoc="Pages/Page_{n}/Content.xml"/>' for n in range(len(pages)))
    document = (f'<?xml version="1.0" encoding="UTF-8"?><ofd:Document {ns}><ofd:CommonData><ofd:MaxUnitID>999'
                f"</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea>"
                f'<ofd:PublicRes>PublicRes.xml</ofd:PublicRes><ofd:TemplatePage ID="2" BaseLoc="Tpls/Tpl_0/Content.xml"/>'
                f"</ofd:CommonData><ofd:Pages>{page_list}</ofd:Pages></ofd:Document>")
    tpl = _OfdPage()
    tpl.text(OFD_HEADER, _L, 12, 3.2)
    tpl.rule(_L, 18, _R, 18)
    template = tpl.xml().replace('<ofd:Template TemplateID="2"/>', "")
    res = (f'<?xml version="1.0" encoding="UTF-8"?><ofd:Res {ns} BaseLoc="Res"><ofd:Fonts>'
           f'<ofd:Font ID="1" FontName="宋体" FamilyName="宋体"/></ofd:Fonts></ofd:Res>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("OFD.xml", ofd_xml)
        z.writestr("Doc_0/Document.xml", document)
        z.writestr("Doc_0/PublicRes.xml", res)
        z.writestr("Doc_0/Tpls/Tpl_0/Content.xml", template)
        for n, page in enumerate(pages):
            number = f"— {n + 1} —"
            page.text(number, (210 - sum(_glyph_w(c, 3.2) for c in number)) / 2, 284, 3.2)
            z.writestr(f"Doc_0/Pages/Page_{n}/Content.xml", page.xml())
    return path
