"""`gazette serve`: Datasette over the store, tested through Datasette's own client."""

from __future__ import annotations

import asyncio
import json

import pytest

from extract.serve import make_datasette, metadata


@pytest.fixture(scope="module")
def get(corpus_db):
    """GET a Datasette path over the corpus store; return (status, parsed JSON)."""
    ds = make_datasette(corpus_db)
    name = corpus_db.stem
    asyncio.run(ds.invoke_startup())

    def _get(path: str):
        async def go():
            return await ds.client.get(f"/{name}{path}")

        r = asyncio.run(go())
        return r.status_code, json.loads(r.text) if r.status_code == 200 else r.text

    return _get


def test_metadata_describes_tables_and_configures_chinese_fts(corpus_db):
    md = metadata(corpus_db)["databases"][corpus_db.stem]
    assert md["tables"]["provisions"]["fts_table"] == "provisions_fts"
    assert "lead (牵头)" in md["tables"]["reviewed_obligation_units"]["description"]
    assert {"obligations_by_unit", "deadlines_in_range", "binding_targets"} <= set(md["queries"])


def test_full_text_search_finds_chinese_substrings(get):
    status, rows = get("/provisions.json?_search=残疾人就业&_shape=array")
    assert status == 200 and rows and all("残疾人就业" in r["text"] for r in rows)


def test_facets_on_unit_role_year_and_binding(get):
    status, data = get("/reviewed_obligation_units.json?_facet=canonical&_facet=role")
    assert status == 200
    roles = {f["value"] for f in data["facet_results"]["role"]["results"]}
    assert roles == {"lead", "co", "responsible"}
    status, data = get("/reviewed_targets.json?_facet=year&_facet=binding")
    assert status == 200 and "binding" in {f["value"] for f in data["facet_results"]["binding"]["results"]}


def test_default_facets_come_from_metadata(get):
    status, data = get("/reviewed_obligations.json")
    assert status == 200 and {"kind", "source"} <= set(data["facet_results"])


# 000_ line 2148: "（责任单位：盟金融办、盟财政局、各旗县市政府）"
def test_canned_query_obligations_by_unit_accepts_alias(get):
    status, rows = get("/obligations_by_unit.json?unit=盟财政局&role=responsible&_shape=array")
    assert status == 200 and rows and {r["unit"] for r in rows} == {"兴安盟财政局"}
    assert any(r["path"] == "二/（一）" and r["doc_number"] == "兴署办发〔2022〕9号" for r in rows)


def test_canned_query_deadlines_in_range(get):
    status, rows = get("/deadlines_in_range.json?start=2021-04-01&end=2021-04-30&_shape=array")
    assert status == 200 and rows and all("2021-04-01" <= r["date"] <= "2021-04-30" for r in rows)
    assert any("兴安盟财政局(lead)" in (r["units"] or "") for r in rows)


def test_canned_query_binding_targets_for_2025(get):
    status, rows = get("/binding_targets.json?year=2025&_shape=array")
    assert status == 200 and rows and {r["year"] for r in rows} == {2025}
    assert any(r["indicator"] == "困难重度残疾人家庭无障碍改造数" for r in rows)


def test_serve_command_is_registered_with_its_options():
    from click.testing import CliRunner

    from extract.cli import main

    res = CliRunner().invoke(main, ["serve", "--help"])
    assert res.exit_code == 0 and "--port" in res.output and "Datasette" in res.output
