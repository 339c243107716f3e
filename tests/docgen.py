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
