"""Library of the `gazette query` verbs: each returns a list of dicts read from the reviewed_* tables.

    from extract.query import obligations
    obligations("gazette.db", unit="盟财政局", role="lead")
"""

from extract.query.common import resolve_documents, resolve_units, short_source_names, source_labels
from extract.query.deadlines import deadlines
from extract.query.obligations import obligations
from extract.query.values import amount_summary, amounts, citations, members, targets
from extract.query.workload import units

__all__ = [
    "amount_summary", "amounts", "citations", "deadlines", "members", "obligations",
    "resolve_documents", "resolve_units", "short_source_names", "source_labels", "targets", "units",
]
