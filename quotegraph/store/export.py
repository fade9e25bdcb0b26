"""Rows to files: JSON lines, CSV, Parquet (pyarrow), and Quotebank's JSON lines."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from itertools import islice
from typing import IO

PARQUET_BATCH = 10_000


def write_export(rows: Iterable[dict], fmt: str, out: IO) -> int:
    """Write rows in `fmt` to `out` (text stream, or binary for parquet); the number written."""
    rows = iter(rows)
    n = 0
    if fmt in ("jsonl", "quotebank"):
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
            n += 1
    elif fmt == "csv":
        writer = None
        for row in rows:
            if writer is None:
                writer = csv.DictWriter(out, fieldnames=list(row))
                writer.writeheader()
            writer.writerow({k: json.dumps(v) if isinstance(v, (list, dict)) else v for k, v in row.items()})
            n += 1
    elif fmt == "parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        writer = None
        while batch := list(islice(rows, PARQUET_BATCH)):
            table = pa.Table.from_pylist(batch)
            if writer is None:
                writer = pq.ParquetWriter(out, table.schema)
            writer.write_table(table.cast(writer.schema))
            n += len(batch)
        if writer is not None:
            writer.close()
    else:
        raise ValueError(f"unknown export format {fmt!r}")
    return n
