"""The source texts kept in the store (table source_texts), compressed: what review anchors read when
the file on disk has changed since the build (issue 15), at about a quarter of the text's size.

bzip2 packs Chinese text a fifth smaller than zlib (146 KB against 181 KB for the shipped corpus);
stores written before issue 14 hold zlib blobs, which `unpack` still reads.
"""

from __future__ import annotations

import bz2
import zlib

_BZIP2_MAGIC = b"BZh"


def pack(text: str) -> bytes:
    """The text as stored: UTF-8, bzip2-compressed."""
    return bz2.compress(text.encode("utf-8"), 9)


def unpack(blob: bytes) -> str:
    """The text of a stored blob (bzip2, or zlib from an older store)."""
    data = bz2.decompress(blob) if blob[:3] == _BZIP2_MAGIC else zlib.decompress(blob)
    return data.decode("utf-8")
