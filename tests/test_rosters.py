"""Rosters: role labels, spaced names, wrapped positions, group names (seed 004_)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.extractors.rosters import (
    ENUMERATOR_RE,
    FRAGMENT_RE,
    find_members,
    group_name,
    is_roster_line,
    role_line_re,
    split_entry,
)

SEED = Path(__file__).resolve().parent.parent / "corpus" / "004_a2b4083a9edf5c5a.txt"
GROUP = "兴安盟推进政府职能转变和“放管服”改革协调小组"

# 004_ lines 27–112 (the 协调小组 roster), blank lines dropped as the caller does.
ROSTER_004 = """组 长：姜天虎 盟委委员、常务副
盟长、扎赉特旗委
书记
副组长：杨冀鹏 盟行署秘书长
王晓明 盟行政审批和政
务服务局局长
成 员：刘海涛 盟行署办公室副主任
杨 磊 盟行署办公室副主任
王家军 盟行署办公室副主任
梁彦君 盟发展改革委主任
宋兴鹤 盟市场监管局局长
刘 忠 盟司法局局长
张兴安 盟农牧局二级调研员
郭安岭 盟商务口岸局二
级调研员
高 洪 盟财政局副局长
温成伟 盟教育局副局长
高广凤 盟科技局副局长
费生林 盟工业和信息化
局副局长
霍晓东 盟公安局副局长
纪相海 盟民政局副局长
吴振奎 盟人力资源和社
会保障局副局长
陈文成 盟自然资源局副局长
金 河 盟生态环境局副局长
宝 林 盟住房城乡建设局
副局长
丁兆东 盟交通运输局副局长
刘志盟 盟文化旅游体育局
副局长
王 巍 盟应急管理局副局长
刘峪伯 盟水利局副局长
徐志新 盟卫生健康委副主任
哈斯额尔敦 盟林草局副局长
 陆拾伍 盟金融办副主任
乌日根 盟医保局副局长
杨忠智 盟国资委副主任
付淙林 阿尔山海关关长
肖玉涛 盟税务局副局长
陈国斌 人民银行兴安盟
中心支行副行长
张立家 兴安银保监分局
副局长"""


@pytest.fixture(scope="module")
def members() -> dict:
    ms = find_members(ROSTER_004, GROUP)
    return {m.person: m for m in ms}


def test_roster_fixture_is_the_seed_text() -> None:
    raw = [ln for ln in SEED.read_text(encoding="utf-8").splitlines()[26:112] if ln.strip()]
    assert "\n".join(raw) == ROSTER_004


def test_roster_004_has_every_member_once() -> None:
    ms = find_members(ROSTER_004, GROUP)
    assert len(ms) == 34
    assert all(m.group == GROUP for m in ms)


@pytest.mark.parametrize(
    "person, role, position",
    [
        ("姜天虎", "组长", "盟委委员、常务副盟长、扎赉特旗委书记"),  # three lines joined
        ("杨冀鹏", "副组长", "盟行署秘书长"),
        ("王晓明", "副组长", "盟行政审批和政务服务局局长"),  # label-less line keeps 副组长
        ("刘海涛", "成员", "盟行署办公室副主任"),
        ("杨磊", "成员", "盟行署办公室副主任"),  # 杨 磊
        ("刘忠", "成员", "盟司法局局长"),
        ("郭安岭", "成员", "盟商务口岸局二级调研员"),
        ("吴振奎", "成员", "盟人力资源和社会保障局副局长"),  # 盟人力资源和社 + 会保障局副局长
        ("宝林", "成员", "盟住房城乡建设局副局长"),
        ("刘志盟", "成员", "盟文化旅游体育局副局长"),  # name ending in 盟
        ("哈斯额尔敦", "成员", "盟林草局副局长"),  # 5-character Mongolian name
        ("陆拾伍", "成员", "盟金融办副主任"),  # line starts with a stray space
        ("付淙林", "成员", "阿尔山海关关长"),
        ("陈国斌", "成员", "人民银行兴安盟中心支行副行长"),
        ("张立家", "成员", "兴安银保监分局副局长"),
    ],
)
def test_roster_004_member_by_hand(members: dict, person: str, role: str, position: str) -> None:
    m = members[person]
    assert (m.role, m.position) == (role, position)


def test_member_offsets_cover_name_and_continuation_lines(members: dict) -> None:
    m = members["姜天虎"]
    assert ROSTER_004[m.start : m.end] == "姜天虎 盟委委员、常务副\n盟长、扎赉特旗委\n书记"
    m = members["杨磊"]
    assert ROSTER_004[m.start : m.end] == "杨 磊 盟行署办公室副主任"
    m = members["陆拾伍"]
    assert ROSTER_004[m.start : m.end] == "陆拾伍 盟金融办副主任"


def test_colon_variant_and_spaced_label() -> None:
    # 004_ lines 352–362: "组 长: 姜天虎 盟委委员、常务\n副盟长、扎赉特\n旗委书记"
    block = "组 长: 姜天虎 盟委委员、常务\n副盟长、扎赉特\n旗委书记\n副组长: 杨冀鹏 盟行署秘书长\n成 员: 费立新 盟委宣传部常务\n副部长"
    ms = find_members(block, "盟政务公开领导小组")
    assert [(m.role, m.person, m.position) for m in ms] == [
        ("组长", "姜天虎", "盟委委员、常务副盟长、扎赉特旗委书记"),
        ("副组长", "杨冀鹏", "盟行署秘书长"),
        ("成员", "费立新", "盟委宣传部常务副部长"),
    ]


def test_spaced_two_char_name_after_label_and_wrapped_unit() -> None:
    # 004_ lines 126–131: "副组长：图 雅 盟行政审批和政务\n服务局副局长"
    block = "组 长：王家军 盟行署办公室副主任\n副组长：图 雅 盟行政审批和政务\n服务局副局长\n徐保平 盟发展改革委副主任"
    ms = find_members(block, "精简行政审批组")
    assert [(m.role, m.person, m.position) for m in ms] == [
        ("组长", "王家军", "盟行署办公室副主任"),
        ("副组长", "图雅", "盟行政审批和政务服务局副局长"),
        ("副组长", "徐保平", "盟发展改革委副主任"),
    ]


def test_prose_line_ends_a_member_and_is_not_a_continuation() -> None:
    # 004_ lines 107–111: the roster is followed by "协调小组办公室设在盟行署办公室，"
    block = "张立家 兴安银保监分局\n副局长\n协调小组办公室设在盟行署办公室，\n办公室主任由盟行署秘书长杨冀鹏兼任。"
    ms = find_members("成 员：" + block, GROUP)
    assert [(m.person, m.position) for m in ms] == [("张立家", "兴安银保监分局副局长")]


def test_heading_line_inside_block_is_not_appended_to_a_position() -> None:
    # 004_ lines 136–144: "默志勇 盟市场监管局副局长\n2.优化营商环境组\n组 长：梁彦君 盟发展改革委主任"
    block = "副组长：默志勇 盟市场监管局副局长\n2.优化营商环境组\n组 长：梁彦君 盟发展改革委主任"
    ms = find_members(block, "x")
    assert [(m.role, m.person, m.position) for m in ms] == [
        ("副组长", "默志勇", "盟市场监管局副局长"),
        ("组长", "梁彦君", "盟发展改革委主任"),
    ]


def test_second_roster_of_004_counts_members() -> None:
    # 004_ lines 4513–4569: 兴安盟城镇老旧小区改造工作领导小组
    lines = SEED.read_text(encoding="utf-8").splitlines()[4512:4569]
    block = "\n".join(ln for ln in lines if ln.strip())
    ms = find_members(block, "兴安盟城镇老旧小区改造工作领导小组")
    by = {m.person: m for m in ms}
    assert len(ms) == 22
    assert by["王福顺"].position == "盟住房和城乡建设局局长" and by["王福顺"].role == "副组长"
    assert by["杜昕"].position == "盟委组织部部务委员"
    assert by["屈宁"].position == "盟消防救援支队二级督导员"
    assert by["徐国辉"].position == "国网兴安供电公司副总经理"


# ---------------------------------------------------------------- named pieces alone


def test_role_line_re_reads_spaced_labels() -> None:
    assert role_line_re().match("成 员：刘海涛 盟行署办公室副主任").group("rest") == "刘海涛 盟行署办公室副主任"
    assert role_line_re().match("副组长: 杨冀鹏 盟行署秘书长").group("role") == "副组长"


def test_is_roster_line() -> None:
    assert is_roster_line("组 长：姜天虎 盟委委员、常务副")
    assert not is_roster_line("盟长、扎赉特旗委")
    assert not is_roster_line("办公室主任由盟行署秘书长杨冀鹏兼任。")


def test_split_entry_tells_names_from_positions() -> None:
    assert split_entry("杨 磊 盟行署办公室副主任")[:2] == ("杨磊", "盟行署办公室副主任")
    assert split_entry("哈斯额尔敦 盟林草局副局长")[:2] == ("哈斯额尔敦", "盟林草局副局长")
    assert split_entry("刘海涛（盟行署办公室副主任）")[:2] == ("刘海涛", "盟行署办公室副主任")
    assert split_entry("会保障局副局长") is None
    assert split_entry("盟长、扎赉特旗委") is None


def test_fragment_and_enumerator_res() -> None:
    assert FRAGMENT_RE.match("盟长、扎赉特旗委")
    assert not FRAGMENT_RE.match("1.精简行政审批组")
    assert ENUMERATOR_RE.match("（二）协调小组各专题组组成人员")
    assert ENUMERATOR_RE.match("4、深化商事制度改革组")


@pytest.mark.parametrize(
    "heading, expected",
    [
        ("一、调整兴安盟推进政府职能转变和“放管服”改革协调小组组成人员有关事宜：", GROUP),
        ("1.精简行政审批组", "精简行政审批组"),
        ("4、深化商事制度改革组", "深化商事制度改革组"),
        ("成立兴安盟城镇老旧小区改造工作领导小组的通知", "兴安盟城镇老旧小区改造工作领导小组"),
        ("兴安盟行政公署办公室关于成立兴安盟城镇老旧小区改造工作领导小组的通知", "兴安盟城镇老旧小区改造工作领导小组"),
        ("二、调整盟政务公开领导小组组成人员有关事宜", "盟政务公开领导小组"),
        ("调整盟推进政府职能转变和“放管服”改革协调小组等", "盟推进政府职能转变和“放管服”改革协调小组"),
        ("领导小组组成人员如下：", None),
        ("一、领导小组组成人员", None),
        ("二、工作职责", None),
    ],
)
def test_group_name_from_heading(heading: str, expected: str | None) -> None:
    assert group_name(heading) == expected


# ---------------------------------------------------------------- never raise


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_find_members_never_raises(block: str) -> None:
    for m in find_members(block, "g"):
        assert 0 <= m.start <= m.end <= len(block)


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet="组长副成员：: 张王李盟局长\n、1."))
def test_find_members_never_raises_on_roster_soup(block: str) -> None:
    find_members(block, "g")
    assert group_name(block) is None or isinstance(group_name(block), str)
    assert is_roster_line(block) in (True, False)
