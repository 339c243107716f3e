"""Header fields a file declares (info-disclosure table, <meta>, document properties) → Source.metadata.

Every format reads labels its own way; this module says what a label means (extract/data/declared.yaml)
and writes values one way: dates as ISO (`2019年07月01日`, `2024-09-12 16:38` → 2019-07-01, 2024-09-12),
文号 in the store's form, titles without a repost prefix. The segmenter fills a document's header from
these when its text does not print them.
"""

from __future__ import annotations

from functools import cache

import regex

from extract.data import load_yaml
from extract.segment.docnumber import normalize_doc_number

# A date as pages print it: 2024-09-12, 2024/9/12, 2019年07月01日 (a time after it is ignored).
DATE_RE = regex.compile(r"(?P<y>(?:19|20)\d{2})\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})")
_SPACE_RE = regex.compile(r"[\s\u3000\u00a0]+")
DATE_KEYS = {"date", "published"}


@cache
def _vocab() -> dict:
    data = load_yaml("declared.yaml")
    return {
        "labels": {k.replace(" ", ""): v for k, v in data["labels"].items()},
        "meta": {k.lower(): v for k, v in data["meta"].items()},
        "prefixes": tuple(data["title_prefixes"]),
    }


def label_key(label: str) -> str | None:
    """The metadata key of a printed label (`文 号：` → doc_number), None for a label not in the vocabulary."""
    return _vocab()["labels"].get(_SPACE_RE.sub("", label).rstrip("：:"))


def meta_key(name: str) -> str | None:
    """The metadata key of a <meta name> (`PubDate` → published)."""
    return _vocab()["meta"].get(name.strip().lower())


def iso_date(text: str) -> str | None:
    """The first date in `text` as YYYY-MM-DD, None when there is none or it is impossible."""
    m = DATE_RE.search(text)
    if not m:
        return None
    y, mo, d = int(m["y"]), int(m["m"]), int(m["d"])
    return f"{y:04d}-{mo:02d}-{d:02d}" if 1 <= mo <= 12 and 1 <= d <= 31 else None


def clean_value(key: str, value: str) -> str | None:
    """A declared value written the store's way (see module doc); None for an empty or unusable one."""
    value = _SPACE_RE.sub(" ", value).strip()
    if not value:
        return None
    if key in DATE_KEYS:
        return iso_date(value)
    if key == "doc_number":
        return normalize_doc_number(value) or value.replace(" ", "")
    if key == "title":
        for p in _vocab()["prefixes"]:
            value = value.removeprefix(p)
        return value.strip() or None
    return value


def put(metadata: dict[str, str], key: str, value: str, overwrite: bool = False) -> None:
    """Store a cleaned value under `key` (the first value declared wins unless `overwrite`)."""
    v = clean_value(key, value)
    if v and (overwrite or key not in metadata):
        metadata[key] = v
