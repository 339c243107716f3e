"""Header readers: each header shape a text prints fills the same document fields.

A document's header may be a title block (read by segment.documents), metadata rows of an
info-disclosure table or a database export (`索引号：… 文号：… 发布日期：…`, one per line, several
in one line, or label and value on consecutive lines), YAML front matter in markdown, a work
report's delivery line (`——2024年3月5日在…会议上`), or fields the file itself declares
(`Source.metadata`, from an HTML page's info table). Each reader is a small function returning
a `Header`; `read_header` merges them (first reader that knows a field wins) and says which
paragraphs were header, so those stay out of provisions. A new shape is one reader and a test.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

import regex
import yaml

from extract.data import load_yaml
from extract.model import Paragraph, Source
from extract.segment.docnumber import normalize_doc_number
from extract.segment.titles import is_issuer_line, signing_date

FIELDS = ("title", "doc_number", "issuer", "date", "published", "index_no", "origin")
# How far into a text header rows are looked for (web pages print a long menu first).
_WINDOW = 160
# Metadata rows closer than this (paragraphs) form one block: a label, its value, the next label.
_ROW_GAP = 2
# A decree's heading line: 中山市人民政府令 / 中华人民共和国国务院令第706号
_DECREE_RE = regex.compile(r"^\p{Han}{2,30}?(?:人民政府|国务院|部|委员会|局|厅|署)令(?:[（(]?第\d{1,4}号[）)]?)?$")
_DECREE_NUMBER_RE = regex.compile(r"[（(]?第(?P<n>\d{1,4})号[）)]?")
# A row holding a sentence is body text (`时间：每年6月底前，各地报送…。`), not metadata.
_SENTENCE_RE = regex.compile(r"[。；]")
# A bare publication time on its own line: `2025-10-17 09:00:00`, `2026-02-26`
_BARE_DATE_RE = regex.compile(r"^(?:19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$")
# ISO-ish dates in metadata values: 2024-07-26, 2024/7/26, 2019年01月14日 (a time may follow).
_DATE_RE = regex.compile(r"(?P<y>(?:19|20)\d{2})\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})")


@dataclass
class Header:
    """Header fields one reader found, and the paragraph indices it read them from."""

    title: str | None = None
    doc_number: str | None = None
    issuer: str | None = None
    date: str | None = None
    published: str | None = None
    index_no: str | None = None
    origin: str | None = None  # the body a page's 来源 row names: the issuer when nothing else is printed
    used: set[int] = field(default_factory=set)

    def merge(self, other: Header) -> None:
        """Fill the fields still empty from `other`; its paragraphs are header too."""
        for f in FIELDS:
            if getattr(self, f) is None and getattr(other, f):
                setattr(self, f, getattr(other, f))
        self.used |= other.used


@cache
def _vocab() -> dict:
    data = load_yaml("segment.yaml")
    labels = {str(w).replace(" ", ""): k for k, words in data["metadata_labels"].items() for w in words}
    alt = "|".join(regex.escape(w) for w in sorted(labels, key=len, reverse=True))
    return {
        "labels": labels,
        # a label and its colon; the value runs to the next label or the end
        "row": regex.compile(rf"(?P<label>{alt})\s*[:：]\s*(?P<value>.*?)\s*(?=(?:{alt})\s*[:：]|$)"),
        "report": regex.compile(data["report_heading"]),
    }


def iso_date(text: str) -> str | None:
    """`2024-07-26 11:24`, `2019年01月14日`, `二〇二二年五月二十三日` → ISO date, else None."""
    m = _DATE_RE.search(text)
    if m:
        y, mo, d = int(m["y"]), int(m["m"]), int(m["d"])
        return f"{y:04d}-{mo:02d}-{d:02d}" if 1 <= mo <= 12 and 1 <= d <= 31 else None
    return signing_date(regex.sub(r"\s+", "", text))


def _set(h: Header, key: str, value: str) -> None:
    """Store a metadata value in its field, normalized (文号 to 〔〕, dates to ISO)."""
    value = value.strip(" 　")
    if not value or key == "other" or getattr(h, key) is not None:
        return
    if key == "doc_number":
        h.doc_number = normalize_doc_number(value) or (value if len(value) <= 30 else None)
    elif key in ("date", "published"):
        setattr(h, key, iso_date(value))
    elif key == "origin":
        h.origin = _organization(value)
    else:
        setattr(h, key, value)


def _organization(value: str) -> str | None:
    """A 来源 value naming a government body (`市人力资源社会保障局官网` → 市人力资源社会保障局), else None
    (`本网`, a newspaper): the site is not the issuer, the body that runs it is."""
    for suffix in sorted(load_yaml("segment.yaml")["origin_site_suffixes"], key=len, reverse=True):
        value = value.removesuffix(suffix)
    value = regex.sub(r"(?<=\p{Han})\s+(?=\p{Han})", "、", value.strip())  # several bodies: joined with 、
    return value if all(is_issuer_line(v) for v in value.split("、")) else None


def is_metadata_row(text: str) -> bool:
    """A line that is a page's metadata row (`发布日期：2024-10-15  浏览次数：-`), not a sentence."""
    t = text.strip()
    return bool(_vocab()["row"].match(t)) and not _SENTENCE_RE.search(t)


def metadata_rows(paras: list[Paragraph]) -> Header:
    """`索引号：…` / `文号：…` / `发布日期：…` rows, or a label on one line and its value on the next.

    A lone row (`时间：上午9时` in a meeting notice) is body text: rows count when two or more
    stand within a few lines of each other, or one line holds two or more labels.
    """
    h = Header()
    rx = _vocab()["row"]
    labels = _vocab()["labels"]
    rows_at = {i: list(rx.finditer(p.text.strip())) for i, p in enumerate(paras[:_WINDOW])}
    rows_at = {i: r for i, r in rows_at.items() if r and r[0].start() == 0 and not _SENTENCE_RE.search(paras[i].text)}
    bare = {i for i, p in enumerate(paras[:_WINDOW]) if _BARE_DATE_RE.match(p.text.strip())}
    i = 0
    while i < min(len(paras), _WINDOW):
        rows = rows_at.get(i)
        near = any(j in rows_at for j in range(i - _ROW_GAP, i + _ROW_GAP + 1) if j != i)
        if i in bare and near:  # a page's bare publication time beside its `来源：` row
            h.used.add(i)
            _set(h, "published", paras[i].text)
            i += 1
            continue
        if not rows or not (near or len(rows) >= 2 or any(abs(j - i) <= _ROW_GAP for j in bare)):
            i += 1
            continue
        h.used.add(i)
        for m in rows:
            key = labels[m["label"]]
            value = m["value"]
            if not value and len(rows) == 1 and i + 1 < len(paras) and _is_value(paras[i + 1].text, key):
                value = paras[i + 1].text
                h.used.add(i + 1)
                i += 1
            _set(h, key, value)
        i += 1
    return h


def _is_value(text: str, key: str) -> bool:
    """A table value on its own line: short, no label of its own, not a sentence, and of the
    field's shape (a date for a date, a 文号 for a 文号) — an empty `文件状态：` must not take
    the page's title below it."""
    t = text.strip()
    if not 0 < len(t) <= 80 or _vocab()["row"].match(t) or regex.search(r"[。；]", t):
        return False
    if key in ("date", "published"):
        return iso_date(t) is not None
    if key == "doc_number":
        return normalize_doc_number(t) is not None or len(t) <= 20
    return key in ("title", "issuer") or len(t) <= 24


def report_heading(paras: list[Paragraph]) -> Header:
    """A work report's delivery line: `——2024年3月5日在…会议上` gives the report's date."""
    h = Header()
    for i, p in enumerate(paras[:_WINDOW]):
        m = _vocab()["report"].match(p.text.strip())
        if m:  # a web page may print it twice (its heading, then the report's own)
            h.date = h.date or iso_date(m["date"])
            h.used.add(i)
    return h


def decree_heading(paras: list[Paragraph]) -> Header:
    """A decree's heading: `中山市人民政府令` / `（第16号）`, or `中华人民共和国国务院令 第706号` on one
    line; its number is the document's number (`中山市人民政府令第16号`), its issuer the government."""
    for i, p in enumerate(paras[:_WINDOW]):
        t = regex.sub(r"\s+", "", p.text)
        if not _DECREE_RE.match(t):
            continue
        nxt = regex.sub(r"\s+", "", paras[i + 1].text) if i + 1 < len(paras) else ""
        used = {i}
        if not _DECREE_NUMBER_RE.search(t) and _DECREE_NUMBER_RE.fullmatch(nxt):
            t += nxt.strip("（()）")
            used.add(i + 1)
        m = _DECREE_NUMBER_RE.search(t)
        if m:
            issuer = t[: t.index("令")]
            return Header(doc_number=f"{issuer}令第{int(m['n'])}号", issuer=issuer, used=used)
    return Header()


def front_matter(source: Source, paras: list[Paragraph]) -> Header:
    """A markdown file's YAML front matter (`---` / `title: …` / `---`) at the very top."""
    text = source.text
    if source.kind != "markdown" or not text.startswith("---\n"):
        return Header()
    close = text.find("\n---", 4)
    if close < 0:
        return Header()
    try:
        data = yaml.safe_load(text[4:close])
    except yaml.YAMLError:
        return Header()
    if not isinstance(data, dict):
        return Header()
    h = declared_fields({str(k).lower(): str(v) for k, v in data.items() if v is not None})
    h.used = {i for i, p in enumerate(paras) if p.start <= close + 4}
    return h


def declared_fields(metadata: dict[str, str]) -> Header:
    """Fields a file declares (`Source.metadata`, front matter keys): title, doc_number, issuer, date…"""
    h = Header()
    aliases = {"number": "doc_number", "文号": "doc_number", "标题": "title", "issued": "date", "来源": "origin"}
    for k, v in metadata.items():
        key = aliases.get(k, k)
        if key in FIELDS:
            _set(h, key, str(v))
    return h


Reader = Callable[[Source, list[Paragraph]], Header]

READERS: tuple[Reader, ...] = (
    front_matter,
    lambda source, paras: metadata_rows(paras),
    lambda source, paras: report_heading(paras),
    lambda source, paras: decree_heading(paras),
    lambda source, paras: declared_fields(source.metadata),
)


def read_header(source: Source, paras: list[Paragraph]) -> Header:
    """Every reader's fields merged, first reader first; `used` = the header paragraphs."""
    h = Header()
    for reader in READERS:
        h.merge(reader(source, paras))
    return h



