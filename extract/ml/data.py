"""Training data for the span model, assembled from the project itself, split by document.

Three origins: rule extractions on the corpus (silver), the hand-made dev gold (gold) and editors'
review decisions (reviews). Gold documents are split with a fixed seed into train and held-back
eval documents; nothing of an eval document (silver, gold or review) is trained on.
"""

from __future__ import annotations

import functools
import random
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path

import regex

from extract.data import load_yaml
from extract.evaluate import GOLD_DIR, load_gold
from extract.extractors.annotate import extract_document
from extract.layout.reflow import reflow
from extract.ml.gold import gold_provisions
from extract.ml.reviews import Signal, read_reviews
from extract.ml.spans import Labelled, dedupe, family, para_range, readable, rule_spans, trim
from extract.model import Document, Source
from extract.pipeline import iter_inputs, read_source
from extract.segment.documents import segment
from extract.structure.tree import build_tree

SEED = 13
EVAL_FRACTION = 0.5
# Silver is weighted lower: provisions without any rule span are sampled, and low-confidence spans
# (inherited clauses…) make their provision ineligible rather than teaching a doubtful label.
SILVER_EMPTY_SAMPLE = 0.3
SILVER_MIN_CONFIDENCE = 0.85
GOLD_REPEAT = 2  # gold and reviewed examples are seen this many times per epoch
RARE_REPEAT = 3  # …and examples with the rare labels this many times more
VARY_DIGITS = True  # varied copies also redraw the digits of dates and amounts
# A run of ASCII digits inside a value span (2021, 3000, 7.5's 7 and 5).
_DIGITS_RE = regex.compile(r"[0-9]+")


@functools.cache
def _units_yaml() -> dict:
    return load_yaml("units.yaml")


def level_chars() -> tuple[str, ...]:
    """One-character jurisdiction prefixes (市 盟 区 旗 县 …) from the unit registry's `levels`."""
    return tuple(sorted(k for k in _units_yaml()["levels"] if len(k) == 1))


def _has_level_prefix(name: str) -> bool:
    """`市残联` starts with a level; `市场监管局`, `乡村振兴局` do not (the registry's not_prefix_starts)."""
    return len(name) >= 3 and name[0] in level_chars() and not any(
        name.startswith(w) for w in _units_yaml()["not_prefix_starts"])


@dataclass
class DocRef:
    """A document of the corpus: where it is and how much gold it holds."""

    source: str
    doc_id: str
    title: str
    from_line: int
    to_line: int
    gold: int = 0


@dataclass
class Example:
    """One provision's text with its labelled spans."""

    source: str
    doc_id: str
    text: str
    spans: list[Labelled]
    origin: str  # silver | gold | review


@dataclass
class Assembled:
    """Train and held-back eval examples, the documents behind them, and counts for the log."""

    train: list[Example] = field(default_factory=list)
    eval: list[Example] = field(default_factory=list)
    documents: list[DocRef] = field(default_factory=list)
    eval_docs: list[DocRef] = field(default_factory=list)
    counts: Counter = field(default_factory=Counter)


def parse_corpus(corpus_dir: Path) -> list[tuple[Source, Document]]:
    """Every (source, document) of the corpus with its provision tree built."""
    out = []
    for path in iter_inputs([corpus_dir]):
        source = read_source(path)
        for doc in segment(source, reflow(source)).documents:
            doc.provisions = build_tree(source, doc)
            out.append((source, doc))
    return out


def doc_ref(source: Source, doc: Document) -> DocRef:
    """A DocRef spanning the document's title line to its last provision's line."""
    last = max((p.span.end_line for p in doc.provisions), default=doc.span.end_line)
    return DocRef(source.name, doc.id, doc.title, doc.span.line, last)


def split_documents(docs: list[DocRef], seed: int = SEED, fraction: float = EVAL_FRACTION) -> set[str]:
    """Ids of the held-back eval documents: gold documents shuffled with `seed`, then dealt so the
    eval side gets about `fraction` of the gold records. Deterministic for a given corpus and seed."""
    gold_docs = sorted((d for d in docs if d.gold), key=lambda d: (d.source, d.from_line))
    random.Random(seed).shuffle(gold_docs)
    total = sum(d.gold for d in gold_docs)
    held, n = set(), 0
    for d in gold_docs:
        if n + d.gold / 2 <= fraction * total:
            held.add(d.doc_id)
            n += d.gold
    return held


def _silver(doc: Document, spans: dict[str, list[Labelled]], rng: random.Random) -> list[tuple[str, list[Labelled]]]:
    out = []
    for prov in readable(doc):
        mine = spans.get(prov.id, [])
        if any(s.weight < SILVER_MIN_CONFIDENCE for s in mine):
            continue
        if mine or rng.random() < SILVER_EMPTY_SAMPLE:
            out.append((prov.id, mine))
    return out


def apply_reviews(source: Source, doc: Document, base: dict[str, list[Labelled]], signals: list[Signal],
                  rules: dict[str, list[Labelled]] | None = None) -> set[str]:
    """Overlay review decisions on the provisions' spans (a provision not yet in `base` starts from its
    `rules` spans); returns the ids of the provisions they touched."""
    touched = set()
    provs = list(readable(doc))
    for sig in (s for s in signals if s.source == source.name):
        for prov in provs:
            assert prov.paragraph is not None
            r = para_range(prov.paragraph, sig.start, sig.end)
            if r is None:
                continue
            a, b = trim(prov.paragraph.text, *r)
            spans = base.get(prov.id, (rules or {}).get(prov.id, []))
            kept = [s for s in spans if not (s.start < b and a < s.end and family(s.label) == family(sig.label))]
            if sig.positive:
                kept.append(Labelled(a, b, sig.label, 1.0))
            base[prov.id] = kept
            touched.add(prov.id)
    return touched


def assemble(corpus_dir: Path, gold_dir: Path = GOLD_DIR, reviews_db: Path | None = None,
             seed: int = SEED) -> Assembled:
    """Train/eval examples from the corpus: silver rules, dev gold and (optionally) review decisions."""
    records, scopes = load_gold(gold_dir) if (gold_dir / "scopes.jsonl").exists() else ([], [])
    signals = read_reviews(reviews_db) if reviews_db else []
    parsed = parse_corpus(corpus_dir)
    out = Assembled()
    if reviews_db:
        out.counts[f"review decisions read from {reviews_db}"] = len(signals)
    golds = []
    for source, doc in parsed:
        ref = doc_ref(source, doc)
        located = gold_provisions(source, doc, records, scopes)
        ref.gold = sum(len(g.spans) for g in located)
        out.counts["gold records not located"] += sum(g.missed for g in located)
        out.documents.append(ref)
        golds.append(located)
    held = split_documents(out.documents, seed)
    out.eval_docs = [d for d in out.documents if d.doc_id in held]
    rng = random.Random(seed)
    for (source, doc), ref, located in zip(parsed, out.documents, golds, strict=True):
        if ref.doc_id in held:
            out.eval += [Example(source.name, doc.id, g.provision.paragraph.text, g.spans, "gold")  # type: ignore[union-attr]
                         for g in located]
            continue
        out.train += _train_examples(source, doc, located, signals, rng, out.counts)
    return out


def _train_examples(source: Source, doc: Document, located: list, signals: list[Signal],
                    rng: random.Random, counts: Counter) -> list[Example]:
    spans = rule_spans(doc, extract_document(source, doc))
    silver = dict(_silver(doc, spans, rng))
    origin = {pid: "silver" for pid in silver}
    for g in located:  # gold replaces the rules wherever the gold is complete
        silver[g.provision.id], origin[g.provision.id] = g.spans, "gold"
    for pid in apply_reviews(source, doc, silver, signals, spans):
        origin[pid] = "review"
    texts = {p.id: p.paragraph.text for p in readable(doc)}  # type: ignore[union-attr]
    out = []
    for pid, sp in silver.items():
        ex = Example(source.name, doc.id, texts[pid], dedupe(sp), origin[pid])
        counts[f"{ex.origin} examples"] += 1
        for s in ex.spans:
            counts[f"{ex.origin} {s.label}"] += 1
        out += [ex] * ((GOLD_REPEAT if ex.origin != "silver" else 1) * _rarity(ex))
        aug = swap_levels(ex, rng)
        if aug is not None:
            counts["varied copies (level prefixes, digits)"] += 1
            out.append(aug)
    return out


def _rarity(ex: Example) -> int:
    """RARE_REPEAT for examples holding a deadline or a target (a few dozen each, against hundreds of units)."""
    return RARE_REPEAT if any(s.label in ("DEADLINE", "TARGET") for s in ex.spans) else 1


def swap_levels(ex: Example, rng: random.Random) -> Example | None:
    """A copy whose units carry another jurisdiction prefix (`市残联` → `区残联`) and whose values carry
    other digits (`2021年底前` → `2027年底前`), so the model learns the shape of a unit or a date rather
    than the few names and numbers of the documents it saw; None when there is nothing to vary."""
    chars = level_chars()
    text = list(ex.text)
    changed = False
    for s in ex.spans:
        if s.label.startswith("UNIT_") and _has_level_prefix(ex.text[s.start : s.end]):
            text[s.start] = rng.choice([c for c in chars if c != ex.text[s.start]])
            changed = True
        elif VARY_DIGITS and not s.label.startswith("UNIT_"):
            for m in _DIGITS_RE.finditer(ex.text, s.start, s.end):
                after = ex.text[m.end() : m.end() + 1]
                text[m.start() : m.end()] = _other_number(m.group(), after, s.label == "DEADLINE", rng)
                changed = True
    return replace(ex, text="".join(text), origin=ex.origin + "+swap") if changed else None


def _other_number(digits: str, after: str, in_date: bool, rng: random.Random) -> str:
    """Same length, another plausible value: years stay years (2016 → 2031), months months, days days."""
    if len(digits) == 4 and digits[:2] in ("19", "20") and (in_date or after == "年"):
        return str(rng.randint(2010, 2039))
    if after in "月日" and len(digits) <= 2:
        top = 12 if after == "月" else 28
        return str(rng.randint(1, 9) if len(digits) == 1 else rng.randint(10, top))
    first = str(rng.randint(1, 9)) if digits[0] != "0" or len(digits) == 1 else "0"
    return first + "".join(str(rng.randint(0, 9)) for _ in digits[1:])


def to_docbin(nlp, examples: list[Example], key: str = "sc"):
    """A DocBin of `examples`, spans aligned to `nlp`'s tokens (expanded to whole tokens)."""
    from spacy.tokens import DocBin

    db = DocBin(store_user_data=False)
    for ex in examples:
        doc = nlp.make_doc(ex.text)
        spans = [doc.char_span(s.start, s.end, label=s.label, alignment_mode="expand") for s in ex.spans]
        doc.spans[key] = [s for s in spans if s is not None]
        db.add(doc)
    return db


def describe(data: Assembled) -> str:
    """What the model trains and is evaluated on, for the log."""
    lines = [f"documents: {len(data.documents)} ({len(data.eval_docs)} held back for eval, split by document)"]
    lines += [f"  eval  {d.source[:4]}:{d.from_line}-{d.to_line} {d.title[:40]} ({d.gold} gold spans)"
              for d in data.eval_docs]
    lines.append(f"train examples: {len(data.train)} (gold/review repeated ×{GOLD_REPEAT}); "
                 f"eval examples: {len(data.eval)}")
    lines += [f"  {k}: {v}" for k, v in sorted(data.counts.items())]
    return "\n".join(lines)
