"""The Parquet output of a batch run: four tables, one writer, a manifest for resuming.

Layout of an output directory:

    articles/<part>.parquet   one row per article: id, source fields, text, counts, error
    quotes/<part>.parquet     one row per quote, `quote.schema.json`'s quote flattened
    speakers/<part>.parquet   one row per speaker of an article
    mentions/<part>.parquet   one row per place a speaker is named (offsets into the text)
    manifest.jsonl            one line per finished input file

Each input file gets one part in every table (`part_name`), written to a hidden temporary file
and renamed into place when the input's last record is in; only then is its manifest line
appended (one write, then fsync). A run killed at any point leaves whole inputs: a rerun skips
the inputs in the manifest and redoes the rest, overwriting their parts. Readers such as
`pyarrow.dataset` ignore the hidden temporary files. The last manifest line of an input wins, and
a torn last line (a crash mid-write) is ignored, so that input is simply redone.

The columns are stable: new columns may be added at the end of a table, none renamed or
removed, under `TABLES_VERSION`. Offsets are code-point indices into `articles.text`, end
exclusive, as everywhere in quotegraph.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from quotegraph.model import Article, ArticleQuotes, Attribution, Cue, Mention, Quote, Speaker

TABLES_VERSION = "1"
MANIFEST = "manifest.jsonl"
LOCK = ".lock"
FLUSH_ROWS = 2000
MAX_EXAMPLES = 20

_SPAN = pa.struct([("start", pa.int64()), ("end", pa.int64())])
SCHEMAS: dict[str, pa.Schema] = {
    "articles": pa.schema([
        ("id", pa.string()), ("input", pa.string()), ("seq", pa.int64()),
        ("url", pa.string()), ("title", pa.string()), ("date", pa.string()),
        ("crawl_date", pa.string()), ("outlet", pa.string()), ("text", pa.string()),
        ("n_quotes", pa.int32()), ("n_speakers", pa.int32()), ("error", pa.string()),
        ("extractor_version", pa.string()),
    ]),
    "quotes": pa.schema([
        ("article_id", pa.string()), ("id", pa.string()), ("idx", pa.int32()), ("kind", pa.string()),
        ("text", pa.string()), ("spans", pa.list_(_SPAN)),
        ("cue_text", pa.string()), ("cue_start", pa.int64()), ("cue_end", pa.int64()),
        ("speaker_name", pa.string()), ("mention_text", pa.string()),
        ("mention_start", pa.int64()), ("mention_end", pa.int64()),
        ("resolution", pa.string()), ("confidence", pa.float64()),
    ]),
    "speakers": pa.schema([
        ("article_id", pa.string()), ("idx", pa.int32()), ("name", pa.string()), ("kind", pa.string()),
        ("aliases", pa.list_(pa.string())), ("titles", pa.list_(pa.string())), ("n_mentions", pa.int32()),
    ]),
    "mentions": pa.schema([
        ("article_id", pa.string()), ("speaker_idx", pa.int32()),
        ("start", pa.int64()), ("end", pa.int64()), ("text", pa.string()),
    ]),
}
TABLES = tuple(SCHEMAS)


def part_name(input_path: str) -> str:
    """A stable, unique file name for an input's part: readable stem plus a hash of the path."""
    stem = "".join(c if c.isalnum() or c in "-_." else "_" for c in Path(input_path).name)[:60]
    digest = hashlib.sha1(input_path.encode("utf-8")).hexdigest()[:12]
    return f"{stem}-{digest}.parquet"


def rows_for_article(input_path: str, seq: int, payload: dict, extractor_version: str) -> dict[str, list[dict]]:
    """The rows of all four tables for one extracted article (a `work.Result` payload)."""
    art, res = payload["article"], payload["result"]
    aid = art["id"]
    text = art["text"]
    quotes = [
        {"article_id": aid, "id": q["id"], "idx": k, "kind": q["kind"], "text": q["text"],
         "spans": [{"start": a, "end": b} for a, b in q["spans"]],
         "cue_text": (q["cue"] or {}).get("text"),
         "cue_start": q["cue"]["span"][0] if q["cue"] else None,
         "cue_end": q["cue"]["span"][1] if q["cue"] else None,
         "speaker_name": q["speaker"]["name"],
         "mention_text": (q["speaker"]["mention"] or {}).get("text"),
         "mention_start": q["speaker"]["mention"]["span"][0] if q["speaker"]["mention"] else None,
         "mention_end": q["speaker"]["mention"]["span"][1] if q["speaker"]["mention"] else None,
         "resolution": q["speaker"].get("resolution"), "confidence": q["confidence"]}
        for k, q in enumerate(res["quotes"])
    ]
    speakers = [
        {"article_id": aid, "idx": k, "name": s["name"], "kind": s.get("kind", "person"),
         "aliases": s["aliases"], "titles": s["titles"], "n_mentions": len(s["mentions"])}
        for k, s in enumerate(res["speakers"])
    ]
    mentions = [
        {"article_id": aid, "speaker_idx": k, "start": a, "end": b, "text": text[a:b]}
        for k, s in enumerate(res["speakers"]) for a, b in s["mentions"]
    ]
    article = {**{k: art.get(k) for k in ("url", "title", "date", "crawl_date", "outlet")},
               "id": aid, "input": input_path, "seq": seq, "text": text,
               "n_quotes": len(quotes), "n_speakers": len(speakers), "error": res.get("error"),
               "extractor_version": extractor_version}
    return {"articles": [article], "quotes": quotes, "speakers": speakers, "mentions": mentions}


@dataclass
class InputProgress:
    """What is known of one input while its records come in."""

    input: str
    received: int = 0
    expected: int | None = None
    articles: int = 0
    errors: int = 0
    quotes: int = 0
    skipped: Counter = field(default_factory=Counter)
    examples: list = field(default_factory=list)
    rows: dict = field(default_factory=lambda: {t: [] for t in TABLES})
    writers: dict = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class InputDone:
    """A finished input, as its manifest line records it."""

    input: str
    part: str
    size: int
    mtime_ns: int
    settings: dict
    records: int
    articles: int
    errors: int
    quotes: int
    skipped: dict
    skipped_examples: list
    finished_at: str

    def to_dict(self) -> dict:
        return asdict(self)


class TableWriter:
    """The one writer of an output directory: results in, whole parts and manifest lines out.

    Holds an exclusive lock on the directory while open, so two runs cannot interleave parts.
    A class because it owns open files and the lock; use it as a context manager.
    """

    def __init__(self, out_dir: str | os.PathLike, settings: dict) -> None:
        self.dir = Path(out_dir)
        self.settings = settings
        self.open: dict[str, InputProgress] = {}
        self.done: list[InputDone] = []
        self.dir.mkdir(parents=True, exist_ok=True)
        for table in TABLES:
            (self.dir / table).mkdir(exist_ok=True)
        self._lock = open(self.dir / LOCK, "w")
        try:
            fcntl.flock(self._lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            self._lock.close()
            raise RuntimeError(f"{self.dir} is in use by another quotegraph batch run; "
                               "wait for it or choose another --output") from exc

    def __enter__(self) -> TableWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def add(self, input_path: str, seq: int, kind: str, payload: str) -> InputProgress:
        """Take one `work.Result`; returns the input's progress (finished when `expected` is met)."""
        state = self.open.setdefault(input_path, InputProgress(input_path))
        data = json.loads(payload)
        if kind == "end":
            state.expected = data["records"]
        elif kind == "skipped":
            state.received += 1
            reason = data.get("reason", "")
            state.skipped[reason.split(":")[0]] += 1
            if len(state.examples) < MAX_EXAMPLES:
                state.examples.append([data.get("source", input_path), reason])
        else:
            state.received += 1
            rows = rows_for_article(input_path, seq, data, self.settings["extractor_version"])
            for table, new in rows.items():
                state.rows[table].extend(new)
            state.articles += 1
            state.quotes += len(rows["quotes"])
            state.errors += bool(rows["articles"][0]["error"])
            if len(state.rows["articles"]) >= FLUSH_ROWS:
                self._flush(state)
        if state.expected is not None and state.received == state.expected:
            self._finish(state)
        return state

    def _tmp(self, table: str, input_path: str) -> Path:
        return self.dir / table / f".{part_name(input_path)}.tmp"

    def _flush(self, state: InputProgress) -> None:
        for table, rows in state.rows.items():
            if table not in state.writers:
                state.writers[table] = pq.ParquetWriter(self._tmp(table, state.input), SCHEMAS[table])
            if rows:
                state.writers[table].write_table(pa.Table.from_pylist(rows, schema=SCHEMAS[table]))
            state.rows[table] = []

    def _finish(self, state: InputProgress) -> None:
        self._flush(state)
        part = part_name(state.input)
        for table, writer in state.writers.items():
            writer.close()
            os.replace(self._tmp(table, state.input), self.dir / table / part)
        stat = os.stat(state.input)
        entry = InputDone(
            input=state.input, part=part, size=stat.st_size, mtime_ns=stat.st_mtime_ns,
            settings=self.settings, records=state.received, articles=state.articles,
            errors=state.errors, quotes=state.quotes, skipped=dict(state.skipped),
            skipped_examples=state.examples, finished_at=time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        )
        with open(self.dir / MANIFEST, "a", encoding="utf-8") as manifest:
            manifest.write(json.dumps(entry.to_dict(), ensure_ascii=False) + "\n")
            manifest.flush()
            os.fsync(manifest.fileno())
        self.done.append(entry)
        del self.open[state.input]

    def close(self) -> None:
        """Drop the temporary files of unfinished inputs (a rerun redoes them) and unlock."""
        for state in self.open.values():
            for table, writer in state.writers.items():
                writer.close()
                self._tmp(table, state.input).unlink(missing_ok=True)
        self.open.clear()
        if not self._lock.closed:
            fcntl.flock(self._lock, fcntl.LOCK_UN)
            self._lock.close()


def read_manifest(out_dir: str | os.PathLike) -> dict[str, dict]:
    """The last manifest line of each finished input, by input path; a torn line is ignored."""
    path = Path(out_dir) / MANIFEST
    entries: dict[str, dict] = {}
    if not path.exists():
        return entries
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            try:
                entry = json.loads(line)
            except json.JSONDecodeError:
                continue
            entries[entry["input"]] = entry
    return entries


def finished_inputs(out_dir: str | os.PathLike, settings: dict) -> dict[str, dict]:
    """Inputs whose parts are complete and still match the file and the settings of this run."""
    out = {}
    for name, entry in read_manifest(out_dir).items():
        try:
            stat = os.stat(name)
        except OSError:
            continue
        same_file = (stat.st_size, stat.st_mtime_ns) == (entry["size"], entry["mtime_ns"])
        parts = all((Path(out_dir) / t / entry["part"]).exists() for t in TABLES)
        if same_file and parts and entry["settings"] == settings:
            out[name] = entry
    return out


def is_output_dir(path: str | os.PathLike) -> bool:
    """Whether `path` is the output directory of `quotegraph batch`."""
    return (Path(path) / MANIFEST).is_file() and (Path(path) / "articles").is_dir()


def iter_results(out_dir: str | os.PathLike) -> Iterator[tuple[Article, ArticleQuotes]]:
    """Every article of an output directory with its quotes and speakers, one part at a time.

    The inverse of the writer: `ArticleQuotes.to_dict()` of what comes out equals what the
    extractor gave, so `quotegraph ingest` stores the same thing from here as from the inputs.
    """
    root = Path(out_dir)
    for entry in read_manifest(root).values():
        parts = {t: pq.read_table(root / t / entry["part"]).to_pylist() for t in TABLES}
        yield from _assemble(parts)


def _assemble(parts: dict[str, list[dict]]) -> Iterator[tuple[Article, ArticleQuotes]]:
    quotes = _group(parts["quotes"])
    speakers = _group(parts["speakers"])
    mentions: dict[tuple[str, int], list[tuple[int, int]]] = {}
    for m in parts["mentions"]:
        mentions.setdefault((m["article_id"], m["speaker_idx"]), []).append((m["start"], m["end"]))
    for a in parts["articles"]:
        aid = a["id"]
        article = Article(id=aid, text=a["text"], title=a["title"], date=a["date"], url=a["url"], outlet=a["outlet"])
        result = ArticleQuotes(
            id=aid,
            quotes=tuple(_quote(q) for q in quotes.get(aid, [])),
            speakers=tuple(
                Speaker(name=s["name"], kind=s["kind"], aliases=tuple(s["aliases"]), titles=tuple(s["titles"]),
                        mentions=tuple(mentions.get((aid, s["idx"]), ())))
                for s in speakers.get(aid, [])
            ),
            error=a["error"],
        )
        yield article, result


def _group(rows: Iterable[dict]) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for row in rows:
        out.setdefault(row["article_id"], []).append(row)
    return out


def _quote(q: dict) -> Quote:
    mention = (Mention(q["mention_text"], (q["mention_start"], q["mention_end"]))
               if q["mention_start"] is not None else None)
    return Quote(
        id=q["id"], kind=q["kind"], text=q["text"],
        spans=tuple((s["start"], s["end"]) for s in q["spans"]),
        cue=Cue(q["cue_text"], (q["cue_start"], q["cue_end"])) if q["cue_start"] is not None else None,
        speaker=Attribution(name=q["speaker_name"], mention=mention, resolution=q["resolution"]),
        confidence=q["confidence"],
    )


def stored_extraction(out_dirs: list[str]) -> tuple[Iterator[Article], dict, int]:
    """What `Store.ingest` needs to load output directories instead of extracting again.

    Returns the articles, the keyword arguments `extract` (hands back each article's stored
    `ArticleQuotes`) and `extractor_version` (from the manifests), and the article count for a
    progress bar. The store skips articles it has; their results are dropped as it passes them.
    """
    entries = [e for d in out_dirs for e in read_manifest(d).values()]
    versions = {e["settings"]["extractor_version"] for e in entries}
    if len(versions) > 1:
        raise ValueError(f"the tables come from different extractor versions ({', '.join(sorted(versions))}); "
                         "ingest them one version at a time")
    pending: dict[str, ArticleQuotes] = {}

    def articles() -> Iterator[Article]:
        for out_dir in out_dirs:
            for article, result in iter_results(out_dir):
                pending[article.id] = result
                yield article

    def extract(todo: Iterable[Article]) -> Iterator[ArticleQuotes]:
        for article in todo:
            while (first := next(iter(pending))) != article.id:
                del pending[first]  # an article the store skipped
            yield pending.pop(first)

    from quotegraph.api import EXTRACTOR_VERSION

    version = versions.pop() if versions else EXTRACTOR_VERSION
    total = sum(e["articles"] + sum(e["skipped"].values()) for e in entries)
    return articles(), {"extract": extract, "extractor_version": version}, total
