"""Text sources (.txt, .md): bytes → decoded Source with raw lines kept.

Gazette text comes as UTF-8 (with or without BOM), GB18030/GBK from older
Windows tools, or Big5 (traditional Chinese: Taiwan, Hong Kong, Macao). Anything else (binary, empty, NUL bytes, too large) is refused with
a one-line reason so that the build can record it and go on.
"""

from __future__ import annotations

import hashlib
import os
import unicodedata
from pathlib import Path

import regex

from extract.ingest.errors import IngestFailure
from extract.model import Line, Source

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}

# The largest text source read whole (MB); larger files are refused, not half-read.
MAX_TEXT_MB = float(os.environ.get("GAZETTE_MAX_TEXT_MB", "64"))

# A markdown heading line: `## 关于印发《…》的通知`, `### **三、加强审核把关**`.
MD_HEADING_RE = regex.compile(r"^\s{0,3}#{1,6}\s")


def read_text(path: str | Path, lines: list[Line] | None = None) -> Source:
    """Decode a text gazette into a Source; raise IngestFailure with a clear reason otherwise.
    `lines`, when given, stand in for the split lines (a large file read window by window)."""
    p = Path(path)
    size = p.stat().st_size
    if size > MAX_TEXT_MB * 1024 * 1024:
        raise IngestFailure(
            f"{p.name}: file is {size / 1024 / 1024:.0f} MB, above the {MAX_TEXT_MB:.0f} MB limit for "
            "one text source (split it, or raise GAZETTE_MAX_TEXT_MB)"
        )
    data = p.read_bytes()
    return decode_source(data, path=str(p), lines=lines)


def decode_source(data: bytes, path: str, lines: list[Line] | None = None) -> Source:
    """Decode raw bytes of a text gazette (see read_text)."""
    name = Path(path).name
    sha = hashlib.sha256(data).hexdigest()
    if not data.strip():
        raise IngestFailure(f"{name}: empty file (no text)")
    if b"\x00" in data:
        raise IngestFailure(f"{name}: contains NUL bytes: binary or UTF-16 data, not a text gazette")
    text, encoding = decode_bytes(data, name)
    _check_plausible(text, name, encoding)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    kind = "markdown" if _looks_like_markdown(path, text) else "text"
    return Source(path=path, name=name, sha256=sha, text=text, encoding=encoding, kind=kind, lines=lines or [])


def decode_bytes(data: bytes, name: str) -> tuple[str, str]:
    """UTF-8 (with or without BOM); else whichever of GB18030 and Big5 reads as common Chinese characters."""
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as e:
            raise IngestFailure(f"{name}: starts with a UTF-8 BOM but is not valid UTF-8 ({e.reason})") from e
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    best: tuple[float, str, str] | None = None
    for codec, label in _LEGACY_CODECS:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        score = _common_han_share(text, label)
        if best is None or score > best[0]:  # ties go to the earlier codec (GB18030)
            best = (score, text, label)
    if best is None:
        raise IngestFailure(f"{name}: neither UTF-8, GB18030/GBK nor Big5 text (binary data?)")
    return best[1], best[2]


# Legacy Chinese encodings tried after UTF-8, with the label recorded as the source's encoding:
# GB18030 (a superset of GBK and GB2312, simplified Chinese) and Big5 (traditional Chinese; cp950 is
# the Windows form, big5hkscs the Hong Kong one).
_LEGACY_CODECS = (("gb18030", "gb18030"), ("cp950", "big5"), ("big5hkscs", "big5"))
_HAN_RE = regex.compile(r"\p{Han}")


def _common_han_share(text: str, label: str) -> float:
    """Share of the Han characters that are common in that encoding: GB2312's 6,763 for GB18030, Big5's
    5,401 frequent ones (lead bytes A4–C6) for Big5. Big5 bytes read as GB18030 give about half rare
    characters, and GBK bytes read as Big5 the same, so the right reading scores near 1."""
    han = "".join(_HAN_RE.findall(text[:200_000]))
    if not han:
        return 0.0
    if label == "gb18030":
        return len(han.encode("gb2312", errors="ignore")) / 2 / len(han)
    leads = han.encode("big5", errors="ignore")[0::2]
    return sum(1 for b in leads if 0xA4 <= b <= 0xC6) / len(han)


def _check_plausible(text: str, name: str, encoding: str) -> None:
    """Refuse decoded text that is mostly control characters or, for a legacy encoding, not Chinese."""
    sample = text[:200_000]
    controls = sum(1 for ch in sample if unicodedata.category(ch) == "Cc" and ch not in "\n\r\t\f")
    if controls > max(3, len(sample) // 100):
        raise IngestFailure(f"{name}: {controls} control characters: binary data, not a text gazette")
    if encoding in ("gb18030", "big5"):
        non_ascii = [ch for ch in sample if ord(ch) > 127]
        han = sum(1 for ch in non_ascii if "\u4e00" <= ch <= "\u9fff" or "\u3000" <= ch <= "\u303f")
        han += sum(1 for ch in non_ascii if "\uff00" <= ch <= "\uffef")
        if non_ascii and han / len(non_ascii) < 0.8:
            raise IngestFailure(f"{name}: neither UTF-8 nor a Chinese legacy encoding (GB18030/GBK or Big5) "
                                "gives Chinese text (binary data?)")


def _looks_like_markdown(path: str, text: str) -> bool:
    """A .md file, or text whose headings are markdown `#` lines."""
    if Path(path).suffix.lower() in {".md", ".markdown"}:
        return True
    headings = sum(1 for line in text[:100_000].split("\n") if MD_HEADING_RE.match(line))
    return headings >= 2
