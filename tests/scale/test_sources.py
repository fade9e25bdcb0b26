"""Reading inputs without a model: file discovery and the records of damaged archives."""

from __future__ import annotations

import gzip
from pathlib import Path

from quotegraph.scale.sources import expand_inputs, read_input


def test_directories_globs_and_missing_inputs(crawl_dir, tmp_path):
    (crawl_dir / "notes.md").write_text("not an input", encoding="utf-8")
    files, unmatched = expand_inputs([str(crawl_dir), str(crawl_dir / "*.warc*"), str(tmp_path / "nope.warc")])
    assert [Path(f).name for f in files] == ["news-00001.warc.gz", "news-00002.warc", "samples.jsonl", "wire.parquet"]
    assert unmatched == [(str(tmp_path / "nope.warc"), "no such file or directory")]


def test_a_file_that_is_not_an_archive_is_one_skipped_record(tmp_path):
    junk = tmp_path / "junk.warc.gz"
    junk.write_bytes(gzip.compress(b"this is not a WARC file\r\n" * 10))
    cut = tmp_path / "cut.warc.gz"
    data = (Path(__file__).parent / "conftest.py").read_bytes()  # any bytes; cut mid gzip member
    cut.write_bytes(gzip.compress(data)[:200])
    for path in (junk, cut):
        records = list(read_input(str(path)))
        assert records and {r.kind for r in records[:-1]} == {"skipped"}, records
        assert records[-2].meta["reason"].startswith("archive unreadable after record ")
        assert "\n" not in records[-2].meta["reason"]
        assert records[-1].kind == "end" and records[-1].meta == {"records": len(records) - 1}

def test_the_second_gzip_member_cut_keeps_the_first(crawl_dir, tmp_path):
    whole = (crawl_dir / "news-00001.warc.gz").read_bytes()
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(whole[: len(whole) - 500])
    records = list(read_input(str(cut)))
    kinds = [r.kind for r in records]
    assert kinds.count("html") == 4 and kinds[-1] == "end"
    assert records[-2].kind == "skipped"
