"""Segmentation: one document per real document, sections classified, chronicle events dated."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import CORPUS, slice_source

from extract.layout.reflow import reflow
from extract.pipeline import process_file
from extract.segment.documents import segment

GOLD = Path(__file__).parent / "data" / "gold"


def _gold_documents() -> list[dict]:
    out = []
    for f in sorted(GOLD.glob("0*.jsonl")):
        out += [r for r in map(json.loads, f.read_text(encoding="utf-8").splitlines()) if r["type"] == "document"]
    return out


@pytest.fixture(scope="module")
def processed() -> dict:
    return {p.name: process_file(p) for p in sorted(CORPUS.iterdir())}


def test_every_hand_labelled_document_is_found_with_title_number_and_date(processed):
    gold = _gold_documents()
    assert len(gold) >= 20
    for g in gold:
        docs = processed[g["source"]].documents
        match = [d for d in docs if d.span.line in (g["line"], g.get("start_line"))]
        assert match, f"missing {g['source']}:{g['line']} {g['title']}"
        d = match[0]
        assert (d.title, d.doc_number, d.date) == (g["title"], g["doc_number"], g["date"])


def test_no_document_is_made_of_a_toc_interpretation_press_or_chronicle(processed):
    gold_count = {}
    for g in _gold_documents():
        gold_count[g["source"]] = gold_count.get(g["source"], 0) + 1
    for name, r in processed.items():
        assert len(r.documents) == gold_count[name], name
        assert not any(d.title.endswith(("解读", "新闻发布会", "大事记")) for d in r.documents)


def test_sections_are_classified(processed):
    kinds = {s.kind for r in processed.values() for s in r.sections}
    assert {"documents", "press", "chronicle", "toc"} <= kinds
    r004 = processed["004_a2b4083a9edf5c5a.txt"]
    press = [s for s in r004.sections if s.kind == "press"]
    assert [s.title for s in press] == [
        "兴安盟生态环境局召开生态环境保护新闻发布会",
        "兴安盟卫生健康委召开新冠病毒疫苗接种工作新闻发布会",
    ]


def test_cover_notice_and_published_plan_are_one_document_with_addressees(processed):
    d = processed["000_a89ac985d1956224.txt"].documents[0]
    assert d.attached_title == "兴安盟“十四五”残疾人事业发展规划"
    assert d.addressees == ["各旗县市人民政府", "盟直各委、办、局", "各企业、事业单位"]
    assert d.issuer == "兴安盟行政公署" and d.span.end_line > 1700  # the plan's body is inside


def test_doc_numbers_are_normalized_from_every_bracket_style(processed):
    numbers = {d.doc_number for r in processed.values() for d in r.documents if d.doc_number}
    assert {"厅发〔2016〕20号", "内政办发〔2011〕83号", "兴署办发〔2021〕8号"} <= numbers


def test_chronicle_entries_become_events_dated_from_the_issue_year():
    src = slice_source("000_chronicle.txt")
    seg = segment(src, reflow(src))
    chron = [s for s in seg.sections if s.kind == "chronicle"]
    assert chron and chron[0].title == "兴安盟行政公署大事记"
    # the slice opens with the last line of the document before: that line is a document, the chronicle is not
    assert all(d.span.end <= chron[0].span.start for d in seg.documents)
    assert seg.events and seg.events[0].text.startswith("4月1日，盟委副书记、盟长苏和")


def test_chronicle_events_in_the_corpus_have_dates_and_ranges(processed):
    events = processed["000_a89ac985d1956224.txt"].events
    assert all(e.date and e.date.startswith("2022-") for e in events)
    assert any(e.end_date for e in events)  # ●5月 5日至 6日
