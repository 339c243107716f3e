"""A tiny model trained in seconds, then the real loading, prediction and combination code over it."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from click.testing import CliRunner

from extract.cli import main
from extract.extractors.annotate import extract_document
from extract.ml import combine as combine_mod
from extract.ml.combine import combine, load_model, predict
from extract.ml.data import parse_corpus

ROOT = Path(__file__).resolve().parent.parent
SEED_001 = next((ROOT / "corpus").glob("001_*.txt"))


@pytest.fixture(scope="module")
def tiny(tmp_path_factory) -> tuple[Path, Path]:
    """A corpus of the first 180 lines of 001_ (its cover notice and five 牵头 clauses, e.g. line 124
    `（市残联、人社局牵头，市委组织部、财政局、卫健委，税务局按照职能分工负责）`) and a model trained on it."""
    tmp = tmp_path_factory.mktemp("ml")
    corpus = tmp / "corpus"
    corpus.mkdir()
    lines = SEED_001.read_text(encoding="utf-8").splitlines(keepends=True)[:180]
    (corpus / "slice_001.txt").write_text("".join(lines), encoding="utf-8")
    model = tmp / "model"
    result = CliRunner().invoke(main, ["train", "--corpus", str(corpus), "--output", str(model),
                                       "--max-steps", "6"])
    assert result.exit_code == 0, result.output
    return corpus, model


def test_train_installs_a_loadable_pipeline_with_its_manifest(tiny):
    _, model = tiny
    assert (model / "meta.json").exists() and (model / "gazette.json").exists()
    nlp = load_model(model)
    assert nlp is not None and nlp.pipe_names == ["tok2vec", "spancat"]
    assert set(nlp.get_pipe("spancat").labels) == {"UNIT_LEAD", "UNIT_CO", "UNIT_RESPONSIBLE", "DEADLINE",
                                                   "AMOUNT", "TARGET"}


def test_predict_gives_scored_spans_inside_each_text(tiny):
    nlp = load_model(tiny[1])
    nlp.get_pipe("spancat").cfg["threshold"] = 0.0  # an untrained-ish model: look at every candidate
    texts = ["（市残联、人社局牵头，市委组织部、财政局按照职能分工负责）", "2021 年底前完成"]
    try:
        out = predict(nlp, texts)
    finally:
        nlp.get_pipe("spancat").cfg["threshold"] = 0.3
    assert len(out) == 2 and out[0]
    for text, spans in zip(texts, out, strict=True):
        assert all(0 <= s.start < s.end <= len(text) and 0.0 <= s.weight <= 1.0 for s in spans)


def test_combined_keeps_every_rule_finding_and_marks_methods(tiny):
    corpus, model = tiny
    source, doc = parse_corpus(corpus)[0]
    rules = extract_document(source, doc)
    out = combine(source, doc, rules, "combined", model_dir=model)
    assert len(out.values) >= len(rules.values)
    assert sum(len(o.units) for o in out.obligations) >= sum(len(o.units) for o in rules.obligations)
    assert {v.method for v in out.values} | {o.method for o in out.obligations} <= {"rule", "model", "both"}
    only_model = combine(source, doc, rules, "model", model_dir=model)
    assert all(v.method in ("model", "both") for v in only_model.values if v.type in ("deadline", "amount"))


def test_without_a_model_combine_warns_once_and_returns_the_rules(tiny, tmp_path, caplog):
    corpus, _ = tiny
    source, doc = parse_corpus(corpus)[0]
    rules = extract_document(source, doc)
    combine_mod._warned.clear()
    with caplog.at_level(logging.WARNING, logger="extract.ml"):
        first = combine(source, doc, rules, "combined", model_dir=tmp_path / "absent")
        second = combine(source, doc, rules, "model", model_dir=tmp_path / "absent")
    assert first is rules and second is rules
    warnings = [r.getMessage() for r in caplog.records if "no trained model" in r.getMessage()]
    assert len(warnings) == 1 and "gazette train" in warnings[0]


def test_combined_adds_model_spans_only_for_the_recorded_winning_types(tiny):
    import json

    corpus, model = tiny
    source, doc = parse_corpus(corpus)[0]
    rules = extract_document(source, doc)
    manifest = json.loads((model / "gazette.json").read_text(encoding="utf-8"))
    (model / "gazette.json").write_text(json.dumps({**manifest, "combined_types": []}), encoding="utf-8")
    combine_mod._admitted.cache_clear()
    try:
        out = combine(source, doc, rules, "combined", model_dir=model)
    finally:
        (model / "gazette.json").write_text(json.dumps(manifest), encoding="utf-8")
        combine_mod._admitted.cache_clear()
    assert all(v.method != "model" for v in out.values)
    assert all(o.method != "model" for o in out.obligations)
