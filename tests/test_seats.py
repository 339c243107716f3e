"""Seats named in running text (办公室主任由…兼任), from the 004_ roster notices."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from extract.extractors.seats import find_seats

GROUP = "兴安盟推进政府职能转变和“放管服”改革协调小组"


def test_office_director_takes_the_rosters_group_and_splits_position_from_person():
    # 004_ line 114
    [m] = find_seats("协调小组办公室设在盟行署办公室，办公室主任由盟行署秘书长杨冀鹏兼任。", GROUP)
    assert (m.group, m.role, m.person, m.position) == (f"{GROUP}办公室", "主任", "杨冀鹏", "盟行署秘书长")


def test_named_sub_groups_each_get_their_leader():
    # 004_ lines 336-346
    text = ("其中：综合组组长由盟行政审批和政务服务局局长王晓明兼任，法治组组长由盟司法局局长刘忠兼任，"
            "督查组组长由盟行署办公室副主任王家军兼任。")
    got = [(m.group, m.role, m.person, m.position) for m in find_seats(text, GROUP)]
    assert got == [("综合组", "组长", "王晓明", "盟行政审批和政务服务局局长"), ("法治组", "组长", "刘忠", "盟司法局局长"),
                   ("督查组", "组长", "王家军", "盟行署办公室副主任")]


def test_a_seat_without_position_keeps_the_person_and_no_position():
    # 004_ line 4582
    [m] = find_seats("（二）领导小组办公室设在盟住房和城乡建设局，办公室主任由宝林同志兼任。", "兴安盟城镇老旧小区改造工作领导小组")
    assert (m.person, m.position, m.group) == ("宝林", None, "兴安盟城镇老旧小区改造工作领导小组办公室")


def test_sentences_without_a_seat_give_nothing():
    assert find_seats("全区性行业协会商会脱钩试点工作由自治区民政厅牵头负责。", GROUP) == []


@given(st.text(max_size=60))
def test_find_seats_never_raises(text):
    for m in find_seats(text, GROUP):
        assert 0 <= m.start < m.end <= len(text)
