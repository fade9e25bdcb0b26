"""Where quotes live across articles: `open_store` picks SQLite (a path) or PostgreSQL (a URL)."""

from __future__ import annotations

from pathlib import Path

from quotegraph.store.base import (
    IngestReport,
    Occurrence,
    PersonSummary,
    QuoteCluster,
    SearchHit,
    SQLStore,
    Store,
)

DEFAULT_PATH = "quotegraph.db"


def open_store(url_or_path: str | Path = DEFAULT_PATH) -> SQLStore:
    """A store for a SQLite path (`quotegraph.db`, `sqlite:///x.db`) or a `postgresql://` URL."""
    target = str(url_or_path)
    if target.startswith(("postgresql://", "postgres://")):
        from quotegraph.store.postgres import PostgresStore

        return PostgresStore(target)
    if target.startswith("sqlite:///"):
        target = target[len("sqlite:///"):]
    from quotegraph.store.sqlite import SQLiteStore

    return SQLiteStore(target)


__all__ = ["DEFAULT_PATH", "IngestReport", "Occurrence", "PersonSummary", "QuoteCluster",
           "SearchHit", "SQLStore", "Store", "open_store"]
