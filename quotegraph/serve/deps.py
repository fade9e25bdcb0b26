"""What routes depend on: the settings, a store per request, the extractor; typed once as aliases.

A store connection is not cheap to open (SQLite and PostgreSQL both create the schema if missing),
so stores are kept in a pool and lent to one request at a time, then returned.
"""

from __future__ import annotations

import hmac
import queue
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Header, HTTPException, Request

from quotegraph.store import DEFAULT_PATH, SQLStore, open_store

MAX_BODY_BYTES = 2 * 1024 * 1024
PAGE_SIZE = 20


@dataclass(frozen=True, slots=True)
class Settings:
    """How the server runs: which store, the request body limit, and the write token.

    Without a `token` the server is read-only: the one writing endpoint answers 403.
    """

    db: str = DEFAULT_PATH
    max_body_bytes: int = MAX_BODY_BYTES
    page_size: int = PAGE_SIZE
    token: str | None = None


class StorePool:
    """Open stores for `db`, each lent to one request at a time (SQLite and psycopg connections
    are not safe to share between two threads at once)."""

    def __init__(self, db: str) -> None:
        self.db = db
        self._idle: queue.LifoQueue[SQLStore] = queue.LifoQueue()
        self._all: list[SQLStore] = []
        self._lock = threading.Lock()

    def acquire(self) -> SQLStore:
        try:
            return self._idle.get_nowait()
        except queue.Empty:
            store = open_store(self.db)
            with self._lock:
                self._all.append(store)
            return store

    def release(self, store: SQLStore) -> None:
        self._idle.put(store)

    def close(self) -> None:
        with self._lock:
            for store in self._all:
                store.close()
            self._all.clear()


class Extractor:
    """The spaCy pipeline, loaded on first use (seconds) and run by one thread at a time."""

    def __init__(self) -> None:
        self._nlp = None
        self._lock = threading.Lock()

    def __call__(self, text: str, article_id: str):
        from quotegraph import api
        from quotegraph.pipeline import load_nlp

        with self._lock:
            if self._nlp is None:
                self._nlp = load_nlp()
            return api.extract(text, article_id=article_id, nlp=self._nlp)


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


def get_store(request: Request) -> Iterator[SQLStore]:
    pool: StorePool = request.app.state.stores
    store = pool.acquire()
    try:
        yield store
    finally:
        pool.release(store)


def get_extractor(request: Request) -> Extractor:
    return request.app.state.extractor


def require_token(settings: Annotated[Settings, Depends(get_settings)],
                  authorization: Annotated[str | None, Header()] = None) -> None:
    """Writing needs `Authorization: Bearer <token>` matching the server's token."""
    if not settings.token:
        raise HTTPException(403, "this server is read-only: start it with --token to allow writing")
    given = (authorization or "").removeprefix("Bearer ").strip()
    if not hmac.compare_digest(given.encode(), settings.token.encode()):
        raise HTTPException(401, "a valid token is needed: send 'Authorization: Bearer <token>'",
                            headers={"WWW-Authenticate": "Bearer"})


SettingsDep = Annotated[Settings, Depends(get_settings)]
StoreDep = Annotated[SQLStore, Depends(get_store)]
ExtractorDep = Annotated[Extractor, Depends(get_extractor)]
TokenDep = Depends(require_token)
