"""What a document is, for the extractors: its year, and whether it only reports results.

A statistics bulletin (统计公报) reports achieved figures: it gives no targets and no
deadlines. A work report (政府工作报告) is dated by the year it was delivered, which its title
or the lines around the title print (`2023年…政府工作报告`, `——2023年3月5日在…上`); its review
section (一、过去一年工作回顾) gives neither targets nor deadlines. Vocabulary:
extract/data/genres.yaml.
"""

from __future__ import annotations

from functools import cache

import regex

from extract.data import load_yaml
from extract.model import Document, Source

# A printed year: 2023年 / ２０２３年 / 二〇二三年 (four digits, 1900–2199).
# The year of a document number: 国办发〔2019〕6号.
_NUMBER_YEAR_RE = regex.compile(r"[〔\[（(【]\s*((?:19|20)\d{2})\s*[〕\]）)】]")
# The year a report's review covers: 一、2019年工作回顾.
_REVIEW_YEAR_RE = regex.compile(r"((?:19|20)\d{2})\s*年(?:工作)?回顾")
_YEAR_RE = regex.compile(r"(?<![\d０-９])((?:19|20|21)\d{2}|[１２][０-９]{3})\s*年")


@cache
def vocab() -> dict:
    """The genres vocabulary (extract/data/genres.yaml)."""
    return load_yaml("genres.yaml")


def achieved_only(doc: Document, source: Source | None = None) -> bool:
    """A document that only reports results (统计公报, by its title or its opening line when it
    printed none): nothing in it is a goal or a time limit."""
    words = vocab()["achieved_only_titles"]
    opening = _opening(source, doc).split("\n", 1)[0]
    return any(w in (doc.title or "") or w in opening for w in words)


def _opening(source: Source | None, doc: Document) -> str:
    """The first characters of a document's text (its title block and first paragraph)."""
    return source.text[doc.span.start : doc.span.start + 400] if source is not None else ""


def is_report(doc: Document, source: Source | None = None) -> bool:
    """A work report (政府工作报告, or a text that opens `我代表…向大会报告工作`), dated by its delivery year."""
    v = vocab()
    return any(w in (doc.title or "") for w in v["report_titles"]) or any(
        w in _opening(source, doc) for w in v["report_openings"])


def _year(m: regex.Match) -> int:
    return int(m.group(1).translate(str.maketrans("０１２３４５６７８９", "0123456789")))


def document_date(source: Source, doc: Document) -> str | None:
    """The date relative expressions (今年, 年内) count from: the document's ISO date; for a report
    the year its title or the short lines around it print (`2023`), else the year after the one
    its review covers (一、2019年工作回顾 → 2020); else the year of its number, as printed in its
    header (新质监办发〔2012〕24号)."""
    if doc.date:
        return doc.date
    if not is_report(doc, source):
        head = " ".join(ln.text for ln in source.lines[max(doc.span.line - 1, 0) : doc.span.line + 8])
        m = _NUMBER_YEAR_RE.search(doc.doc_number or "") or _NUMBER_YEAR_RE.search(head)
        return m.group(1) if m else None
    first = max(doc.span.line - 4, 0)
    head = [doc.title or ""] + [ln.text for ln in source.lines[first : doc.span.line + 6] if len(ln.text) < 100]
    for text in head:
        m = _YEAR_RE.search(text)
        if m:
            return str(_year(m))
    m = _REVIEW_YEAR_RE.search(source.text, doc.span.start, doc.span.start + 5000)
    return str(_year(m) + 1) if m else None


# The foot of an official document (版记): `广州市人民政府办公厅 2021年4月16日印发` — the day it was issued.
_ISSUE_LINE_RE = regex.compile(
    r"^\s*(?:\p{Han}[\p{Han}（）()]{1,40}\s+)?(?P<y>(?:19|20)\d{2})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日\s*印发\s*$"
)
# How many lines after a document's end its 版记 may stand (a page prints 公开方式 rows between).
_ISSUE_LINE_WINDOW = 8


def issue_date(source: Source, doc: Document) -> str | None:
    """The 印发 date a document prints at its foot (`…2021年4月16日印发`), ISO, else None.

    `自印发之日起施行` counts from it: the document says when it was issued, which may be days
    after it was signed (成文日期 2021-04-13, 印发 2021-04-16)."""
    lines = source.lines[max(doc.span.line - 1, 0) : doc.span.end_line + _ISSUE_LINE_WINDOW]
    for ln in lines:
        m = _ISSUE_LINE_RE.match(ln.text)
        if m and 1 <= int(m["m"]) <= 12 and 1 <= int(m["d"]) <= 31:
            return f"{int(m['y']):04d}-{int(m['m']):02d}-{int(m['d']):02d}"
    return None


def is_review_heading(text: str) -> bool:
    """A heading that opens a review section: 一、过去一年工作回顾."""
    return any(w in text for w in vocab()["review_headings"])


def goal_heading_year(heading: str, doc_year: int | None) -> int | None:
    """The year a goal heading sets for the items under it: `三、2026年重点工作` → 2026,
    `二、对今年政府工作的建议` → the document's year; None for other headings."""
    if not any(w in heading for w in vocab()["goal_heading_words"]) or is_review_heading(heading):
        return None
    m = _YEAR_RE.search(heading)
    if m:
        return _year(m)
    return doc_year if doc_year and "今年" in heading else None


# An inline numbered heading in a text that prints its headings inside one paragraph, set off by
# spaces (which reflowing removed; the paragraph keeps where they were, `gaps`):
#   …请予审议。 　　一、2019年工作回顾 　　过去一年… 　　二、2020年主要任务…
_INLINE_NUMBER_RE = regex.compile(r"[一二三四五六七八九十]{1,3}、")


def inline_sections(text: str, gaps: list[int] | None = None) -> list[tuple[int, int, str]]:
    """(start, end, heading) of the parts of a paragraph that carries its numbered headings inline;
    one part with heading "" when it has none. A heading stands between two gaps (spaces)."""
    cuts = sorted(set(gaps or []))
    marks = []
    for m in _INLINE_NUMBER_RE.finditer(text):
        p = m.start()
        if p not in cuts and p > 0:
            continue
        end = next((g for g in cuts if p + 3 < g <= p + 42), None)
        if end is not None and not regex.search(r"[。；;！？，,]", text[p:end]):
            marks.append((p, text[p:end]))
    if not marks:
        return [(0, len(text), "")]
    bounds = [(0, "")] + marks if marks[0][0] > 0 else marks
    return [(a, bounds[i + 1][0] if i + 1 < len(bounds) else len(text), h) for i, (a, h) in enumerate(bounds)]
