"""The quote store: one interface, the SQL both backends share, and the ingest and link logic.

`SQLStore` holds everything that is plain SQL; `SQLiteStore` and `PostgresStore` add their
connection, their DDL and their full-text search. All SQL is written with `?` placeholders and every
value is bound, never formatted in: a quote is untrusted web text.

Ingest is crash-safe by construction. Articles are written in batches, one transaction per batch,
and an article's row (its "done" mark) commits with its quotes and speakers, so a run killed at any
point leaves whole articles or none. Linking (people, quote clusters, fragments) is a pure function
of the stored articles, rebuilt in one transaction after each ingest; the `dirty` flag in `meta`
commits with every article write, so a run killed before linking links on its next start.
"""

from __future__ import annotations

import hashlib
import json
import time
import unicodedata
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from typing import IO, Any, Protocol

from quotegraph.link.people import SpeakerRecord, cospeaker_keys, link_speakers
from quotegraph.link.quotes import QuoteRecord, cluster_quotes, normalise_quote, trace_headlines
from quotegraph.model import Article, ArticleQuotes

SCHEMA_VERSION = "1"
EXPORT_FORMATS = ("jsonl", "csv", "parquet", "quotebank")
COMMIT_SECONDS = 2.0

# Tables and columns shared by both backends; {serial}, {float} and the full-text parts differ.
TABLES = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (
    seq {serial},
    id TEXT NOT NULL UNIQUE,
    text_hash TEXT NOT NULL UNIQUE,
    title TEXT, date TEXT, url TEXT, outlet TEXT,
    text TEXT NOT NULL,
    status TEXT NOT NULL,
    error TEXT,
    extractor_version TEXT NOT NULL,
    ingested_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS article_aliases (
    id TEXT PRIMARY KEY, article_id TEXT NOT NULL, title TEXT, date TEXT, url TEXT, outlet TEXT
);
CREATE TABLE IF NOT EXISTS quotes (
    qrow {serial},
    id TEXT NOT NULL UNIQUE,
    article_id TEXT NOT NULL,
    idx INTEGER NOT NULL,
    kind TEXT NOT NULL,
    text TEXT NOT NULL,
    norm TEXT NOT NULL,
    spans TEXT NOT NULL,
    cue_text TEXT, cue_span TEXT,
    speaker_name TEXT, mention_text TEXT, mention_span TEXT, resolution TEXT,
    confidence {float} NOT NULL
    {quote_extra}
);
CREATE INDEX IF NOT EXISTS quotes_article ON quotes (article_id);
CREATE TABLE IF NOT EXISTS speakers (
    article_id TEXT NOT NULL, idx INTEGER NOT NULL, name TEXT NOT NULL, kind TEXT NOT NULL,
    aliases TEXT NOT NULL, titles TEXT NOT NULL, mentions TEXT NOT NULL,
    PRIMARY KEY (article_id, idx)
);
CREATE TABLE IF NOT EXISTS people (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL,
    n_quotes INTEGER NOT NULL, n_articles INTEGER NOT NULL, first_seen TEXT, last_seen TEXT
);
CREATE TABLE IF NOT EXISTS person_names (
    person_id TEXT NOT NULL, kind TEXT NOT NULL, name TEXT NOT NULL, n INTEGER NOT NULL,
    PRIMARY KEY (person_id, kind, name)
);
CREATE INDEX IF NOT EXISTS person_names_name ON person_names (name);
CREATE TABLE IF NOT EXISTS speaker_person (
    article_id TEXT NOT NULL, idx INTEGER NOT NULL, person_id TEXT NOT NULL,
    PRIMARY KEY (article_id, idx)
);
CREATE TABLE IF NOT EXISTS clusters (
    id TEXT PRIMARY KEY, text TEXT NOT NULL, canonical_quote_id TEXT NOT NULL, person_id TEXT,
    first_quote_id TEXT NOT NULL, first_article_id TEXT NOT NULL, first_date TEXT,
    n_occurrences INTEGER NOT NULL, n_articles INTEGER NOT NULL, n_variants INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS quote_cluster (
    quote_id TEXT PRIMARY KEY, cluster_id TEXT NOT NULL, person_id TEXT,
    relation TEXT NOT NULL, diff TEXT
);
CREATE INDEX IF NOT EXISTS quote_cluster_cluster ON quote_cluster (cluster_id);
CREATE INDEX IF NOT EXISTS quote_cluster_person ON quote_cluster (person_id);
CREATE TABLE IF NOT EXISTS links (
    source_type TEXT NOT NULL, source_id TEXT NOT NULL, text TEXT NOT NULL, relation TEXT NOT NULL,
    target_quote_id TEXT NOT NULL, target_cluster_id TEXT NOT NULL, score {float} NOT NULL,
    PRIMARY KEY (source_type, source_id, text)
);
CREATE INDEX IF NOT EXISTS links_target ON links (target_cluster_id);
"""

LINK_TABLES = ("people", "person_names", "speaker_person", "clusters", "quote_cluster", "links")


@dataclass(frozen=True, slots=True)
class IngestReport:
    """What one ingest run did."""

    read: int = 0
    added: int = 0
    reprocessed: int = 0
    skipped: int = 0
    duplicates: int = 0
    errors: int = 0
    failures: tuple[tuple[str, str], ...] = ()
    seconds: float = 0.0

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class PersonSummary:
    """A linked speaker with counts, aliases and titles, most frequent first."""

    id: str
    name: str
    kind: str
    n_quotes: int
    n_articles: int
    aliases: tuple[str, ...]
    titles: tuple[str, ...]
    first_seen: str | None
    last_seen: str | None

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One quote cluster matching a search, shown by its best-matching occurrence."""

    cluster_id: str
    quote_id: str
    text: str
    speaker: str | None
    person_id: str | None
    article_id: str
    title: str | None
    date: str | None
    outlet: str | None
    url: str | None
    n_occurrences: int
    score: float

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Occurrence:
    """One appearance of a cluster's quote in one article."""

    quote_id: str
    article_id: str
    title: str | None
    date: str | None
    outlet: str | None
    url: str | None
    text: str
    speaker: str | None
    relation: str
    diff: tuple[dict, ...] | None

    def to_dict(self) -> dict:
        d = asdict(self)
        d["diff"] = list(self.diff) if self.diff is not None else None
        return d


@dataclass(frozen=True, slots=True)
class QuoteCluster:
    """A quote across the corpus: occurrences in first-seen order, variants and linked pieces."""

    id: str
    text: str
    speaker: str | None
    person_id: str | None
    first_seen: str | None
    first_article_id: str
    occurrences: tuple[Occurrence, ...]
    fragments: tuple[dict, ...] = ()
    part_of: tuple[dict, ...] = ()
    headlines: tuple[dict, ...] = ()

    @property
    def variants(self) -> tuple[Occurrence, ...]:
        return tuple(o for o in self.occurrences if o.relation == "variant")

    def to_dict(self) -> dict:
        d = {k: getattr(self, k) for k in ("id", "text", "speaker", "person_id", "first_seen",
                                             "first_article_id")}
        d["occurrences"] = [o.to_dict() for o in self.occurrences]
        d["fragments"], d["part_of"], d["headlines"] = (
            list(self.fragments), list(self.part_of), list(self.headlines))
        return d


class Store(Protocol):
    """What every quotegraph store offers; `open_store` gives one for a path or a URL."""

    url: str

    def ingest(self, items: Iterable[Any], *, extract: Callable | None = None,
               extractor_version: str | None = None, reprocess: bool = False,
               batch_size: int = 32, progress: Any = None) -> IngestReport: ...
    def add(self, pairs: Iterable[tuple[Article, ArticleQuotes]], *, extractor_version: str,
            reprocess: bool = False) -> Counter: ...
    def link(self) -> None: ...
    def search(self, text: str, *, speaker: str | None = None, since: str | None = None,
               until: str | None = None, outlet: str | None = None,
               limit: int = 20, offset: int = 0) -> list[SearchHit]: ...
    def speakers(self, top: int | None = 20) -> list[PersonSummary]: ...
    def quote(self, quote_or_cluster_id: str) -> QuoteCluster | None: ...
    def export(self, fmt: str, out: IO, *, level: str = "quotes") -> int: ...
    def stats(self) -> dict[str, int]: ...
    def close(self) -> None: ...


def ddl_statements(serial: str, float_type: str, quote_extra: str = "") -> list[str]:
    """The shared tables in a backend's types, one statement each."""
    ddl = TABLES.format(serial=serial, float=float_type, quote_extra=quote_extra)
    return [s.strip() for s in ddl.split(";") if s.strip()]


def text_hash(text: str) -> str:
    """Hash of the normalised text: the same article saved twice, re-spaced or re-cased, is one."""
    norm = " ".join(unicodedata.normalize("NFKC", text).casefold().split())
    return hashlib.sha256(norm.encode()).hexdigest()[:32]


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


class SQLStore:
    """The shared implementation; a backend supplies the connection and the dialect hooks."""

    url: str
    placeholder = "?"

    # --- dialect hooks -------------------------------------------------------------------------
    def _execute(self, sql: str, params: tuple | list = ()) -> Any:
        raise NotImplementedError

    def _executemany(self, sql: str, rows: list) -> None:
        raise NotImplementedError

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        raise NotImplementedError
        yield

    def _search_rows(self, query: str, where: str, params: list, limit: int, any_word: bool) -> list[dict]:
        raise NotImplementedError

    def _lock_for_link(self) -> None:
        """Serialise concurrent linkers (PostgreSQL); SQLite's write lock already does."""

    def close(self) -> None:
        raise NotImplementedError

    def __enter__(self) -> SQLStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- helpers -------------------------------------------------------------------------------
    def _q(self, sql: str) -> str:
        return sql if self.placeholder == "?" else sql.replace("?", self.placeholder)

    def _all(self, sql: str, params: tuple | list = ()) -> list[dict]:
        return list(self._execute(sql, params).fetchall())

    def _one(self, sql: str, params: tuple | list = ()) -> dict | None:
        return self._execute(sql, params).fetchone()

    def _in(self, values: list) -> str:
        return "(" + ",".join("?" * len(values)) + ")"

    def get_meta(self, key: str) -> str | None:
        row = self._one("SELECT value FROM meta WHERE key = ?", (key,))
        return row["value"] if row else None

    def _set_meta(self, key: str, value: str) -> None:
        self._execute(
            "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (key, value),
        )

    def _init_schema(self, statements: list[str]) -> None:
        with self._transaction():
            for stmt in statements:
                self._execute(stmt)
            found = self.get_meta("schema_version")
            if found is None:
                self._set_meta("schema_version", SCHEMA_VERSION)
            elif found != SCHEMA_VERSION:
                from quotegraph.errors import QuotegraphError

                raise QuotegraphError(
                    f"store {self.url} has schema version {found}, this quotegraph writes "
                    f"{SCHEMA_VERSION}; ingest into a new store"
                )

    # --- ingest --------------------------------------------------------------------------------
    def check(self, article: Article, *, reprocess: bool = False) -> str | None:
        """Why ingest can skip the article without extracting it ("present", "duplicates"), or None.

        A new id whose text is already stored is remembered as an alias of the stored article, so
        a repeated article neither doubles its quotes nor is extracted again.
        """
        if self._one("SELECT 1 AS x FROM article_aliases WHERE id = ?", (article.id,)):
            return "present"
        row = self._one("SELECT id FROM articles WHERE id = ? OR text_hash = ?",
                        (article.id, text_hash(article.text)))
        if row is None:
            return None
        if row["id"] != article.id:
            with self._transaction():
                self._add_alias(article, row["id"])
            return "duplicates"
        return None if reprocess else "present"

    def _add_alias(self, article: Article, stored_id: str) -> None:
        self._execute(
            "INSERT INTO article_aliases (id, article_id, title, date, url, outlet) "
            "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING",
            (article.id, stored_id, article.title, article.date, article.url, article.outlet),
        )

    def ingest(self, items: Iterable[Any], *, extract: Callable | None = None,
               extractor_version: str | None = None, reprocess: bool = False,
               batch_size: int = 32, progress: Any = None) -> IngestReport:
        """Extract and store articles not stored yet, then relink; see the module docstring.

        `items` are `Article`s or read failures (anything with `source` and `reason`), which are
        counted and reported. `extract` maps articles to `ArticleQuotes` in order (the default is
        `quotegraph.api.extract_articles`); `progress` is a tqdm-like object updated per article.
        """
        if extract is None or extractor_version is None:
            from quotegraph import api

            extract = extract or api.extract_articles
            extractor_version = extractor_version or api.EXTRACTOR_VERSION
        start = time.perf_counter()
        counts: Counter = Counter()
        failures: list[tuple[str, str]] = []
        pending: deque[Article] = deque()

        def todo() -> Iterator[Article]:
            for item in items:
                counts["read"] += 1
                if not isinstance(item, Article):
                    failures.append((str(getattr(item, "source", item)), str(getattr(item, "reason", ""))))
                    _tick(progress)
                    continue
                skip = self.check(item, reprocess=reprocess)
                if skip:
                    counts[skip] += 1
                    _tick(progress)
                    continue
                pending.append(item)
                yield item

        batch: list[tuple[Article, ArticleQuotes]] = []
        last = time.monotonic()
        for result in extract(todo()):
            article = pending.popleft()
            if result.id != article.id:
                raise RuntimeError(f"extractor returned {result.id!r} for article {article.id!r}")
            batch.append((article, result))
            if len(batch) >= batch_size or time.monotonic() - last > COMMIT_SECONDS:
                counts.update(self.add(batch, extractor_version=extractor_version, reprocess=reprocess))
                _tick(progress, len(batch))
                batch, last = [], time.monotonic()
        if batch:
            counts.update(self.add(batch, extractor_version=extractor_version, reprocess=reprocess))
            _tick(progress, len(batch))
        if self.get_meta("dirty") == "1":
            self.link()
        return IngestReport(
            read=counts["read"], added=counts["added"], reprocessed=counts["reprocessed"],
            skipped=counts["present"], duplicates=counts["duplicates"],
            errors=counts["errors"], failures=tuple(failures),
            seconds=round(time.perf_counter() - start, 3),
        )

    def add(self, pairs: Iterable[tuple[Article, ArticleQuotes]], *, extractor_version: str,
            reprocess: bool = False) -> Counter:
        """Write extracted articles in one transaction; each is whole or absent after a crash."""
        counts: Counter = Counter()
        with self._transaction():
            for article, aq in pairs:
                counts[self._add_one(article, aq, extractor_version, reprocess)] += 1
                if aq.error:
                    counts["errors"] += 1
            self._set_meta("dirty", "1")
        return counts

    def _add_one(self, article: Article, aq: ArticleQuotes, version: str, reprocess: bool) -> str:
        h = text_hash(article.text)
        existing = self._one("SELECT id, text_hash FROM articles WHERE id = ? OR text_hash = ?",
                             (article.id, h))
        outcome = "added"
        if existing is not None:
            if existing["id"] != article.id:
                self._add_alias(article, existing["id"])
                return "duplicates"
            if not reprocess:
                return "present"
            self._delete_article(article.id)
            outcome = "reprocessed"
        inserted = self._one(
            "INSERT INTO articles (id, text_hash, title, date, url, outlet, text, status, error, "
            "extractor_version, ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT DO NOTHING RETURNING seq",
            (article.id, h, article.title, article.date, article.url, article.outlet, article.text,
             "error" if aq.error else "done", aq.error, version, _now()),
        )
        if inserted is None:  # another writer stored it since the check above
            return "present"
        self._executemany(
            "INSERT INTO quotes (id, article_id, idx, kind, text, norm, spans, cue_text, cue_span, "
            "speaker_name, mention_text, mention_span, resolution, confidence) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (f"{article.id}#{i}", article.id, i, q.kind, q.text, normalise_quote(q.text),
                 json.dumps([list(s) for s in q.spans]),
                 q.cue.text if q.cue else None, json.dumps(list(q.cue.span)) if q.cue else None,
                 q.speaker.name, q.speaker.mention.text if q.speaker.mention else None,
                 json.dumps(list(q.speaker.mention.span)) if q.speaker.mention else None,
                 q.speaker.resolution, float(q.confidence))
                for i, q in enumerate(aq.quotes)
            ],
        )
        self._executemany(
            "INSERT INTO speakers (article_id, idx, name, kind, aliases, titles, mentions) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                (article.id, i, s.name, s.kind, json.dumps(list(s.aliases)), json.dumps(list(s.titles)),
                 json.dumps([list(m) for m in s.mentions]))
                for i, s in enumerate(aq.speakers)
            ],
        )
        return outcome

    def _delete_article(self, article_id: str) -> None:
        for sql in ("DELETE FROM quotes WHERE article_id = ?", "DELETE FROM speakers WHERE article_id = ?",
                    "DELETE FROM articles WHERE id = ?"):
            self._execute(sql, (article_id,))

    # --- linking -------------------------------------------------------------------------------
    def link(self) -> None:
        """Rebuild people, quote clusters and links from the stored articles, in one transaction."""
        with self._transaction():
            self._lock_for_link()
            articles = {r["id"]: r for r in self._all(
                "SELECT id, seq, title, date, outlet FROM articles WHERE status = 'done'")}
            speakers = self._all("SELECT article_id, idx, name, kind, aliases, titles FROM speakers")
            quotes = self._all("SELECT id, article_id, idx, text, norm, speaker_name, confidence FROM quotes")
            people, person_rows, quote_person = self._link_people(articles, speakers, quotes)
            clusters, links = cluster_quotes(
                QuoteRecord(q["id"], q["article_id"], q["text"], quote_person.get(q["id"]),
                            _order(articles[q["article_id"]], q["idx"]), q["norm"])
                for q in quotes if q["article_id"] in articles
            )
            links += trace_headlines(
                ((a["id"], a["title"]) for a in articles.values() if a["title"]),
                [QuoteRecord(q["id"], q["article_id"], q["text"], None, (), q["norm"]) for q in quotes],
            )
            for table in LINK_TABLES:
                self._execute(f"DELETE FROM {table}")
            self._write_links(articles, quotes, quote_person, people, person_rows, clusters, links)
            self._set_meta("dirty", "0")

    def _link_people(self, articles: dict, speakers: list[dict], quotes: list[dict]):
        names_by_article: dict[str, list[str]] = {}
        for s in speakers:
            names_by_article.setdefault(s["article_id"], []).append(s["name"])
        # Quotes whose speaker name is none of the article's speakers get a record of their own.
        known = {(s["article_id"], s["name"]) for s in speakers}
        for s in speakers:
            for a in json.loads(s["aliases"]):
                known.add((s["article_id"], a))
        extra: dict[tuple[str, str], int] = {}
        for q in quotes:
            name = q["speaker_name"]
            if name and (q["article_id"], name) not in known and (q["article_id"], name) not in extra:
                extra[(q["article_id"], name)] = 10_000 + len(extra)
                names_by_article.setdefault(q["article_id"], []).append(name)
        quote_counts: Counter = Counter((q["article_id"], q["speaker_name"]) for q in quotes)
        records = []
        rows = [dict(s) for s in speakers] + [
            {"article_id": a, "idx": i, "name": n, "kind": "person", "aliases": "[]", "titles": "[]"}
            for (a, n), i in extra.items()
        ]
        alias_to_key: dict[tuple[str, str], tuple[str, int]] = {}
        for s in rows:
            art = articles.get(s["article_id"])
            if art is None:
                continue
            aliases = tuple(json.loads(s["aliases"]))
            key = (s["article_id"], s["idx"])
            for n in (s["name"], *aliases):
                alias_to_key.setdefault((s["article_id"], n), key)
            others = [n for n in names_by_article[s["article_id"]] if n != s["name"]]
            own = cospeaker_keys([s["name"]])
            records.append(SpeakerRecord(
                key=key, name=s["name"], kind=s["kind"], aliases=aliases,
                titles=tuple(json.loads(s["titles"])),
                n_quotes=sum(quote_counts[(s["article_id"], n)] for n in (s["name"], *aliases)),
                outlet=art["outlet"], date=art["date"], seq=art["seq"],
                cospeakers=cospeaker_keys(others) - own,
            ))
        people, assignment = link_speakers(records)
        quote_person = {}
        for q in quotes:
            key = alias_to_key.get((q["article_id"], q["speaker_name"]))
            if key is not None and key in assignment:
                quote_person[q["id"]] = assignment[key]
        return people, assignment, quote_person

    def _write_links(self, articles, quotes, quote_person, people, assignment, clusters, links) -> None:
        qinfo = {q["id"]: q for q in quotes}
        stats: dict[str, dict] = {p.id: {"q": 0, "a": set(), "d": []} for p in people}
        for qid, pid in quote_person.items():
            st = stats[pid]
            st["q"] += 1
            art = articles.get(qinfo[qid]["article_id"])
            if art:
                st["a"].add(art["id"])
                if art["date"]:
                    st["d"].append(art["date"])
        self._executemany(
            "INSERT INTO people (id, name, kind, n_quotes, n_articles, first_seen, last_seen) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(p.id, p.name, p.kind, stats[p.id]["q"], len(stats[p.id]["a"]),
              min(stats[p.id]["d"], default=None), max(stats[p.id]["d"], default=None)) for p in people],
        )
        self._executemany(
            "INSERT INTO person_names (person_id, kind, name, n) VALUES (?, ?, ?, ?)",
            [(p.id, kind, name, n) for p in people
             for kind, counter in (("alias", p.aliases), ("title", p.titles))
             for name, n in counter.items()],
        )
        self._executemany(
            "INSERT INTO speaker_person (article_id, idx, person_id) VALUES (?, ?, ?)",
            [(a, i, pid) for (a, i), pid in assignment.items()],
        )
        cluster_rows, qc_rows = [], []
        cluster_of = {}
        for c in clusters:
            first = qinfo[c.members[0]]
            persons = Counter(quote_person[m] for m in c.members if m in quote_person)
            dated = [articles[qinfo[m]["article_id"]]["date"] for m in c.members
                     if articles[qinfo[m]["article_id"]]["date"]]
            cluster_rows.append((
                c.id, qinfo[c.canonical]["text"], c.canonical,
                persons.most_common(1)[0][0] if persons else None,
                first["id"], first["article_id"], min(dated, default=None), len(c.members),
                len({qinfo[m]["article_id"] for m in c.members}), len(c.diffs),
            ))
            for m in c.members:
                cluster_of[m] = c.id
                qc_rows.append((m, c.id, quote_person.get(m), c.relation[m],
                                json.dumps(c.diffs[m]) if m in c.diffs else None))
        self._executemany(
            "INSERT INTO clusters (id, text, canonical_quote_id, person_id, first_quote_id, "
            "first_article_id, first_date, n_occurrences, n_articles, n_variants) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", cluster_rows)
        self._executemany(
            "INSERT INTO quote_cluster (quote_id, cluster_id, person_id, relation, diff) "
            "VALUES (?, ?, ?, ?, ?)", qc_rows)
        seen = set()
        link_rows = []
        for ln in links:
            key = (ln.source_type, ln.source_id, ln.text)
            if key in seen or ln.target_quote_id not in cluster_of:
                continue
            seen.add(key)
            link_rows.append((*key, ln.relation, ln.target_quote_id, cluster_of[ln.target_quote_id], ln.score))
        self._executemany(
            "INSERT INTO links (source_type, source_id, text, relation, target_quote_id, "
            "target_cluster_id, score) VALUES (?, ?, ?, ?, ?, ?, ?)", link_rows)

    # --- queries -------------------------------------------------------------------------------
    def resolve_speaker(self, name: str) -> list[str]:
        """Person ids a user's speaker name may mean: id, name or alias, else a part of a name."""
        low = name.strip().casefold()
        rows = self._all(
            "SELECT id AS pid FROM people WHERE id = ? OR lower(name) = ? "
            "UNION SELECT person_id AS pid FROM person_names WHERE kind = 'alias' AND lower(name) = ?",
            (name.strip(), low, low),
        )
        if not rows:
            pattern = "%" + low.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            rows = self._all(
                "SELECT person_id AS pid FROM person_names WHERE kind = 'alias' "
                "AND lower(name) LIKE ? ESCAPE '\\'", (pattern,))
        return sorted({r["pid"] for r in rows})

    def search(self, text: str, *, speaker: str | None = None, since: str | None = None,
               until: str | None = None, outlet: str | None = None, limit: int = 20,
               offset: int = 0) -> list[SearchHit]:
        """Quote clusters matching all words of `text` (any word, if none match all), best first.

        `offset` skips that many clusters, for paging.
        """
        from quotegraph.errors import QuotegraphError

        words = normalise_quote(text).split()
        if not words:
            raise QuotegraphError(f"nothing to search for in {text!r}: give at least one word")
        filters = self._filters(speaker, since, until, outlet)
        if filters is None:
            return []
        clause, params = filters
        for any_word in (False, True):
            rows = self._search_rows(" ".join(words), clause, params, (offset + limit) * 5, any_word)
            if rows or len(words) == 1:
                break
        hits, seen = [], set()
        for r in rows:
            cid = r["cluster_id"] or r["quote_id"]
            if cid in seen:
                continue
            seen.add(cid)
            hits.append(self._hit(r))
            if len(hits) >= offset + limit:
                break
        return hits[offset:]

    def _filters(self, speaker: str | None, since: str | None, until: str | None,
                 outlet: str | None) -> tuple[str, list] | None:
        """The SQL (` AND ...`) and values of search filters; None when no speaker matches."""
        where, params = [], []
        if speaker:
            ids = self.resolve_speaker(speaker)
            if not ids:
                return None
            where.append("qc.person_id IN " + self._in(ids))
            params += ids
        if since:
            where.append("a.date >= ?")
            params.append(since)
        if until:
            where.append("a.date < ?")
            params.append(_day_after(until))
        if outlet:
            where.append("lower(a.outlet) = ?")
            params.append(outlet.casefold())
        return "".join(" AND " + w for w in where), params

    def browse(self, *, speaker: str | None = None, since: str | None = None, until: str | None = None,
               outlet: str | None = None, limit: int = 20, offset: int = 0) -> list[SearchHit]:
        """Quote clusters under the search filters without words to match, newest first.

        Each cluster is shown by its first occurrence that passes the filters; undated ones last.
        """
        filters = self._filters(speaker, since, until, outlet)
        if filters is None:
            return []
        clause, params = filters
        rows = self._all(
            "SELECT * FROM (" + self.SEARCH_SELECT + ", a.seq, q.idx, 0.0 AS score, ROW_NUMBER() OVER ("
            "PARTITION BY coalesce(qc.cluster_id, q.id) ORDER BY a.date IS NULL, a.date, a.seq, q.idx) AS rn "
            "FROM quotes q" + self.SEARCH_JOINS + " WHERE 1 = 1" + clause + ") t WHERE rn = 1 "
            "ORDER BY date IS NULL, date DESC, seq DESC, idx LIMIT ? OFFSET ?",
            [*params, limit, offset])
        return [self._hit(r) for r in rows]

    def _hit(self, r: dict) -> SearchHit:
        return SearchHit(
            cluster_id=r["cluster_id"] or r["quote_id"], quote_id=r["quote_id"], text=r["text"],
            speaker=r["person_name"] or r["speaker_name"], person_id=r["person_id"],
            article_id=r["article_id"], title=r["title"], date=r["date"], outlet=r["outlet"],
            url=r["url"], n_occurrences=r["n_occurrences"] or 1, score=round(float(r["score"]), 4),
        )

    SEARCH_SELECT = (
        "SELECT q.id AS quote_id, q.text, q.speaker_name, q.article_id, qc.cluster_id, qc.person_id, "
        "p.name AS person_name, c.n_occurrences, a.title, a.date, a.outlet, a.url"
    )
    SEARCH_JOINS = (
        " JOIN articles a ON a.id = q.article_id"
        " LEFT JOIN quote_cluster qc ON qc.quote_id = q.id"
        " LEFT JOIN clusters c ON c.id = qc.cluster_id"
        " LEFT JOIN people p ON p.id = qc.person_id"
    )

    def speakers(self, top: int | None = 20) -> list[PersonSummary]:
        """People by number of quotes, with their aliases and titles, most frequent first."""
        sql = "SELECT * FROM people ORDER BY n_quotes DESC, n_articles DESC, id"
        rows = self._all(sql + (" LIMIT ?" if top else ""), (top,) if top else ())
        return [self._person(r) for r in rows]

    def occurrences_of(self, cluster_ids: list[str]) -> dict[str, list[dict]]:
        """Where each cluster appears (article_id, title, outlet, date), in first-seen order."""
        ids = sorted(set(cluster_ids))
        if not ids:
            return {}
        rows = self._all(
            "SELECT qc.cluster_id, q.article_id, q.idx, a.title, a.outlet, a.date, a.seq FROM quote_cluster qc "
            "JOIN quotes q ON q.id = qc.quote_id JOIN articles a ON a.id = q.article_id "
            "WHERE qc.cluster_id IN " + self._in(ids), ids)
        out: dict[str, list[dict]] = {}
        for r in sorted(rows, key=lambda r: _order(r, r["idx"])):
            out.setdefault(r["cluster_id"], []).append(
                {k: r[k] for k in ("article_id", "title", "outlet", "date")})
        return out

    def find_people(self, text: str = "", *, limit: int = 20, offset: int = 0) -> list[PersonSummary]:
        """People whose name, alias or id contains `text` (all people if empty), most quoted first."""
        pattern = "%" + text.strip().casefold().replace("\\", "\\\\").replace("%", "\\%").replace(
            "_", "\\_") + "%"
        rows = self._all(
            "SELECT * FROM people WHERE lower(name) LIKE ? ESCAPE '\\' OR lower(id) LIKE ? ESCAPE '\\' "
            "OR id IN (SELECT person_id FROM person_names WHERE kind = 'alias' "
            "AND lower(name) LIKE ? ESCAPE '\\') "
            "ORDER BY n_quotes DESC, n_articles DESC, id LIMIT ? OFFSET ?",
            (pattern, pattern, pattern, limit, offset))
        return [self._person(r) for r in rows]

    def top_quotes(self, person_id: str, *, limit: int = 10) -> list[dict]:
        """A person's quote clusters, most repeated first: id, text, first_date, n_occurrences."""
        return self._all(
            "SELECT id, text, first_date, first_article_id, n_occurrences, n_articles FROM clusters "
            "WHERE person_id = ? ORDER BY n_occurrences DESC, n_articles DESC, first_date, id LIMIT ?",
            (person_id, limit))

    def timeline(self, person_id: str) -> list[dict]:
        """A person's quotes per day of publication (`day` None for undated articles), by day."""
        rows = self._all(
            "SELECT substr(a.date, 1, 10) AS day, count(*) AS n FROM quote_cluster qc "
            "JOIN quotes q ON q.id = qc.quote_id JOIN articles a ON a.id = q.article_id "
            "WHERE qc.person_id = ? GROUP BY substr(a.date, 1, 10)", (person_id,))
        return sorted(({"day": r["day"], "n": int(r["n"])} for r in rows),
                      key=lambda r: (r["day"] is None, r["day"] or ""))

    def article(self, article_id: str) -> dict | None:
        """One stored article (by its id or a duplicate's) with its text, quotes and speakers.

        Each quote carries its offsets, cue, mention, resolution and confidence as extracted, plus
        the person and cluster linking gave it: what a reader needs to check an attribution.
        """
        row = self._one("SELECT id, title, date, url, outlet, text, status, error FROM articles WHERE id = ?",
                        (article_id,))
        if row is None:
            alias = self._one("SELECT article_id FROM article_aliases WHERE id = ?", (article_id,))
            if alias is None:
                return None
            row = self._one("SELECT id, title, date, url, outlet, text, status, error FROM articles "
                            "WHERE id = ?", (alias["article_id"],))
        quotes = self._all(
            "SELECT q.id, q.kind, q.text, q.spans, q.cue_text, q.cue_span, q.speaker_name, q.mention_text, "
            "q.mention_span, q.resolution, q.confidence, qc.cluster_id, qc.person_id, p.name AS person_name "
            "FROM quotes q LEFT JOIN quote_cluster qc ON qc.quote_id = q.id "
            "LEFT JOIN people p ON p.id = qc.person_id WHERE q.article_id = ? ORDER BY q.idx", (row["id"],))
        speakers = self._all(
            "SELECT s.name, s.kind, s.aliases, s.titles, s.mentions, sp.person_id FROM speakers s "
            "LEFT JOIN speaker_person sp ON sp.article_id = s.article_id AND sp.idx = s.idx "
            "WHERE s.article_id = ? ORDER BY s.idx", (row["id"],))
        return {
            **dict(row),
            "quotes": [{
                "id": q["id"], "kind": q["kind"], "text": q["text"], "spans": json.loads(q["spans"]),
                "cue": {"text": q["cue_text"], "span": json.loads(q["cue_span"])} if q["cue_span"] else None,
                "speaker": {
                    "name": q["speaker_name"],
                    "mention": ({"text": q["mention_text"], "span": json.loads(q["mention_span"])}
                                if q["mention_span"] else None),
                    "resolution": q["resolution"],
                },
                "confidence": round(float(q["confidence"]), 3),
                "cluster_id": q["cluster_id"], "person_id": q["person_id"], "person_name": q["person_name"],
            } for q in quotes],
            "speakers": [{
                "name": s["name"], "kind": s["kind"], "aliases": json.loads(s["aliases"]),
                "titles": json.loads(s["titles"]), "mentions": json.loads(s["mentions"]),
                "person_id": s["person_id"],
            } for s in speakers],
        }

    def person(self, person_id: str) -> PersonSummary | None:
        row = self._one("SELECT * FROM people WHERE id = ?", (person_id,))
        return self._person(row) if row else None

    def _person(self, r: dict) -> PersonSummary:
        names = self._all("SELECT kind, name FROM person_names WHERE person_id = ? ORDER BY n DESC, name",
                          (r["id"],))
        return PersonSummary(
            id=r["id"], name=r["name"], kind=r["kind"], n_quotes=r["n_quotes"], n_articles=r["n_articles"],
            aliases=tuple(n["name"] for n in names if n["kind"] == "alias"),
            titles=tuple(n["name"] for n in names if n["kind"] == "title"),
            first_seen=r["first_seen"], last_seen=r["last_seen"],
        )

    def quote(self, quote_or_cluster_id: str) -> QuoteCluster | None:
        """A cluster by its id, or the cluster of a quote id (`article#n`)."""
        row = self._one("SELECT * FROM clusters WHERE id = ?", (quote_or_cluster_id,))
        if row is None:
            qc = self._one("SELECT cluster_id FROM quote_cluster WHERE quote_id = ?", (quote_or_cluster_id,))
            if qc is None:
                return None
            row = self._one("SELECT * FROM clusters WHERE id = ?", (qc["cluster_id"],))
        occ = self._all(
            "SELECT q.id, q.article_id, q.text, q.speaker_name, qc.relation, qc.diff, a.title, a.date, "
            "a.outlet, a.url, a.seq, q.idx FROM quote_cluster qc JOIN quotes q ON q.id = qc.quote_id "
            "JOIN articles a ON a.id = q.article_id WHERE qc.cluster_id = ?", (row["id"],))
        occ.sort(key=lambda o: _order(o, o["idx"]))
        person = self.person(row["person_id"]) if row["person_id"] else None
        fragments = self._all(
            "SELECT l.source_id AS quote_id, l.text, l.score, qc.cluster_id FROM links l "
            "LEFT JOIN quote_cluster qc ON qc.quote_id = l.source_id "
            "WHERE l.target_cluster_id = ? AND l.relation = 'fragment' ORDER BY l.source_id", (row["id"],))
        headlines = self._all(
            "SELECT l.source_id AS article_id, l.text, a.title FROM links l JOIN articles a ON a.id = l.source_id "
            "WHERE l.target_cluster_id = ? AND l.relation = 'headline' ORDER BY l.source_id", (row["id"],))
        part_of = self._all(
            "SELECT l.source_id AS quote_id, l.target_quote_id, l.target_cluster_id AS cluster_id, l.score "
            "FROM links l JOIN quote_cluster qc ON qc.quote_id = l.source_id "
            "WHERE qc.cluster_id = ? AND l.relation = 'fragment' ORDER BY l.source_id", (row["id"],))
        return QuoteCluster(
            id=row["id"], text=row["text"], speaker=person.name if person else None,
            person_id=row["person_id"], first_seen=row["first_date"],
            first_article_id=row["first_article_id"],
            occurrences=tuple(Occurrence(
                quote_id=o["id"], article_id=o["article_id"], title=o["title"], date=o["date"],
                outlet=o["outlet"], url=o["url"], text=o["text"], speaker=o["speaker_name"],
                relation=o["relation"], diff=tuple(json.loads(o["diff"])) if o["diff"] else None,
            ) for o in occ),
            fragments=tuple(_plain(f) for f in fragments), part_of=tuple(_plain(p) for p in part_of),
            headlines=tuple(_plain(h) for h in headlines),
        )

    def stats(self) -> dict[str, int]:
        """Row counts: articles, aliases (duplicates), quotes, people, clusters, links."""
        out = {}
        for name, table in (("articles", "articles"), ("duplicates", "article_aliases"),
                            ("quotes", "quotes"), ("speakers", "people"), ("clusters", "clusters"),
                            ("links", "links")):
            out[name] = self._one(f"SELECT count(*) AS n FROM {table}")["n"]
        return out

    # --- export --------------------------------------------------------------------------------
    def iter_export_rows(self, level: str = "quotes") -> Iterator[dict]:
        """Flat rows: one per quote occurrence (`quotes`) or per cluster (`clusters`)."""
        if level == "quotes":
            sql = (
                "SELECT q.id AS quote_id, qc.cluster_id, q.article_id, a.date, a.outlet, a.url, a.title, "
                "q.kind, q.text, q.speaker_name, qc.person_id, p.name AS person_name, q.confidence, "
                "qc.relation FROM quotes q JOIN articles a ON a.id = q.article_id "
                "LEFT JOIN quote_cluster qc ON qc.quote_id = q.id LEFT JOIN people p ON p.id = qc.person_id "
                "ORDER BY a.seq, q.idx"
            )
        elif level == "clusters":
            sql = (
                "SELECT c.id AS cluster_id, c.text, c.person_id, p.name AS person_name, c.first_date, "
                "c.first_article_id, c.n_occurrences, c.n_articles, c.n_variants FROM clusters c "
                "LEFT JOIN people p ON p.id = c.person_id ORDER BY c.id"
            )
        else:
            raise ValueError(f"unknown export level {level!r}: use 'quotes' or 'clusters'")
        yield from self._execute(sql)

    def iter_quotebank(self) -> Iterator[dict]:
        """Quotebank's quotation-centric records, one per cluster (Vaucher et al., WSDM 2021)."""
        probas: dict[str, Counter] = {}
        urls: dict[str, list[str]] = {}
        rows = self._all(
            "SELECT qc.cluster_id, p.name AS person_name, q.confidence, a.url, a.id AS article_id "
            "FROM quote_cluster qc JOIN quotes q ON q.id = qc.quote_id JOIN articles a ON a.id = q.article_id "
            "LEFT JOIN people p ON p.id = qc.person_id ORDER BY a.seq, q.idx")
        for r in rows:
            probas.setdefault(r["cluster_id"], Counter())[r["person_name"] or "None"] += float(r["confidence"])
            u = urls.setdefault(r["cluster_id"], [])
            if r["url"] and r["url"] not in u:
                u.append(r["url"])
        for a in self._all("SELECT aa.url, qc.cluster_id FROM article_aliases aa "
                           "JOIN quotes q ON q.article_id = aa.article_id "
                           "JOIN quote_cluster qc ON qc.quote_id = q.id WHERE aa.url IS NOT NULL"):
            if a["url"] not in urls.setdefault(a["cluster_id"], []):
                urls[a["cluster_id"]].append(a["url"])
        for c in self._execute(
                "SELECT c.id, c.text, c.first_date, c.n_occurrences, p.name AS person_name "
                "FROM clusters c LEFT JOIN people p ON p.id = c.person_id ORDER BY c.id"):
            weights = probas.get(c["id"], Counter())
            total = sum(weights.values()) or 1.0
            yield {
                "quoteID": c["id"],
                "quotation": c["text"],
                "speaker": c["person_name"] or "None",
                "probas": [[name, f"{w / total:.4f}"] for name, w in weights.most_common()],
                "date": c["first_date"],
                "numOccurrences": c["n_occurrences"],
                "urls": urls.get(c["id"], []),
            }

    def export(self, fmt: str, out: IO, *, level: str = "quotes") -> int:
        """Write the store to `out` (text for jsonl/csv/quotebank, binary for parquet); rows written."""
        from quotegraph.store.export import write_export

        if fmt not in EXPORT_FORMATS:
            raise ValueError(f"unknown export format {fmt!r}: use one of {', '.join(EXPORT_FORMATS)}")
        rows = self.iter_quotebank() if fmt == "quotebank" else self.iter_export_rows(level)
        return write_export(rows, fmt, out)


def _tick(progress: Any, n: int = 1) -> None:
    if progress is not None:
        progress.update(n)


def _order(article: dict, idx: int) -> tuple:
    """First-seen order: dated articles by date, then undated ones, each by ingest order."""
    return (article["date"] is None, article["date"] or "", article["seq"], idx)


def _plain(row: dict) -> dict:
    return {k: (float(v) if k == "score" and v is not None else v) for k, v in row.items()}


def _day_after(day: str) -> str:
    """`--until 2005-03-01` includes that whole day: compare below the next one."""
    from datetime import date, timedelta

    try:
        return (date.fromisoformat(day[:10]) + timedelta(days=1)).isoformat()
    except ValueError:
        return day + "\uffff"
