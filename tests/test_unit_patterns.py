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


def test_by_x_with_a_report_or_by_rule_action_names_the_responsible_unit() -> None:
    assert _units("验收合格后，由县住房城乡建设局报市住房城乡建设局审定。") == [("县住房城乡建设局", "responsible")]


def test_by_x_in_a_paragraph_that_also_has_a_marked_clause() -> None:
    text = "市教育局负责组织实施。评审结果由区教育局报市教育局备案。"
    assert _units(text) == [("市教育局", "responsible"), ("区教育局", "responsible")]


def test_ke_you_grants_a_permission_and_names_no_duty() -> None:
    assert _units("经家属同意后，可由养老机构制定具体照护方案。") == []


def test_a_unit_with_its_bracketed_alternative_is_one_name_in_lists_and_duty_lines() -> None:
    assert _units("由区卫生健康局、镇人民政府（街道办事处）督促机构整改。") == [
        ("区卫生健康局", "responsible"),
        ("镇人民政府（街道办事处）", "responsible"),
    ]
    assert _units("镇人民政府（街道办事处）负责具体组织实施。") == [("镇人民政府（街道办事处）", "responsible")]


def test_a_body_with_the_power_is_no_named_unit() -> None:
    assert _units("违反本办法规定的，由有权机关责令改正。") == []


def test_a_clause_after_by_x_is_not_read_as_a_name() -> None:
    assert _units("规章由省司法厅审查并定期向省人民政府报告。") == []


def test_huo_and_yu_split_a_list_after_by_x() -> None:
    text = "服务价格由区医疗保障局或区卫生健康局与服务机构通过协议方式确定。"
    assert _units(text) == [
        ("区医疗保障局", "responsible"),
        ("区卫生健康局", "responsible"),
        ("服务机构", "responsible"),
    ]


def test_a_place_prefix_goes_to_bodies_in_a_list_but_not_to_role_nouns() -> None:
    assert _units("（市民政局牵头，财政局、项目运营单位按照职能分工负责）") == [
        ("市民政局", "lead"),
        ("市财政局", "co"),
        ("项目运营单位", "co"),
    ]


def test_a_sentence_subject_carried_across_commas_owns_a_bare_fuze() -> None:
    text = "数据提供部门是本部门数据的责任主体，是数据的来源部门，负责本部门数据的采集和更新。"
    assert _units(text) == [("数据提供部门", "responsible")]
    assert _units("平台运营单位作为平台运营主体，负责平台的日常运维。") == [("平台运营单位", "responsible")]
    assert _units("各部门应当加强数据校核，及时更正错误数据，承担数据质量责任。") == [("各部门", "responsible")]


def test_a_bare_fuze_after_a_sentence_that_names_no_unit_gives_none() -> None:
    assert _units("这项工作是今年的重点，负责同志要亲自抓。") == []
    assert _units("数据质量是生命线，负责采集的人员要认真核对。") == []


def test_under_the_first_listed_lead_rule_a_unit_before_deng_leads_the_others(tmp_path) -> None:
    from extract.pipeline import process_file

    path = tmp_path / "notice.txt"
    path.write_text(
        "国务院关于做好某项工作的通知\n\n一、稳定就业。（人力资源社会保障部、财政部负责。列第一位者为牵头单位，下同）\n\n"
        "二、扩大见习。（教育部等有关部门和单位负责）\n\n三、加强宣传。（中国残联负责）\n",
        encoding="utf-8",
    )
    units = [(u.name, u.role) for o in process_file(path).obligations for u, _ in o.units]
    assert units == [
        ("人力资源社会保障部", "lead"), ("财政部", "responsible"),
        ("教育部", "lead"),                    # 等有关部门和单位: the others it leads are left unnamed
        ("中国残联", "responsible"),           # named alone, it leads no one
    ]


def test_a_subject_acting_as_the_main_body_owns_luoshi_zhuti_zeren() -> None:
    text = "各省、自治区、直辖市人民政府作为试点工作的责任主体，要切实落实主体责任。"
    assert _units(text) == [("各省、自治区、直辖市人民政府", "responsible")]


def test_pilot_cities_and_a_party_named_by_its_role_are_units() -> None:
    assert _units("试点城市负责编制年度工作方案。") == [("试点城市", "responsible")]
    assert _units("平台监管方承担平台监管责任。") == [("平台监管方", "responsible")]


def test_a_step_before_the_unit_is_not_part_of_its_name() -> None:
    text = "经处室负责人同意、分管领导签批后报局办公室，局办公室负责统一发布。"
    assert _units(text) == [("局办公室", "responsible")]


def test_a_run_of_level_words_after_he_is_one_list_item() -> None:
    assert _units("（省发展改革委和市、县发展改革部门按职责分工负责）") == [
        ("省发展改革委", "co"),
        ("市发展改革部门", "co"),
        ("县发展改革部门", "co"),
    ]


def test_a_bracketed_alternative_inside_a_by_x_list() -> None:
    text = "服务价格由区卫生健康局或镇人民政府（街道办事处）与服务机构通过协议方式确定。"
    assert _units(text) == [
        ("区卫生健康局", "responsible"),
        ("镇人民政府（街道办事处）", "responsible"),
        ("服务机构", "responsible"),
    ]


def test_by_x_with_a_verb_de_is_a_relative_clause_not_a_duty() -> None:
    assert _units("其余文件统一由县人民政府确定的审核机构进行审核。") == []


def test_benji_names_the_body_at_the_same_level_and_youguan_zhengwu_bumen_is_vague() -> None:
    assert _units("发生争议的，由本级财政部门会同有关政务部门协调处理。") == [("本级财政部门", "lead")]
    assert _units("违反规定的，由本级人民政府或者上级主管部门责令改正。") == [
        ("本级人民政府", "responsible"),
        ("上级主管部门", "responsible"),
    ]


def test_a_request_between_two_bodies_after_by_names_the_requester() -> None:
    text = "应急状态升级的，由市防汛指挥部提请省防汛指挥部进行调度。"
    assert _units(text) == [("市防汛指挥部", "responsible")]


def test_by_x_inside_a_task_closed_by_a_parenthetical_keeps_the_task_whole() -> None:
    text = "（三）组建服务队伍。人员由区人社局统筹安排。（区人社局、财政局牵头，各街道配合）"
    assert _units(text) == [("区人社局", "lead"), ("区财政局", "lead"), ("各街道", "co")]


def test_a_working_group_named_with_yu_and_a_short_name_stays_whole() -> None:
    text = "市养老服务与医疗卫生融合工作组(以下简称工作组)负责统筹推进。"
    assert _units(text) == [("市养老服务与医疗卫生融合工作组", "responsible")]


def test_youguan_xingzheng_guanli_bumen_is_a_vague_object() -> None:
    assert _units("有关行政管理部门（承担公共管理职能的组织等）违反本办法规定的，依法处理。") == []


def test_peihe_with_the_helped_body_named_after_it_makes_the_subject_co() -> None:
    assert _units("服务机构应当积极配合相关部门对存在问题进行整改。") == [("服务机构", "co")]
    assert _units("社会力量积极参与养老服务。") == []


def test_yifa_between_the_unit_and_its_marker_is_no_part_of_the_name() -> None:
    assert _units("承办单位应当依法依协议积极配合有关部门开展检查。") == [("承办单位", "co")]


def test_a_sector_list_broken_by_a_stray_comma_is_one_list() -> None:
    text = "县民政、财政，审计、统计等有关职能部门要按职能分工加强监管。"
    assert _units(text) == [("县民政部门", "co"), ("县财政部门", "co"), ("县审计部门", "co"), ("县统计部门", "co")]


def test_anzhao_bumen_zhize_fengong_before_a_comma_makes_the_subject_co() -> None:
    assert _units("各成员单位按照部门职责分工，制定具体措施。") == [("各成员单位", "co")]


def test_by_x_reporting_a_past_event_names_no_duty() -> None:
    assert _units("这个草案已经由市人民政府通过，提请本次会议审议。") == []
    assert _units("具体办法由市司法局制定。") == [("市司法局", "responsible")]
