"""The model layer: a small spaCy span categorizer trained on the project's own labels, combined with the rules.

`data` assembles training DocBins (silver rules, dev gold, editors' reviews), `train` fits the
pipeline from `config.cfg`, `combine` merges model spans with rule extractions, `evaluate` scores
rules / model / combined on the held-back dev documents.
"""
