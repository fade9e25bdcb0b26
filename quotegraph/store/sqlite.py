"""The store in one SQLite file: WAL mode, one writer, FTS5 full-text search ranked by bm25."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from quotegraph.store.base import SQLStore, ddl_statements

FTS = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS quotes_fts USING fts5(text, speaker_name, content='quotes', "
    "content_rowid='qrow', tokenize='porter unicode61 remove_diacritics 2')",
    "CREATE TRIGGER IF NOT EXISTS quotes_fts_insert AFTER INSERT ON quotes BEGIN "
    "INSERT INTO quotes_fts (rowid, text, speaker_name) VALUES (new.qrow, new.text, new.speaker_name); END",
    "CREATE TRIGGER IF NOT EXISTS quotes_fts_delete AFTER DELETE ON quotes BEGIN "
    "INSERT INTO quotes_fts (quotes_fts, rowid, text, speaker_name) "
    "VALUES ('delete', old.qrow, old.text, old.speaker_name); END",
]


def _dict_row(cursor: sqlite3.Cursor, row: tuple) -> dict:
    return {d[0]: v for d, v in zip(cursor.description, row)}


class SQLiteStore(SQLStore):
    """`SQLStore` on a SQLite file; the path is created with its schema on first open."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.url = str(self.path)
        # Any thread may use the store, one at a time: a web server hands it between worker threads.
        self._conn = sqlite3.connect(self.path, isolation_level=None, timeout=60, check_same_thread=False)
        self._conn.row_factory = _dict_row
        self._conn.execute("PRAGMA journal_mode = WAL")
        # NORMAL in WAL mode loses no committed transaction when the process dies, only (at
        # worst) the last ones on a power cut; the store stays consistent either way.
        self._conn.execute("PRAGMA synchronous = NORMAL")
        self._in_tx = False
        self._init_schema(ddl_statements("INTEGER PRIMARY KEY", "REAL") + FTS)

    def _execute(self, sql: str, params: tuple | list = ()) -> Any:
        return self._conn.execute(sql, params)

    def _executemany(self, sql: str, rows: list) -> None:
        if rows:
            self._conn.executemany(sql, rows)

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        if self._in_tx:
            yield
            return
        self._conn.execute("BEGIN IMMEDIATE")
        self._in_tx = True
        try:
            yield
        except BaseException:
            self._conn.execute("ROLLBACK")
            raise
        else:
            self._conn.execute("COMMIT")
        finally:
            self._in_tx = False

    def _search_rows(self, query: str, where: str, params: list, limit: int, any_word: bool) -> list[dict]:
        match = (" OR " if any_word else " ").join(f'"{w}"' for w in query.split())
        sql = (
            self.SEARCH_SELECT + ", -bm25(quotes_fts) AS score FROM quotes_fts "
            "JOIN quotes q ON q.qrow = quotes_fts.rowid" + self.SEARCH_JOINS
            + " WHERE quotes_fts MATCH ?" + where + " ORDER BY bm25(quotes_fts) LIMIT ?"
        )
        return self._all(sql, [match, *params, limit])

    def close(self) -> None:
        self._conn.close()
