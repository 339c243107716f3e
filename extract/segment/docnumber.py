"""文号 (document numbers): find them in text and write them one way.

A 文号 is issuer abbreviation + year in brackets + serial + 号. Gazettes print the
brackets many ways (〔2022〕 [2019] （2011） [2016) 【2020】) and often put stray
spaces inside (`〔2021〕8 号`, `中办发 [2015]39号`); the store keeps one form:
no spaces, brackets 〔〕. Decrees are numbered differently (令 numbers:
`国务院令第488号`, `交通运输部令 2020 年第 22 号`); ORDER_NUMBER_RE finds those.

The issuer starts at the beginning of its run of Han characters or right after a
word that never belongs to an abbreviation (和 及 按照 不再重复享受 …, listed in
extract/data/citations.yaml), so `不再重复享受包东政发〔2019〕433号` gives 包东政发.
"""

from __future__ import annotations

from functools import cache

import regex

from extract.data import load_yaml


@cache
def _vocab() -> dict:
    return load_yaml("citations.yaml")


def _boundary_alternation() -> str:
    """`和|及|按照…` longest first, escaped, for the issuer's start condition."""
    words = sorted(_vocab()["issuer_boundary_words"], key=len, reverse=True)
    return "|".join(regex.escape(w) for w in words)


_BOUNDARY = _boundary_alternation()


def _issuer(name: str, max_chars: int) -> str:
    """An issuer: a Han run that starts a run (or follows a boundary word) and holds no boundary word."""
    return rf"""
    (?P<{name}>
        (?:(?<!\p{{Han}})|(?<=(?:{_BOUNDARY}))|(?<=\p{{Han}}{{{max_chars}}}))  # run start / after 和 按照 …
        (?:(?!(?:{_BOUNDARY}))\p{{Han}}){{1,{max_chars}}}                    # 国办发, 包东政办发
    )"""


# Issuer abbreviation: up to 10 Han characters.
#   兴署办发 (兴署办发〔2022〕12号), 国办发, 内政办字 (内政办字 （2015)171号), 银保监 (银保监〔2020〕39 号),
#   财金 (财金〔2020〕31号), 厅发 (厅发[2016)20 号), 包东政办发 (…433号和包东政办发〔2019〕48号)
ISSUER_ABBR = _issuer("issuer", int(_vocab()["issuer_max_chars"]))

# Opening and closing brackets around the year, any of the printed variants, any pairing
# (the corpus has `[2016)` and `(2021]`).
OPEN_BRACKET = r"[〔\[（(【［]"
CLOSE_BRACKET = r"[〕\]）)】］]"

# A four-digit year.
YEAR = r"(?P<year>(?:19|20)\d{2})"

# Serial number: 1–4 digits, then 号 (`8 号`, `433号`).
SERIAL = r"(?P<serial>\d{1,4})"

# Stray spaces (and, in raw hard-wrapped text, a line break: `（国发〔2015〕\n\n43 号）`).
_GAP = r"\s{0,4}"

DOC_NUMBER_RE = regex.compile(
    rf"""
    {ISSUER_ABBR}
    {_GAP}{OPEN_BRACKET}{_GAP}{YEAR}{_GAP}{CLOSE_BRACKET}
    {_GAP}{SERIAL}{_GAP}号
    """,
    regex.VERBOSE,
)

# A line that is nothing but a 文号 (the line under a notice's title): `兴署办发〔2021〕8 号`.
DOC_NUMBER_LINE_RE = regex.compile(rf"^\s*{DOC_NUMBER_RE.pattern}\s*$", regex.VERBOSE)

# A decree (令) number: issuer name + 令 + optional year + 第N号.
#   国务院令第488号 (《残疾人就业条例》（国务院令第488号）)
#   交通运输部令 2020 年第 22 号 (（交通运输部令 2020 年第 22 号，以下简称《管理办法》）)
#   内蒙古自治区人民政府令第 232 号
ORDER_NUMBER_RE = regex.compile(
    rf"""
    {_issuer("issuer", int(_vocab()["order_issuer_max_chars"]))}
    令{_GAP}(?:{YEAR}{_GAP}年{_GAP})?第?{_GAP}{SERIAL}{_GAP}号  # 国务院令第488号 / 国务院令622号
    """,
    regex.VERBOSE,
)


def normalize_doc_number(text: str) -> str | None:
    """The normalized 文号 in `text` (`内政办发（2011）83 号` → `内政办发〔2011〕83号`), or None."""
    try:
        m = DOC_NUMBER_RE.search(text)
    except (TypeError, regex.error):
        return None
    if not m:
        return None
    return format_doc_number(m)


def format_doc_number(m: regex.Match) -> str:
    """Normalized form of a DOC_NUMBER_RE match."""
    issuer = regex.sub(r"\s+", "", m.group("issuer"))
    return f"{issuer}〔{m.group('year')}〕{int(m.group('serial'))}号"


def format_order_number(m: regex.Match) -> str:
    """Normalized form of an ORDER_NUMBER_RE match: `交通运输部令2020年第22号`, `国务院令第488号`."""
    year = f"{m.group('year')}年" if m.group("year") else ""
    return f"{m.group('issuer')}令{year}第{int(m.group('serial'))}号"
