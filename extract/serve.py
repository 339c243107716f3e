"""`gazette serve`: the store in Datasette, with descriptions, facets, Chinese full-text search and canned queries.

Metadata lives in extract/data/datasette.yaml; this module names the database after the file,
points provisions at its bigram full-text index and ensures the query indexes before serving.
"""

from __future__ import annotations

import asyncio
import copy
import types
from functools import cache
from pathlib import Path
from typing import Any

from extract.data import load_yaml
from extract.query.common import connect
from extract.store.fts import match_expression


@cache
def _base_metadata() -> dict[str, Any]:
    return load_yaml("datasette.yaml")


def metadata(db_path: str | Path) -> dict[str, Any]:
    """Datasette metadata for this store: tables, facets, FTS and canned queries under the database's name."""
    base = copy.deepcopy(_base_metadata())
    tables = base.pop("tables")
    queries = base.pop("queries")
    # provisions_fts indexes the character bigrams of provisions.text; _register_search makes the
    # search box ask for a query's bigrams (store/fts.py).
    tables["provisions"].update({"fts_table": "provisions_fts", "fts_pk": "rowid"})
    base["databases"] = {Path(db_path).stem: {"tables": tables, "queries": queries}}
    return base


def make_datasette(db_path: str | Path, **kwargs: Any):  # -> datasette.app.Datasette
    """A configured Datasette instance over the store (used by `gazette serve` and the tests)."""
    from datasette.app import Datasette

    _register_search()
    conn = connect(db_path)  # creates the schema and query indexes if missing
    conn.close()
    settings = {"default_page_size": 50, "facet_time_limit_ms": 500, "sql_time_limit_ms": 3000}
    return Datasette([str(db_path)], metadata=metadata(db_path), settings=settings, **kwargs)


def _fts_query(query: str) -> str:
    """Datasette's `_search` text as a query of the bigram index (each character as a term if none)."""
    terms = query.split()
    return match_expression(terms) or " ".join('"' + t.replace('"', '""') + '"' for t in terms)


def _register_search() -> None:
    """Make Datasette's `_search` on provisions exact over the bigram index: its escape_fts asks for
    the query's bigrams, and each term must then be in the provision's text."""
    from datasette import hookimpl
    from datasette.filters import FilterArguments
    from datasette.plugins import pm

    @hookimpl(trylast=True)  # after Datasette's own escape_fts, so this one is the one kept
    def prepare_connection(conn: Any) -> None:
        conn.create_function("escape_fts", 1, _fts_query)

    @hookimpl
    def filters_from_request(request: Any, database: str, table: str, datasette: Any) -> Any:
        terms = (request.args.get("_search") or "").split() if table == "provisions" else []
        if terms:
            return FilterArguments([f"instr(text, :gazette_term_{k}) > 0" for k in range(len(terms))],
                                   {f"gazette_term_{k}": t for k, t in enumerate(terms)})
        return None

    if not pm.has_plugin("gazette-bigram-search"):
        plugin = types.ModuleType("gazette_bigram_search")  # Datasette lists plugins by module name
        plugin.prepare_connection = prepare_connection
        plugin.filters_from_request = filters_from_request
        pm.register(plugin, name="gazette-bigram-search")


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
