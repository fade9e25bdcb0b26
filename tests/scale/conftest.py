"""Fixtures for the scale-out tests: real WARC files written with warcio, and one shared Ray.

The WARC pages are the project's own samples (quotegraph/samples) wrapped in HTML, plus records
that a real crawl holds and the reader must skip: a PDF, a 404, a request record, a revisit,
binary bytes served as text/html, and a record cut short at the end of the file.
"""

from __future__ import annotations

import html
import io
import json
import os
from pathlib import Path

import pytest

SAMPLES = Path(__file__).resolve().parents[2] / "quotegraph" / "samples"
SAMPLE_TXT = sorted(SAMPLES.glob("*.txt"))


def page(title: str, body: str) -> str:
    paragraphs = "".join(f"<p>{html.escape(p)}</p>\n" for p in body.split("\n\n") if p.strip())
    return (f"<!DOCTYPE html><html><head><title>{html.escape(title)}</title>"
            f'<meta property="og:site_name" content="Example News">'
            f'<meta name="date" content="2025-03-0{len(title) % 9 + 1}"></head>'
            f"<body><nav><a href='/'>Home</a></nav><article><h1>{html.escape(title)}</h1>\n{paragraphs}"
            f"</article><footer>Copyright Example News</footer></body></html>")


def sample_pages() -> list[tuple[str, str]]:
    out = []
    for path in SAMPLE_TXT:
        text = path.read_text(encoding="utf-8").strip()
        title, _, body = text.partition("\n\n")
        out.append((path.stem, page(title, body)))
    return out


def _response(writer, url: str, body: bytes, content_type: str, status: str = "200 OK"):
    from warcio.statusandheaders import StatusAndHeaders

    headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
    return writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers)


def write_crawl(path: Path) -> dict:
    """A gzipped WARC like a CC-NEWS file; returns what it holds, by kind."""
    from warcio.warcwriter import WARCWriter

    pages = sample_pages()
    with open(path, "wb") as out:
        w = WARCWriter(out, gzip=True)
        w.write_record(w.create_warcinfo_record(path.name, {"software": "quotegraph tests"}))
        for stem, markup in pages[1:4]:
            url = f"https://news.example.org/{stem}"
            w.write_record(w.create_warc_record(url, "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")))
            w.write_record(_response(w, url, markup.encode("utf-8"), "text/html; charset=utf-8"))
        # A Windows-1252 page: curly quotes are bytes 0x93/0x94, declared in the header.
        stem, markup = pages[0]
        assert "\u201c" in markup
        w.write_record(_response(w, f"https://news.example.org/{stem}", markup.encode("cp1252"),
                                 "text/html; charset=windows-1252"))
        w.write_record(_response(w, "https://news.example.org/report.pdf", b"%PDF-1.4 binary", "application/pdf"))
        w.write_record(_response(w, "https://news.example.org/gone", b"<html>Not found</html>",
                                 "text/html", "404 Not Found"))
        w.write_record(_response(w, "https://news.example.org/blob", os.urandom(4000), "text/html"))
        w.write_record(w.create_revisit_record("https://news.example.org/again", digest="sha1:AAAA",
                                               refers_to_uri="https://news.example.org/x", refers_to_date="2025-03-01T00:00:00Z"))
    return {"pages": 4, "skipped": ("not HTML", "HTTP status 404", "not text", "revisit record")}


def write_cut(path: Path) -> None:
    """An uncompressed WARC whose second response is cut off mid-body (a download that died)."""
    from warcio.warcwriter import WARCWriter

    pages = sample_pages()
    buf = io.BytesIO()
    w = WARCWriter(buf, gzip=False)
    for stem, markup in (pages[4], pages[2]):
        w.write_record(_response(w, f"https://other.example.com/{stem}", markup.encode("utf-8"), "text/html"))
    data = buf.getvalue()
    path.write_bytes(data[: len(data) - 700])


@pytest.fixture(scope="session")
def crawl_dir(tmp_path_factory) -> Path:
    """A directory with a gzipped WARC, a truncated WARC, a JSONL and a Parquet file of samples."""
    root = tmp_path_factory.mktemp("crawl")
    write_crawl(root / "news-00001.warc.gz")
    write_cut(root / "news-00002.warc")
    with open(root / "samples.jsonl", "w", encoding="utf-8") as out:
        for path in SAMPLE_TXT[:2]:
            out.write(json.dumps({"id": f"jsonl-{path.stem}", "text": path.read_text(encoding="utf-8"),
                                  "outlet": "Sample Wire"}) + "\n")
    # Parquet input: one article without an id (it gets file:row), one row with no text
    import pyarrow as pa
    import pyarrow.parquet as pq

    text = SAMPLE_TXT[2].read_text(encoding="utf-8")
    pq.write_table(pa.table({"text": [text, "  "], "title": ["Wire copy", None],
                             "date": ["2025-03-02", None]}), root / "wire.parquet")
    return root


@pytest.fixture(scope="module")
def ray_session():
    """One local Ray for a module's Ray tests (it takes seconds to start), bound to 127.0.0.1;
    stopped after the module, so a long test session does not keep its workers."""
    try:
        import ray
    except ImportError:
        if os.environ.get("CI") == "true":
            raise
        pytest.skip("ray is not installed: pip install -e '.[ray]' to run the Ray engine tests")
    ray.init(address="local", include_dashboard=False, num_cpus=2, _node_ip_address="127.0.0.1",
             log_to_driver=False)
    yield ray
    ray.shutdown()
