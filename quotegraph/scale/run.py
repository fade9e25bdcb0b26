"""One batch run: which inputs are left, which engine extracts them, and the one writer.

`run_batch` is the whole of `quotegraph batch` as a library call. It expands the inputs, drops
the ones the output directory's manifest already holds (same file, same settings), hands the
rest to an engine and writes every result through one `TableWriter`. Both engines deliver
results in input order, so the tables do not depend on the engine or the number of workers.
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from quotegraph.api import EXTRACTOR_VERSION
from quotegraph.scale.sources import expand_inputs
from quotegraph.scale.tables import TABLES_VERSION, InputDone, TableWriter, finished_inputs
from quotegraph.scale.work import Result, Settings

ENGINES = ("local", "ray")


@dataclass
class BatchReport:
    """What one run did."""

    inputs: int = 0
    already_done: int = 0
    done: list[InputDone] = field(default_factory=list)
    unmatched: list[tuple[str, str]] = field(default_factory=list)
    articles: int = 0
    quotes: int = 0
    errors: int = 0
    skipped: Counter = field(default_factory=Counter)
    seconds: float = 0.0

    @property
    def rate(self) -> float:
        return self.articles / self.seconds if self.seconds else 0.0


def run_batch(inputs: Iterable[str], output: str, *, engine: str = "local", workers: int = 1,
              address: str | None = None, model: str | None = None, scope: str = "speech",
              progress: bool | None = None) -> BatchReport:
    """Extract quotes from `inputs` into the Parquet tables of `output`; see the module docstring.

    `progress`: a bar with articles/s on stderr (None: only when stderr is a terminal).
    """
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}")
    if workers < 1:
        raise ValueError(f"workers must be at least 1, not {workers}")
    if address and engine != "ray":
        raise ValueError("--address is a Ray cluster address; it needs --engine ray")
    settings = Settings(model=model, scope=scope)
    manifest_settings = {"extractor_version": EXTRACTOR_VERSION, "tables_version": TABLES_VERSION,
                         "model": model, "scope": scope}
    paths, unmatched = expand_inputs(inputs)
    report = BatchReport(inputs=len(paths), unmatched=unmatched)
    started = time.perf_counter()
    with TableWriter(output, manifest_settings) as writer:
        finished = finished_inputs(output, manifest_settings)
        todo = [p for p in paths if p not in finished]
        report.already_done = len(paths) - len(todo)
        emit, bar = _emitter(writer, report, len(todo), progress)
        try:
            if engine == "ray":
                from quotegraph.scale.ray_job import run_ray

                run_ray(todo, settings, workers=workers, address=address, emit=emit)
            else:
                from quotegraph.scale.local import run_local

                run_local(todo, settings, workers=workers, emit=emit)
        finally:
            bar.close()
        report.done = writer.done
    report.seconds = time.perf_counter() - started
    return report


def _emitter(writer: TableWriter, report: BatchReport, n_inputs: int, progress: bool | None):
    from tqdm import tqdm

    bar = tqdm(unit=" articles", file=sys.stderr, disable=None if progress is None else not progress,
               dynamic_ncols=True, desc="batch")

    def emit(results: list[Result]) -> None:
        before = report.articles
        for r in results:
            state = writer.add(r.input, r.seq, r.kind, r.payload)
            if r.kind == "article":
                report.articles += 1
            elif r.kind == "skipped":
                report.skipped[_reason(r.payload)] += 1
            if state.expected is not None and state.input not in writer.open:
                report.quotes += state.quotes
                report.errors += state.errors
        bar.update(report.articles - before)
        bar.set_postfix(inputs=f"{len(writer.done)}/{n_inputs}", skipped=sum(report.skipped.values()),
                        refresh=False)

    return emit, bar


def _reason(payload: str) -> str:
    return json.loads(payload).get("reason", "").split(":")[0]
