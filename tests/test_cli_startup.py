"""`gazette --help` and the query verbs start without loading what they do not use."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from extract.cli import main

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ("sqlite_utils", "pandas", "numpy", "rich", "extract.pipeline", "extract.build", "pdfplumber")


def _loaded_after(code: str) -> set[str]:
    probe = f"import sys\n{code}\nprint('LOADED:' + ' '.join(m for m in {HEAVY!r} if m in sys.modules))"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True)
    return set(out.stdout.rsplit("LOADED:", 1)[1].split())


def test_help_loads_no_pipeline_sqlite_utils_pandas_or_rich():
    code = "from extract.cli import main\ntry:\n    main(['--help'])\nexcept SystemExit:\n    pass"
    assert _loaded_after(code) == set()


def test_query_verbs_load_the_query_library_only(corpus_db):
    code = ("from extract.cli import main\ntry:\n"
            f"    main(['query', 'obligations', '--db', {str(corpus_db)!r}, '--format', 'json', '--limit', '1'])\n"
            "except SystemExit:\n    pass")
    assert _loaded_after(code) == set()


def test_build_takes_a_number_of_workers(tmp_path):
    from conftest import SLICES

    d = tmp_path / "in"
    d.mkdir()
    for name in ("000_cover_notice.txt", "004_roster.txt"):
        (d / name).write_bytes((SLICES / name).read_bytes())
    res = CliRunner().invoke(main, ["build", str(d), "--db", str(tmp_path / "g.db"), "--workers", "2"])
    assert res.exit_code == 0, res.output
    assert res.output.count("built") >= 2
