"""Money amounts in running text: value in yuan, bound, per basis and role (seed sentences quoted)."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.extractors.amounts import find_amounts, parse_amount


def _one(text):
    found = find_amounts(text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("年度投入资金59.53万元", 595_300),  # 001_
        ("1亿元", 100_000_000),
        ("五万元", 50_000),
        ("壹万贰仟元", 12_000),
        ("１，０００元", 1000),
        ("1,000元", 1000),
        ("3元5角", 3.5),
        ("累计投入民生资金 1.18 万亿元", 1_180_000_000_000),  # 003_
    ],
)
def test_amount_value_in_yuan(text, value):
    assert parse_amount(text).value_yuan == pytest.approx(value)


def test_amount_wan_multiplies_by_ten_thousand_with_stray_space():
    # 000_: 对固定资产投资 1亿元以上 / 设备投资达到 3000万元以上; reflow leaves `59.53 万元`
    assert parse_amount("59.53 万元").value_yuan == pytest.approx(595_300)
    assert parse_amount("1 亿元").value_yuan == 100_000_000


@pytest.mark.parametrize("text", ["1万-5万元", "1万至5万元", "1万元—5万元"])
def test_amount_range_gives_low_and_high(text):
    a = parse_amount(text)
    assert (a.bound, a.value_yuan, a.low_yuan, a.high_yuan) == ("range", 10_000, 10_000, 50_000)


def test_amount_range_low_end_borrows_the_multiplier():
    a = parse_amount("一百二十到一百五十万元")
    assert (a.low_yuan, a.high_yuan) == (1_200_000, 1_500_000)


def test_amount_range_of_plain_yuan_with_per_bed_month():
    # 003_: 自治区财政按机构等级和实际入住人数每张床位每月给予 100 元至 300 元的运营补贴。
    a = _one("自治区财政按机构等级和实际入住人数每张床位每月给予 100 元至 300 元的运营补贴。")
    assert (a.low_yuan, a.high_yuan, a.per, a.role) == (100, 300, "床·月", "subsidy")


def test_amount_min_when_yishang_follows_and_investment_role():
    # 000_: 本政策所扶持的招商引资项目为新建固定资产投资 1 亿元以上的项目
    a = _one("本政策所扶持的招商引资项目为新建固定资产投资 1 亿元以上的项目")
    assert (a.surface, a.bound, a.role) == ("1 亿元以上", "min", "investment")


def test_amount_max_with_prefix_bound_keeps_it_in_surface():
    # 000_: 按照企业技改投入的10%进行补助，最高不超过 300 万元。
    a = _one("按照企业技改投入的10%进行补助，最高不超过 300 万元。")
    assert (a.surface, a.bound, a.value_yuan, a.role) == ("最高不超过 300 万元", "max", 3_000_000, "subsidy")


def test_amount_inclusive_bracket_is_part_of_the_amount():
    # 000_: 对购买售价10 万元（含）以上燃油汽车和新能源汽车的消费者分别给予1000元和1500元等价补贴
    found = find_amounts(
        "对购买售价10 万元（含）以上燃油汽车和新能源汽车的消费者分别给予1000元和1500元等价补贴"
    )
    assert [(a.surface, a.bound) for a in found] == [
        ("10 万元（含）以上", "min"),
        ("1000元", "exact"),
        ("1500元", "exact"),
    ]
    assert found[0].role is None  # 消费 is no fee
    assert found[1].role == found[2].role == "subsidy"


def test_amount_above_and_below_pair_merges_into_range():
    # 000_: 固定资产投资 2亿元以上(含 2亿元)3亿元以下的奖励 50万元
    found = find_amounts("固定资产投资 2亿元以上(含 2亿元)3亿元以下的奖励 50万元")
    assert [(a.bound, a.low_yuan, a.high_yuan, a.role) for a in found] == [
        ("range", 200_000_000, 300_000_000, "investment"),
        ("exact", None, None, "reward"),
    ]


@pytest.mark.parametrize(
    ("text", "per"),
    [
        ("提高到每人每月 100元", "人·月"),  # 000_
        ("养老保险费提高到每人每年 200元", "人·年"),  # 000_
        ("投资强度达到 100万元/亩", "亩"),  # 000_
        ("100元/人·月", "人·月"),
        ("100元/人/年", "人·年"),
        ("每户 500 元", "户"),
        ("每个项目最高补助 50 万元", "项目"),
        ("给予每张床位(含公共设施30平方米)6000元的一次性建设补贴", "床"),  # 003_
        ("可给予人均不超过 10 万元的创业担保贷款", "人"),  # 003_
    ],
)
def test_amount_per_basis_before_or_after(text, per):
    assert parse_amount(text).per == per


def test_amount_list_members_share_role_and_per():
    # 003_: 每人每月分别给予 300 元、500 元和 900 元的特殊岗位津贴。
    found = find_amounts("养老护理员，每人每月分别给予 300 元、500 元和 900 元的特殊岗位津贴。")
    assert [a.value_yuan for a in found] == [300, 500, 900]
    assert {(a.per, a.role) for a in found} == {("人·月", "subsidy")}


def test_amount_role_cue_before_a_following_number_belongs_to_it():
    # 000_: 给予引进企业 100 万元、200 万元、300万元奖补。
    found = find_amounts("超过1 亿元、5 亿元 10 亿元的项目，给予引进企业 100 万元、200 万元、300万元奖补。")
    assert [a.role for a in found[-3:]] == ["reward"] * 3
    assert found[0].bound == "min"


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("可给予最高不超过 200 万元的创业担保贷款", "loan"),  # 003_
        ("年度投入资金59.53万元", "fund"),  # 001_
        ("年营业额达到 1000 万元以上的大型龙头企业", "turnover"),  # 003_
        ("处 1 万元以上 5 万元以下罚款", "fine"),
        ("获得自治区级表彰的旅行社一次性奖励 5万元", "reward"),  # 000_
    ],
)
def test_amount_role_from_sentence_cues(text, role):
    assert parse_amount(text).role == role


def test_amount_yuan_left_to_next_list_member_is_still_found():
    # 000_: 年进出口额达到5000 万和 1 亿元人民币的生产型外贸企业
    found = find_amounts("年进出口额达到5000 万和 1 亿元人民币的生产型外贸企业")
    assert [(a.surface, a.value_yuan) for a in found] == [
        ("5000 万", 50_000_000),
        ("1 亿元人民币", 100_000_000),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "改造率达100%，贫困残疾人家庭无障碍改造实施210户",
        "截至2020年底，全市残疾人数达665人",
        "破除城乡二元结构，推进一元化管理，统一元数据标准",
        "残疾人就业 5100人，4200户",
    ],
)
def test_percentages_counts_years_and_word_yuan_are_not_amounts(text):
    assert find_amounts(text) == []


def test_parse_amount_returns_none_without_money():
    assert parse_amount("到2025年，残疾人脱贫攻坚成果巩固拓展") is None


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(
        st.text(), st.text(alphabet="0123456789１，.万亿千元角以上下含()每人月年/·至-、和不超过最高投资奖励")
    )
)
def test_amount_functions_never_raise_and_offsets_match_surface(text):
    parse_amount(text)
    for a in find_amounts(text):
        assert a.surface and text[a.start : a.end] == a.surface


# ---------------------------------------------------------------- wider coverage (issue 12)


def _fields(text):
    a = parse_amount(text)
    return (a.surface, a.value_yuan, a.bound, a.low_yuan, a.high_yuan, a.currency) if a else None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a unit printed with no number is one of it, with the bound around it
        ("营业收入千万元以上的物业服务企业", ("千万元以上", 10_000_000, "min", None, None, "CNY")),
        ("年营业收入超亿元的企业", ("超亿元", 100_000_000, "min", None, None, "CNY")),
        # capital numerals and 圆…整
        ("合同金额人民币肆佰叁拾萬圆整", ("肆佰叁拾萬圆整", 4_300_000, "exact", None, None, "CNY")),
        ("贰仟伍佰元整", ("贰仟伍佰元整", 2500, "exact", None, None, "CNY")),
        # ranges written with a doubled dash or an inclusive mark after the low end
        ("给予1万元--5万元的补助", ("1万元--5万元", 10_000, "range", 10_000, 50_000, "CNY")),
        ("奖励1万(含)-5万元", ("1万(含)-5万元", 10_000, "range", 10_000, 50_000, "CNY")),
        # the low end borrows the high end's 万 even when it prints 千
        ("投资一千到两千万元", ("一千到两千万元", 10_000_000, "range", 10_000_000, 20_000_000, "CNY")),
        # 多 / 余 make a floor; 突破 is a floor word
        ("交易额7500多亿元", ("7500多亿元", 750_000_000_000, "min", None, None, "CNY")),
        ("放贷300余万元", ("300余万元", 3_000_000, "min", None, None, "CNY")),
        ("零售总额突破2万亿元", ("突破2万亿元", 2_000_000_000_000, "min", None, None, "CNY")),
        # foreign currency: value in that currency
        ("进出口总额超过3.2万亿美元", ("超过3.2万亿美元", 3_200_000_000_000, "min", None, None, "USD")),
        ("利用外资606亿美元", ("606亿美元", 60_600_000_000, "exact", None, None, "USD")),
        ("引进外资500万欧元", ("500万欧元", 5_000_000, "exact", None, None, "EUR")),
    ],
)
def test_amount_forms_from_other_governments(text, expected):
    assert _fields(text) == expected


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("“十二五”期间累计投入1.18万亿元", "past"),
        ("全年共计发放补贴300万元", "past"),
        ("对新认定的企业给予10万元奖励", "committed"),
        ("市财政安排资金5亿元", "committed"),
        ("投资30万元以下的养老机构", None),
    ],
)
def test_amount_status_tells_past_money_from_committed(text, status):
    assert parse_amount(text).status == status


def test_yearly_grant_keeps_year_as_per():
    a = parse_amount("每年给予10万元运营补贴")
    assert (a.value_yuan, a.per, a.status) == (100_000, "年", "committed")


@pytest.mark.parametrize(
    ("text", "value", "low", "high"),
    [
        ("十块三毛", 10.3, None, None),  # 块 is spoken yuan, 毛 a tenth
        ("一百三十五块六角七分钱", 135.67, None, None),
        ("至少九千块钱以上", 9000, None, None),
        ("几十万块", 100_000, 100_000, 1_000_000),  # a vague number is a range
        ("投入数十亿元", 1_000_000_000, 1_000_000_000, 10_000_000_000),
        ("十几块钱", 10, 10, 20),
        ("三五百块", 300, 300, 500),  # two neighbouring digits
        ("10~15k元", 10_000, 10_000, 15_000),  # the low end borrows k
        ("七千到九千亿元", 700_000_000_000, 700_000_000_000, 900_000_000_000),
    ],
)
def test_spoken_and_vague_money(text, value, low, high):
    a = parse_amount(text)
    assert (a.value_yuan, a.low_yuan, a.high_yuan) == (value, low, high)


def test_block_of_land_is_no_money():
    assert find_amounts("出让一块土地") == []


@pytest.mark.parametrize(("text", "value"), [("三百万", 3_000_000), ("肆佰叁拾萬", 4_300_000), ("15k左右", 15_000)])
def test_a_lone_number_with_a_unit_read_alone_is_yuan(text, value):
    assert parse_amount(text).value_yuan == value


def test_a_lone_number_in_running_text_is_no_money():
    assert find_amounts("全市三百万人口") == []
