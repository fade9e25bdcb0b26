"""The local engine: a process pool on this machine, each worker loading the pipeline once.

The main process reads the inputs and writes the tables; workers parse HTML and extract. At most
a few chunks per worker are in flight, so a crawl of any size is read as fast as it is processed,
never into memory ahead of the workers. Workers are started with "spawn" (a fork of a process
with a loaded model and threads is fragile) and with one BLAS/OpenMP thread each: N workers then
use N cores, and 1 worker's rate is the honest per-core rate.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from itertools import chain, islice

from quotegraph.scale.sources import Record, read_input
from quotegraph.scale.work import Result, Settings, extract_records

IN_FLIGHT_PER_WORKER = 3
THREAD_VARIABLES = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")

_nlp = None
_settings: Settings | None = None


def run_local(paths: Iterable[str], settings: Settings, *, workers: int,
              emit: Callable[[list[Result]], None], chunk_size: int = 8) -> None:
    """Extract every record of `paths`, calling `emit` with each chunk's results in input order."""
    chunks = _chunks(chain.from_iterable(read_input(p) for p in paths), chunk_size)
    with _one_thread_each(), ProcessPoolExecutor(
        max_workers=workers, mp_context=multiprocessing.get_context("spawn"),
        initializer=_load, initargs=(settings,),
    ) as pool:
        window: deque = deque()
        for chunk in chunks:
            window.append(pool.submit(_extract_chunk, chunk))
            if len(window) >= workers * IN_FLIGHT_PER_WORKER:
                emit(window.popleft().result())
        while window:
            emit(window.popleft().result())


def _chunks(records: Iterator[Record], size: int) -> Iterator[list[Record]]:
    while chunk := list(islice(records, size)):
        yield chunk


@contextmanager
def _one_thread_each():
    """Children inherit these variables at spawn; the parent's own libraries are already loaded."""
    saved = {name: os.environ.get(name) for name in THREAD_VARIABLES}
    for name in THREAD_VARIABLES:
        os.environ.setdefault(name, "1")
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)


def _load(settings: Settings) -> None:
    global _nlp, _settings
    from quotegraph.pipeline import load_nlp

    _nlp = load_nlp(settings.model, scope=settings.scope)
    _settings = settings


def _extract_chunk(records: list[Record]) -> list[Result]:
    return extract_records(records, _nlp, _settings)
