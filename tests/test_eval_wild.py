"""`gazette eval` reports the seed gold and the wild gold (sources keyed by their path under the wild folder)."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from extract.cli import main
from extract.evaluate import evaluate_wild

NOTICE = (
    "某市人民政府办公室关于做好养老服务工作的通知\r\n"
    "某府办发〔2024〕3号\r\n"
    "各区人民政府，市政府各部门：\r\n"
    "一、落实养老服务补贴，每人每月补贴200元。（责任单位：市民政局）\r\n"
    "2024年3月1日\r\n"
)


def _wild(tmp_path: Path) -> tuple[Path, Path]:
    wild = tmp_path / "wild"
    (wild / "local").mkdir(parents=True)
    (wild / "local" / "notice.txt").write_bytes(NOTICE.encode("utf-8"))
    gold = tmp_path / "gold-wild"
    gold.mkdir()
    src = "local/notice.txt"
    records = [
        {"type": "document", "source": src, "line": 1, "title": "某市人民政府办公室关于做好养老服务工作的通知",
         "doc_number": "某府办发〔2024〕3号", "date": "2024-03-01"},
        {"type": "amount", "source": src, "line": 4, "value_yuan": 200.0, "bound": "exact"},
        {"type": "unit", "source": src, "line": 4, "name": "市民政局", "role": "responsible"},
        {"type": "amount", "source": src, "line": 4, "value_yuan": 999.0, "bound": "exact"},  # a miss
    ]
    (gold / "local__notice.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records),
                                              encoding="utf-8")
    scope = {"source": src, "from_line": 1, "to_line": 5, "note": "whole notice"}
    (gold / "scopes.jsonl").write_text(json.dumps(scope, ensure_ascii=False) + "\n", encoding="utf-8")
    return wild, gold


def test_wild_gold_is_scored_by_path_relative_to_the_wild_folder(tmp_path):
    wild, gold = _wild(tmp_path)
    report = evaluate_wild(wild, gold)
    assert report.sources == ["local/notice.txt"] and not report.missing
    s = report.scores
    assert (s["document"].tp, s["document"].fp, s["document"].fn) == (1, 0, 0)
    assert (s["unit"].tp, s["unit"].fn) == (1, 0)
    assert (s["amount"].tp, s["amount"].fn) == (1, 1)


def test_eval_says_so_when_the_wild_folder_or_gold_is_missing(tmp_path):
    assert "not found" in evaluate_wild(tmp_path / "nowhere", tmp_path).message
    assert "no wild gold" in evaluate_wild(tmp_path, tmp_path / "empty").message


def test_eval_prints_both_golds(tmp_path):
    wild, gold = _wild(tmp_path)
    res = CliRunner().invoke(main, ["eval", "--wild", str(wild), "--wild-gold", str(gold), "--errors", "amount"])
    assert res.exit_code == 0, res.output
    assert "seed gold" in res.output and "wild gold (tests/data/gold-wild)" in res.output
    assert "MISS  amount local/notice:4" in res.output
    res = CliRunner().invoke(main, ["eval", "--wild", str(tmp_path / "nowhere")])
    assert "wild corpus not found" in res.output and "seed gold" in res.output
