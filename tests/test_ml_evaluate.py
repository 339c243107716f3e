"""Scoring on the held-back documents only, and the verdict that gates the combined extractor."""

from __future__ import annotations

import json

from extract.evaluate import Score
from extract.ml.evaluate import format_three_way, record_verdict, restrict, winning_types

DOCS = [{"source": "a.txt", "from_line": 100, "to_line": 200, "title": "t"}]


def test_restrict_cuts_scopes_to_the_held_back_documents_and_drops_gold_outside():
    scopes = [{"source": "a.txt", "from_line": 1, "to_line": 150}, {"source": "b.txt", "from_line": 1, "to_line": 9}]
    gold = [{"type": "unit", "source": "a.txt", "line": 120}, {"type": "unit", "source": "a.txt", "line": 20},
            {"type": "citation", "source": "a.txt", "line": 130}, {"type": "amount", "source": "b.txt", "line": 5}]
    kept, cut = restrict(gold, scopes, DOCS)
    assert cut == [{"source": "a.txt", "from_line": 100, "to_line": 150}]
    assert kept == [gold[0]]


def _results(rules_tp: int, combined_tp: int) -> dict:
    def s(tp):
        return {t: Score(tp=tp, fp=1, fn=10 - tp) for t in ("unit", "deadline", "amount", "target")}

    res = {"rules": s(rules_tp), "model": s(1), "combined": s(combined_tp)}
    res["combined"]["amount"] = Score(tp=rules_tp, fp=1, fn=10 - rules_tp)
    return res


def test_winning_types_are_those_where_combined_f1_beats_rules():
    assert winning_types(_results(5, 7)) == ["unit", "deadline", "target"]
    assert winning_types(_results(7, 7)) == []


def test_record_verdict_writes_the_winning_types_into_the_manifest(tmp_path):
    (tmp_path / "gazette.json").write_text(json.dumps({"seed": 13}), encoding="utf-8")
    assert record_verdict(tmp_path, _results(5, 7)) == ["unit", "deadline", "target"]
    manifest = json.loads((tmp_path / "gazette.json").read_text(encoding="utf-8"))
    assert manifest["seed"] == 13 and manifest["combined_types"] == ["unit", "deadline", "target"]
    assert manifest["eval"]["combined"]["unit"]["f1"] > manifest["eval"]["rules"]["unit"]["f1"]


def test_three_way_table_shows_each_extractor_and_the_f1_change():
    table = format_three_way(_results(5, 7))
    top, head, *rows = table.splitlines()
    assert top.split() == ["rules", "model", "combined"] and head.split()[:2] == ["type", "gold"]
    assert rows[0].split() == ["unit", "10", "0.833", "0.500", "0.625", "0.500", "0.100", "0.167",
                               "0.875", "0.700", "0.778", "+0.153"]
