"""Segmentation refines, it never gates: every text with content is at least one document,
and every paragraph of running text lands in a provision."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract.coverage import coverage
from extract.ingest.text import TEXT_SUFFIXES, decode_source
from extract.pipeline import process_source, read_source, structure_source

WILD = Path(__file__).resolve().parent.parent.parent / "shared" / "wild"


def _run(text: str, name: str = "t.txt", **metadata: str):
    src = decode_source(text.encode("utf-8"), name)
    src.metadata.update(metadata)
    return process_source(src)


REPORT = (
    "2024年某市政府工作报告\n"
    "各位代表：\n"
    "现在，我代表市人民政府，向大会报告工作，请予审议。\n"
    "一、过去一年工作回顾\n"
    "过去一年，全市地区生产总值增长5.2%，城镇新增就业12万人，各项工作取得新进展。\n"
    "二、今年重点工作\n"
    "今年，我们将全力稳增长、促改革、调结构、惠民生，确保完成全年目标任务。\n"
)


def test_a_text_without_a_title_block_is_one_document_titled_by_its_naming_line():
    r = _run(REPORT)
    assert [d.title for d in r.documents] == ["2024年某市政府工作报告"]
    cov = coverage(r)
    assert cov.body_lines == 3 and cov.covered == 3


def test_a_body_only_text_takes_its_title_from_the_declared_metadata():
    body = "各区人民政府，市政府各部门：\n为进一步做好就业工作，现就有关事项通知如下。\n一、加强就业服务，完善服务体系，提升服务质量。\n"
    r = _run(body, title="关于做好就业工作的通知")
    assert [d.title for d in r.documents] == ["关于做好就业工作的通知"]
    assert r.documents[0].addressees == ["各区人民政府", "市政府各部门"]
    assert coverage(r).missed == [1]  # the addressee line is header, not body


def test_a_body_only_text_with_no_naming_line_is_still_a_document():
    r = _run("为进一步做好就业工作，现就有关事项通知如下，请认真贯彻执行。\n")
    assert len(r.documents) == 1 and r.provisions
    assert coverage(r).covered == 1


@pytest.mark.skipif(not WILD.is_dir(), reason=f"wild corpus not found at {WILD}")
def test_every_wild_text_gives_a_document_and_almost_all_body_lines_land_in_provisions():
    files = sorted(f for f in WILD.rglob("*") if f.suffix.lower() in TEXT_SUFFIXES and f.name != "SOURCES.md")
    covs = [coverage(structure_source(read_source(f))) for f in files]
    without = [c.source for c in covs if c.documents == 0]
    assert not without, f"files with no document: {without}"
    body = sum(c.body_lines for c in covs)
    covered = sum(c.covered for c in covs)
    assert covered / body >= 0.98, f"{covered}/{body} body lines in provisions"


def test_the_body_after_a_table_of_contents_continues_its_document():
    text = (
        "国务院办公厅关于印发国家粮食应急预案的函\n国办函〔2005〕57号\n各省、自治区、直辖市人民政府：\n"
        "《国家粮食应急预案》已经国务院同意，现印发给你们，请认真实施。\n二〇〇五年六月十一日\n"
        "国家粮食应急预案\n目　　录\n1　总则\n2　组织机构和职责\n"
        "1　总则\n为有效监测和控制各类突发公共事件或者其他原因引起的粮食市场异常波动，制定本预案。\n"
        "2　组织机构和职责\n国家粮食应急工作指挥部负责领导、组织、指挥全国粮食应急工作。\n"
    )
    r = _run(text)
    (doc,) = r.documents
    assert doc.doc_number == "国办函〔2005〕57号"
    cov = coverage(r)
    assert cov.body_lines == 3 and cov.share == 1.0


def test_a_cover_notice_and_the_opinion_it_forwards_without_quotes_are_one_document():
    text = (
        "国务院办公厅转发民政部关于清理整顿社会团体意见的通知\n国办发〔1997〕11号\n"
        "各省、自治区、直辖市人民政府，国务院各部委、各直属机构：\n"
        "民政部《关于清理整顿社会团体的意见》已经国务院同意，现转发给你们，请认真贯彻执行。\n"
        "国务院办公厅\n一九九七年四月八日\n关于清理整顿社会团体的意见\n（民政部一九九七年一月二十八日）\n"
        "根据有关通知要求，现就清理整顿社会团体工作提出如下意见：\n一、清理整顿工作的指导思想，要坚持依法管理。\n"
    )
    (doc,) = _run(text).documents
    assert doc.doc_number == "国办发〔1997〕11号" and doc.date == "1997-04-08"
