"""Paths, directories and standard input to `Article`s, one format reader per kind of file.

Reading is where messy input meets the pipeline, so nothing here raises on bad data: a missing or
unreadable file, an empty or binary one, a page with no main text or a broken JSONL line becomes a
`ReadFailure` in the stream, in place, and the rest still comes out. Only a caller's mistake (one
string where an iterable of paths is due) raises.

Text conventions, the same for every format, because every offset downstream points into `text`:
- plain text is kept as written (after `decode.clean_text`), stripped at both ends; its title is the
  first line when that line is short (under 200 characters) and followed by a blank line and more
  text, the headline layout of our samples and of bbc.jsonl. The headline stays in `text`.
- HTML gives trafilatura's main text with paragraphs separated by one blank line.
- JSONL `text` values are kept as stored (only raw control bytes in the file are dropped, which
  JSON does not allow inside strings anyway), so gold offsets stored beside them stay valid.
"""

from __future__ import annotations

import gzip
import json
import os
import sys
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import trafilatura

from quotegraph.model import Article
from quotegraph.read.decode import decode_bytes

MAX_TITLE_CHARS = 200
STDIN = "-"
STDIN_ID = "stdin"


@dataclass(frozen=True, slots=True)
class ReadFailure:
    """An input, or one line of it, that gave no article: where (`source`) and why (`reason`).

    Yielded in place of the article rather than raised, so one bad file does not stop a batch and
    the caller can still count and report what was skipped.
    """

    source: str
    reason: str


ReadResult = Article | ReadFailure
_Parser = Callable[[str, str, str], Iterator[ReadResult]]


def iter_articles(inputs: Iterable[str], *, recursive: bool = True) -> Iterator[ReadResult]:
    """Yield an `Article` or a `ReadFailure` for every article in `inputs`, in order.

    Each input is a .txt, .html/.htm or .jsonl file (each optionally gzipped as .gz), a directory
    (its files of those kinds, sorted; subdirectories too when `recursive`), or "-" for standard
    input, whose format is sniffed from its first non-blank character.
    """
    if isinstance(inputs, (str, bytes, os.PathLike)):
        raise TypeError(
            f"iter_articles takes an iterable of paths, not one path ({inputs!r}); "
            f"wrap it in a list: iter_articles([{inputs!r}])"
        )
    for name in inputs:
        if name == STDIN:
            yield from _read_stdin()
        elif os.path.isdir(name):
            yield from _read_directory(Path(name), recursive=recursive)
        else:
            yield from _read_file(Path(name))


def _read_file(path: Path) -> Iterator[ReadResult]:
    source = str(path)
    kind = _kind(path.name)
    if kind is None:
        yield ReadFailure(source, f"unsupported file type {path.suffix!r}; supported: {_SUPPORTED}")
        return
    suffix, parse = kind
    try:
        data = path.read_bytes()
    except OSError as error:
        yield ReadFailure(source, f"cannot read: {error.strerror or error}")
        return
    if path.name.lower().endswith(".gz"):
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError, zlib.error) as error:
            yield ReadFailure(source, f"not a valid gzip file: {error}")
            return
    text = _decode(source, data)
    if isinstance(text, ReadFailure):
        yield text
        return
    stem = path.name[: -len(suffix)]
    yield from parse(text, source, stem)


def _read_directory(root: Path, *, recursive: bool) -> Iterator[ReadResult]:
    errors: list[OSError] = []
    paths = []
    for folder, subfolders, files in os.walk(root, onerror=errors.append):
        paths.extend(Path(folder, name) for name in files if _kind(name) is not None)
        if not recursive:
            subfolders.clear()
    for error in errors:
        yield ReadFailure(str(error.filename), f"cannot list directory: {error.strerror or error}")
    for path in sorted(paths):
        yield from _read_file(path)


def _read_stdin() -> Iterator[ReadResult]:
    stream = getattr(sys.stdin, "buffer", None)
    data = stream.read() if stream is not None else sys.stdin.read().encode("utf-8")
    text = _decode(STDIN, data)
    if isinstance(text, ReadFailure):
        yield text
        return
    first = text.lstrip()[:1]
    parse = _parse_jsonl if first == "{" else parse_html if first == "<" else _parse_txt
    yield from parse(text, STDIN, STDIN_ID)


def _decode(source: str, data: bytes) -> str | ReadFailure:
    text = decode_bytes(data)
    if text is None:
        return ReadFailure(source, "not text: looks like a binary file")
    if not text.strip():
        return ReadFailure(source, "empty: no text to read")
    return text


def _parse_txt(text: str, source: str, stem: str) -> Iterator[ReadResult]:
    text = text.strip()
    yield Article(id=stem, text=text, title=_headline(text))


def _headline(text: str) -> str | None:
    first, blank, rest = text.partition("\n\n")
    if blank and rest.strip() and "\n" not in first and len(first) < MAX_TITLE_CHARS:
        return first.strip()
    return None


def parse_html(html: str, source: str, stem: str) -> Iterator[ReadResult]:
    """The article of one web page (main text by trafilatura), or a failure naming `source`.

    Public because the web UI's "annotate a page" reads HTML the way `ingest` reads .html files.
    """
    main = trafilatura.extract(html, output_format="txt", include_comments=False)
    paragraphs = [line.strip() for line in (main or "").split("\n") if line.strip()]
    if not paragraphs:
        yield ReadFailure(source, "no main text found in the HTML")
        return
    meta = trafilatura.extract_metadata(html)
    yield Article(
        id=stem,
        text="\n\n".join(paragraphs),
        title=meta.title if meta else None,
        date=meta.date if meta else None,
        url=meta.url if meta else None,
    )


def _parse_jsonl(text: str, source: str, stem: str) -> Iterator[ReadResult]:
    # Split on "\n" only: str.splitlines() would also break at U+2028, which JSON allows
    # unescaped inside strings.
    for lineno, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{source}:{lineno}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            yield ReadFailure(where, f"not JSON: {error.msg} (column {error.colno})")
            continue
        if not isinstance(record, dict):
            yield ReadFailure(where, f"not a JSON object but a {type(record).__name__}")
            continue
        body = record.get("text")
        if not isinstance(body, str) or not body.strip():
            yield ReadFailure(where, 'no "text": each line needs a non-empty "text" string')
            continue
        record_id = record.get("id")
        yield Article(
            id=f"{stem}:{lineno}" if record_id in (None, "") else str(record_id),
            text=body,
            title=_optional_str(record.get("title")),
            date=_optional_str(record.get("date")),
            url=_optional_str(record.get("url")),
            outlet=_optional_str(record.get("outlet")),
        )


def _optional_str(value: object) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


_PARSERS: dict[str, _Parser] = {
    ".txt": _parse_txt,
    ".html": parse_html,
    ".htm": parse_html,
    ".jsonl": _parse_jsonl,
}
_SUPPORTED = ", ".join(_PARSERS) + " (each may be gzipped: .txt.gz, ...)"


def _kind(name: str) -> tuple[str, _Parser] | None:
    """The matched suffix (with any ".gz") and the parser for a file name, or None."""
    lower = name.lower()
    for suffix, parse in _PARSERS.items():
        for full in (suffix, suffix + ".gz"):
            if lower.endswith(full):
                return full, parse
    return None
