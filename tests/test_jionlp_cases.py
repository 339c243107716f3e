"""Coverage of JioNLP's own public test cases (bench/data/jionlp_cases.json) by our parsers alone.

The side-by-side comparison with JioNLP itself is bench/bench_jionlp.py; this test holds the floor
the project promises: at least 95 % of the RMB money cases and of the date cases a deadline can take.
"""

import json
from pathlib import Path

from extract import parse_amount, parse_deadline

CASES = json.loads((Path(__file__).resolve().parent.parent / "bench" / "data" / "jionlp_cases.json")
                   .read_text(encoding="utf-8"))


def _money_right(case: dict) -> bool:
    a = parse_amount(case["text"])
    want = case["expected"]
    if a is None:
        return False
    if isinstance(want, list):
        return a.bound == "range" and [round(a.low_yuan, 2), round(a.high_yuan, 2)] == want
    return round(a.value_yuan, 2) == want


def _date_right(case: dict) -> bool:
    d = parse_deadline(case["text"], case.get("base", "2021-06-14"))
    if d is None:
        return False
    if "every" in case:
        return d.every == case["every"]
    if case["last"] is None:
        return d.kind == "effective" and d.date == case["first"]
    return d.date == case["last"] and (d.start_date is None or case["first"] is None or d.start_date == case["first"])


def test_cases_name_their_source():
    assert CASES["sources"]["money"]["repository"] == "dongrixinyu/JioNLP"
    assert len(CASES["money"]) == 29 and len(CASES["dates"]) > 80


def test_rmb_money_cases_are_parsed():
    right = [c["text"] for c in CASES["money"] if _money_right(c)]
    assert len(right) / len(CASES["money"]) >= 0.95


def test_date_cases_a_deadline_can_take_are_parsed():
    cases = CASES["dates"] + CASES["periods"]
    wrong = [c["text"] for c in cases if not _date_right(c)]
    assert 1 - len(wrong) / len(cases) >= 0.95, wrong
