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


def build_seed_store(directory: Path, seed: str) -> Path:
    """A store built from one seed in `directory` (build() also refreshes the review tables)."""
    import shutil

    from extract.build import build

    shutil.copy(CORPUS / seed, directory / seed)
    build([directory / seed], directory / "gazette.db")
    return directory


def copy_seed_store(built: Path, seed: str, directory: Path):
    """A private copy of a seed store in `directory`, its source path pointing at the copy."""
    import shutil

    from extract.review.store import connect

    shutil.copy(built / seed, directory / seed)
    shutil.copy(built / "gazette.db", directory / "gazette.db")
    conn = connect(directory / "gazette.db")
    conn.execute("UPDATE sources SET path = ?", (str(directory / seed),))
    conn.commit()
    return conn
