"""`gazette serve`: the store in Datasette, with descriptions, facets, Chinese full-text search and canned queries.

Metadata lives in extract/data/datasette.yaml; this module names the database after the file,
points provisions at its trigram full-text index and ensures the query indexes before serving.
"""

from __future__ import annotations

import asyncio
import copy
from functools import cache
from pathlib import Path
from typing import Any

from extract.data import load_yaml
from extract.query.common import connect


@cache
def _base_metadata() -> dict[str, Any]:
    return load_yaml("datasette.yaml")


def metadata(db_path: str | Path) -> dict[str, Any]:
    """Datasette metadata for this store: tables, facets, FTS and canned queries under the database's name."""
    base = copy.deepcopy(_base_metadata())
    tables = base.pop("tables")
    queries = base.pop("queries")
    # provisions_fts is an FTS5 trigram index over provisions.text: any substring of ≥ 3 characters matches.
    tables["provisions"].update({"fts_table": "provisions_fts", "fts_pk": "rowid"})
    base["databases"] = {Path(db_path).stem: {"tables": tables, "queries": queries}}
    return base


def make_datasette(db_path: str | Path, **kwargs: Any):  # -> datasette.app.Datasette
    """A configured Datasette instance over the store (used by `gazette serve` and the tests)."""
    from datasette.app import Datasette

    conn = connect(db_path)  # creates the schema and query indexes if missing
    conn.close()
    settings = {"default_page_size": 50, "facet_time_limit_ms": 500, "sql_time_limit_ms": 3000}
    return Datasette([str(db_path)], metadata=metadata(db_path), settings=settings, **kwargs)


def serve(db_path: str | Path, host: str = "127.0.0.1", port: int = 8001, open_browser: bool = False) -> None:
    """Run Datasette over the store until interrupted."""
    import uvicorn

    ds = make_datasette(db_path)
    asyncio.run(ds.invoke_startup())
    url = f"http://{host}:{port}/{Path(db_path).stem}"
    print(f"Datasette on {url}")
    if open_browser:
        import webbrowser

        webbrowser.open(url)
    uvicorn.run(ds.app(), host=host, port=port, log_level="warning")
