"""Query speed on a large store: copies the corpus store until it holds ~100 K obligations, then times each verb.

    python bench/bench_queries.py                 # 100 000 obligations, median of 5 runs per query
    python bench/bench_queries.py --obligations 20000 --runs 3
    python bench/bench_queries.py --db /tmp/big100k.db --with-reviews   # after a few editors' decisions

Each copy of the shipped corpus gets new ids and source names, dates shifted by whole years, units
moved to another 盟市/旗县/区 (兴安盟财政局 → 赤峰市财政局) and amounts scaled — so unit names, dates and
values spread as they would over a province's gazettes. Goal: every query under 50 ms.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOAL_MS = 50.0
# Real 盟市 and 旗县区 of Inner Mongolia: the places units are moved to in each copy.
CITIES = ["兴安盟", "赤峰市", "通辽市", "呼伦贝尔市", "锡林郭勒盟", "乌兰察布市", "鄂尔多斯市", "巴彦淖尔市",
          "阿拉善盟", "乌海市", "包头市", "呼和浩特市"]
DISTRICTS = ["东河区", "昆都仑区", "青山区", "九原区", "石拐区", "新城区", "回民区", "玉泉区", "赛罕区", "红山区",
             "松山区", "元宝山区", "科尔沁区", "海拉尔区", "扎赉诺尔区", "康巴什区", "临河区", "集宁区", "海勃湾区",
             "乌达区"]
COUNTIES = ["二连浩特市", "满洲里市", "扎兰屯市", "霍林郭勒市", "丰镇市", "根河市", "阿尔山市", "乌兰浩特市",
            "牙克石市", "额尔古纳市", "锡林浩特市", "东胜区"]

_ID_COLS = {"id", "document_id", "provision_id", "obligation_id", "parent_id", "section_id", "cited_document_id"}
_TABLES = ["sources", "source_texts", "sections", "documents", "provisions", "obligations", "obligation_units", "deadlines",
           "amounts", "targets", "citations", "members"]


def build_large(db_path: Path, obligations: int) -> int:
    """Build the corpus store, then copy it into `db_path` until it holds `obligations` obligations."""
    from extract.build import build
    from extract.review.store import after_build
    from extract.store.write import open_db, refresh_units

    src = Path(tempfile.mkdtemp()) / "corpus.db"
    build([ROOT / "corpus"], src)
    db = open_db(db_path)
    conn = db.conn
    conn.execute("ATTACH DATABASE ? AS src", [str(src)])
    per_copy = conn.execute("SELECT count(*) FROM src.obligations").fetchone()[0]
    copies = max(1, -(-obligations // per_copy))
    cols = {t: [r[1] for r in conn.execute(f"PRAGMA src.table_info({t})")] for t in _TABLES}
    with conn:
        for k in range(copies):
            for t in _TABLES:
                conn.execute(_copy_sql(t, cols[t], k))
    conn.execute("DETACH DATABASE src")
    _index_copies(conn)
    refresh_units(db)
    n = conn.execute("SELECT count(*) FROM obligations").fetchone()[0]
    conn.execute("ANALYZE")
    conn.commit()
    t = time.perf_counter()
    after_build(db, str(db_path))  # what `gazette build` does last (after ANALYZE): fill the reviewed_* tables
    print(f"after_build (reviewed_* tables filled) in {time.perf_counter() - t:.1f}s")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # queries read the database file, not a 1 GB log
    return n


def _index_copies(conn) -> None:
    """Fill the search index for the copied provisions, as `gazette build` does for each source
    (without it the `--text` queries would find nothing and time nothing)."""
    from extract.store.fts import index_text

    conn.create_function("index_text", 1, index_text, deterministic=True)
    with conn:
        conn.execute("INSERT INTO provisions_fts(rowid, text) SELECT rowid, index_text(text) FROM provisions")
        conn.execute("INSERT INTO provisions_fts(provisions_fts) VALUES ('optimize')")


def _copy_sql(table: str, cols: list[str], k: int) -> str:
    """INSERT … SELECT copying a table with ids, sources, dates, units and amounts perturbed for copy `k`."""
    years = k % 6
    city, county = CITIES[k % len(CITIES)], COUNTIES[(k // len(CITIES)) % len(COUNTIES)]
    district = DISTRICTS[k % len(DISTRICTS)]

    def expr(c: str) -> str:
        q = f'"{c}"'
        if c in _ID_COLS:
            return f"CASE WHEN {q} IS NULL THEN NULL ELSE {q} || '~{k}' END"
        if c == "source" or (table in ("sources", "source_texts") and c == "name"):
            return f"'{k:05d}_' || {q}"
        if c in ("date", "start_date", "due", "end_date") and table != "sources":
            return f"CASE WHEN {q} GLOB '[0-9][0-9][0-9][0-9]-*' THEN date({q}, '+{years} years') ELSE {q} END"
        if c == "year" and table == "targets":
            return f"{q} + {years}"
        if c in ("canonical", "name") and table == "obligation_units":
            return f"replace(replace(replace({q}, '兴安盟', '{city}'), '二连浩特市', '{county}'), '东河区', '{district}')"
        if c in ("value_yuan", "low_yuan", "high_yuan"):
            return f"{q} * {1 + (k % 10) / 10}"
        return q

    return (f"INSERT INTO {table} ({', '.join(chr(34) + c + chr(34) for c in cols)}) "
            f"SELECT {', '.join(expr(c) for c in cols)} FROM src.{table}")


def record_reviews(db_path: Path) -> None:
    """Record one decision of each kind (accept, reject, correct, add) on real rows, as editors would."""
    from extract.review.store import connect, ensure_review_schema, record_decision

    conn = connect(db_path)
    ensure_review_schema(conn)
    one = lambda sql: conn.execute(sql).fetchone()  # noqa: E731
    ob = one("SELECT u.obligation_id FROM obligation_units u WHERE u.canonical = '兴安盟财政局' LIMIT 1")[0]
    unit = one("SELECT id FROM obligation_units WHERE canonical = '兴安盟财政局' AND obligation_id <> "
               f"'{ob}' LIMIT 1")[0]
    deadline = one("SELECT id FROM deadlines WHERE date IS NOT NULL LIMIT 1")[0]
    amount = one("SELECT id FROM amounts LIMIT 1")[0]
    member = one("SELECT id FROM members LIMIT 1")[0]
    span = one("SELECT source, start, \"end\" FROM deadlines WHERE date IS NOT NULL LIMIT 1 OFFSET 3")
    decisions = [
        ("obligation", ob, "reject", {}, {}),
        ("unit", unit, "correct", {"role": "lead"}, {}),
        ("deadline", deadline, "correct", {"date": "2025-06-30"}, {}),
        ("amount", amount, "accept", {}, {}),
        ("member", member, "reject", {}, {}),
        ("deadline", None, "add", {"kind": "due", "date": "2025-03-31"}, {"span": tuple(span)}),
    ]
    for target_type, target_id, decision, fields, extra in decisions:
        t = time.perf_counter()
        record_decision(conn, target_type, target_id, decision, fields, editor="bench", db_path=str(db_path),
                        **extra)
        print(f"  recorded {decision} {target_type} in {(time.perf_counter() - t) * 1000:.1f} ms")
    conn.close()


def queries(conn) -> dict[str, Callable[[], object]]:
    """The timed queries: each verb with its typical filters."""
    from extract import query as q

    doc = conn.execute("SELECT doc_number FROM documents WHERE doc_number IS NOT NULL LIMIT 1 OFFSET 5").fetchone()[0]
    money_doc = conn.execute("""SELECT d.doc_number FROM amounts a JOIN documents d ON d.id = a.document_id
                                WHERE d.doc_number IS NOT NULL GROUP BY d.doc_number ORDER BY count(*) DESC
                                LIMIT 1""").fetchone()[0]
    return {
        "obligations --unit 盟财政局 --role lead": lambda: q.obligations(conn, unit="盟财政局", role="lead"),
        "obligations --unit 财政局 (tail)": lambda: q.obligations(conn, unit="财政局"),
        "obligations --unit 赤峰市财政局": lambda: q.obligations(conn, unit="赤峰市财政局"),
        "obligations --due-after 2025-01-01 --due-before 2025-12-31":
            lambda: q.obligations(conn, due_after="2025-01-01", due_before="2025-12-31"),
        "obligations --text 残疾人就业": lambda: q.obligations(conn, text="残疾人就业"),
        "obligations --text 财政 (LIKE)": lambda: q.obligations(conn, text="财政"),
        "obligations --has-amount": lambda: q.obligations(conn, has_amount=True),
        f"obligations --document {doc}": lambda: q.obligations(conn, document=doc),
        "obligations (no filter)": lambda: q.obligations(conn),
        "deadlines --unit 盟财政局": lambda: q.deadlines(conn, unit="盟财政局"),
        "deadlines --unit 各旗县市人民政府": lambda: q.deadlines(conn, unit="各旗县市人民政府"),
        "deadlines --after 2024-01-01 --before 2024-12-31": lambda: q.deadlines(conn, after="2024-01-01",
                                                                                before="2024-12-31"),
        "amounts --committed": lambda: q.amounts(conn, committed=True),
        f"amounts --summary --document {money_doc}": lambda: q.amount_summary(conn, document=money_doc),
        "targets --year 2025 --binding binding": lambda: q.targets(conn, year=2025, binding="binding"),
        "citations --cites 国务院令第488号": lambda: q.citations(conn, cites="国务院令第488号"),
        "members --unit 盟财政局": lambda: q.members(conn, unit="盟财政局"),
        "members --person 高洪": lambda: q.members(conn, person="高洪"),
        "units --unit 盟财政局": lambda: q.units(conn, unit="盟财政局", as_of="2024-01-01"),
        "units --unit 各旗县市人民政府 (the busiest)": lambda: q.units(conn, unit="各旗县市人民政府", as_of="2024-01-01"),
        "units (top 20, counts)": lambda: q.units(conn, as_of="2024-01-01"),
        "units --deadlines 3 (top 20, with next deadlines)": lambda: q.units(conn, as_of="2024-01-01", deadlines=3),
    }


def time_ms(fn: Callable[[], object], runs: int) -> tuple[float, int]:
    """Median wall time of `runs` calls (after one warm-up) and the number of rows returned."""
    n = len(fn())  # type: ignore[arg-type]
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times), n


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--obligations", type=int, default=100_000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--db", type=Path, help="Reuse (or keep) the large store here.")
    ap.add_argument("--with-reviews", action="store_true",
                    help="Record one decision of each kind (through the review store) before timing.")
    args = ap.parse_args()
    from extract.query.common import connect

    db_path = args.db or Path(tempfile.mkdtemp()) / "large.db"
    if not db_path.exists():
        t = time.perf_counter()
        n = build_large(db_path, args.obligations)
        print(f"built {db_path}: {n} obligations in {time.perf_counter() - t:.1f}s")
    if args.with_reviews:
        record_reviews(db_path)
    conn = connect(db_path)
    n = conn.execute("SELECT count(*) FROM obligations").fetchone()[0]
    has = conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'reviews'").fetchone()
    reviews = conn.execute("SELECT count(*) FROM reviews").fetchone()[0] if has else 0
    size = db_path.stat().st_size
    copies = conn.execute("SELECT count(*) FROM sources").fetchone()[0] / max(1, len(list((ROOT / "corpus").iterdir())))
    corpus_bytes = sum(p.stat().st_size for p in (ROOT / "corpus").iterdir()) * copies
    print(f"{n} obligations, {reviews} reviews, {size / 2**20:.0f} MB = {size / corpus_bytes:.2f}× its input "
          f"({copies:.0f} copies of corpus/); median of {args.runs} runs, goal < {GOAL_MS:.0f} ms")
    worst = 0.0
    for name, fn in queries(conn).items():
        ms, rows = time_ms(fn, args.runs)
        worst = max(worst, ms)
        print(f"{ms:8.1f} ms  {rows:4d} rows  {'ok ' if ms < GOAL_MS else 'SLOW'}  {name}")
    print(f"slowest {worst:.1f} ms — {'all under' if worst < GOAL_MS else 'NOT all under'} {GOAL_MS:.0f} ms")


if __name__ == "__main__":
    main()
