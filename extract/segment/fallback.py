"""The whole text as one document: what segmentation starts from when it finds no document title.

Segmentation refines, it never gates: a text with content and no 文号 / addressee / title
block (a web page's body, a work report, a legal-database export, a one-line text) is one
document. Its title is the first line that names it — a title-like line ending with a
document genre (…报告, …办法, …通知) among the first lines, else the first title-like line —
or, when no line names it, what the file declares (`Source.metadata['title']`).
"""

from __future__ import annotations

from extract.model import Paragraph
from extract.segment.titles import ends_with_genre, is_title_like

# How far into a text its naming line is looked for (web pages print menus first).
_TITLE_WINDOW = 60
# A line this short naming a genre above a page's heading is a menu item: 通知公告, 政策文件.
_MENU_ITEM_MAX = 5


def naming_line(paras: list[Paragraph], hint: Paragraph | None = None) -> int | None:
    """Index of the paragraph that names a whole text, or None when no line does.

    A title-like line ending with a genre wins (but a menu item such as 通知公告 does not win
    over a page heading that names a genre); else `hint`, the line a web page printed right above
    its metadata rows (`广州市高校毕业生创业补贴，请查收` / `发布日期：…`).
    """
    h = next((i for i, p in enumerate(paras) if p is hint), None)
    window = paras[:_TITLE_WINDOW]
    candidates = [i for i, p in enumerate(window) if is_title_like(p) and len(p.text) >= 4]
    for i in candidates:
        if ends_with_genre(paras[i].text):
            if h is not None and h > i and len(paras[i].text) <= _MENU_ITEM_MAX and ends_with_genre(paras[h].text):
                return h  # a menu item (通知公告) above the page's heading names no text
            return i
    return h
