"""Amounts and deadlines: gazette-extract vs JioNLP, side by side in one run.

    pip install -e '.[bench]' && python bench/bench_jionlp.py

Three comparisons, each printed as one line per system:
1. JioNLP's own public test suite (bench/data/jionlp_cases.json, source named there): the RMB money
   cases and the date cases a deadline can take. Share right = the value (a range's ends) or the
   last day allowed (a span's first day too, when it has one) agrees.
2. The dev golds: the seed gold (tests/data/gold, corpus/) and the wild gold (tests/data/gold-wild,
   ../shared/wild; skipped when absent). Both systems read the same provision texts inside the gold
   scopes and are scored on what JioNLP can express — an amount's value, a time's last day — plus
   the line; our full-key scores (bound, kind, every) are printed by `gazette eval`. JioNLP cannot
   tell a deadline from any other time, so it is scored on every time it finds.
3. Speed: both finders over the same texts.
JioNLP is a bench-only extra (pyproject `bench`).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import time
from pathlib import Path

from extract.evaluate import Score, load_gold
from extract.extractors.amounts import find_amounts, parse_amount
from extract.extractors.deadlines import find_deadlines, parse_deadline
from extract.pipeline import process_file

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "bench" / "data" / "jionlp_cases.json"
SEED = (ROOT / "tests" / "data" / "gold", ROOT / "corpus")
WILD = (ROOT / "tests" / "data" / "gold-wild", ROOT.parent / "shared" / "wild")
_EVERY = {(("year", 1),): "year", (("year", 0.5),): "half_year", (("month", 1),): "month", (("day", 7),): "week"}


# ---------------------------------------------------------------- 1. JioNLP's own cases


def _close(got: object, want: object) -> bool:
    if isinstance(want, list):
        return isinstance(got, list | tuple) and len(got) == 2 and all(_close(g, w) for g, w in zip(got, want, strict=True))
    try:
        return got is not None and abs(float(got) - float(want)) < 0.01  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False


def _ours_money(text: str) -> object:
    a = parse_amount(text)
    if a is None:
        return None
    return [a.low_yuan, a.high_yuan] if a.bound == "range" else a.value_yuan


def _jio_money(text: str) -> object:
    import jionlp as jio

    num = (jio.parse_money(text) or {}).get("num")
    return [float(x) for x in num] if isinstance(num, list) else num


def _ours_date(case: dict) -> tuple[str | None, str | None, str | None]:
    """(first, last, every) our parser gives: an effective date is a first day, others a last day."""
    d = parse_deadline(case["text"], case.get("base"))
    if d is None:
        return None, None, None
    if d.kind == "effective":
        return d.date, None, d.every
    return d.start_date, d.date, d.every


def _jio_base(base: str) -> dict:
    parts = [int(p) for p in base.split("-")]
    return dict(zip(("year", "month", "day"), parts, strict=False))


def _jio_date(case: dict) -> tuple[str | None, str | None, str | None]:
    import jionlp as jio

    r = jio.parse_time(case["text"], time_base=_jio_base(case["base"])) or {}
    t = r.get("time")
    if r.get("type") == "time_period":
        delta = tuple(sorted((t or {}).get("delta", {}).items()))
        return None, None, _EVERY.get(delta)
    if not isinstance(t, list) or len(t) != 2:
        return None, None, None
    first, last = (x if isinstance(x, str) and x[:1].isdigit() else None for x in t)
    if last and last.endswith("00:00:00") and last != first:  # 16日24时 = 17日 00:00:00: nothing of the 17th
        last = (dt.date.fromisoformat(last[:10]) - dt.timedelta(days=1)).isoformat()
    return (first or "")[:10] or None, (last or "")[:10] or None, None


def _date_right(case: dict, got: tuple[str | None, str | None, str | None]) -> bool:
    first, last, every = got
    if "every" in case:
        return every == case["every"]
    if case["last"] is None:  # …起: only a first day
        return first == case["first"]
    return last == case["last"] and (first is None or case["first"] is None or first == case["first"])


def own_cases() -> list[tuple[str, float, float, float]]:
    """(system, money share right, date share right, seconds) on JioNLP's own suite."""
    cases = json.loads(CASES.read_text(encoding="utf-8"))
    dates = cases["dates"] + [{**p, "base": "2021-06-14"} for p in cases["periods"]]
    out = []
    for system, money, date in (("gazette-extract", _ours_money, _ours_date), ("JioNLP", _jio_money, _jio_date)):
        t = time.perf_counter()
        m_ok = sum(_close(_safe(money, c["text"]), c["expected"]) for c in cases["money"])
        d_ok = sum(_date_right(c, _safe(date, c) or (None, None, None)) for c in dates)
        out.append((system, m_ok / len(cases["money"]), d_ok / len(dates), time.perf_counter() - t))
    return out


def _safe(f, arg):  # JioNLP raises on some strings it cannot parse
    try:
        return f(arg)
    except Exception:  # noqa: BLE001
        return None


# ---------------------------------------------------------------- 2. the dev golds


def _wild_gold(gold_dir: Path) -> tuple[list[dict], list[dict]]:
    gold, scopes = [], []
    for f in sorted(gold_dir.glob("*.jsonl")):
        recs = [json.loads(x) for x in f.read_text(encoding="utf-8").splitlines() if x.strip()]
        (scopes if f.name.startswith("scopes") else gold).extend(recs)
    return gold, scopes


def _texts(scopes: list[dict], root: Path) -> tuple[list[tuple], list[dict], list[dict]]:
    """Provision texts inside the scopes (source, paragraph, Source, document date), and the
    pipeline's own amounts and deadlines there (table cells included)."""
    texts, amounts, deadlines = [], [], []
    for name in sorted({s["source"] for s in scopes}):
        r = process_file(root / name)
        ranges = [(s["from_line"], s["to_line"]) for s in scopes if s["source"] == name]
        dates = {d.id: d.date for d in r.documents}

        def inside(line: int, ranges: list = ranges) -> bool:
            return any(a <= line <= b for a, b in ranges)

        for p in r.provisions:
            if p.kind != "table" and p.paragraph is not None and inside(p.span.line):
                texts.append((name, p.paragraph, r.source, dates.get(p.document_id)))
        for v in r.values:
            if inside(v.span.line) and v.type in ("amount", "deadline"):
                rec = {"source": name, "line": v.span.line}
                if v.type == "amount":
                    amounts.append({**rec, "value_yuan": v.value.value_yuan})
                else:
                    deadlines.append({**rec, "date": v.value.date})
    return texts, amounts, deadlines


def _line(source, para, i: int) -> int:
    return source.line_at(para.offsets[min(i, len(para.offsets) - 1)]).number


def _score(gold: list[dict], preds: list[dict], key: str) -> Score:
    s = Score()
    used: set[int] = set()
    for p in preds:
        hit = next((i for i, g in enumerate(gold) if i not in used and g["source"] == p["source"]
                    and abs(g["line"] - p["line"]) <= 2 and _eq(g.get(key), p.get(key))), None)
        if hit is None:
            s.fp += 1
        else:
            used.add(hit)
            s.tp += 1
    s.fn = len(gold) - len(used)
    return s


def _eq(a: object, b: object) -> bool:
    if isinstance(a, int | float) and isinstance(b, int | float):
        return abs(a - b) < 0.01
    return a == b


def _ours_finders(texts) -> float:
    t = time.perf_counter()
    for _name, para, _src, date in texts:
        find_amounts(para.text)
        find_deadlines(para.text, date)
    return time.perf_counter() - t


def _jionlp(texts) -> tuple[list[dict], list[dict], float]:
    import jionlp as jio

    amounts, deadlines = [], []
    t = time.perf_counter()
    for name, para, src, date in texts:
        for m in _safe(lambda s: jio.ner.extract_money(s, with_parsing=True), para.text) or []:
            num = (m.get("detail") or {}).get("num")
            value = float(num[0] if isinstance(num, list) else num) if num else None
            amounts.append({"source": name, "line": _line(src, para, m["offset"][0]), "value_yuan": value})
        base = time.mktime(dt.date.fromisoformat(date).timetuple()) if date else time.time()
        found = _safe(lambda s, b=base: jio.ner.extract_time(s, time_base=b, with_parsing=True), para.text) or []
        for m in found:
            times = ((m.get("detail") or {}).get("time")) or []
            last = times[-1][:10] if isinstance(times, list) and times and isinstance(times[-1], str) else None
            deadlines.append({"source": name, "line": _line(src, para, m["offset"][0]), "date": last})
    return amounts, deadlines, time.perf_counter() - t


def dev_gold(label: str, gold: list[dict], scopes: list[dict], root: Path) -> tuple[list[tuple], list[tuple]]:
    """(rows, texts): per system, amounts and deadlines F1 on one dev gold."""
    texts, our_a, our_d = _texts(scopes, root)
    g_a = [g for g in gold if g["type"] == "amount"]
    g_d = [g for g in gold if g["type"] == "deadline"]
    jio_a, jio_d, _ = _jionlp(texts)
    rows = [(label, "gazette-extract", _score(g_a, our_a, "value_yuan"), _score(g_d, our_d, "date")),
            (label, "JioNLP", _score(g_a, jio_a, "value_yuan"), _score(g_d, jio_d, "date"))]
    return rows, texts


def main() -> None:
    logging.disable(logging.CRITICAL)  # JioNLP logs a traceback for every string it cannot parse
    print("1. JioNLP's own test suite (bench/data/jionlp_cases.json): share right")
    print(f"{'system':<17}{'RMB money':>10}{'dates':>8}{'seconds':>9}")
    for system, m, d, secs in own_cases():
        print(f"{system:<17}{m:>10.3f}{d:>8.3f}{secs:>9.2f}")
    golds = [("seed", *load_gold(SEED[0]), SEED[1])]
    if WILD[1].is_dir():
        golds.append(("wild", *_wild_gold(WILD[0]), WILD[1]))
    else:
        print(f"(wild gold skipped: {WILD[1]} is absent)")
    print("\n2. dev golds: F1 (precision / recall) on value (amounts) and last day (deadlines)")
    print(f"{'gold':<6}{'system':<17}{'amount F1':>10}{'P':>7}{'R':>7}{'deadline F1':>13}{'P':>7}{'R':>7}")
    all_texts = []
    for label, gold, scopes, root in golds:
        rows, texts = dev_gold(label, gold, scopes, root)
        all_texts += texts
        for lab, system, sa, sd in rows:
            print(f"{lab:<6}{system:<17}{sa.f1:>10.3f}{sa.precision:>7.3f}{sa.recall:>7.3f}"
                  f"{sd.f1:>13.3f}{sd.precision:>7.3f}{sd.recall:>7.3f}")
    ours = _ours_finders(all_texts)
    jio = _jionlp(all_texts)[2]
    chars = sum(len(t[1].text) for t in all_texts)
    print(f"\n3. speed: amount + time finders over the same {len(all_texts)} provisions ({chars} chars)")
    print(f"gazette-extract {ours:.2f}s, JioNLP {jio:.2f}s: gazette-extract is {jio / ours:.1f}× faster")


if __name__ == "__main__":
    main()
