"""The combiner's merge rules and the normalization of model spans (no model needed)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from extract.ml.merge import BOTH_FLOOR, MODEL_THRESHOLD, merge
from extract.ml.normalize import amount, deadline, target, unit_runs, units
from extract.ml.spans import Labelled, dedupe, para_range
from extract.model import Paragraph

# 001_ line 124: （市残联、人社局牵头，市委组织部、财政局、卫健委，税务局按照职能分工负责）
CLAUSE = "（市残联、人社局牵头，市委组织部、财政局、卫健委，税务局按照职能分工负责）"


def _at(text: str, piece: str, label: str, weight: float) -> Labelled:
    i = text.index(piece)
    return Labelled(i, i + len(piece), label, weight)


def test_agreement_on_label_and_overlap_is_both_with_high_confidence():
    rule = _at(CLAUSE, "市残联", "UNIT_LEAD", 0.95)
    model = _at(CLAUSE, "市残联", "UNIT_LEAD", 0.7)
    [m] = merge([rule], [model])
    assert (m.method, m.rule_index) == ("both", 0)
    assert BOTH_FLOOR <= m.confidence < 1


def test_rules_only_span_is_kept_as_rule_with_its_confidence():
    rule = _at(CLAUSE, "税务局", "UNIT_CO", 0.85)
    [m] = merge([rule], [])
    assert (m.method, m.confidence) == ("rule", 0.85)


def test_model_only_span_above_threshold_is_model_and_below_is_dropped():
    sure = _at(CLAUSE, "卫健委", "UNIT_CO", MODEL_THRESHOLD + 0.1)
    unsure = _at(CLAUSE, "财政局", "UNIT_CO", MODEL_THRESHOLD - 0.1)
    out = merge([], [sure, unsure])
    assert [(m.method, m.span) for m in out] == [("model", sure)]


def test_model_span_disagreeing_on_role_neither_agrees_nor_adds_a_unit():
    rule = _at(CLAUSE, "市残联", "UNIT_LEAD", 0.95)
    model = _at(CLAUSE, "市残联", "UNIT_CO", 0.99)
    out = merge([rule], [model])
    assert [m.method for m in out] == ["rule"]


def test_overlapping_model_only_spans_keep_the_best_scoring_one():
    # 2021年底前完成: `2021年` and `2021年底前` both suggested
    short = Labelled(0, 5, "DEADLINE", 0.7)
    full = Labelled(0, 7, "DEADLINE", 0.9)
    assert [m.span for m in merge([], [short, full])] == [full]


def test_model_unit_list_spreads_the_shared_prefix_and_keeps_model_roles():
    spans = [_at(CLAUSE, "市残联", "UNIT_LEAD", 0.9), _at(CLAUSE, "人社局", "UNIT_LEAD", 0.9),
             _at(CLAUSE, "市委组织部", "UNIT_CO", 0.8), _at(CLAUSE, "财政局", "UNIT_CO", 0.8)]
    runs = unit_runs(spans, CLAUSE)
    assert [len(r) for r in runs] == [2, 2]
    lead = units(CLAUSE, runs[0], None)
    assert [(u.name, u.role) for u, _ in lead] == [("市残联", "lead"), ("市人社局", "lead")]
    assert CLAUSE[lead[1][0].start : lead[1][0].end] == "人社局"


def test_model_deadline_span_is_typed_by_the_rule_parser():
    # 004_ line 635: 2021 年底前，推动盟直各有关
    text = "与接入，2021 年底前，推动盟直各有关部门"
    d = deadline(text, _at(text, "2021 年底前", "DEADLINE", 0.9), "2021-03-15")
    assert (d.kind, d.date, text[d.start : d.end]) == ("due", "2021-12-31", "2021 年底前")


def test_model_amount_span_reads_the_qualifier_in_its_clause():
    # 000_ line 1803: 项目固定资产投资放宽至 3000 万元以上
    text = "项目固定资产投资放宽至 3000 万元以上"
    a = amount(text, _at(text, "3000 万元以上", "AMOUNT", 0.9))
    assert (a.value_yuan, a.bound) == (30_000_000, "min")


def test_model_target_span_gets_its_indicator_from_the_sentence():
    # 002_: 残疾儿童义务教育入学率达到97%以上
    text = "到2025年，残疾儿童义务教育入学率达到97%以上。"
    t = target(text, _at(text, "达到97%以上", "TARGET", 0.9))
    assert (t.indicator, t.value, t.comparator) == ("残疾儿童义务教育入学率", 97.0, ">=")


def test_unreadable_model_spans_normalize_to_none():
    text = "加强组织领导"
    assert deadline(text, Labelled(0, 4, "DEADLINE", 0.9), None) is None
    assert amount(text, Labelled(0, 4, "AMOUNT", 0.9)) is None
    assert target(text, Labelled(0, 4, "TARGET", 0.9)) is None


def test_para_range_maps_source_offsets_back_through_the_offset_map():
    para = Paragraph(text="2021年底前", offsets=[10, 11, 12, 13, 15, 16, 17, 18])  # a space was dropped
    assert para_range(para, 15, 19) == (4, 8)
    assert para_range(para, 0, 5) is None


def test_dedupe_keeps_one_span_per_place_and_label_the_heaviest():
    spans = [Labelled(0, 3, "AMOUNT", 0.5), Labelled(0, 3, "AMOUNT", 1.0), Labelled(0, 3, "DEADLINE", 0.5)]
    assert dedupe(spans) == [Labelled(0, 3, "AMOUNT", 1.0), Labelled(0, 3, "DEADLINE", 0.5)]


@given(st.text(max_size=60), st.integers(0, 60), st.integers(1, 20),
       st.sampled_from(["DEADLINE", "AMOUNT", "TARGET", "UNIT_LEAD", "UNIT_CO", "UNIT_RESPONSIBLE"]))
@settings(max_examples=150, deadline=None)
def test_normalizing_a_model_span_never_raises(text, start, size, label):
    span = Labelled(min(start, len(text)), min(start + size, len(text)), label, 0.9)
    for value in (deadline(text, span, None), amount(text, span), target(text, span)):
        assert value is None or 0 <= value.start <= value.end <= len(text)
    if label.startswith("UNIT_") and span.end > span.start:
        assert all(0 <= u.start <= u.end <= len(text) for u, _ in units(text, [span], None))
