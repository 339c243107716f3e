"""gazette-extract: Chinese government gazettes → a queryable store of obligations with provenance.

Single expressions (never raise; None or [] for text they cannot parse):

>>> parse_amount("补贴标准提高到每人每月100元").value_yuan
100.0
>>> parse_deadline("2022年底前完成").date
'2022-12-31'
>>> t = parse_target("新建幼儿园20所")
>>> (t.indicator, t.comparator, t.value, t.unit)
('新建幼儿园', '>=', 20.0, '所')
>>> [(u.name, u.role) for u in parse_units("市残联、人社局牵头")]
[('市残联', 'lead'), ('市人社局', 'lead')]

Whole files: `process_file(path)` (pure, no database) and `build(paths, db_path)`.
"""

from __future__ import annotations

__all__ = ["build", "parse_amount", "parse_deadline", "parse_target", "parse_units", "process_file"]

_HOMES = {"build": "extract.build", "parse_amount": "extract.extractors.amounts",
          "parse_deadline": "extract.extractors.deadlines",
          "parse_target": "extract.extractors.targets", "parse_units": "extract.extractors.units",
          "process_file": "extract.pipeline"}


def __getattr__(name: str):  # imported on first use, so that `gazette --help` starts fast
    if name in _HOMES:
        import importlib

        return getattr(importlib.import_module(_HOMES[name]), name)
    raise AttributeError(f"module 'extract' has no attribute {name!r}")
