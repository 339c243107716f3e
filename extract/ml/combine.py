"""Rules + model: run the span model over the texts the rules read and merge per span.

`combine(source, doc, rules, mode)` is what `process_source` calls for `--extractor model|combined`.
combined: agreement → method `both`; model-only spans above the threshold → `model`, normalized by
the rule layer; rules-only → `rule`. model: only what the model found (values typed the same way);
citations and members, which the model does not label, stay the rules'. No trained model (or no
spaCy) → a single warning and the rules unchanged.
"""

from __future__ import annotations

import functools
import importlib.util
import json
import logging
import os
from dataclasses import replace
from pathlib import Path

from extract.extractors.annotate import Extraction
from extract.extractors.units import jurisdiction_of
from extract.ml import normalize
from extract.ml.merge import Merged, merge
from extract.ml.spans import VALUE_LABEL, Labelled, readable, rule_items, type_of
from extract.model import Document, Extracted, Obligation, Paragraph, Provision, Source, Span, stable_id

log = logging.getLogger("extract.ml")
MODEL_ENV = "GAZETTE_MODEL"  # a model directory to use instead of extract/ml/model/
ADMIT_ALL_ENV = "GAZETTE_ADMIT_ALL"  # evaluation: let combined add model spans of every type
_warned: set[str] = set()


def default_model_dir() -> Path:
    """$GAZETTE_MODEL, else the model shipped in (or trained into) extract/ml/model/."""
    from extract.ml.train import DEFAULT_MODEL_DIR

    return Path(os.environ.get(MODEL_ENV) or DEFAULT_MODEL_DIR)


def _warn_once(key: str, message: str) -> None:
    if key not in _warned:
        _warned.add(key)
        log.warning(message)


@functools.cache
def _load(path: str):
    import spacy

    from extract.ml.train import quiet_jieba

    quiet_jieba()
    return spacy.load(path)


def load_model(model_dir: Path | None = None):
    """The trained spaCy pipeline in `model_dir` (loaded once), or None with a one-time warning."""
    path = (model_dir or default_model_dir()).resolve()
    if not (path / "meta.json").exists():
        _warn_once(str(path), f"no trained model at {path}; using rules only — run `gazette train`")
        return None
    if importlib.util.find_spec("spacy") is None:
        _warn_once("spacy", "spaCy is not installed; using rules only — pip install 'gazette-extract[model]'")
        return None
    try:
        return _load(str(path))
    except (OSError, ValueError, KeyError) as e:
        _warn_once(str(path), f"cannot load the model at {path} ({e}); using rules only — run `gazette train`")
    return None


def predict(nlp, texts: list[str]) -> list[list[Labelled]]:
    """Model spans of each text (character offsets, weight = the model's score)."""
    out = []
    for doc in nlp.pipe(texts, batch_size=64):
        group = doc.spans.get("sc", [])
        scores = group.attrs.get("scores", []) if hasattr(group, "attrs") else []
        out.append([Labelled(sp.start_char, sp.end_char, sp.label_, float(max(sc))) for sp, sc in
                    zip(group, scores, strict=False)])
    return out


@functools.cache
def _admitted(path: str) -> frozenset[str] | None:
    """Types (unit, deadline, amount, target) whose model-only spans `combined` adds, as recorded by
    `gazette eval-model --record` in the model's gazette.json; None = all."""
    f = Path(path) / "gazette.json"
    try:
        admit = json.loads(f.read_text(encoding="utf-8")).get("combined_types") if f.exists() else None
    except (OSError, ValueError):
        return None
    return frozenset(admit) if isinstance(admit, list) else None


def admitted(model_dir: Path | None = None) -> frozenset[str] | None:
    """The types combined mode takes model-only spans for (None = every type; $GAZETTE_ADMIT_ALL=1 forces it)."""
    if os.environ.get(ADMIT_ALL_ENV):
        return None
    return _admitted(str((model_dir or default_model_dir()).resolve()))


def combine(source: Source, doc: Document, rules: Extraction, mode: str = "combined",
            model_dir: Path | None = None) -> Extraction:
    """Merge the rules' extraction of `doc` with the model's spans (`mode` combined or model)."""
    nlp = load_model(model_dir)
    if nlp is None or mode == "rules":
        return rules
    admit = admitted(model_dir) if mode == "combined" else None
    provs = list(readable(doc))
    preds = dict(zip((p.id for p in provs), predict(nlp, [p.paragraph.text for p in provs]), strict=True))  # type: ignore[union-attr]
    items: dict[str, list[tuple[object, Labelled]]] = {p.id: [] for p in provs}
    for key, pid, lab in rule_items(doc, rules):
        items[pid].append((key, lab))
    decided: dict[object, Merged] = {}
    model_only: dict[str, list[Labelled]] = {}
    for pid, mine in items.items():
        for m in merge([lab for _, lab in mine], preds[pid]):
            if m.rule_index is not None:
                decided[mine[m.rule_index][0]] = m
            elif admit is None or type_of(m.span.label) in admit:
                model_only.setdefault(pid, []).append(m.span)
    out = Extraction(_obligations(rules, decided, mode), _values(rules, decided, mode))
    by_id = {p.id: p for p in provs}
    for pid, spans in model_only.items():
        _add_model_spans(source, doc, by_id[pid], spans, out)
    return out


def _obligations(rules: Extraction, decided: dict[object, Merged], mode: str) -> list[Obligation]:
    """Rule obligations with each unit's verdict: all agreed → `both`; in model mode, unagreed units go."""
    kept: list[Obligation] = []
    clauses: set[tuple[int, int, str]] = set()
    for i, ob in enumerate(rules.obligations):
        if ob.kind == "inherited":
            continue
        verdicts = [decided.get(("unit", i, j)) for j in range(len(ob.units))]
        agreed = [v for v in verdicts if v is not None and v.method == "both"]
        if mode == "model":
            units = [u for u, v in zip(ob.units, verdicts, strict=True) if v is not None and v.method == "both"]
            if not units:
                continue
            ob = replace(ob, units=units)
        if agreed and len(agreed) == len(ob.units):
            ob = replace(ob, method="both", confidence=min(v.confidence for v in agreed))
        kept.append(ob)
        clauses.add((ob.span.start, ob.span.end, ob.clause))
    kept += [ob for ob in rules.obligations
             if ob.kind == "inherited" and (mode != "model" or (ob.span.start, ob.span.end, ob.clause) in clauses)]
    return kept


def _values(rules: Extraction, decided: dict[object, Merged], mode: str) -> list[Extracted]:
    out = []
    for i, v in enumerate(rules.values):
        m = decided.get(("value", i))
        if m is None:  # citations, members: the model does not label them
            out.append(v)
        elif m.method == "both":
            out.append(replace(v, method="both", confidence=m.confidence))
        elif mode != "model":
            out.append(v)
    return out


def _span(source: Source, para: Paragraph, a: int, b: int) -> Span:
    return source.span(*para.source_range(a, b))


def _add_model_spans(source: Source, doc: Document, prov: Provision, spans: list[Labelled], out: Extraction) -> None:
    """Typed values and unit obligations for the model-only spans of one provision."""
    para = prov.paragraph
    assert para is not None
    text = para.text
    units = [s for s in spans if s.label.startswith("UNIT_")]
    for run in normalize.unit_runs(units, text):
        _add_obligation(source, doc, prov, run, out)
    for sp in spans:
        typ = next((t for t, lab in VALUE_LABEL.items() if lab == sp.label), None)
        value = (normalize.deadline(text, sp, doc.date) if typ == "deadline" else
                 normalize.amount(text, sp) if typ == "amount" else
                 normalize.target(text, sp) if typ == "target" else None)
        if value is None:
            continue
        span = _span(source, para, value.start, value.end)
        out.values.append(Extracted(
            id=stable_id(source.sha256, typ, span.start, span.end, value.surface),
            type=typ, value=value, span=span, document_id=doc.id, provision_id=prov.id,  # type: ignore[arg-type]
            obligation_id=_owner(out.obligations, prov.id, span), method="model", confidence=sp.weight,
        ))


def _add_obligation(source: Source, doc: Document, prov: Provision, run: list[Labelled], out: Extraction) -> None:
    para = prov.paragraph
    assert para is not None
    found = normalize.units(para.text, run, jurisdiction_of(doc.issuer or doc.title))
    if not found:
        return
    a, b = run[0].start, run[-1].end
    s, e = normalize.sentence_range(para.text, a)
    span = _span(source, para, a, b)
    out.obligations.append(Obligation(
        id=stable_id(source.sha256, "obligation", prov.id, span.start, span.end, "model"),
        document_id=doc.id, provision_id=prov.id, text=para.text[s:e].strip() or para.text,
        clause=para.text[a:b], span=span, task_span=_span(source, para, s, e),
        units=[(u, _span(source, para, u.start, u.end)) for u, _ in found],
        kind="model", method="model", confidence=round(min(sp.weight for _, sp in found), 4),
    ))


def _owner(obligations: list[Obligation], provision_id: str, span: Span) -> str | None:
    """The obligation of the same provision whose task holds the value (or its only one)."""
    mine = [o for o in obligations if o.provision_id == provision_id]
    for o in mine:
        if o.task_span.start <= span.start < o.task_span.end:
            return o.id
    return mine[0].id if len(mine) == 1 else None
