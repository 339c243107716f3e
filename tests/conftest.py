"""Shared fixtures: real slices of the seed gazettes, and a store built from the corpus once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SLICES = Path(__file__).parent / "data" / "slices"


@pytest.fixture(scope="session")
def corpus_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The whole shipped corpus built into a fresh store (once for the test session)."""
    from extract.build import build

    db = tmp_path_factory.mktemp("store") / "gazette.db"
    report = build([CORPUS], db)
    assert report.ok and not report.errors
    return db


def slice_source(name: str):
    """A seed slice as an ingested Source."""
    from extract.ingest.text import read_text

    return read_text(SLICES / name)
