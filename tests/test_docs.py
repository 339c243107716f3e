"""The README and the documentation site: examples that cannot go stale, a short front door, a strict build."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"


def test_readme_opens_with_the_two_commands_and_stays_a_short_front_door():
    text = README.read_text(encoding="utf-8")
    assert len(text.splitlines()) <= 200
    first_block = text.split("```bash\n", 1)[1].split("```", 1)[0]
    assert "pip install -e . && gazette build" in first_block
    assert "pip install -e '.[dev]' && python -m pytest" in first_block
    for page in ("docs/tutorial.md", "docs/queries.md", "docs/cli.md", "docs/records.md"):
        assert f"]({page}" in text and (ROOT / page).exists()


def test_every_documented_command_output_matches_what_the_command_prints_now(capsys):
    """Reruns every cog block of README.md and docs/*.md; on drift, prints the diff and `python docs/regen.py`."""
    pytest.importorskip("cogapp", reason="pip install -e '.[dev]' (cogapp) to check the documented outputs")
    sys.path.insert(0, str(ROOT / "docs"))
    try:
        import regen
    finally:
        sys.path.remove(str(ROOT / "docs"))
    status = regen.main(["--check"])
    report = capsys.readouterr().out
    assert status == 0, f"documented outputs drifted; run `{regen.COMMAND}` and commit the pages\n{report}"


def test_documentation_site_builds_in_strict_mode(tmp_path):
    mkdocs = shutil.which("mkdocs")
    if mkdocs is None:
        pytest.skip("pip install -e '.[dev]' (mkdocs, mkdocs-material) to build the documentation site")
    res = subprocess.run([mkdocs, "build", "--strict", "--quiet", "-d", str(tmp_path / "site")], cwd=ROOT,
                         capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert res.returncode == 0, res.stdout + res.stderr
    assert (tmp_path / "site" / "tutorial" / "index.html").exists()



def test_default_pytest_output_says_why_a_test_was_skipped(tmp_path):
    (tmp_path / "test_needs_a_program.py").write_text(
        "import pytest\n\ndef test_it():\n    pytest.skip('no /usr/bin/frobnicate (apt-get install frobnicate)')\n",
        encoding="utf-8")
    res = subprocess.run([sys.executable, "-m", "pytest", "-c", str(ROOT / "pyproject.toml"), "--rootdir",
                          str(tmp_path), "-p", "no:cacheprovider", str(tmp_path)], capture_output=True, text=True)
    assert "SKIPPED" in res.stdout and "no /usr/bin/frobnicate (apt-get install frobnicate)" in res.stdout
