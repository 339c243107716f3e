"""Where a document starts on a saved government web page.

A page prints its heading (the document's title), then page rows (`发布日期：2024-10-15  浏览次数：-`,
a lone `-` left by a share button), then the document's own header: the 文号, the title again,
the addressees. Read as a reader does: the heading that repeats the document's title is where the
document starts, and a 文号 printed under the heading and its page rows belongs to the document the
heading names, even when the page does not print the title a second time.
"""

from __future__ import annotations

import regex

from extract.model import Paragraph
from extract.segment.headers import is_metadata_row
from extract.segment.titles import ends_with_genre, is_title_like

# How many page rows / marks may stand between a page's heading and the document's header.
_MAX_ROWS = 3
# A tag a page puts before a reposted heading: （转载）广州市人民政府办公厅关于…的通知
_TAG_RE = regex.compile(r"^[（(【\[][^）)】\]]{1,4}[）)】\]]")
# A mark left by a page widget: `-`, `-次` (a view counter), `-->`, `|`, `0`
_MARK_RE = regex.compile(r"^(?:[-—–|·>]{1,3}|\d{1,3})次?$")


def page_row(p: Paragraph) -> bool:
    """A page's row between its heading and the document: a metadata row or a widget's mark."""
    t = p.text.strip()
    return is_metadata_row(t) or bool(_MARK_RE.match(t))


def bare_heading(text: str) -> str:
    """A heading without a repost tag, punctuation and spaces, for comparing it with a title."""
    return regex.sub(r"[的\p{P}\s]", "", _TAG_RE.sub("", text.strip()))


def heading_above(paras: list[Paragraph], start: int, title: str) -> int | None:
    """Index of the page heading repeating `title` just above paragraph `start` (past page rows)."""
    want = bare_heading(title)
    j = start - 1
    while j >= 0 and start - j <= _MAX_ROWS + 1:
        if is_title_like(paras[j]) and bare_heading(paras[j].text) == want:
            return j
        if not page_row(paras[j]):
            return None
        j -= 1
    return None


def title_over_rows(paras: list[Paragraph], i: int) -> int | None:
    """Index of the heading a 文号 line at `i` stands under, past page rows (`发布日期：… 浏览次数：-`)
    only: a title-like line naming a document genre. None when nothing but rows lies between."""
    j = i - 1
    while j >= 0 and page_row(paras[j]) and i - j <= _MAX_ROWS:
        j -= 1
    if j == i - 1 or j < 0:
        return None  # no row between: the title block readers decide
    p = paras[j]
    return j if is_title_like(p) and ends_with_genre(p.text) else None
