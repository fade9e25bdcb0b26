"""The Ray engine: Ray Data reads the inputs, `ExtractBatch` actors extract, the driver writes.

    from_items(input paths) -> flat_map(read_input) -> map_batches(ExtractBatch) -> driver

Reading runs as Ray tasks next to the data, so on a cluster the input paths must be readable at
the same path on every node (a shared file system or a mounted bucket). Each `ExtractBatch`
actor loads the pipeline once and takes one CPU; the actor pool has `workers` actors. The order
of results is preserved, so the tables are the same as the local engine's, row for row. The
driver is the one writer (`tables.TableWriter`): workers return rows, they never write.

Without an address a private Ray instance is started on this machine, bound to 127.0.0.1, and
stopped at the end; a Ray session already started by the caller is used as it is.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Callable
from dataclasses import asdict

import numpy as np

from quotegraph.scale.sources import Record, read_input
from quotegraph.scale.work import Result, Settings, extract_records

COLUMNS = ("input", "seq", "kind", "meta", "body")
# About 30 news articles of text; a WARC record with its HTML is larger and may travel alone.
BLOCK_BYTES = 128 * 1024


class ExtractBatch:
    """One Ray actor's extractor: the pipeline is loaded in `__init__`, once per actor, not per batch."""

    def __init__(self, settings: dict) -> None:
        from quotegraph.pipeline import load_nlp

        self.settings = Settings(**settings)
        self.nlp = load_nlp(self.settings.model, scope=self.settings.scope)

    def __call__(self, batch: dict[str, np.ndarray]) -> dict[str, list]:
        records = [
            Record(str(i), int(s), str(k), json.loads(m), bytes(b))
            for i, s, k, m, b in zip(*(batch[c] for c in COLUMNS))
        ]
        results = extract_records(records, self.nlp, self.settings)
        return {name: [getattr(r, name) for r in results] for name in Result._fields}


def read_rows(row: dict) -> list[dict]:
    """One input file's records as Ray rows (`meta` as JSON, so every row has the same columns)."""
    return [
        {"input": r.input, "seq": r.seq, "kind": r.kind, "meta": json.dumps(r.meta, ensure_ascii=False),
         "body": r.body}
        for r in read_input(row["path"])
    ]


def run_ray(paths: list[str], settings: Settings, *, workers: int, address: str | None,
            emit: Callable[[list[Result]], None], batch_size: int = 8) -> None:
    """Extract every record of `paths` on Ray, calling `emit` with results in input order."""
    import ray

    started_here = _init(address)
    try:
        if not paths:
            return
        context = ray.data.DataContext.get_current()
        context.execution_options.preserve_order = True
        context.enable_progress_bars = False
        # Blocks of a few dozen articles, not one block per input file: an input is spread over
        # all actors, and a finished block reaches the writer soon.
        context.target_max_block_size = BLOCK_BYTES
        ds = ray.data.from_items([{"path": p} for p in paths], override_num_blocks=len(paths))
        # Reading takes no CPU slot of its own: the actors hold one each, and a reader that had
        # to wait for a free CPU would wait for ever once all actors are up.
        ds = ds.flat_map(read_rows, num_cpus=0)
        ds = ds.map_batches(
            ExtractBatch, fn_constructor_kwargs={"settings": asdict(settings)},
            batch_size=batch_size, compute=ray.data.ActorPoolStrategy(size=workers), num_cpus=1,
            batch_format="numpy",
        )
        for batch in ds.iter_batches(batch_size=None, batch_format="numpy"):
            emit([Result(str(i), int(s), str(k), str(p))
                  for i, s, k, p in zip(*(batch[c] for c in Result._fields))])
    finally:
        if started_here:
            ray.shutdown()


def _init(address: str | None) -> bool:
    """Connect to `address`, or start a private local instance; True if this call started Ray."""
    import ray

    if ray.is_initialized():
        return False
    quiet = {"include_dashboard": False, "logging_level": logging.WARNING, "log_to_driver": False}
    if address:
        ray.init(address=address, logging_level=logging.WARNING, log_to_driver=False)
    else:
        ray.init(address="local", num_cpus=os.cpu_count(), _node_ip_address="127.0.0.1", **quiet)
    return True
