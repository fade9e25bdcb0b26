"""Web UI fixtures: a real store from the bundled samples, a real uvicorn server, real Chromium.

The samples and our own dated articles (tests/serve/data) are extracted once per session; the
results are written to a SQLite file and, for the API tests on both backends, to PostgreSQL. One
hand-made article carries markup in every field (quote, speaker, title, outlet, url) to prove it is
shown as text. The server is `quotegraph serve` in a subprocess on a free loopback port.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import quote

import httpx
import psycopg
import pytest

from quotegraph import api
from quotegraph.model import Article, ArticleQuotes, Attribution, Cue, Mention, Quote, Speaker
from quotegraph.read import iter_articles
from quotegraph.store import open_store
from serve_helpers import TOKEN, XSS_OUTLET, XSS_QUOTE, XSS_SPEAKER, XSS_TITLE

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
SAMPLES = REPO / "quotegraph" / "samples"
SEED = REPO.parent / "shared" / "data" / "seed.jsonl"
CHROMIUM = "/usr/bin/chromium"
PG_ENV = "QUOTEGRAPH_TEST_PG"


def _xss_pair() -> tuple[Article, ArticleQuotes]:
    """An article whose quote, speaker, title, outlet and url are all attempts at markup."""
    lead = f"{XSS_TITLE}\n\n"
    body = f"“{XSS_QUOTE}” said {XSS_SPEAKER}."
    text = lead + body
    q_start = len(lead) + 1
    name_start = text.index(XSS_SPEAKER)
    cue_start = text.index(" said ") + 1
    quote_ = Quote(
        id="xss-article:q1", kind="direct", text=XSS_QUOTE, spans=((q_start, q_start + len(XSS_QUOTE)),),
        cue=Cue("said", (cue_start, cue_start + 4)),
        speaker=Attribution(XSS_SPEAKER, Mention(XSS_SPEAKER, (name_start, name_start + len(XSS_SPEAKER))), "name"),
        confidence=0.9,
    )
    article = Article(id="xss-article", text=text, title=XSS_TITLE, date="2024-02-10", outlet=XSS_OUTLET,
                      url="javascript:window.__xss=7")
    return article, ArticleQuotes(id=article.id, quotes=(quote_,), speakers=(Speaker(XSS_SPEAKER),))


@pytest.fixture(scope="session")
def extracted() -> list[tuple[Article, ArticleQuotes]]:
    """The bundled samples and our dated articles, extracted once, plus the markup article."""
    articles = [a for a in iter_articles([str(SAMPLES), str(HERE / "data" / "articles.jsonl")])
                if isinstance(a, Article)]
    assert len(articles) >= 9, "the bundled samples and tests/serve/data should all read"
    pairs = list(zip(articles, api.extract_articles(articles)))
    return pairs + [_xss_pair()]


def fill_store(url: str, pairs) -> None:
    with open_store(url) as store:
        store.add(pairs, extractor_version=api.EXTRACTOR_VERSION)
        store.link()


@pytest.fixture(scope="session")
def sqlite_db(tmp_path_factory, extracted) -> str:
    path = str(tmp_path_factory.mktemp("serve") / "quotegraph.db")
    fill_store(path, extracted)
    return path


def _load_store_conftest():
    spec = importlib.util.spec_from_file_location("qg_store_conftest", REPO / "tests" / "store" / "conftest.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def pg_db(extracted):
    """A PostgreSQL URL (QUOTEGRAPH_TEST_PG, else a local throwaway server) holding the same store."""
    url, started = os.environ.get(PG_ENV), None
    if not url:
        started = _load_store_conftest()._start_local_pg()
        if started is None:
            message = f"no PostgreSQL: set {PG_ENV}=postgresql://... or install postgresql"
            if os.environ.get("CI") == "true":
                pytest.fail(message + " -- required under CI=true")
            pytest.skip(message)
        url = started[0]
    schema = "serve_" + uuid.uuid4().hex[:12]
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    sep = "&" if "?" in url else "?"
    scoped = f"{url}{sep}options={quote('-csearch_path=' + schema)}"
    fill_store(scoped, extracted)
    yield scoped
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA {schema} CASCADE")
    if started is not None:
        pid_file = Path(started[1]) / "data" / "postmaster.pid"
        if pid_file.exists():
            os.kill(int(pid_file.read_text().split()[0]), signal.SIGQUIT)
        shutil.rmtree(started[1], ignore_errors=True)


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def store_db(request) -> str:
    """The filled store on each backend."""
    return request.getfixturevalue("sqlite_db" if request.param == "sqlite" else "pg_db")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db: str, port: int, env: dict | None = None) -> subprocess.Popen:
    proc = subprocess.Popen(
        [str(Path(sys.executable).parent / "quotegraph"), "serve", "--db", db,
         "--host", "127.0.0.1", "--port", str(port)],
        env={**os.environ, **(env or {})}, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode}: {proc.stdout.read()}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/quotes", timeout=2).status_code == 200:
                return proc
        except httpx.TransportError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError("server did not answer within 60 s")


@pytest.fixture(scope="session")
def server(sqlite_db) -> str:
    """The base URL of `quotegraph serve` over the SQLite store, with a write token set."""
    port = free_port()
    proc = start_server(sqlite_db, port, {"QUOTEGRAPH_TOKEN": TOKEN})
    yield f"http://127.0.0.1:{port}"
    proc.send_signal(signal.SIGINT)
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


@pytest.fixture(scope="session")
def browser():
    """Headless Debian Chromium driven by Playwright (which cannot download its own here)."""
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{CHROMIUM} missing: .ci/run installs Debian's chromium")
        pytest.skip(f"{CHROMIUM} missing: apt-get install chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=[
            "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-extensions"])
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    pg.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    pg.js_errors = errors  # script errors and console errors, CSP refusals among them
    pg.urls = []
    pg.on("request", lambda req: pg.urls.append(req.url))
    yield pg
    context.close()


@pytest.fixture(scope="session")
def shots(tmp_path_factory) -> Path:
    """Where screenshots go: $QG_SCREENSHOTS if set (to look at them), else a temporary folder."""
    target = os.environ.get("QG_SCREENSHOTS")
    path = Path(target) if target else tmp_path_factory.mktemp("screenshots")
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture(scope="session")
def seed_article() -> dict:
    """The seed article with Blinken as "the secretary of state", read from ../shared at test time."""
    if not SEED.exists():
        pytest.skip(f"seed data not found at {SEED}")
    for line in SEED.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        if "secretary of state" in record.get("text", "").lower() and "Blinken" in record["text"]:
            return record
    pytest.skip("no seed article mentions Blinken as the secretary of state")
