"""`quotegraph batch` end to end: real WARC files, real Parquet, both engines, resume, ingest."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from quotegraph.cli import main
from quotegraph.scale import iter_results, run_batch
from quotegraph.scale.tables import MANIFEST, SCHEMAS, TABLES, read_manifest

# Ray Data's own settings module warns about its deprecated fields whenever it is read.
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:ray.*")
SCHEMA = json.loads((Path(__file__).resolve().parents[2] / "quotegraph" / "quote.schema.json").read_text())


def read_tables(out: Path) -> dict:
    """Each table of an output directory, all parts, rows sorted so files compare as sets."""
    tables = {}
    for name in TABLES:
        rows = [r for f in sorted((out / name).glob("*.parquet")) for r in pq.read_table(f).to_pylist()]
        tables[name] = sorted(rows, key=lambda r: json.dumps(r, sort_keys=True, default=str))
    return tables


@pytest.fixture(scope="module")
def local_out(crawl_dir, tmp_path_factory) -> tuple[Path, object]:
    out = tmp_path_factory.mktemp("local") / "tables"
    return out, run_batch([str(crawl_dir)], str(out), engine="local", workers=2, progress=False)


@pytest.fixture(scope="module")
def ray_out(crawl_dir, tmp_path_factory, ray_session) -> tuple[Path, object]:
    out = tmp_path_factory.mktemp("ray") / "tables"
    return out, run_batch([str(crawl_dir)], str(out), engine="ray", workers=2, progress=False)


def test_warc_pages_become_articles_with_quotes(local_out):
    out, report = local_out
    tables = read_tables(out)
    articles = {a["url"]: a for a in tables["articles"] if a["url"]}
    # 4 pages of the gzipped WARC and the whole page before the cut in the truncated one
    assert len(articles) == 5, sorted(articles)
    assert report.articles == 8 and len(report.done) == 4  # + 2 JSONL and 1 Parquet articles
    wire = next(a for a in tables["articles"] if a["id"] == "wire:1")
    assert (wire["title"], wire["date"], wire["n_quotes"] > 0) == ("Wire copy", "2025-03-02", True)
    bank = articles["https://news.example.org/central-bank-rates"]
    assert "\u201c" in bank["text"] and "\ufffd" not in bank["text"], "cp1252 page decoded by its charset"
    assert bank["outlet"] == "Example News" and bank["crawl_date"].startswith("20")
    assert bank["date"] and bank["date"].startswith("2025-03-0")
    assert bank["n_quotes"] > 0 and bank["error"] is None
    quotes = [q for q in tables["quotes"] if q["article_id"] == bank["id"]]
    assert len(quotes) == bank["n_quotes"]
    assert all(bank["text"][s["start"]:s["end"]] in q["text"] for q in quotes for s in q["spans"])
    for m in tables["mentions"]:
        text = next(a["text"] for a in tables["articles"] if a["id"] == m["article_id"])
        assert text[m["start"]:m["end"]] == m["text"]
    for name in TABLES:
        for f in (out / name).glob("*.parquet"):
            assert pq.read_schema(f).remove_metadata().equals(SCHEMAS[name])


def test_broken_records_are_counted_with_a_reason(local_out):
    out, report = local_out
    assert report.skipped == {"not HTML": 1, "HTTP status 404, not 200": 1, "not text": 1,
                              "revisit record": 1, "truncated record": 1, "no text": 1}
    manifest = read_manifest(out)
    reasons = [r for e in manifest.values() for _, r in e["skipped_examples"]]
    assert any(r.startswith("truncated record: ") and "bytes missing" in r for r in reasons)
    assert any(r == "not HTML: application/pdf" for r in reasons)
    cut = next(e for name, e in manifest.items() if name.endswith("news-00002.warc"))
    assert (cut["articles"], cut["skipped"]) == (1, {"truncated record": 1})


def test_results_match_the_one_schema(local_out):
    out, _ = local_out
    results = list(iter_results(out))
    assert len(results) == 8
    for _, result in results:
        jsonschema.validate(result.to_dict(), SCHEMA)


def test_ray_local_and_extract_give_identical_output(local_out, ray_out, crawl_dir, tmp_path):
    assert read_tables(ray_out[0]) == read_tables(local_out[0])
    assert ray_out[1].skipped == local_out[1].skipped
    # quotegraph extract reads JSONL, not WARC: compare on the JSONL input, quote ids included
    cli = CliRunner().invoke(main, ["extract", str(crawl_dir / "samples.jsonl")])
    assert cli.exit_code == 0, cli.output
    expected = [json.loads(line) for line in cli.stdout.splitlines() if line.strip()]
    for out, _ in (local_out, ray_out):
        got = {a.id: r.to_dict() for a, r in iter_results(out)}
        assert [got[e["id"]] for e in expected] == expected
        assert sum(len(e["quotes"]) for e in expected) > 0


def test_rerun_skips_finished_inputs_and_redoes_changed_ones(crawl_dir, tmp_path):
    jsonl = tmp_path / "more.jsonl"
    jsonl.write_text((crawl_dir / "samples.jsonl").read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "tables"
    first = run_batch([str(jsonl), str(crawl_dir / "news-00002.warc")], str(out), progress=False)
    assert (len(first.done), first.already_done, first.articles) == (2, 0, 3)
    again = run_batch([str(jsonl), str(crawl_dir / "news-00002.warc")], str(out), progress=False)
    assert (len(again.done), again.already_done, again.articles) == (0, 2, 0)
    with open(jsonl, "a", encoding="utf-8") as f:  # a changed input is redone, its part replaced
        f.write(json.dumps({"id": "late", "text": "\u201cWe are late,\u201d the mayor said."}) + "\n")
    (out / MANIFEST).open("a").write('{"input": "torn line from a cra')
    third = run_batch([str(jsonl), str(crawl_dir / "news-00002.warc")], str(out), progress=False)
    assert (len(third.done), third.already_done, third.articles) == (1, 1, 3)
    assert len(read_tables(out)["articles"]) == 4
    assert not list(out.rglob(".*.tmp"))


def test_cli_batch_then_ingest(crawl_dir, tmp_path):
    out, db = tmp_path / "tables", tmp_path / "q.db"
    runner = CliRunner()
    result = runner.invoke(main, ["batch", str(crawl_dir / "*.jsonl"), str(crawl_dir / "news-00002.warc"),
                                  "--output", str(out), "--workers", "1"])
    assert result.exit_code == 0, result.output
    assert "3 articles" in result.output and "1 truncated record" in result.output
    ingest = runner.invoke(main, ["ingest", str(out), "--db", str(db), "--no-progress"])
    assert ingest.exit_code == 0, ingest.output
    assert "3 articles," in ingest.output
    n_quotes = sum(e["quotes"] for e in read_manifest(out).values())
    assert f"{n_quotes} quotes" in ingest.output
    again = runner.invoke(main, ["ingest", str(out), "--db", str(db), "--no-progress"])
    assert "3 already stored" in again.output


def test_cli_reports_inputs_it_cannot_use(tmp_path):
    result = CliRunner().invoke(main, ["batch", str(tmp_path / "missing.warc.gz"), str(tmp_path / "*.warc"),
                                       "--output", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "no such file or directory" in result.output and "matches no supported file" in result.output
