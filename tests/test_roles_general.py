"""Responsibility clauses in article-style rules and cover text: general rules from CONVENTIONS,
each on an example written for the test (vague objects, 授权, 各自职责, 发挥牵头作用, footers)."""

import pytest

from extract.data import load_yaml
from extract.extractors.roles import find_clauses


def _units(text: str) -> list[tuple[str, str]]:
    return [(u.name, u.role) for c in find_clauses(text) for u in c.units]


def test_vague_objects_of_huitong_are_never_units() -> None:
    assert _units("生态环境部会同有关部门组织开展评估。") == [("生态环境部", "lead")]
    assert _units("省财政厅要会同相关单位制定细则。") == [("省财政厅", "lead")]
    assert _units("交通运输部会同各有关部门推进。") == [("交通运输部", "lead")]


def test_named_sets_stay_collective_units() -> None:
    assert _units("（县直有关部门、各相关职能部门按照职能分工负责）") == [
        ("县直有关部门", "co"),
        ("各相关职能部门", "co"),
    ]
    assert _units("财政部要会同发展改革委、工业和信息化部等部门研究。") == [
        ("财政部", "lead"),
        ("发展改革委", "co"),
        ("工业和信息化部", "co"),
    ]


def test_the_authorised_unit_is_responsible_not_the_grantor() -> None:
    assert _units("第五条　县人民政府授权县文化主管部门负责全县文物普查工作。") == [("县文化主管部门", "responsible")]
    assert _units("市政府委托市体育局负责赛事组织。") == [("市体育局", "responsible")]


def test_fahui_qiantou_zuoyong_names_the_lead() -> None:
    assert _units("住房城乡建设部要发挥牵头作用，会同各有关部门共同推进。") == [("住房城乡建设部", "lead")]


def test_each_by_its_own_duties_is_co_and_a_vague_tail_is_dropped() -> None:
    assert _units("教育部门、卫生健康部门和其他有关部门应当按照各自职责，做好校园安全工作。") == [
        ("教育部门", "co"),
        ("卫生健康部门", "co"),
    ]
    assert _units("市住建局、市财政局根据各自职责做好资金保障。") == [("市住建局", "co"), ("市财政局", "co")]


def test_a_web_page_footer_gives_no_units() -> None:
    footer = "版权所有：某某市人民政府\n\n联系我们：0471-12345\n\n主办单位：某某市人民政府办公厅\n\n网站标识码：1500000001"
    assert _units(footer) == []
    one_line = "某某市人民政府 版权所有　主办单位：某某市人民政府办公厅　联系我们：0471-12345"
    assert _units(one_line) == []


def test_a_label_line_far_from_a_footer_still_counts() -> None:
    text = "（一）完善救助制度。\n牵头单位：市民政局\n配合单位：市财政局\n" + "\n" * 6 + "联系我们：0471-12345"
    assert _units(text) == [("市民政局", "lead"), ("市财政局", "co")]


def test_a_relative_clause_before_the_name_is_not_part_of_it() -> None:
    assert _units("区人民政府指定的文物主管部门负责日常巡查。") == [("文物主管部门", "responsible")]
    assert _units("负责处置突发事件的人民政府应当及时通报。") == []


def test_a_role_noun_with_a_verb_is_a_name_but_labels_are_not() -> None:
    assert _units("（二）信息提供部门负责所提供信息的准确性；") == [("信息提供部门", "responsible")]
    assert _units("项目实施单位负责资金管理。") == [("项目实施单位", "responsible")]
    assert _units("牵头单位负责汇总。") == []


def test_x_qiantou_de_lianxi_huiyi_makes_x_the_lead() -> None:
    assert _units("建立卫生健康部门牵头的联席会议制度。") == [("卫生健康部门", "lead")]
    assert _units("市教育局牵头的项目已经完成。") == []


def test_an_article_label_after_a_chapter_heading_is_not_part_of_the_name() -> None:
    assert _units("第三章　监督管理　　第十二条 　市场监管部门负责日常检查。") == [("市场监管部门", "responsible")]


def test_a_division_chu_is_a_unit_and_a_transfer_is_not() -> None:
    text = "宣传职能从法规处划入办公室，厅办公室承担新闻发布工作。培训仍由人事处具体负责。"
    assert _units(text) == [("厅办公室", "responsible"), ("人事处", "responsible")]
    assert _units("这样做的好处负责不了。") == []


def test_chengdan_danwei_is_a_name_not_a_marker() -> None:
    assert _units("日常管理由课题承担单位负责。") == [("课题承担单位", "responsible")]
    assert _units("县档案馆将负责收集资料。") == [("县档案馆", "responsible")]


def test_a_prefixed_stem_list_with_xiangguan_bumen_danwei_takes_the_suffix() -> None:
    text = "县民政、财政、审计等相关部门（单位）应当按照各自职责做好监督工作。"
    assert _units(text) == [("县民政部门", "co"), ("县财政部门", "co"), ("县审计部门", "co")]


def test_a_run_of_level_words_is_distributed_over_its_body() -> None:
    assert _units("州、县（市）文物主管部门具体负责日常巡查。") == [
        ("州文物主管部门", "responsible"),
        ("县（市）文物主管部门", "responsible"),
    ]
    assert _units("市、区两级政府负责落实。") == [("市、区两级政府", "responsible")]
    assert _units("旗县（市、区）民政部门负责审核。") == [("旗县（市、区）民政部门", "responsible")]


@pytest.mark.parametrize(("text", "names"), [
    ("所需经费由区民政部门列入年度部门预算。", ["区民政部门"]),
    ("由镇人民政府（街道办事处）按照本条规定为老年人办理。", ["镇人民政府（街道办事处）"]),
    ("发现问题的，由区民政部门、镇人民政府督促运营机构整改。", ["区民政部门", "镇人民政府"]),
])
def test_by_x_and_an_action_names_the_responsible_unit(text, names):
    assert [(u.name, u.role) for c in find_clauses(text) for u in c.units] == [(n, "responsible") for n in names]


@pytest.mark.parametrize("text", [
    "运营补贴由区财政全额负担。",                   # where money comes from
    "补助资金由自治区财政按机构等级给予补助。",
    "由政府组织实施。",                             # a bare 政府
    "由其按规定共享至有关部门。",                   # a pronoun
    "由区政府相关部门提出意见。",                   # a vague object
])
def test_by_funds_pronouns_and_vague_objects_name_no_unit(text):
    assert [u.name for c in find_clauses(text) for u in c.units] == []


@pytest.mark.parametrize("verb", load_yaml("units.yaml")["by_actions"])
def test_each_by_action_verb_makes_the_unit_after_you_responsible(verb):
    assert [(u.name, u.role) for c in find_clauses(f"相关事项由市人社局{verb}相关工作。") for u in c.units] == [
        ("市人社局", "responsible")
    ]
