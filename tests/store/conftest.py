"""Store fixtures: a real SQLite file, and a real PostgreSQL server (one schema per test).

PostgreSQL comes from QUOTEGRAPH_TEST_PG (`.ci/run` sources scripts/ci_postgres.sh, which sets
it); without it, a throwaway server is started from the local PostgreSQL binaries if there are
any. With none, the PostgreSQL tests skip, except under CI=true, where they fail.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import uuid
from pathlib import Path
from urllib.parse import quote

import psycopg
import pytest

from quotegraph.store import open_store

ROOT = Path(__file__).resolve().parents[2]
PG_ENV = "QUOTEGRAPH_TEST_PG"


def _start_local_pg() -> tuple[str, str] | None:
    script = f'QG_PG_KEEP=1 QG_PG_NO_INSTALL=1 source "{ROOT}/scripts/ci_postgres.sh" >&2 && ' \
             'printf "%s\\n%s\\n" "$QUOTEGRAPH_TEST_PG" "$QG_PG_DIR"'
    env = {k: v for k, v in os.environ.items() if k not in (PG_ENV, "CI")}
    out = subprocess.run(["bash", "-c", script], capture_output=True, text=True, env=env, timeout=120)
    lines = out.stdout.split()
    return (lines[0], lines[1]) if out.returncode == 0 and len(lines) == 2 else None


@pytest.fixture(scope="session")
def pg_server():
    """The URL of a PostgreSQL server to test against."""
    url = os.environ.get(PG_ENV)
    started = None
    if not url:
        started = _start_local_pg()
        if started is None:
            message = (f"no PostgreSQL: set {PG_ENV}=postgresql://... or install postgresql "
                       "(scripts/ci_postgres.sh starts one)")
            if os.environ.get("CI") == "true":
                pytest.fail(message + " -- required under CI=true")
            pytest.skip(message)
        url = started[0]
    yield url
    if started is not None:
        pid_file = Path(started[1]) / "data" / "postmaster.pid"
        if pid_file.exists():
            os.kill(int(pid_file.read_text().split()[0]), signal.SIGQUIT)
        shutil.rmtree(started[1], ignore_errors=True)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """A real SQLite store file, not created yet."""
    return tmp_path / "quotegraph.db"


@pytest.fixture
def pg_url(pg_server: str):
    """A PostgreSQL URL whose tables live in a fresh schema, dropped after the test."""
    schema = "t_" + uuid.uuid4().hex[:12]
    with psycopg.connect(pg_server, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    sep = "&" if "?" in pg_server else "?"
    yield f"{pg_server}{sep}options={quote('-csearch_path=' + schema)}"
    with psycopg.connect(pg_server, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, db_path: Path) -> str:
    """Where a store lives: a SQLite path or a PostgreSQL URL, one test run per backend."""
    if request.param == "sqlite":
        return str(db_path)
    return request.getfixturevalue("pg_url")


@pytest.fixture
def store(store_url: str):
    """An open, empty store on each backend."""
    s = open_store(store_url)
    yield s
    s.close()
