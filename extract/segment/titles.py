"""Recognize the header lines of a 公文: titles, addressees, signing dates, section titles.

Pure predicates over reflowed paragraphs; the vocabularies live in data/segment.yaml.
"""

from __future__ import annotations

from functools import cache

import regex

from extract.data import load_yaml
from extract.model import Paragraph
from extract.segment.docnumber import DOC_NUMBER_LINE_RE
from extract.structure.headings import match_heading

# A signing date on its own line: `2022年 5月 23日` (spaces already removed by reflow).
SIGNING_DATE_RE = regex.compile(r"^(?P<y>(?:19|20)\d{2})年(?P<m>\d{1,2})月(?P<d>\d{1,2})日$")
# The same in Chinese numerals: `二〇二二年五月二十三日`.
CN_SIGNING_DATE_RE = regex.compile(
    r"^(?P<y>[〇○零一二三四五六七八九]{4})年(?P<m>[一二三四五六七八九十]{1,2})月(?P<d>[一二三四五六七八九十]{1,3})日$"
)
# Sentence punctuation that never appears inside a title line.
_SENTENCE_PUNCT_RE = regex.compile(r"[。；;！？!?]")
# Words that open content, never a list of recipients: 现就…提出如下意见： / 根据…：
_LEAD_IN_RE = regex.compile(r"如下|现就|现将|根据|按照|为了|为进一步")
# A draft or publication note under a title: （代拟征求意见稿） （此件公开发布）
NOTE_RE = regex.compile(r"^[（(][^）)]{2,14}[）)]$")

_CN_DIGITS = {"〇": 0, "○": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


@cache
def _vocab() -> dict:
    data = load_yaml("segment.yaml")
    verbs = "|".join(data["publish_verbs"])
    return {
        "genres": tuple(data["title_genres"]),
        "sections": [(s["kind"], regex.compile(s["regex"])) for s in data["section_titles"]],
        "addressee_cues": data["addressee_cues"],
        "issuer_endings": tuple(data["issuer_endings"]),
        # 关于印发《X》的通知 → X; also <X>, 〈X〉
        "attached_re": regex.compile(rf"(?:{verbs})[《<〈](?P<x>.+)[》>〉](?:的)?(?:通知|决定|函|批复)$"),
        "bullets": tuple(data["chronicle_bullets"]),
    }


def is_doc_number_line(p: Paragraph) -> bool:
    """The 文号 line under a title: `兴署办发〔2021〕8 号`."""
    return bool(DOC_NUMBER_LINE_RE.match(p.text))


def signing_date(text: str) -> str | None:
    """ISO date of a signing-date line (`2022年5月23日`, `二〇二二年五月二十三日`), else None."""
    m = SIGNING_DATE_RE.match(text)
    if m:
        y, mo, d = int(m["y"]), int(m["m"]), int(m["d"])
    else:
        m = CN_SIGNING_DATE_RE.match(text)
        if not m:
            return None
        y = int("".join(str(_CN_DIGITS[c]) for c in m["y"]))
        mo, d = _cn_small(m["m"]), _cn_small(m["d"])
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return None
    return f"{y:04d}-{mo:02d}-{d:02d}"


def _cn_small(s: str) -> int:
    """一 … 三十一 → 1 … 31."""
    if s == "十":
        return 10
    if "十" in s:
        tens, _, ones = s.partition("十")
        return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[ones] if ones else 0)
    return _CN_DIGITS[s]


def is_title_like(p: Paragraph) -> bool:
    """A short line with no sentence punctuation that is not a date, 文号, list item or table row."""
    t = p.text
    if not t or len(t) > 80 or p.kind in ("table_row", "toc"):
        return False
    if _SENTENCE_PUNCT_RE.search(t) or t.endswith(("：", ":", "，", "、")):
        return False
    if signing_date(t) or DOC_NUMBER_LINE_RE.match(t) or NOTE_RE.match(t):
        return False
    return match_heading(t) is None


def unwrap_title(text: str) -> str:
    """A title a web page printed inside 《》 (《北京市人民政府办公厅关于印发〈…〉的通知》) without them."""
    if len(text) > 2 and text[0] == "《" and text[-1] == "》" and "》" not in text[1:-1]:
        return text[1:-1]
    return text


def ends_with_genre(text: str) -> bool:
    """A title names its genre last: …的通知, …实施方案, …（试行）."""
    text = unwrap_title(text)
    core = regex.sub(r"[（(](?:试行|暂行|修订|草案|代拟稿|征求意见稿)[）)]$", "", text)
    core = regex.sub(r"[（(]\d{4}[—\-－–至]\d{4}年?[）)]$", "", core)
    return core.endswith(_vocab()["genres"]) or section_kind(text) is not None


def has_issuer_head(text: str) -> bool:
    """`X关于…` where X ends like an issuer (公署, 政府, 办公厅…)."""
    head, sep, _ = unwrap_title(text).partition("关于")
    return bool(sep) and head.endswith(_vocab()["issuer_endings"])


def is_issuer_line(text: str) -> bool:
    """A line that only names an issuer: `包头市东河区人民政府办公室`."""
    return len(text) <= 30 and "关于" not in text and text.endswith(_vocab()["issuer_endings"])


def is_addressee_line(p: Paragraph) -> bool:
    """主送机关: `各旗县市人民政府，盟直各委、办、局，各企业、事业单位：`."""
    t = p.text.rstrip(".")
    if not t.endswith(("：", ":")) or len(t) > 160 or _SENTENCE_PUNCT_RE.search(t):
        return False
    if _LEAD_IN_RE.search(t):
        return False  # 根据有关通知要求，现就清理整顿社会团体工作提出如下意见： introduces content
    return any(cue in t for cue in _vocab()["addressee_cues"])


def split_addressees(text: str) -> list[str]:
    """`各旗县市人民政府，盟直各委、办、局，各企业、事业单位：` → one entry per recipient group."""
    t = text.rstrip(".：: ")
    parts = [s.strip() for s in regex.split(r"[，,；;]", t)]
    return [s for s in parts if s]


def section_kind(title: str) -> str | None:
    """interpretation / press / chronicle / toc for a section title, else None."""
    for kind, rx in _vocab()["sections"]:
        if rx.search(title):
            return kind
    return None


def attached_title(title: str) -> str | None:
    """X of 关于印发《X》的通知, else None."""
    m = _vocab()["attached_re"].search(title)
    return m["x"] if m else None


def issuer_of(title: str) -> str | None:
    """What the title says before 关于 (`兴安盟行政公署办公室关于…` → 兴安盟行政公署办公室)."""
    head, sep, _ = unwrap_title(title).partition("关于")
    if sep and head and head.endswith(_vocab()["issuer_endings"]):
        return head
    return None


def is_bullet_entry(text: str) -> bool:
    """A chronicle entry line: `●4月 1日，…`."""
    return text.startswith(_vocab()["bullets"])


def addressee_head(text: str) -> str | None:
    """Addressees printed on the first body line: `各旗县市人民政府，盟直有关部门：经盟行署同意，…`."""
    head, sep, rest = text.partition("：")
    if not sep or not rest or len(head) > 80 or _SENTENCE_PUNCT_RE.search(head):
        return None
    probe = Paragraph(text=head + "：", offsets=[])
    return head + "：" if is_addressee_line(probe) and head.startswith(("各", "盟", "市", "区", "自治区", "驻")) else None
