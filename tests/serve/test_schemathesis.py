"""Schemathesis against the live server: generated requests from /openapi.json find no 5xx."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def test_no_server_error_for_generated_requests(server, tmp_path):
    st = Path(sys.executable).parent / "schemathesis"
    run = subprocess.run(
        [str(st), "run", f"{server}/openapi.json", "--checks", "not_a_server_error", "--max-examples", "50",
         "--phases", "examples,coverage,fuzzing", "--seed", "1", "--request-timeout", "30", "--no-color",
         "--generation-database", "none"],
        capture_output=True, text=True, timeout=240, cwd=tmp_path,
    )
    tail = run.stdout[-3000:] + run.stderr[-2000:]
    assert run.returncode == 0, tail
    assert "7/7" in run.stdout and " passed" in run.stdout, tail
