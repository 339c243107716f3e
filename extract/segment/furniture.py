"""Page furniture: site menus' actions, database banners, licence notices — never document text.

A saved web page or a legal-database export carries lines that belong to the page, not to the
document: `【法宝引证码】 CLI.12.748997`, `原文链接：…`, `【打印】`, `【返回顶部】【关闭窗口】`, `分享到：`,
`浏览次数：-`, Wikisource's `Public domain`. They are recognized (patterns in data/segment.yaml
`furniture`), kept out of provisions, and recorded as `furniture` sections so nothing is lost unseen.
"""

from __future__ import annotations

from functools import cache

import regex

from extract.data import load_yaml
from extract.model import Paragraph


@cache
def _patterns() -> list[tuple[str, regex.Pattern]]:
    return [(f["name"], regex.compile(f["regex"])) for f in load_yaml("segment.yaml")["furniture"]]


def furniture_kind(text: str) -> str | None:
    """The furniture pattern a paragraph is (`page_action`, `source_link`…), else None."""
    t = text.strip()
    if not t or len(t) > 120:
        return None
    for name, rx in _patterns():
        if rx.search(t):
            return name
    return None


# A breadcrumb printed one item a line: `首页` / `>` / `政府信息公开` / `>` / `省政府工作报告`.
SEPARATOR_RE = regex.compile(r"^[>＞»]$")


def _breadcrumb_item(paras: list[Paragraph], k: int) -> bool:
    """True for a short line beside a lone `>` (an item of a breadcrumb printed one item a line)."""
    t = paras[k].text.strip()
    if not t or len(t) > 12 or SEPARATOR_RE.match(t):
        return False
    near = [paras[j].text.strip() for j in (k - 1, k + 1) if 0 <= j < len(paras)]
    return any(SEPARATOR_RE.match(n) for n in near)


def split_furniture(paras: list[Paragraph]) -> tuple[list[Paragraph], list[list[Paragraph]]]:
    """(paragraphs that may be text, runs of furniture paragraphs in order)."""
    body: list[Paragraph] = []
    runs: list[list[Paragraph]] = []
    last_was_furniture = False
    for k, p in enumerate(paras):
        if furniture_kind(p.text) or _breadcrumb_item(paras, k):
            if last_was_furniture:
                runs[-1].append(p)
            else:
                runs.append([p])
            last_was_furniture = True
        else:
            body.append(p)
            last_was_furniture = False
    return body, runs
