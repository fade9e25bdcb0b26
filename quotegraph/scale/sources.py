"""Inputs of a batch run: paths, directories and glob patterns to input files, and files to records.

An input file is the unit of work and of resuming: `expand_inputs` turns the command line into a
sorted list of files, and `read_records` turns one file into `Record`s, cheap to make and to ship
to a worker. The expensive part of a web page, HTML to main text, is left to the worker
(`html_to_article`), so a crawl's reading never waits on trafilatura in one process.

Formats:
- WARC/ARC (`.warc`, `.warc.gz`, `.arc`, `.arc.gz`, as in Common Crawl's CC-NEWS): the HTML
  `response` records, with their URL, crawl date (WARC-Date) and declared charset. A record
  that is cut short, not HTML, not a 200 response or a revisit is skipped with its reason; a
  file that breaks mid-way (a truncated gzip member) keeps the records read before the break.
- Parquet: a `text` column and optional `id`, `title`, `date`, `url`, `outlet`, read in row
  batches; ids default to `<file stem>:<row number>`, as JSONL's default to the line number.
- `.jsonl`, `.txt`, `.html`/`.htm` (each optionally `.gz`): read by `quotegraph.read`, so a file
  gives the same articles here as in `quotegraph extract`.
Request, metadata and warcinfo records are not articles and are passed over without a count.
"""

from __future__ import annotations

import glob
import os
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from quotegraph.model import Article
from quotegraph.read import ReadFailure, iter_articles
from quotegraph.read.decode import decode_bytes

WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")
PARQUET_SUFFIXES = (".parquet",)
READ_SUFFIXES = tuple(s + gz for s in (".jsonl", ".txt", ".html", ".htm") for gz in ("", ".gz"))
SUPPORTED = WARC_SUFFIXES + PARQUET_SUFFIXES + READ_SUFFIXES
HTML_TYPES = ("text/html", "application/xhtml+xml")
PARQUET_COLUMNS = ("id", "text", "title", "date", "url", "outlet")
PARQUET_BATCH_ROWS = 1024


@dataclass(frozen=True, slots=True)
class Record:
    """One unit of an input file on its way to a worker.

    `kind` is "article" (`meta` holds the Article's fields), "html" (`body` holds the page's
    bytes, `meta` its id, url, crawl date and charset), or "skipped" (`meta` holds `source` and
    `reason`). Plain values only, so it pickles cheaply and maps onto Arrow columns for Ray.
    """

    input: str
    seq: int
    kind: str
    meta: dict = field(default_factory=dict)
    body: bytes = b""


def expand_inputs(inputs: Iterable[str]) -> tuple[list[str], list[tuple[str, str]]]:
    """Input files (absolute, sorted, no repeats) and the inputs that matched none, with why.

    An input is a file, a directory (searched recursively for supported files) or a glob
    pattern (`crawl/**/*.warc.gz`, quoted so the shell leaves it alone).
    """
    if isinstance(inputs, (str, bytes, os.PathLike)):
        raise TypeError(f"expand_inputs takes an iterable of paths, not one path ({inputs!r})")
    files: set[str] = set()
    unmatched: list[tuple[str, str]] = []
    for name in inputs:
        path = Path(name)
        if path.is_dir():
            found = [p for p in path.rglob("*") if p.is_file() and is_supported(p.name)]
            if not found:
                unmatched.append((name, f"no supported files in the directory ({', '.join(SUPPORTED)})"))
        elif path.is_file():
            found = [path]
            if not is_supported(path.name):
                unmatched.append((name, f"unsupported file type; supported: {', '.join(SUPPORTED)}"))
                found = []
        elif glob.has_magic(name):
            found = [Path(p) for p in glob.glob(name, recursive=True) if os.path.isfile(p) and is_supported(p)]
            if not found:
                unmatched.append((name, "the pattern matches no supported file"))
        else:
            unmatched.append((name, "no such file or directory"))
            found = []
        files.update(str(p.resolve()) for p in found)
    return sorted(files), unmatched


def is_supported(name: str) -> bool:
    return name.lower().endswith(SUPPORTED)


def read_records(path: str) -> Iterator[Record]:
    """Every record of one input file, numbered from 0 in file order; never raises on bad data."""
    lower = path.lower()
    if lower.endswith(WARC_SUFFIXES):
        items = _read_warc(path)
    elif lower.endswith(PARQUET_SUFFIXES):
        items = _read_parquet(path)
    else:
        items = _read_with_quotegraph(path)
    for seq, (kind, meta, body) in enumerate(items):
        yield Record(path, seq, kind, meta, body)


def _read_with_quotegraph(path: str) -> Iterator[tuple[str, dict, bytes]]:
    for item in iter_articles([path]):
        if isinstance(item, ReadFailure):
            yield "skipped", {"source": item.source, "reason": item.reason}, b""
        else:
            yield "article", _article_fields(item), b""


def _read_warc(path: str) -> Iterator[tuple[str, dict, bytes]]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    n = 0
    try:
        with open(path, "rb") as stream:
            for record in ArchiveIterator(stream, arc2warc=True):
                n += 1
                if record.rec_type == "revisit":
                    yield "skipped", _skip(path, record, "revisit record: the payload is in an earlier record"), b""
                elif record.rec_type == "response":
                    try:
                        yield _warc_response(path, record, n)
                    except (ArchiveLoadFailed, OSError, EOFError, ValueError, zlib.error) as error:
                        reason = f"unreadable record: {type(error).__name__}: {_one_line(error)}"
                        yield "skipped", _skip(path, record, reason[:500]), b""
    except Exception as error:  # noqa: BLE001 - warcio raises many types on a broken file
        # A broken gzip member or header: the records before it stand, nothing after can be found.
        reason = f"archive unreadable after record {n}: {type(error).__name__}: {_one_line(error)}"
        yield "skipped", {"source": f"{path}#{n + 1}", "reason": reason[:500]}, b""


def _one_line(error: Exception) -> str:
    return " ".join(str(error).split())


def _warc_response(path: str, record, n: int) -> tuple[str, dict, bytes]:
    http = record.http_headers
    status = http.get_statuscode() if http else None
    if status and status != "200":
        return "skipped", _skip(path, record, f"HTTP status {status}, not 200"), b""
    content_type = (http.get_header("Content-Type") if http else None) or ""
    mime, _, params = content_type.partition(";")
    if mime.strip().lower() not in HTML_TYPES:
        return "skipped", _skip(path, record, f"not HTML: {mime.strip() or 'no content type'}"), b""
    body = record.content_stream().read()
    missing = getattr(record.raw_stream, "limit", 0)
    if missing:
        return "skipped", _skip(path, record, f"truncated record: {missing} bytes missing"), b""
    headers = record.rec_headers
    url = headers.get_header("WARC-Target-URI")
    meta = {
        "id": _record_id(path, record, n),
        "url": url,
        "crawl_date": headers.get_header("WARC-Date"),
        "charset": _charset(params),
        "source": _source(path, record),
    }
    return "html", meta, body


def _record_id(path: str, record, n: int) -> str:
    """The WARC-Record-ID's UUID, stable across runs and copies of the file; ARC records have
    none, so theirs is the file name and the record's number in it."""
    rid = (record.rec_headers.get_header("WARC-Record-ID") or "").strip().strip("<>")
    return rid.removeprefix("urn:uuid:") if rid else f"{Path(path).name}@{n}"


def _source(path: str, record) -> str:
    return f"{path} {record.rec_headers.get_header('WARC-Target-URI') or ''}".strip()


def _skip(path: str, record, reason: str) -> dict:
    return {"source": _source(path, record), "reason": reason}


def _charset(params: str) -> str | None:
    for part in params.split(";"):
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'").lower()
    return None


def _read_parquet(path: str) -> Iterator[tuple[str, dict, bytes]]:
    import pyarrow.parquet as pq

    try:
        file = pq.ParquetFile(path)
        names = set(file.schema_arrow.names)
        if "text" not in names:
            yield "skipped", {"source": path, "reason": f"no 'text' column (columns: {sorted(names)})"}, b""
            return
        columns = [c for c in PARQUET_COLUMNS if c in names]
        stem = Path(path).name.removesuffix(".parquet")
        row = 0
        for batch in file.iter_batches(batch_size=PARQUET_BATCH_ROWS, columns=columns):
            for values in batch.to_pylist():
                row += 1
                yield _parquet_row(values, path, stem, row)
    except Exception as error:  # noqa: BLE001 - pyarrow raises many types for a broken file
        yield "skipped", {"source": path, "reason": f"not a readable Parquet file: {error}"[:500]}, b""


def _parquet_row(values: dict, path: str, stem: str, row: int) -> tuple[str, dict, bytes]:
    text = values.get("text")
    if not isinstance(text, str) or not text.strip():
        return "skipped", {"source": f"{path}:{row}", "reason": "no text: the 'text' value is empty or not a string"}, b""
    record_id = values.get("id")
    fields = {k: _optional_str(values.get(k)) for k in ("title", "date", "url", "outlet")}
    return "article", {"id": f"{stem}:{row}" if record_id in (None, "") else str(record_id),
                       "text": text, **fields}, b""


def _optional_str(value: object) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def _article_fields(article: Article) -> dict:
    return {"id": article.id, "text": article.text, "title": article.title, "date": article.date,
            "url": article.url, "outlet": article.outlet}


def html_to_article(meta: dict, body: bytes) -> tuple[Article | None, str | None]:
    """A web page's main text and metadata as an `Article`, or None and the reason it gives none.

    The text follows `quotegraph.read`'s HTML convention (trafilatura's main text, paragraphs
    joined by one blank line), so a page gives the same quotes from a WARC as from an .html
    file. The declared charset wins when the bytes decode under it; otherwise the bytes are
    guessed as any other input (`decode_bytes`). The date is htmldate's publication date.
    """
    import trafilatura
    from htmldate import find_date

    html = _decode_html(body, meta.get("charset"))
    if html is None:
        return None, "not text: the body does not decode to text"
    main = trafilatura.extract(html, output_format="txt", include_comments=False)
    paragraphs = [line.strip() for line in (main or "").split("\n") if line.strip()]
    if not paragraphs:
        return None, "no main text found in the HTML"
    url = meta.get("url")
    info = trafilatura.extract_metadata(html, default_url=url)
    try:
        date = find_date(html, url=url, original_date=True)
    except Exception:  # noqa: BLE001 - a date is optional; htmldate fails on odd markup
        date = None
    outlet = (info.sitename if info else None) or (urlsplit(url).hostname if url else None)
    article = Article(
        id=meta["id"],
        text="\n\n".join(paragraphs),
        title=info.title if info else None,
        date=date or (info.date if info else None),
        url=url,
        outlet=outlet,
    )
    return article, None


def _decode_html(body: bytes, charset: str | None) -> str | None:
    if charset:
        try:
            text = body.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass
        else:
            return decode_bytes(text.encode("utf-8"))
    return decode_bytes(body)



def read_input(path: str) -> Iterator[Record]:
    """`read_records` followed by an "end" record giving their count, which tells the writer
    that the input is complete even when results arrive out of order."""
    n = 0
    for record in read_records(path):
        n += 1
        yield record
    yield Record(path, n, "end", {"records": n})
