"""Traditional Chinese read as simplified for matching (OpenCC `t2s`), offsets unchanged.

The rules and vocabularies are written in simplified characters. A text printed in
traditional characters (`國務院關於…的通知`, 1954's work report, a Hong Kong or Taiwan
copy) is converted character for character, so every converted character keeps the
source offset of the one it replaces: spans and the stored source keep the original
characters, while paragraphs, provisions and extracted values read simplified.
"""

from __future__ import annotations

from functools import cache

import regex

_HAN_RE = regex.compile(r"\p{Han}")
# Share of Han characters OpenCC changes above which a text is read as traditional
# (a simplified text changes none; a traditional one, 10–30 %).
_TRADITIONAL_SHARE = 0.03
_SAMPLE = 5_000


@cache
def _converter():
    import opencc  # imported lazily: only traditional texts need it

    return opencc.OpenCC("t2s")


def is_traditional(text: str) -> bool:
    """True when a noticeable share of the text's Han characters are traditional forms."""
    sample = text[:_SAMPLE]
    han = len(_HAN_RE.findall(sample))
    if han < 20:
        return False
    simplified = to_simplified(sample)
    changed = sum(1 for a, b in zip(sample, simplified, strict=True) if a != b)
    return changed / han >= _TRADITIONAL_SHARE


def to_simplified(text: str) -> str:
    """`text` in simplified characters, the same length (phrase conversions that change the
    length fall back to converting each character alone)."""
    out = _converter().convert(text)
    if len(out) == len(text):
        return out
    conv = _converter()
    return "".join(c if len(c := conv.convert(ch)) == 1 else ch for ch in text)


def as_printed(text: str, offsets: list[int], source_text: str) -> str:
    """`text` (simplified for matching) with each character the source printed in traditional form
    put back: offsets[i] is the source offset of text[i]. Characters that are not a conversion of
    the printed one (joining newlines, removed spaces) stay as they are."""
    out = list(text)
    for i, ch in enumerate(text):
        o = offsets[i] if i < len(offsets) else -1
        if 0 <= o < len(source_text) and (orig := source_text[o]) != ch and to_simplified(orig) == ch:
            out[i] = orig
    return "".join(out)
