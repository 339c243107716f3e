"""Text ingest: encodings are detected, bad files get one clear line naming them."""

from __future__ import annotations

import pytest

from extract.ingest.errors import IngestFailure
from extract.ingest.text import decode_source, read_text

SAMPLE = "兴安盟行政公署关于印发《兴安盟“十四五”\n\n残疾人事业发展规划》的通知\n\n兴署发〔2022〕46号\n"


def test_utf8_is_read_with_lines_and_offsets():
    src = decode_source(SAMPLE.encode("utf-8"), "a.txt")
    assert src.encoding == "utf-8"
    assert src.lines[2].text == "残疾人事业发展规划》的通知"
    assert src.text[src.lines[4].start :].startswith("兴署发")


def test_utf8_bom_is_stripped():
    src = decode_source(b"\xef\xbb\xbf" + SAMPLE.encode("utf-8"), "a.txt")
    assert src.encoding == "utf-8-sig" and src.text.startswith("兴安盟")


def test_gb18030_and_gbk_are_detected():
    for codec in ("gb18030", "gbk"):
        src = decode_source(SAMPLE.encode(codec), "a.txt")
        assert src.encoding == "gb18030" and "兴署发〔2022〕46号" in src.text


def test_crlf_lines_are_normalized():
    src = decode_source(SAMPLE.replace("\n", "\r\n").encode("utf-8"), "a.txt")
    assert all("\r" not in ln.text for ln in src.lines)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"  \n\n ", "empty"),
        (b"\x00\x01abc", "NUL"),
        ("gazette 兴安盟".encode("utf-16"), "NUL"),
        (bytes(range(128, 256)) * 20, "neither UTF-8 nor GB18030"),
        (b"\x01\x02\x03\x04\x05\x06" * 50, "control"),
    ],
    ids=["empty", "whitespace", "nul", "utf16", "binary", "controls"],
)
def test_bad_text_raises_one_clear_line_naming_the_file(data, reason):
    with pytest.raises(IngestFailure) as e:
        decode_source(data, "bad.txt")
    msg = str(e.value)
    assert msg.startswith("bad.txt:") and reason in msg and "\n" not in msg


def test_markdown_is_detected_by_headings(tmp_path):
    p = tmp_path / "x.txt"
    p.write_text("# 包头市东河区人民政府办公室\n\n## 关于印发《X》的通知\n\n正文。\n", encoding="utf-8")
    assert read_text(p).kind == "markdown"


def test_too_large_file_is_refused(tmp_path, monkeypatch):
    import extract.ingest.text as t

    monkeypatch.setattr(t, "MAX_TEXT_MB", 0.0001)
    p = tmp_path / "big.txt"
    p.write_text("兴" * 1000, encoding="utf-8")
    with pytest.raises(IngestFailure, match="big.txt: file is .* above"):
        read_text(p)
