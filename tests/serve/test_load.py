"""The load test's own loop, small, against the live server: concurrent searches all succeed."""

from __future__ import annotations

import importlib.util
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "benchmarks" / "serve_load.py"


def test_concurrent_searches_have_no_error(server):
    spec = importlib.util.spec_from_file_location("serve_load", BENCH)
    load = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(load)
    latencies, errors, wall = load.run_load(server, 300, 8, seconds=60)
    assert errors == [] and len(latencies) == 300
