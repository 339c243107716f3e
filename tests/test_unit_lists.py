"""Unit lists as national notices print them: 等和 closes a list, 列第一位者为牵头单位 makes leads."""

from pathlib import Path

import pytest

from extract.extractors.roles import find_clauses
from extract.pipeline import process_file


def _units(text: str) -> list[tuple[str, str]]:
    return [(u.name, u.role) for c in find_clauses(text, None) for u in c.units]


def test_deng_he_closes_a_list_before_the_collective():
    assert _units("（商务部、交通运输部、邮政局等和各有关省级人民政府负责）") == [
        ("商务部", "responsible"), ("交通运输部", "responsible"), ("邮政局", "responsible"),
        ("各有关省级人民政府", "responsible"),
    ]


def test_national_bodies_named_by_their_own_endings():
    assert _units("（供销合作总社、共青团中央负责）") == [("供销合作总社", "responsible"), ("共青团中央", "responsible")]


NOTICE = """国务院关于做好某项工作的通知

一、加大支持力度。对符合条件的企业给予支持。（财政部、商务部负责。列第一位者为牵头单位，下同）

二、优化服务。简化办理流程。（商务部、市场监管总局，各省级人民政府按职责分工负责）

三、压实责任。（各省级人民政府负责）
"""


def test_first_listed_unit_leads_when_the_document_says_so(tmp_path: Path):
    path = tmp_path / "notice.txt"
    path.write_text(NOTICE, encoding="utf-8")
    units = [(u.name, u.role) for o in process_file(path).obligations for u, _ in o.units]
    assert units == [
        ("财政部", "lead"), ("商务部", "responsible"),
        ("商务部", "lead"), ("市场监管总局", "co"), ("各省级人民政府", "co"),
        ("各省级人民政府", "responsible"),  # a set of governments leads nothing
    ]


def test_printed_name_is_kept_and_the_canonical_name_is_an_extra_field():
    from extract.extractors.units import parse_units

    u = parse_units("（县卫生健康局负责）", "某某县")[0]
    assert (u.name, u.surface) == ("县卫生健康局", "县卫生健康局")
    assert u.canonical != u.name  # the registry's name sits beside the printed one


@pytest.mark.parametrize("rule", [
    "列第一位者为牵头单位",
    "排在第一位的部门为牵头部门",
    "排在首位的为牵头单位",
    "列第一位的单位为牵头单位",
    "排名第一的部门是牵头部门",
])
def test_each_wording_of_the_first_listed_lead_rule_makes_the_first_unit_lead(tmp_path: Path, rule: str):
    path = tmp_path / "notice.txt"
    path.write_text(NOTICE.replace("列第一位者为牵头单位", rule), encoding="utf-8")
    units = [(u.name, u.role) for o in process_file(path).obligations for u, _ in o.units]
    assert units[:2] == [("财政部", "lead"), ("商务部", "responsible")]


def test_a_unit_named_alone_is_responsible_even_under_the_first_listed_lead_rule(tmp_path: Path):
    path = tmp_path / "notice.txt"
    path.write_text(NOTICE.replace("（商务部、市场监管总局，各省级人民政府按职责分工负责）", "（商务部负责）"),
                    encoding="utf-8")
    units = [(u.name, u.role) for o in process_file(path).obligations for u, _ in o.units]
    assert ("商务部", "responsible") in units and ("商务部", "lead") not in units
