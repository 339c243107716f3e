"""Amounts and deadlines: gazette-extract vs JioNLP on the hand-made dev gold, side by side.

    pip install -e '.[bench]' && python bench/bench_jionlp.py

Both systems read the same reflowed provision texts inside the gold scopes. For a fair
comparison JioNLP is scored on what it can express — an amount's value in yuan, a time
expression's last day — and so are we (key: value / date, plus the line); our full-key
scores (bound, kind, every) are printed by `gazette eval`. JioNLP is a bench-only extra.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from pathlib import Path

from extract.evaluate import Score, load_gold
from extract.extractors.amounts import find_amounts
from extract.extractors.deadlines import find_deadlines
from extract.pipeline import process_file

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def _texts(scopes: list[dict]) -> list[tuple[str, object, str, str | None]]:
    """(source, provision paragraph, source text, document date) for provisions inside the gold scopes."""
    out = []
    for name in sorted({s["source"] for s in scopes}):
        r = process_file(CORPUS / name)
        ranges = [(s["from_line"], s["to_line"]) for s in scopes if s["source"] == name]
        dates = {d.id: d.date for d in r.documents}
        for p in r.provisions:
            if p.kind == "table" or p.paragraph is None:
                continue
            if any(a <= p.span.line <= b for a, b in ranges):
                out.append((name, p.paragraph, r.source, dates.get(p.document_id)))
    return out


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


def _ours(texts) -> tuple[list[dict], list[dict], float]:
    amounts, deadlines = [], []
    t = time.perf_counter()
    for name, para, src, date in texts:
        for a in find_amounts(para.text):
            amounts.append({"source": name, "line": _line(src, para, a.start), "value_yuan": a.value_yuan})
        for d in find_deadlines(para.text, date):
            deadlines.append({"source": name, "line": _line(src, para, d.start), "date": d.date})
    return amounts, deadlines, time.perf_counter() - t


def _jionlp(texts) -> tuple[list[dict], list[dict], float]:
    import jionlp as jio

    amounts, deadlines = [], []
    t = time.perf_counter()
    for name, para, src, date in texts:
        for m in jio.ner.extract_money(para.text, with_parsing=True):
            num = (m.get("detail") or {}).get("num")
            value = float(num[0] if isinstance(num, list) else num) if num else None
            amounts.append({"source": name, "line": _line(src, para, m["offset"][0]), "value_yuan": value})
        base = time.mktime(dt.date.fromisoformat(date).timetuple()) if date else time.time()
        for m in jio.ner.extract_time(para.text, time_base=base, with_parsing=True):
            times = ((m.get("detail") or {}).get("time")) or []
            last = times[-1][:10] if isinstance(times, list) and times and isinstance(times[-1], str) else None
            deadlines.append({"source": name, "line": _line(src, para, m["offset"][0]), "date": last})
    return amounts, deadlines, time.perf_counter() - t


def _pipeline_values(scopes: list[dict]) -> tuple[list[dict], list[dict]]:
    """Our full extractor's amounts and deadlines (table cells included) inside the gold scopes."""
    amounts, deadlines = [], []
    for name in sorted({s["source"] for s in scopes}):
        ranges = [(s["from_line"], s["to_line"]) for s in scopes if s["source"] == name]
        for v in process_file(CORPUS / name).values:
            if not any(a <= v.span.line <= b for a, b in ranges):
                continue
            if v.type == "amount":
                amounts.append({"source": name, "line": v.span.line, "value_yuan": v.value.value_yuan})
            elif v.type == "deadline":
                deadlines.append({"source": name, "line": v.span.line, "date": v.value.date})
    return amounts, deadlines


def main() -> None:
    logging.disable(logging.CRITICAL)  # JioNLP logs a traceback for every string it cannot parse
    gold, scopes = load_gold()
    texts = _texts(scopes)
    g_amounts = [g for g in gold if g["type"] == "amount"]
    g_deadlines = [g for g in gold if g["type"] == "deadline"]
    rows = []
    for system, run in (("gazette-extract", _ours), ("JioNLP", _jionlp)):
        a, d, secs = run(texts)
        if system == "gazette-extract":
            a, d = _pipeline_values(scopes)  # scored on the pipeline's output; timed on the finders alone
        rows.append((system, _score(g_amounts, a, "value_yuan"), _score(g_deadlines, d, "date"), secs))
    chars = sum(len(t[1].text) for t in texts)
    print(f"dev gold: {len(g_amounts)} amounts, {len(g_deadlines)} deadlines; {len(texts)} provisions, {chars} chars")
    print(f"{'system':<17}{'amount P':>9}{'R':>7}{'F1':>7}{'deadline P':>12}{'R':>7}{'F1':>7}{'seconds':>9}")
    for system, sa, sd, secs in rows:
        print(f"{system:<17}{sa.precision:>9.3f}{sa.recall:>7.3f}{sa.f1:>7.3f}"
              f"{sd.precision:>12.3f}{sd.recall:>7.3f}{sd.f1:>7.3f}{secs:>9.2f}")
    ours, jio = rows[0][3], rows[1][3]
    print(f"speed (amount + time finders over the same texts): gazette-extract is {jio / ours:.1f}× faster")


if __name__ == "__main__":
    main()
