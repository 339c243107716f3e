"""Unit lists, prefix/suffix distribution and name resolution (extract/extractors/units.py).

Fixtures are reflowed slices of the seed gazettes (corpus/000_ … 004_); the source is named
beside each.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.extractors.units import (
    ENUM_RE,
    canonical_unit,
    is_collective,
    jurisdiction_of,
    looks_like_unit,
    parse_units,
    split_name,
)


def names_roles(clause: str, jurisdiction: str | None = None) -> list[tuple[str, str]]:
    units = parse_units(clause, jurisdiction)
    for u in units:
        assert clause[u.start : u.end] == u.surface
    return [(u.name, u.role) for u in units]


# ---------------------------------------------------------------- parse_units on real clauses

CASES = [
    # 001_: 二连浩特 plan — shared 市 prefix distributed, 市委组织部 whole, a stray ，before 税务局
    (
        "（市残联、人社局牵头，市委组织部、财政局、卫健委，税务局按照职能分工负责）",
        [
            ("市残联", "lead"),
            ("市人社局", "lead"),
            ("市委组织部", "co"),
            ("市财政局", "co"),
            ("市卫健委", "co"),
            ("市税务局", "co"),
        ],
    ),
    # 002_: 东河区 plan, ASCII parens and commas; names that carry their own prefix keep it
    (
        "(区残联、区人社局牵头,区委组织部、区财政局、区税务局按照职能分工负责)",
        [
            ("区残联", "lead"),
            ("区人社局", "lead"),
            ("区委组织部", "co"),
            ("区财政局", "co"),
            ("区税务局", "co"),
        ],
    ),
    # 000_: 兴安盟 geographical-indication plan, label 责任单位 with ASCII colon
    (
        "(责任单位:盟市场监管局、农牧局、林草局、乡村振兴局、档案史志馆，各旗县市人民政府)",
        [
            ("盟市场监管局", "responsible"),
            ("盟农牧局", "responsible"),
            ("盟林草局", "responsible"),
            ("盟乡村振兴局", "responsible"),
            ("盟档案史志馆", "responsible"),
            ("各旗县市人民政府", "responsible"),
        ],
    ),
    # 000_: financing-guarantee plan, full-width label; a bank branch and a collective take no prefix
    (
        "（责任单位：盟金融办、盟财政局、人民银行兴安盟中心支行、各旗县市政府）",
        [
            ("盟金融办", "responsible"),
            ("盟财政局", "responsible"),
            ("人民银行兴安盟中心支行", "responsible"),
            ("各旗县市政府", "responsible"),
        ],
    ),
    # 000_: service-industry measures: 牵头负责 alone
    ("（盟文旅体局牵头负责）", [("盟文旅体局", "lead")]),
    # 004_: 一网办 plan: 分工负责 beside a lead is co; the deadline segment names no unit
    (
        "（盟行政审批和政务服务局牵头，各旗县市人民政府、盟直有关部门分工负责，2021 年 12 月底完成）",
        [("盟行政审批和政务服务局", "lead"), ("各旗县市人民政府", "co"), ("盟直有关部门", "co")],
    ),
    # 004_: 与 / 以及 join units; 和 inside 行政审批和政务服务局 does not split it
    (
        "（盟行署办公室牵头，各旗县市人民政府、盟行政审批和政务服务局与盟直有关部门以及具有社会服务职能的企事业单位分工负责）",
        [
            ("盟行署办公室", "lead"),
            ("各旗县市人民政府", "co"),
            ("盟行政审批和政务服务局", "co"),
            ("盟直有关部门", "co"),
            ("具有社会服务职能的企事业单位", "co"),
        ],
    ),
    # 004_: 农畜产品 brand plan: no lead, so 按职责分工负责 makes everyone responsible
    (
        "（各旗县市人民政府、盟农牧场管理局，盟农牧局、市场监管局、商务口岸局等按职责分工负责）",
        [
            ("各旗县市人民政府", "co"),
            ("盟农牧场管理局", "co"),
            ("盟农牧局", "co"),
            ("盟市场监管局", "co"),
            ("盟商务口岸局", "co"),
        ],
    ),
    # 001_: 团市委等部门 — 等部门 is dropped, 团市委 carries its own prefix
    (
        "（市残联、民社局牵头，团市委等部门按照职能分工负责）",
        [("市残联", "lead"), ("市民社局", "lead"), ("团市委", "co")],
    ),
    # 001_: a nested （嘎查） stays inside the collective name
    (
        "（市残联牵头，市委组织部，市民社局、各社区（嘎查）按照职能分工负责）",
        [("市残联", "lead"), ("市委组织部", "co"), ("市民社局", "co"), ("各社区（嘎查）", "co")],
    ),
    # 001_: no prefix on the first name → nothing to distribute there; banks and a 苏木 take none
    (
        "（武装部、退役军人事务局牵头，市公安局、残联按照职能分工负责）",
        [("武装部", "lead"), ("退役军人事务局", "lead"), ("市公安局", "co"), ("市残联", "co")],
    ),
    (
        "（市残联牵头，市交通运输局、市场监督管理局、工业和信息化局、自然资源局、格苏木按照职能分工负责）",
        [
            ("市残联", "lead"),
            ("市交通运输局", "co"),
            ("市市场监督管理局", "co"),
            ("市工业和信息化局", "co"),
            ("市自然资源局", "co"),
            ("格苏木", "co"),
        ],
    ),
    # 002_: markdown bold inside the parentheses
    (
        "（**区卫健委、区残联牵头，区民政局、区妇联按照职能分工负责**）",
        [("区卫健委", "lead"), ("区残联", "lead"), ("区民政局", "co"), ("区妇联", "co")],
    ),
    # 002_: 区残联相关部门 → 区残联; no lead → responsible
    (
        "（区工科局、区政务服务局、区住建局、区市场监管局、区残联相关部门按照职能分工负责）",
        [
            ("区工科局", "co"),
            ("区政务服务局", "co"),
            ("区住建局", "co"),
            ("区市场监管局", "co"),
            ("区残联", "co"),
        ],
    ),
    # 003_: 婴幼儿照护 opinions: shared suffix 部门 distributed over bare field names
    (
        "婴幼儿照护服务发展工作由卫生健康部门牵头，发展改革、教育、公安、民政、财政、人力资源社会保障、自然资源、"
        "住房城乡建设、应急管理、税务、市场监管部门、工会、共青团、妇联、计划生育协会等按职责分工负责。",
        [
            ("卫生健康部门", "lead"),
            ("发展改革部门", "co"),
            ("教育部门", "co"),
            ("公安部门", "co"),
            ("民政部门", "co"),
            ("财政部门", "co"),
            ("人力资源社会保障部门", "co"),
            ("自然资源部门", "co"),
            ("住房城乡建设部门", "co"),
            ("应急管理部门", "co"),
            ("税务部门", "co"),
            ("市场监管部门", "co"),
            ("工会", "co"),
            ("共青团", "co"),
            ("妇联", "co"),
            ("计划生育协会", "co"),
        ],
    ),
    # 004_: 帮您办 measures: 等相关部门 carries the shared 部门
    (
        "政务服务部门牵头，发改、自然资源、住建、生态环境、林草、水利、人防、消防等相关部门做好配合工作",
        [
            ("政务服务部门", "lead"),
            ("发改部门", "co"),
            ("自然资源部门", "co"),
            ("住建部门", "co"),
            ("生态环境部门", "co"),
            ("林草部门", "co"),
            ("水利部门", "co"),
            ("人防部门", "co"),
            ("消防部门", "co"),
        ],
    ),
    # 003_: 脱钩 plan: 会同 — subject leads, object list co-operates (prefix 自治区 distributed)
    (
        "自治区党委组织部会同直属机关工委、民政厅提出全区性行业协会商会与行政机关脱钩后党建工作管理体制调整的意见",
        [("自治区党委组织部", "lead"), ("自治区直属机关工委", "co"), ("自治区民政厅", "co")],
    ),
    # 003_: the same document, a 会同 object running over OCR commas
    (
        "自治区编办会同发展改革委 ，财政厅，人力资源社会保障厅，民政厅等部门提出行业协会商会与行政机关脱钩涉及机构编制"
        "和职能职责调整的意见",
        [
            ("自治区编办", "lead"),
            ("自治区发展改革委", "co"),
            ("自治区财政厅", "co"),
            ("自治区人力资源社会保障厅", "co"),
            ("自治区民政厅", "co"),
        ],
    ),
    # 004_: 老旧小区 plan duty line
    ("盟住房和城乡建设局负责编制全盟城镇老旧小区改造年度计划", [("盟住房和城乡建设局", "responsible")]),
    # a bare list: everyone responsible, prefix distributed (brief example)
    (
        "盟市场监管局、农牧局、林草局",
        [("盟市场监管局", "responsible"), ("盟农牧局", "responsible"), ("盟林草局", "responsible")],
    ),
]


@pytest.mark.parametrize(("clause", "expected"), CASES)
def test_parse_units_names_and_roles_match_a_reader(clause: str, expected: list[tuple[str, str]]) -> None:
    assert names_roles(clause) == expected


def test_parse_units_surface_is_the_printed_text_not_the_distributed_name() -> None:
    clause = "（市残联、人社局牵头，市委组织部、财政局、卫健委，税务局按照职能分工负责）"  # 001_
    u = parse_units(clause)[1]
    assert (u.name, u.surface, clause[u.start : u.end]) == ("市人社局", "人社局", "人社局")


def test_parse_units_canonical_is_jurisdiction_qualified_and_alias_resolved() -> None:
    # 000_: (责任单位:盟市场监管局、农牧局、林草局、大数据中心,各旗县市人民政府)
    units = parse_units("(责任单位:盟市场监管局、农牧局、林草局、大数据中心,各旗县市人民政府)", "兴安盟")
    assert [u.canonical for u in units] == [
        "兴安盟市场监督管理局",
        "兴安盟农牧局",
        "兴安盟林业和草原局",
        "兴安盟大数据中心",
        "各旗县市人民政府",
    ]
    assert [u.kind for u in units] == ["agency"] * 4 + ["collective"]
    assert units[0].level == "盟市"


def test_parse_units_without_jurisdiction_keeps_the_bare_prefix() -> None:
    assert parse_units("盟市场监管局牵头")[0].canonical == "盟市场监督管理局"


def test_parse_units_skips_interpretation_clause() -> None:
    assert parse_units("本细则由盟医疗保障局负责解释") == []  # 000_ 第十七条


def test_parse_units_returns_nothing_for_text_without_units() -> None:
    assert parse_units("家庭对婴幼儿照护负主体责任。") == []  # 003_
    assert parse_units("") == []


# ---------------------------------------------------------------- canonical_unit


@pytest.mark.parametrize(
    ("name", "jurisdiction", "expected"),
    [
        ("盟财政局", "兴安盟", ("兴安盟财政局", "盟市", "agency")),
        ("盟市场监管局", "兴安盟", ("兴安盟市场监督管理局", "盟市", "agency")),
        ("盟市场监管局", None, ("盟市场监督管理局", "盟市", "agency")),
        ("市委组织部", "二连浩特市", ("二连浩特市委组织部", "盟市", "party")),
        ("区人社局", "东河区", ("东河区人力资源和社会保障局", "旗县区", "agency")),
        ("区残联", "东河区", ("东河区残疾人联合会", "旗县区", "people_org")),
        ("自治区卫生健康委", "内蒙古自治区", ("内蒙古自治区卫生健康委员会", "省级", "agency")),
        ("自治区教育局", None, ("自治区教育厅", "省级", "agency")),  # 省级 form of 教育局
        ("住建局", None, ("住房和城乡建设局", None, "agency")),
        ("发改委", None, ("发展和改革委员会", None, "agency")),
        ("教育部门", "内蒙古自治区", ("教育部门", None, "agency")),  # generic: every level's body
        ("各旗县市政府", "兴安盟", ("各旗县市人民政府", "旗县区", "collective")),
        ("团市委", "二连浩特市", ("二连浩特市团委", "盟市", "people_org")),
        ("农业银行二连分行", "二连浩特市", ("中国农业银行二连分行", None, "enterprise")),
        ("财政部", "兴安盟", ("财政部", "国家", "agency")),  # a ministry is never qualified
        ("省委组织部", "广东省", ("广东省委组织部", "省级", "party")),
        ("市直有关部门", None, ("市直有关部门", "盟市", "collective")),
    ],
)
def test_canonical_unit_resolves_prefix_alias_and_level(
    name: str, jurisdiction: str | None, expected: tuple[str, str | None, str | None]
) -> None:
    assert canonical_unit(name, jurisdiction) == expected


def test_canonical_unit_unprefixed_body_takes_the_document_jurisdiction() -> None:
    # 003_: 民政厅负责统筹协调，督促检查脱钩工作 (a 内蒙古自治区 document)
    assert canonical_unit("民政厅", "内蒙古自治区")[0] == "内蒙古自治区民政厅"


# ---------------------------------------------------------------- jurisdiction_of


@pytest.mark.parametrize(
    ("issuer", "expected"),
    [
        ("兴安盟行政公署", "兴安盟"),
        ("兴安盟行政公署办公室", "兴安盟"),
        ("二连浩特市人民政府", "二连浩特市"),
        ("包头市东河区人民政府办公室", "东河区"),
        ("内蒙古自治区人民政府办公厅", "内蒙古自治区"),
        ("内蒙古自治区民政厅", "内蒙古自治区"),
        ("国务院办公厅", None),
        ("", None),
    ],
)
def test_jurisdiction_of_reads_the_governed_place(issuer: str, expected: str | None) -> None:
    assert jurisdiction_of(issuer) == expected


# ---------------------------------------------------------------- pieces


def test_split_name_keeps_market_regulation_whole_after_a_meng_prefix() -> None:
    prefix, body, entry, _ = split_name("盟市场监管局")
    assert (prefix, body, entry and entry.canonical) == ("盟", "市场监管局", "市场监督管理局")


def test_looks_like_unit_refuses_ordinary_words_with_unit_endings() -> None:
    assert looks_like_unit("产业园运营机构")  # 002_: 产业园运营机构负责提出…
    assert not looks_like_unit("新格局")
    assert not looks_like_unit("代办员")  # 004_: 代办员主要负责为申请人…
    assert not looks_like_unit("5名工作人员")
    assert not looks_like_unit("专项工作推进组办公室设在区人社局")  # 002_


def test_is_collective_recognises_many_body_forms() -> None:
    for name in (
        "各旗县市政府",
        "各成员单位",
        "各有关部门",
        "盟直有关部门",
        "区政府残疾人工作委员会成员单位",
    ):
        assert is_collective(name)
    assert not is_collective("盟财政局")


def test_enum_re_matches_item_labels_only() -> None:
    assert ENUM_RE.match("3.产业园").group() == "3."
    assert ENUM_RE.match("（2）发展").group() == "（2）"
    assert ENUM_RE.match("一、总体").group() == "一、"
    assert ENUM_RE.match("2021.5") is None
    assert ENUM_RE.match("盟财政局") is None


# ---------------------------------------------------------------- robustness


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_parse_units_never_raises_and_offsets_hold(text: str) -> None:
    for u in parse_units(text, "兴安盟"):
        assert text[u.start : u.end] == u.surface


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="盟市区各局委办厅部门、，牵头负责配合（）(),:：和及与等有关单位政府残联财政"))
def test_parse_units_never_raises_on_clause_alphabet(text: str) -> None:
    for u in parse_units(text):
        assert text[u.start : u.end] == u.surface
        assert u.role in ("lead", "co", "responsible")


@given(st.text())
def test_canonical_and_jurisdiction_never_raise(text: str) -> None:
    canonical, _, _ = canonical_unit(text, text[:3] or None)
    assert isinstance(canonical, str)
    assert jurisdiction_of(text) is None or isinstance(jurisdiction_of(text), str)
