"""Citations: references to other documents by 文号 or by 《title》.

`《关于…的意见》（国办发〔2019〕5 号）` is one citation with both a title and a
normalized 文号; a bare 文号 or a bare 《title》 is a citation with one of them.
Offsets are into the text given; skipping a notice's own 文号 is the caller's job.
"""

from __future__ import annotations

import unicodedata
from functools import cache

import regex

from extract.data import load_yaml
from extract.model import Citation
from extract.segment.docnumber import (
    DOC_NUMBER_RE,
    ORDER_NUMBER_RE,
    format_doc_number,
    format_order_number,
)


@cache
def _vocab() -> dict:
    return load_yaml("citations.yaml")


# A 《title》, balanced: inner 《》 nest (rare); 〈〉 and <> inside are plain characters.
#   《内蒙古自治区实施〈中华人民共和国残疾人保障法〉办法》
#   《关于印发<兴安盟…实施方案（2021-2025年）>的通知》
TITLE_RE = regex.compile(
    r"""
    (?P<t>《 (?: [^《》]++ | (?&t) )* 》)
    """,
    regex.VERBOSE,
)

# What may sit between a 》 and the 文号 it carries: spaces and one opening paren.
#   》（国发〔2021〕10号）   》(中办发 [2015]39号)   》 (中办发(2013)17号)
TITLE_NUMBER_GAP_RE = regex.compile(r"\s{0,3}[（(]\s{0,3}")

# A closing paren right after a 文号 is part of the citation's surface.
CLOSE_PAREN_RE = regex.compile(r"\s{0,3}[）)]")

_SPACE_RE = regex.compile(r"\s+")


def find_citations(text: str) -> list[Citation]:
    """Every 文号 and 《title》 reference in `text`, in order; title+（文号） pairs merged."""
    try:
        return _find(text)
    except Exception:  # noqa: BLE001 — a parse function never raises on odd input
        return []


def _find(text: str) -> list[Citation]:
    numbers = _numbers(text)
    by_start = {s: (e, n) for s, e, n in numbers}
    used: set[int] = set()
    out: list[Citation] = []
    for m in TITLE_RE.finditer(text):
        title = _clean_title(m.group(0)[1:-1])
        if not title or len(title) > int(_vocab()["title_max_chars"]) or _is_alias(text, m.start()):
            continue
        cit = Citation(surface=m.group(0), title=title, start=m.start(), end=m.end())
        number_start = _number_after(text, m.end(), by_start)
        if number_start is not None:
            n_end, number = by_start[number_start]
            close = CLOSE_PAREN_RE.match(text, n_end)
            cit.end = close.end() if close else n_end
            cit.doc_number = number
            cit.surface = text[cit.start : cit.end]
            used.add(number_start)
        out.append(cit)
    for s, e, n in numbers:
        if s not in used and not _inside(s, out):
            out.append(Citation(surface=text[s:e], doc_number=n, start=s, end=e))
    out.sort(key=lambda c: (c.start, c.end))
    return out


def _numbers(text: str) -> list[tuple[int, int, str]]:
    """(start, end, normalized) of every 文号 and 令 number in `text`."""
    found = [(m.start(), m.end(), format_doc_number(m)) for m in DOC_NUMBER_RE.finditer(text)]
    found += [(m.start(), m.end(), format_order_number(m)) for m in ORDER_NUMBER_RE.finditer(text)]
    found += [(m.start(), m.end(), regex.sub(r"\s+", "", m.group(0))) for m in _standard_re().finditer(text)]
    return sorted(found)


@cache
def _standard_re() -> regex.Pattern:
    """Standard numbers: GB50763-2012, GB/T 20002.3-2014."""
    prefixes = "|".join(regex.escape(p) for p in _vocab()["standard_prefixes"])
    return regex.compile(rf"(?<![A-Za-z])(?:{prefixes})\s*\d{{2,6}}(?:\.\d+)?(?:\s*[-—]\s*\d{{4}})?")


def self_published(text: str) -> list[tuple[int, int]]:
    """Ranges of `text` where a cover notice names what it publishes (现将《X》…印发给你们)."""
    v = _vocab()
    opens = "|".join(map(regex.escape, v["self_publish_open"]))
    closes = "|".join(map(regex.escape, sorted(v["self_publish_close"], key=len, reverse=True)))
    found = [(m.start(), m.end()) for m in regex.finditer(rf"(?:{opens})[^。；]{{0,200}}?(?:{closes})", text)]
    # 《北京市2016年政务公开工作要点》已经市政府同意,现印发给你们
    to_you = "|".join(map(regex.escape, v["self_publish_to_you"]))
    found += [(m.start(), m.end()) for m in regex.finditer(rf"《[^《》]{{2,80}}》[^。；《]{{0,30}}?(?:{to_you})", text)]
    return found


def _number_after(text: str, pos: int, by_start: dict[int, tuple[int, str]]) -> int | None:
    """Start of the 文号 that opens the paren right after a 》 at `pos`, if any."""
    gap = TITLE_NUMBER_GAP_RE.match(text, pos)
    if gap and gap.end() in by_start:
        return gap.end()
    return None


def _inside(pos: int, cits: list[Citation]) -> bool:
    """Whether `pos` falls within a title citation (a 文号 quoted inside a title)."""
    return any(c.start <= pos < c.end for c in cits)


def _is_alias(text: str, start: int) -> bool:
    """Whether the 《title》 at `start` is an alias definition (`以下简称《管理办法》`)."""
    before = text[max(0, start - 6) : start].rstrip()
    return any(before.endswith(w) for w in _vocab()["alias_markers"])


def _clean_title(raw: str) -> str:
    """A title without the spaces and line breaks that wrapping put in it."""
    return _SPACE_RE.sub("", raw)


# ---------------------------------------------------------------- linking titles

# Quote and bracket characters that differ between a citation and the cited title.
_DROP_CHARS = "《》〈〉<>＜＞“”\"‘’'「」『』"
_DASHES = regex.compile(r"[—–―‐‑－~～]+")
_ABOUT = "关于"
_MAX_ISSUER_CHARS = 40  # 中共中央办公厅，国务院办公厅 and longer joint issuers


def title_key(title: str) -> str:
    """A comparison key for a title: NFKC, no spaces, no quotes or angle brackets, one dash."""
    t = unicodedata.normalize("NFKC", title or "")
    t = _SPACE_RE.sub("", t)
    t = t.translate({ord(c): None for c in _DROP_CHARS})
    t = _DASHES.sub("-", t)
    return t.rstrip("。.")


def cited_titles_equal(a: str, b: str) -> bool:
    """Whether a cited title and a document title name the same document.

    Quotes, brackets, spaces and dashes are ignored, and an issuer before 关于 may be
    missing on one side: `《关于印发<X>的通知》` equals `兴安盟行政公署关于印发X的通知`.
    """
    try:
        ka, kb = title_key(a), title_key(b)
    except Exception:  # noqa: BLE001
        return False
    if not ka or not kb:
        return False
    if ka == kb:
        return True
    short, long_ = sorted((ka, kb), key=len)
    issuer = long_[: len(long_) - len(short)]
    return short.startswith(_ABOUT) and long_.endswith(short) and len(issuer) <= _MAX_ISSUER_CHARS
