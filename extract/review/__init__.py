"""Editors' review of extracted values: an append-only decision store, re-anchoring across
rebuilds, the reviewed_* tables that apply decisions, and a small web app (issue 7)."""
