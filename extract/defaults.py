"""Names every layer shares, in a module that imports nothing (so the CLI starts fast)."""

DEFAULT_CORPUS = "corpus"
DEFAULT_DB = "gazette.db"
# `rules` (the rule layer alone), or with the locally trained model: `model` / `combined` (see extract/ml).
EXTRACTORS = ("rules", "model", "combined")
# What a build says of each input (extract/build.py).
STATUSES = ("built", "unchanged", "warning", "error", "skipped")
