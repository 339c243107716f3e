"""notebooks/obligations_overview.ipynb runs against a store built in the test, with Chinese labels rendered."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from matplotlib import font_manager
from nbclient import NotebookClient

NOTEBOOK = Path(__file__).resolve().parent.parent / "notebooks" / "obligations_overview.ipynb"
CHARTS = ("deadlines_per_year", "top_lead_units", "amounts_by_document", "unit_document_heatmap")


def _cjk_font_installed() -> bool:
    return any(any(k in f.name for k in ("CJK", "Hei", "Song", "Ming", "Kai")) for f in font_manager.fontManager.ttflist)


@pytest.fixture(scope="module")
def executed(corpus_db, tmp_path_factory, monkeypatch_module):
    figs = tmp_path_factory.mktemp("figs")
    monkeypatch_module.setenv("GAZETTE_DB", str(corpus_db))
    monkeypatch_module.setenv("GAZETTE_FIG_DIR", str(figs))
    nb = nbformat.read(NOTEBOOK, as_version=4)
    NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(figs)}}).execute()
    return nb, figs


@pytest.fixture(scope="module")
def monkeypatch_module():
    mp = pytest.MonkeyPatch()
    yield mp
    mp.undo()


def _text(nb, name: str) -> str:
    return "".join(o.get("text", "") for c in nb.cells for o in c.get("outputs", []) if o.get("name") == name)


def test_notebook_runs_on_the_store_and_saves_every_chart(executed, corpus_db):
    import sqlite3

    nb, figs = executed
    conn = sqlite3.connect(corpus_db)
    n_docs, n_obs = (conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("documents", "obligations"))
    assert f"{n_docs} documents, {n_obs} obligations" in _text(nb, "stdout")
    for name in CHARTS:
        png = figs / f"{name}.png"
        assert png.exists() and png.stat().st_size > 10_000, name
    images = [o for c in nb.cells for o in c.get("outputs", []) if "image/png" in o.get("data", {})]
    assert len(images) == len(CHARTS)


def test_notebook_uses_a_cjk_font_when_one_is_installed(executed):
    nb, _ = executed
    out, err = _text(nb, "stdout"), _text(nb, "stderr")
    if _cjk_font_installed():
        assert "CJK font: none" not in out and "CJK font: " in out
        assert "missing from font" not in err  # no glyph fell back to boxes
    else:
        assert "CJK font: none found" in out


def test_notebook_reads_reviewed_views():
    source = "".join(c.source for c in nbformat.read(NOTEBOOK, as_version=4).cells)
    assert "reviewed_obligations" in source and "GAZETTE_DB" in source
