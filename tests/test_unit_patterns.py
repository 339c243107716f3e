"""General patterns of responsibility clauses seen in other governments' texts (CONVENTIONS,
obligations): shared prefixes over sector lists, 会同 objects, subjects that own a duty, 由X + action.
Every sentence is written for the test in the style of a notice."""

from extract.extractors.roles import find_clauses


def _units(text: str) -> list[tuple[str, str]]:
    return [(u.name, u.role) for c in find_clauses(text) for u in c.units]


def test_a_shared_prefix_and_suffix_spread_over_a_list_of_sector_names() -> None:
    text = "县住建、财政、人防、园林、城管、审计等相关部门应当按照各自职责做好监管工作。"
    assert _units(text) == [
        ("县住建部门", "co"),
        ("县财政部门", "co"),
        ("县人防部门", "co"),
        ("县园林部门", "co"),
        ("县城管部门", "co"),
        ("县审计部门", "co"),
    ]


def test_gejian_before_sector_names_is_shared_and_a_named_body_keeps_its_own_prefix() -> None:
    text = "各级民政、财政、交通运输、老龄工作部门和市红十字会按各自职责协同做好救助工作。"
    assert _units(text) == [
        ("各级民政部门", "co"),
        ("各级财政部门", "co"),
        ("各级交通运输部门", "co"),
        ("各级老龄工作部门", "co"),
        ("市红十字会", "co"),
    ]


def test_ordinary_words_before_bumen_are_no_sector_list() -> None:
    assert _units("市场推广、品牌、渠道等部门负责对接。") == []


def test_the_last_sector_before_deng_takes_the_shared_ending() -> None:
    text = "县交通运输局应当会同公安、应急管理、气象等主管部门制定应急预案。"
    assert _units(text) == [
        ("县交通运输局", "lead"),
        ("县公安部门", "co"),
        ("县应急管理部门", "co"),
        ("县气象主管部门", "co"),
    ]


def test_a_place_prefix_is_not_given_to_role_nouns_after_huitong() -> None:
    text = "某某市财政局会同项目审核部门、资金使用部门和代理机构建立资金监管机制。"
    assert _units(text) == [
        ("某某市财政局", "lead"),
        ("项目审核部门", "co"),
        ("资金使用部门", "co"),
        ("代理机构", "co"),
    ]


def test_a_level_prefix_still_goes_to_bodies_after_huitong() -> None:
    assert _units("自治区财政厅会同民政厅、审计厅制定细则。") == [
        ("自治区财政厅", "lead"),
        ("自治区民政厅", "co"),
        ("自治区审计厅", "co"),
    ]


def test_the_verb_zuzhi_after_a_huitong_object_is_not_part_of_its_name() -> None:
    assert _units("由市文化和旅游局会同景区管理部门组织开展安全检查。") == [
        ("市文化和旅游局", "lead"),
        ("景区管理部门", "co"),
    ]


def test_a_prefix_printed_in_a_huitong_object_list_goes_to_its_sectors() -> None:
    assert _units("市数据主管部门应当会同市网信、公安、保密等部门开展检查。") == [
        ("市数据主管部门", "lead"),
        ("市网信部门", "co"),
        ("市公安部门", "co"),
        ("市保密部门", "co"),
    ]


def test_a_vague_huitong_object_ends_the_object_list() -> None:
    assert _units("区卫生健康局要会同有关部门对补助资金定期组织检查。") == [("区卫生健康局", "lead")]
