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


# a traditional-Chinese notice as Taiwan, Hong Kong and Macao governments publish them
TRADITIONAL = ("臺北市政府關於印發《臺北市長期照顧服務實施計畫》的通知\n府社字第1120001號\n"
               "各區公所、市府各局處：現將計畫印發給你們，請認真貫徹執行。一、總體要求。\n"
               "到2025年，長期照顧服務涵蓋率達到百分之八十。（社會局負責，衛生局配合）\n")


def test_big5_is_detected_and_read_as_traditional_chinese():
    for codec in ("big5", "cp950", "big5hkscs"):
        src = decode_source(TRADITIONAL.encode(codec), "tw.txt")
        assert src.encoding == "big5" and src.text == TRADITIONAL


def test_gbk_text_is_not_mistaken_for_big5():
    src = decode_source((SAMPLE * 3).encode("gbk"), "a.txt")
    assert src.encoding == "gb18030" and src.text == SAMPLE * 3


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
        (bytes(range(128, 256)) * 20, "neither UTF-8, GB18030/GBK nor Big5"),
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
