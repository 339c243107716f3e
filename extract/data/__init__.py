"""Rules as data: the YAML vocabularies and patterns every stage reads, loaded once."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml


@cache
def load_yaml(name: str) -> Any:
    """Parse `extract/data/<name>` once per process (callers must not mutate the result)."""
    text = resources.files(__package__).joinpath(name).read_text(encoding="utf-8")
    return yaml.load(text, Loader=_LOADER)  # noqa: S506 — a safe loader: libyaml's when built in


# libyaml's C loader is ten times faster than the pure-Python one; both are safe loaders.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
