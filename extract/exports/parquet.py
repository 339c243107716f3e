"""`gazette export --format parquet`: one Parquet file per record type, for DuckDB, pandas or Spark.

The records are those of the JSONL export (same fields, editors' decisions applied), written in
batches so that a national store exports in flat memory. Lists stay lists (a box is four
numbers, an obligation's units are structs), so `SELECT u.name FROM obligations, unnest(units)`
works in DuckDB without parsing JSON.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

from extract.exports.jsonl import RECORD_TYPES, iter_records

if TYPE_CHECKING:
    import pyarrow as pa
    import sqlite_utils

BATCH = 20_000
_INTS = {"line", "end_line", "page", "year", "ordinal", "level"}
_FLOATS = {"confidence", "value_yuan", "low_yuan", "high_yuan", "value"}
# file names: the record type's plural, as a table would be called
PLURAL = {"document": "documents", "provision": "provisions", "event": "events", "obligation": "obligations",
          "deadline": "deadlines", "amount": "amounts", "target": "targets", "citation": "citations",
          "member": "members"}


def _type(column: str, sample: Any) -> pa.DataType:
    """The Arrow type of a record field: known fields by name, others from a value."""
    import pyarrow as pa

    text = pa.string()
    known = {"bbox": pa.list_(pa.float64()), "addressees": pa.list_(text), "cells": pa.list_(pa.list_(text)),
             "units": pa.list_(pa.struct([(k, text) for k in ("name", "canonical", "role", "surface")]))}
    if column in known:
        return known[column]
    if column in _INTS:
        return pa.int64()
    if column in _FLOATS:
        return pa.float64()
    if isinstance(sample, bool):
        return pa.bool_()
    if isinstance(sample, int):
        return pa.int64()
    return pa.float64() if isinstance(sample, float) else text


def _schema(batch: list[dict[str, Any]]) -> pa.Schema:
    import pyarrow as pa

    columns = list(dict.fromkeys(k for rec in batch for k in rec))
    samples = {c: next((r[c] for r in batch if r.get(c) is not None), None) for c in columns}
    return pa.schema([(c, _type(c, samples[c])) for c in columns])


def _column(values: list[Any], typ: pa.DataType) -> list[Any]:
    """Values as the column's type takes them (a stray value of another type becomes text)."""
    import pyarrow as pa

    if typ == pa.string():
        return [v if v is None or isinstance(v, str) else str(v) for v in values]
    if typ in (pa.int64(), pa.float64()):
        cast = int if typ == pa.int64() else float
        return [None if v is None or v == "" else cast(v) for v in values]
    return values


def _batches(records: Iterable[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    it = iter(records)
    while batch := list(islice(it, BATCH)):
        yield batch


def write_parquet(db: sqlite_utils.Database | sqlite3.Connection, out_dir: str | Path,
                  types: Iterable[str] = RECORD_TYPES) -> dict[str, int]:
    """Write `<out_dir>/<type>s.parquet` for each record type; return the rows written per file."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as e:
        raise RuntimeError("Parquet export needs pyarrow: pip install 'gazette-extract[parquet]'") from e
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written: dict[str, int] = {}
    for t in types:
        path = out / f"{PLURAL[t]}.parquet"
        writer, schema, n = None, None, 0
        for batch in _batches({k: v for k, v in r.items() if k != "type"} for r in iter_records(db, [t])):
            if schema is None:
                schema = _schema(batch)
                writer = pq.ParquetWriter(path, schema, compression="zstd")
            cols = [_column([r.get(f.name) for r in batch], f.type) for f in schema]
            writer.write_table(pa.Table.from_arrays([pa.array(c, type=f.type) for c, f in zip(cols, schema, strict=True)],
                                                    schema=schema))
            n += len(batch)
        if writer is None:  # no records of this type: an empty file with the id column, still readable
            pq.write_table(pa.table({"id": pa.array([], pa.string())}), path)
        else:
            writer.close()
        written[path.name] = n
    return written
