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
_YEAR_RE = regex.compile(r"(?<![\d０-９])((?:19|20|21)\d{2}|[１２][０-９]{3})\s*年")


@cache
def vocab() -> dict:
    """The genres vocabulary (extract/data/genres.yaml)."""
    return load_yaml("genres.yaml")


def achieved_only(doc: Document) -> bool:
    """A document that only reports results (统计公报): nothing in it is a goal or a time limit."""
    return any(w in (doc.title or "") for w in vocab()["achieved_only_titles"])


def is_report(doc: Document) -> bool:
    """A work report (政府工作报告), dated by its delivery year."""
    return any(w in (doc.title or "") for w in vocab()["report_titles"])


def document_date(source: Source, doc: Document) -> str | None:
    """The date relative expressions (今年, 年内) count from: the document's ISO date, else the
    year a report's title or the lines just around it print (`2023`), else its number's year."""
    if doc.date:
        return doc.date
    if not is_report(doc):
        m = _NUMBER_YEAR_RE.search(doc.doc_number or "")
        return m.group(1) if m else None  # 新质监办发〔2012〕24号: dated by its number's year
    first = max(doc.span.line - 4, 0)
    head = [doc.title or ""] + [ln.text for ln in source.lines[first : doc.span.line + 6]]
    for text in head:
        m = _YEAR_RE.search(text)
        if m:
            return str(int(m.group(1).translate(str.maketrans("０１２３４５６７８９", "0123456789"))))
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
        return int(m.group(1).translate(str.maketrans("０１２３４５６７８９", "0123456789")))
    return doc_year if doc_year and "今年" in heading else None
