"""The inputs of a build: every file the given paths name, with its source name or the reason it is not built.

A source's name is its path relative to the build root, with '/' separators: the root is a
single folder argument itself, the folder of a single file argument, else the common parent
of all arguments (`gazette build a b` → `a/notice.txt`, `b/notice.txt`). Folders are walked
by hand rather than with `rglob`, so that what `rglob` skips silently — a broken symlink, a
symlink loop, a folder that cannot be read, a FIFO — is reported with its reason.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

# Why an input is not built. `error`: the input is broken (reported as failed and recorded in
# ingest_errors); `skipped`: deliberately not read (another file type, a hidden folder).
ERROR, SKIPPED = "error", "skipped"


@dataclass(frozen=True)
class Input:
    """One input of a build: a file to read under its source name, or an entry that is not read, and why."""

    path: Path
    name: str
    problem: str | None = None  # the reason it is not built
    kind: str | None = None  # ERROR | SKIPPED when `problem` is set

    @property
    def buildable(self) -> bool:
        return self.problem is None


def build_root(paths: Iterable[str | Path]) -> Path:
    """The folder source names are relative to: a single folder itself, else the common parent."""
    given = [Path(os.path.abspath(p)) for p in paths]
    if not given:
        return Path.cwd()
    if len(given) == 1:
        return given[0] if given[0].is_dir() else given[0].parent
    parents = [p if p.is_dir() else p.parent for p in given]
    return Path(os.path.commonpath([str(p) for p in parents]))


def source_name(path: Path, root: Path) -> str:
    """`path` relative to `root` with '/' separators (the base name when it is not under root)."""
    try:
        return Path(os.path.abspath(path)).relative_to(root).as_posix()
    except ValueError:
        return path.name


def enumerate_inputs(paths: Iterable[str | Path], suffixes: set[str] | None = None) -> list[Input]:
    """Every file under `paths` (folders recursively, in sorted order) with its source name or problem.

    Files given by name are read whatever their suffix; inside folders only `suffixes` (default:
    what the pipeline reads) are built and other files are listed as skipped. A path that does
    not exist raises FileNotFoundError (the caller named it).
    """
    if suffixes is None:
        from extract.pipeline import SUPPORTED

        suffixes = SUPPORTED
    paths = [Path(p) for p in paths]
    for p in paths:
        if not os.path.lexists(p):
            raise FileNotFoundError(f"{p}: no such file or folder")
    root = build_root(paths)
    out: list[Input] = []
    for p in paths:
        if p.is_dir():
            _walk(p, root, suffixes, {_key(p)}, out)
        else:
            out.append(_entry(p, root, None, explicit=True))
    return _unique(out)


def _key(p: Path) -> tuple[int, int]:
    st = os.stat(p)
    return st.st_dev, st.st_ino


def _walk(folder: Path, root: Path, suffixes: set[str], seen: set[tuple[int, int]], out: list[Input]) -> None:
    try:
        with os.scandir(folder) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError as e:
        name = source_name(folder, root)
        name = folder.name if name == "." else name  # the root itself
        out.append(Input(folder, name + "/", f"cannot read folder: {e.strerror or e}", ERROR))
        return
    for e in entries:
        p = Path(e.path)
        try:
            st = os.stat(p)  # follows symlinks
        except OSError as err:
            out.append(Input(p, source_name(p, root), _stat_problem(p, err), ERROR))
            continue
        if stat.S_ISDIR(st.st_mode):
            name = source_name(p, root) + "/"
            if e.name.startswith("."):
                out.append(Input(p, name, "hidden folder, not searched", SKIPPED))
            elif (st.st_dev, st.st_ino) in seen:
                out.append(Input(p, name, f"symlink loop: {os.readlink(p) if p.is_symlink() else p} is a folder "
                                          "already being read", ERROR))
            else:
                _walk(p, root, suffixes, seen | {(st.st_dev, st.st_ino)}, out)
        else:
            out.append(_entry(p, root, st, explicit=False, suffixes=suffixes))


def _stat_problem(p: Path, err: OSError) -> str:
    if err.errno == errno.ELOOP:
        return "symlink loop: the link points back to itself"
    if err.errno == errno.ENOENT and p.is_symlink():
        return f"broken symlink: it points to {os.readlink(p)}, which does not exist"
    return f"cannot read: {err.strerror or err}"


def _entry(p: Path, root: Path, st: os.stat_result | None, explicit: bool,
           suffixes: set[str] | None = None) -> Input:
    name = source_name(p, root)
    if st is None:
        try:
            st = os.stat(p)
        except OSError as err:
            return Input(p, name, _stat_problem(p, err), ERROR)
    if not stat.S_ISREG(st.st_mode):
        return Input(p, name, "not a regular file (a FIFO, socket or device), not read", ERROR)
    if not explicit and suffixes is not None and p.suffix.lower() not in suffixes:
        kinds = " ".join(sorted(suffixes))
        return Input(p, name, f"not a file type the build reads ({p.suffix or 'no suffix'}; reads {kinds})", SKIPPED)
    return Input(p, name)


def _unique(inputs: list[Input]) -> list[Input]:
    """One entry per source name (the same file named twice is built once)."""
    seen: set[str] = set()
    out = []
    for i in inputs:
        if i.name not in seen:
            seen.add(i.name)
            out.append(i)
    return out
