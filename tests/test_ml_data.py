"""Training data assembly: split by document, gold located in provision texts, reviews read defensively."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from extract.ml.data import DocRef, assemble, split_documents
from extract.ml.reviews import read_reviews

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def assembled():
    return assemble(ROOT / "corpus")


def test_no_document_is_both_trained_on_and_held_back(assembled):
    train = {e.doc_id for e in assembled.train}
    held = {d.doc_id for d in assembled.eval_docs}
    assert held and train
    assert not train & held
    assert {e.doc_id for e in assembled.eval} <= held


def test_split_is_reproducible_and_holds_back_about_half_the_gold(assembled):
    again = split_documents(assembled.documents)
    assert again == {d.doc_id for d in assembled.eval_docs}
    total = sum(d.gold for d in assembled.documents)
    held = sum(d.gold for d in assembled.eval_docs)
    assert 0.3 * total <= held <= 0.7 * total


def test_split_only_holds_back_documents_with_gold():
    docs = [DocRef("a.txt", f"d{i}", "t", 1, 2, gold=g) for i, g in enumerate([0, 10, 10, 0, 10, 10])]
    held = split_documents(docs, seed=1)
    assert held <= {"d1", "d2", "d4", "d5"} and len(held) == 2


def test_gold_amount_spans_print_the_gold_surface(assembled):
    gold = [e for e in assembled.train + assembled.eval if e.origin == "gold"]
    amounts = [e.text[s.start : s.end].replace(" ", "") for e in gold for s in e.spans if s.label == "AMOUNT"]
    # 000_ line 1797: 投资额 1 亿元以上 (gold surface 1亿元以上)
    assert "1亿元以上" in amounts


def test_training_mixes_silver_gold_and_level_swapped_copies(assembled):
    origins = {e.origin for e in assembled.train}
    assert {o.split("+")[0] for o in origins} == {"silver", "gold"}
    assert "gold+swap" in origins


def _store(tmp_path: Path, with_table: bool = True) -> Path:
    db = sqlite3.connect(tmp_path / "s.db")
    db.execute('CREATE TABLE deadlines (id TEXT, source TEXT, start INTEGER, "end" INTEGER)')
    db.execute("INSERT INTO deadlines VALUES ('d1', 'x.txt', 10, 17), ('d2', 'x.txt', 30, 35)")
    db.execute("CREATE TABLE obligation_units (id TEXT, source TEXT, role TEXT, start INTEGER, \"end\" INTEGER)")
    db.execute("INSERT INTO obligation_units VALUES ('u1', 'x.txt', 'co', 40, 43)")
    if with_table:
        db.execute("CREATE TABLE reviews (target_type TEXT, target_id TEXT, decision TEXT, payload TEXT)")
        db.executemany("INSERT INTO reviews VALUES (?, ?, ?, ?)", [
            ("deadline", "d1", "accepted", None),
            ("deadline", "d2", "rejected", "not json"),
            ("unit", "u1", "corrected", json.dumps({"role": "lead"})),
            ("deadline", "gone", "accepted", None),
            ("citation", "c1", "accepted", None),
        ])
    db.commit()
    db.close()
    return tmp_path / "s.db"


def test_reviews_become_positive_negative_and_corrected_signals(tmp_path):
    sig = read_reviews(_store(tmp_path))
    assert [(s.start, s.label, s.positive) for s in sig] == [
        (10, "DEADLINE", True), (30, "DEADLINE", False), (40, "UNIT_LEAD", True)]


def test_store_without_reviews_table_gives_no_signals(tmp_path):
    assert read_reviews(_store(tmp_path, with_table=False)) == []
    assert read_reviews(tmp_path / "missing.db") == []


def test_review_decisions_override_the_silver_spans(tmp_path):
    # 001_ line 124: （市残联、人社局牵头，市委组织部、财政局、卫健委，税务局按照职能分工负责）
    from extract.extractors.annotate import extract_document
    from extract.ml.data import apply_reviews, parse_corpus
    from extract.ml.reviews import Signal
    from extract.ml.spans import rule_items

    corpus = tmp_path / "c"
    corpus.mkdir()
    lines = next((ROOT / "corpus").glob("001_*.txt")).read_text(encoding="utf-8").splitlines(keepends=True)
    (corpus / "s.txt").write_text("".join(lines[:130]), encoding="utf-8")
    source, doc = parse_corpus(corpus)[0]
    found = extract_document(source, doc)
    spans: dict = {}
    for _key, pid, lab in rule_items(doc, found):
        spans.setdefault(pid, []).append(lab)
    ob = next(o for o in found.obligations if any(u.name == "市残联" for u, _ in o.units))
    unit_span = next(sp for u, sp in ob.units if u.name == "市残联")
    tax_span = next(sp for u, sp in ob.units if u.name == "市税务局")
    signals = [Signal("s.txt", unit_span.start, unit_span.end, "UNIT_LEAD", False),
               Signal("s.txt", tax_span.start, tax_span.end, "UNIT_LEAD", True)]
    touched = apply_reviews(source, doc, spans, signals)
    assert touched == {ob.provision_id}
    text = next(p for p in doc.provisions if p.id == ob.provision_id).paragraph.text
    labels = {text[s.start : s.end]: s.label for s in spans[ob.provision_id]}
    assert "市残联" not in labels
    assert labels["税务局"] == "UNIT_LEAD" and labels["人社局"] == "UNIT_LEAD"
