"""The store commands end to end with the real extractor, and SIGKILL-and-resume on both backends."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from store_helpers import diff_stores, dump_store

from quotegraph.cli import main
from quotegraph.store import open_store

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "quotegraph" / "samples"
BBC = ROOT.parent / "shared" / "data" / "bbc.jsonl"
QUOTEGRAPH = Path(sys.executable).with_name("quotegraph")
N_ARTICLES = 30


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """A JSONL corpus of real news: N_ARTICLES BBC articles when ../shared/data has them, else our samples
    repeated under new ids with a distinct closing line each. It is written to a temporary
    directory; no article text enters the repository."""
    out = tmp_path_factory.mktemp("corpus") / "corpus.jsonl"
    if BBC.exists():
        with open(BBC, encoding="utf-8") as f:
            lines = [next(f) for _ in range(N_ARTICLES)]
        out.write_text("".join(lines), encoding="utf-8")
        return out
    texts = [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt"))]
    with open(out, "w", encoding="utf-8") as f:
        for i in range(N_ARTICLES):
            text = texts[i % len(texts)] + f"\n\nThis is copy {i}."
            f.write(json.dumps({"id": f"doc-{i:03d}", "text": text, "outlet": "Samples"}) + "\n")
    return out


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(QUOTEGRAPH), *args], capture_output=True, text=True, timeout=300)


def _count_articles(url: str) -> int:
    try:
        s = open_store(url)
    except Exception:  # noqa: BLE001 - the store may not exist yet while the run starts
        return 0
    try:
        return s.stats()["articles"]
    finally:
        s.close()


def test_sigkill_mid_ingest_then_resume_equals_an_uninterrupted_run(corpus, store_url, tmp_path, request):
    reference = str(tmp_path / "reference.db")
    if store_url.startswith("postgresql"):
        reference = request.getfixturevalue("pg_url_2")
    done = run_cli("ingest", str(corpus), "--db", reference, "--no-progress")
    assert done.returncode == 0, done.stderr
    expected = dump_store(reference)
    assert len(expected["articles"]) == N_ARTICLES and expected["quotes"] and expected["clusters"]

    for kill_at in (3, 15):  # two kills: early, then mid-run, each during a batch or between them
        proc = subprocess.Popen([str(QUOTEGRAPH), "ingest", str(corpus), "--db", store_url,
                                 "--no-progress", "--batch-size", "4"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 120
        while _count_articles(store_url) < kill_at and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert proc.poll() is None, "ingest finished before it could be killed: " + proc.stderr.read().decode()
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        proc.stderr.close()
        assert 0 < _count_articles(store_url) < N_ARTICLES
    resumed = run_cli("ingest", str(corpus), "--db", store_url, "--no-progress")
    assert resumed.returncode == 0, resumed.stderr
    assert "already stored" in resumed.stderr
    got = dump_store(store_url)
    assert got == expected, diff_stores(expected, got)


@pytest.fixture
def pg_url_2(pg_url):
    """A second PostgreSQL schema for a reference store (the first is the test's own)."""
    import uuid
    from urllib.parse import quote

    import psycopg

    base = pg_url.split("?")[0]
    schema = "r_" + uuid.uuid4().hex[:12]
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    yield f"{base}?options={quote('-csearch_path=' + schema)}"
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture(scope="module")
def sample_store(tmp_path_factory) -> str:
    """A SQLite store of our sample articles, ingested through the CLI in this process."""
    db = str(tmp_path_factory.mktemp("cli") / "quotegraph.db")
    result = CliRunner().invoke(main, ["ingest", str(SAMPLES), "--db", db])
    assert result.exit_code == 0, result.output
    assert "articles/s" in result.output and "6 articles extracted" in result.output
    return db


def test_ingest_again_skips_everything(sample_store):
    result = CliRunner().invoke(main, ["ingest", str(SAMPLES), "--db", sample_store, "--no-progress"])
    assert result.exit_code == 0
    assert "0 articles extracted" in result.output and "6 already stored" in result.output


def test_speakers_search_quote_and_export_commands(sample_store, tmp_path):
    runner = CliRunner()
    speakers = runner.invoke(main, ["speakers", "--db", sample_store, "--top", "3", "--json"])
    assert speakers.exit_code == 0, speakers.output
    people = [json.loads(line) for line in speakers.output.splitlines()]
    assert len(people) == 3 and people[0]["n_quotes"] >= people[-1]["n_quotes"]

    store = open_store(sample_store)
    some_quote = store._one("SELECT text FROM quotes WHERE length(text) > 40 ORDER BY id")["text"]
    store.close()
    words = " ".join(some_quote.split()[:4])
    found = runner.invoke(main, ["search", words, "--db", sample_store, "--json"])
    assert found.exit_code == 0, found.output
    hit = json.loads(found.output.splitlines()[0])
    assert hit["text"] == some_quote

    shown = runner.invoke(main, ["quote", hit["cluster_id"], "--db", sample_store])
    assert shown.exit_code == 0 and some_quote in shown.output and "first seen" in shown.output

    missing = runner.invoke(main, ["quote", "c-nope", "--db", sample_store])
    assert missing.exit_code == 1 and "no quote or quote cluster with id 'c-nope'" in missing.output

    empty = runner.invoke(main, ["search", "?!", "--db", sample_store])
    assert empty.exit_code == 1 and "nothing to search for" in empty.output

    for fmt in ("jsonl", "csv", "parquet", "quotebank"):
        out = tmp_path / f"export.{fmt}"
        result = runner.invoke(main, ["export", "--db", sample_store, "--format", fmt, "-o", str(out)])
        assert result.exit_code == 0, result.output
        assert out.stat().st_size > 0
    first = json.loads((tmp_path / "export.quotebank").read_text().splitlines()[0])
    assert {"quoteID", "quotation", "speaker", "probas", "date", "numOccurrences", "urls"} == set(first)


def test_unreachable_postgres_is_a_clean_error():
    result = CliRunner().invoke(main, ["speakers", "--db", "postgresql://nobody@127.0.0.1:1/none"])
    assert result.exit_code == 1 and "cannot open store" in result.output
