"""`quotegraph extract` and `quotegraph evaluate` as a user runs them: real files in tmp_path,
click's CliRunner in process, and the installed console script in a subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from quotegraph.cli import main

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "quotegraph" / "samples"
SAMPLES_GOLD = REPO / "tests" / "data" / "samples-gold.jsonl"
SCHEMA = json.loads((REPO / "quotegraph" / "quote.schema.json").read_text(encoding="utf-8"))
# The console script installed beside this interpreter (.venv/bin/quotegraph).
QUOTEGRAPH = Path(sys.executable).with_name("quotegraph")

ARTICLE = (
    "Port Strike Ends After Pay Deal\n\n"
    "Union leader Sarah Quinn addressed dock workers on Sunday.\n\n"
    '"It is a fair deal and we will take it," Quinn said.\n\n'
    "Ships began unloading on Monday."
)
PAGE = (
    "<html><head><title>Bridge Reopens | City News</title></head><body>"
    "<nav><a href='/'>Home</a></nav><article><h1>Bridge Reopens</h1>"
    "<p>The Elm Street bridge reopened on Tuesday after three months of repairs that cost the city "
    "more than two million pounds, officials said.</p>"
    "<p>&ldquo;We are delighted to have it back,&rdquo; Mayor Tom Reyes told reporters at the "
    "ribbon-cutting ceremony on the east bank.</p>"
    "</article><footer>Copyright City News</footer></body></html>"
)


@pytest.fixture(scope="module", autouse=True)
def _warm(nlp):
    """Load the pipeline once; the CLI's load_nlp() returns the same cached object."""


@pytest.fixture
def inputs(tmp_path) -> dict[str, Path]:
    txt = tmp_path / "strike.txt"
    txt.write_text(ARTICLE, encoding="utf-8")
    html = tmp_path / "bridge.html"
    html.write_text(PAGE, encoding="utf-8")
    jsonl = tmp_path / "batch.jsonl"
    jsonl.write_text(
        json.dumps({"id": "a1", "text": ARTICLE, "title": "Port Strike Ends", "extra": [1, 2]}) + "\n"
        + json.dumps({"id": "a2", "text": "Nothing was said here."}) + "\n",
        encoding="utf-8",
    )
    return {"txt": txt, "html": html, "jsonl": jsonl}


def invoke(*args: str, input: str | bytes | None = None):
    return CliRunner().invoke(main, [str(a) for a in args], input=input, catch_exceptions=False)


def records(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]


def by_id(output: str) -> dict[str, dict]:
    return {r["id"]: r for r in records(output)}


def speakers_of(record: dict) -> list[str | None]:
    return [q["speaker"]["name"] for q in record["quotes"]]


# Inputs of every kind


def test_extract_txt(inputs):
    result = invoke("extract", inputs["txt"])
    assert result.exit_code == 0, result.output
    [record] = records(result.stdout)
    assert record["id"] == "strike"
    assert speakers_of(record) == ["Sarah Quinn"]
    [quote] = record["quotes"]
    s, e = quote["spans"][0]
    assert ARTICLE[s:e] == "It is a fair deal and we will take it,"
    jsonschema.validate(record, SCHEMA)


def test_extract_html_takes_the_main_text(inputs):
    result = invoke("extract", inputs["html"])
    assert result.exit_code == 0, result.output
    [record] = records(result.stdout)
    assert record["id"] == "bridge"
    direct = [q for q in record["quotes"] if q["kind"] == "direct"]
    assert [q["text"] for q in direct] == ["We are delighted to have it back,"]
    assert direct[0]["speaker"]["name"] == "Tom Reyes"
    assert not any("Copyright" in q["text"] or "Home" in q["text"] for q in record["quotes"])


def test_extract_jsonl_one_record_per_line_in_order(inputs):
    result = invoke("extract", inputs["jsonl"])
    assert result.exit_code == 0, result.output
    out = records(result.stdout)
    assert [r["id"] for r in out] == ["a1", "a2"]
    assert speakers_of(out[0]) == ["Sarah Quinn"]
    assert out[1]["quotes"] == []


def test_extract_directory_reads_every_supported_file(inputs, tmp_path):
    (tmp_path / "notes.csv").write_text("a,b\n", encoding="utf-8")  # not an article: skipped quietly
    result = invoke("extract", tmp_path)
    assert result.exit_code == 0, result.output
    assert sorted(by_id(result.stdout)) == ["a1", "a2", "bridge", "strike"]


def test_extract_stdin_text_and_jsonl():
    result = invoke("extract", "-", input=ARTICLE)
    assert result.exit_code == 0, result.output
    [record] = records(result.stdout)
    assert record["id"] == "stdin"
    assert speakers_of(record) == ["Sarah Quinn"]

    lines = json.dumps({"id": "s1", "text": ARTICLE}) + "\n" + json.dumps({"id": "s2", "text": ARTICLE}) + "\n"
    result = invoke("extract", "-", input=lines)
    assert result.exit_code == 0, result.output
    assert list(by_id(result.stdout)) == ["s1", "s2"]


def test_extract_bundled_samples_every_record_valid(nlp):
    result = invoke("extract", SAMPLES)
    assert result.exit_code == 0, result.output
    out = records(result.stdout)
    assert len(out) == len(list(SAMPLES.iterdir()))
    validator = jsonschema.Draft202012Validator(SCHEMA)
    for record in out:
        validator.validate(record)
    assert sum(len(r["quotes"]) for r in out) >= 30


# Output formats


def test_format_json_is_one_array(inputs):
    result = invoke("extract", inputs["jsonl"], "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [r["id"] for r in data] == ["a1", "a2"]


def test_format_table_is_for_people(inputs):
    result = invoke("extract", inputs["txt"], "--format", "table")
    assert result.exit_code == 0, result.output
    assert "== strike: 1 quote(s)" in result.stdout
    assert "Sarah Quinn" in result.stdout
    assert "It is a fair deal" in result.stdout
    with pytest.raises(json.JSONDecodeError):
        json.loads(result.stdout)


def test_unknown_format_is_refused(inputs):
    result = CliRunner().invoke(main, ["extract", str(inputs["txt"]), "--format", "xml"])
    assert result.exit_code == 2
    assert "xml" in result.output


def test_output_file_option(inputs, tmp_path):
    target = tmp_path / "out.jsonl"
    result = invoke("extract", inputs["txt"], "-o", target)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert speakers_of(records(target.read_text(encoding="utf-8"))[0]) == ["Sarah Quinn"]


# Bad input: a clear error, a non-zero exit, and the rest still processed


def test_missing_and_unreadable_inputs_fail_clearly_but_others_are_printed(inputs, tmp_path):
    missing = tmp_path / "missing.txt"
    binary = tmp_path / "junk.txt"
    binary.write_bytes(bytes(range(256)) * 40)
    broken_gz = tmp_path / "broken.txt.gz"
    broken_gz.write_bytes(b"not gzip at all")
    result = invoke("extract", missing, inputs["txt"], binary, broken_gz, inputs["jsonl"])
    assert result.exit_code == 1
    assert list(by_id(result.stdout)) == ["strike", "a1", "a2"]
    assert f"error: {missing}: cannot read" in result.stderr
    assert f"error: {binary}: not text" in result.stderr
    assert f"error: {broken_gz}: not a valid gzip file" in result.stderr
    assert "3 input(s) could not be read or processed" in result.stderr


def test_jsonl_with_broken_lines(tmp_path):
    path = tmp_path / "mixed.jsonl"
    path.write_text(
        json.dumps({"id": "good1", "text": ARTICLE}) + "\n"
        + '{"id": "cut", "text": "half a li\n'
        + "[1, 2, 3]\n"
        + json.dumps({"id": "notext", "title": "no body"}) + "\n"
        + json.dumps({"id": "good2", "text": ARTICLE}) + "\n",
        encoding="utf-8",
    )
    result = invoke("extract", path)
    assert result.exit_code == 1
    assert list(by_id(result.stdout)) == ["good1", "good2"]
    assert f"error: {path}:2: not JSON" in result.stderr
    assert f"error: {path}:3: not a JSON object" in result.stderr
    assert f'error: {path}:4: no "text"' in result.stderr
    assert "3 input(s) could not be read" in result.stderr


def test_unsupported_file_type(tmp_path):
    path = tmp_path / "article.pdf"
    path.write_bytes(b"%PDF-1.4")
    result = invoke("extract", path)
    assert result.exit_code == 1
    assert "unsupported file type '.pdf'" in result.stderr


def test_no_input_is_a_usage_error():
    result = CliRunner().invoke(main, ["extract"])
    assert result.exit_code == 2
    assert "Missing argument" in result.output


# The real console script, in a subprocess


def test_console_script_end_to_end(inputs, tmp_path):
    assert QUOTEGRAPH.exists(), f"console script not installed at {QUOTEGRAPH}"
    missing = tmp_path / "missing.html"
    done = subprocess.run(
        [str(QUOTEGRAPH), "extract", str(inputs["txt"]), str(missing), "-", "--format", "jsonl"],
        input=json.dumps({"id": "piped", "text": ARTICLE}) + "\n",
        capture_output=True, text=True, timeout=180, cwd=tmp_path,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )
    assert done.returncode == 1
    out = by_id(done.stdout)
    assert list(out) == ["strike", "piped"]
    assert speakers_of(out["piped"]) == ["Sarah Quinn"]
    assert f"error: {missing}: cannot read" in done.stderr
    assert "Traceback" not in done.stderr


# quotegraph evaluate


def test_evaluate_prints_the_table_and_writes_errors(tmp_path):
    # The samples' gold with one speaker renamed and one quote made up: errors the extractor
    # cannot avoid, whatever it gets right.
    articles = [json.loads(line) for line in SAMPLES_GOLD.read_text(encoding="utf-8").splitlines()]
    first = articles[0]
    renamed = next(q for q in first["quotes"] if q.get("speaker"))
    renamed["speaker"] = "Nobody In This Article"
    last = articles[-1]
    last["quotes"].append({"kind": "indirect", "content": [[0, 5]], "speaker": None})
    gold = tmp_path / "gold.jsonl"
    gold.write_text("".join(json.dumps(a) + "\n" for a in articles), encoding="utf-8")
    errors = tmp_path / "errors.jsonl"
    result = invoke("evaluate", gold, "--errors", errors)
    assert result.exit_code == 0, result.output
    for row in ("quotes@0.3", "quotes@0.8", "speaker accuracy", "end to end", "exact content", "exact source", "exact cue"):
        assert row in result.stdout
    assert "6 article(s)" in result.stdout
    lines = {line["id"]: line for line in records(errors.read_text(encoding="utf-8"))}
    assert "Nobody In This Article" in [w["speaker"] for w in lines[first["id"]]["wrong_speakers"]]
    assert [m["spans"] for m in lines[last["id"]]["missed"]] == [[[0, 5]]]
    for line in lines.values():
        assert line["id"] in {a["id"] for a in articles}
        assert set(line) == {"id", "missing_prediction", "missed", "false", "wrong_speakers"}
        assert line["missed"] or line["false"] or line["wrong_speakers"]


def test_evaluate_json_scores():
    result = invoke("evaluate", SAMPLES_GOLD, "--json")
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)
    assert scores["articles"] == 6
    assert 0.0 <= scores["quotes@0.3"]["overall"]["f1"] <= 1.0


def test_evaluate_refuses_a_broken_gold_file(tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"id": "x", "text": "abc", "quotes": [{"content": [[0, 99]]}]}\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["evaluate", str(gold)])
    assert result.exit_code == 1
    assert "Error:" in result.output
    assert "Traceback" not in result.output


def test_evaluate_missing_gold_file(tmp_path):
    result = CliRunner().invoke(main, ["evaluate", str(tmp_path / "nope.jsonl")])
    assert result.exit_code == 2
    assert "does not exist" in result.output


def test_evaluate_follows_the_gold_files_scheme(tmp_path):
    """PolNeAR gold counts beliefs and intentions: it is scored in the attribution scope unless told otherwise."""
    quote = {"kind": "direct", "content": [[94, 131]], "source": [[134, 139]], "cue": [[140, 144]], "speaker": None}
    line = {"id": "p1", "text": ARTICLE, "quotes": [quote], "annotation": {"scheme": "polnear", "speaker_names": False}}
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps(line) + "\n", encoding="utf-8")
    assert "scope=attribution, complementizer=True" in invoke("evaluate", gold).stdout
    assert "scope=speech, complementizer=True" in invoke("evaluate", gold, "--scope", "speech").stdout
    assert "scope=speech, complementizer=False" in invoke("evaluate", SAMPLES_GOLD).stdout
