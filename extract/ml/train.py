"""`gazette train`: assemble the data, fit the spaCy pipeline of config.cfg, install it as the model dir.

The trained pipeline lands in `output` (default extract/ml/model/) with `gazette.json` beside it:
the seed, the held-back eval documents and what was trained on, so `gazette eval-model` scores
exactly the documents the model never saw.
"""

from __future__ import annotations

import json
import logging
import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from extract.evaluate import GOLD_DIR
from extract.ml.data import SEED, Assembled, assemble, describe, to_docbin

ML_DIR = Path(__file__).resolve().parent
CONFIG = ML_DIR / "config.cfg"
DEFAULT_MODEL_DIR = ML_DIR / "model"
MANIFEST = "gazette.json"


@dataclass
class TrainReport:
    """What one training run did: where the model went, on what, and how long it took."""

    output: Path
    data: Assembled
    seconds: float
    size_bytes: int


def quiet_jieba() -> None:
    """jieba announces its dictionary on stderr at first use; the CLI prints its own messages."""
    import jieba

    jieba.setLogLevel(logging.WARNING)


def blank_pipeline(config_path: Path = CONFIG):
    """The untrained pipeline of `config_path` (used for its tokenizer when writing DocBins)."""
    from spacy import util

    quiet_jieba()
    return util.load_model_from_config(util.load_config(config_path), auto_fill=True, validate=True)


def train(
    corpus_dir: Path,
    output: Path = DEFAULT_MODEL_DIR,
    gold_dir: Path = GOLD_DIR,
    reviews_db: Path | None = None,
    max_steps: int | None = None,
    config_path: Path = CONFIG,
    log: Callable[[str], None] = print,
) -> TrainReport:
    """Train the span model from the corpus (+ gold, + reviews) and install it in `output`."""
    from spacy.cli.train import train as spacy_train

    t0 = time.perf_counter()
    data = assemble(corpus_dir, gold_dir, reviews_db)
    if not data.train:
        raise ValueError(f"{corpus_dir}: nothing to train on")
    log(describe(data))
    nlp = blank_pipeline(config_path)
    with tempfile.TemporaryDirectory(prefix="gazette-train-") as tmp:
        t = Path(tmp)
        to_docbin(nlp, data.train).to_disk(t / "train.spacy")
        # The dev set only feeds spaCy's progress log (fit on the training gold); no model is picked by it.
        dev = [e for e in data.train if e.origin != "silver"] or data.train
        to_docbin(nlp, dev[::2]).to_disk(t / "dev.spacy")
        overrides = {"paths.train": str(t / "train.spacy"), "paths.dev": str(t / "dev.spacy")}
        if max_steps is not None:
            overrides["training.max_steps"] = max_steps
            overrides["training.eval_frequency"] = max(1, min(250, max_steps))
        spacy_train(config_path, t / "out", use_gpu=-1, overrides=overrides)
        if output.exists():
            shutil.rmtree(output)
        shutil.copytree(t / "out" / "model-last", output)
    seconds = time.perf_counter() - t0
    _write_manifest(output, data, seconds, reviews_db)
    size = sum(f.stat().st_size for f in output.rglob("*") if f.is_file())
    from extract.ml import combine

    combine._load.cache_clear()  # a model retrained in place must be reloaded
    combine._admitted.cache_clear()
    return TrainReport(output, data, seconds, size)


def _write_manifest(output: Path, data: Assembled, seconds: float, reviews_db: Path | None) -> None:
    manifest = {
        "seed": SEED,
        "eval_documents": [d.__dict__ for d in data.eval_docs],
        "train_documents": sorted({e.doc_id for e in data.train}),
        "counts": dict(sorted(data.counts.items())),
        "reviews_db": str(reviews_db) if reviews_db else None,
        "train_seconds": round(seconds, 1),
    }
    (output / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")


def eval_documents(model_dir: Path) -> list[dict] | None:
    """The held-back eval documents recorded with a trained model (None when there is no manifest)."""
    p = model_dir / MANIFEST
    if not p.exists():
        return None
    return json.loads(p.read_text(encoding="utf-8")).get("eval_documents")
