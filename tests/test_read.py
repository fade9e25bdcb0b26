"""Readers on real files written to tmp_path: every format, broken input, and the sample gold."""

from __future__ import annotations

import gzip
import io
import json
import os
import random
import sys
from pathlib import Path

import pytest

from quotegraph.model import Article
from quotegraph.read import ReadFailure, iter_articles

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "quotegraph" / "samples"
SAMPLES_GOLD = REPO / "tests" / "data" / "samples-gold.jsonl"
BBC = REPO.parent / "shared" / "data" / "bbc.jsonl"

ARTICLE = (
    "Port Strike Ends After Pay Deal\n\n"
    "Dock workers voted to accept a 6% rise, the union said. "
    '"It is a fair deal," its leader said.\n\n'
    "Ships began unloading on Monday."
)
PAGE = (
    "<html><head><title>Port Strike Ends | Harbour News</title>"
    '<meta property="og:url" content="https://harbour.example/strike">'
    '<meta name="date" content="2024-05-02"></head><body>'
    '<nav><a href="/">Home</a> <a href="/news">News</a></nav>'
    "<article><h1>Port Strike Ends After Pay Deal</h1>"
    "<p>Dock workers voted on Sunday to accept a 6% pay rise, ending a strike that had closed "
    "the harbour for nine days.</p>"
    "<p>&ldquo;It is a fair deal,&rdquo; the union leader said,\nspeaking outside the gates.</p>"
    "</article><footer>Copyright 2024 Harbour News. All rights reserved.</footer></body></html>"
)


def read(*inputs: str | Path, recursive: bool = True) -> list[Article | ReadFailure]:
    return list(iter_articles([str(i) for i in inputs], recursive=recursive))


def only_article(*inputs: str | Path) -> Article:
    [item] = read(*inputs)
    assert isinstance(item, Article), item
    return item


def only_failure(*inputs: str | Path) -> ReadFailure:
    [item] = read(*inputs)
    assert isinstance(item, ReadFailure), item
    return item


# Plain text


def test_txt_is_one_article_with_its_headline_as_title(tmp_path: Path) -> None:
    path = tmp_path / "port-strike.txt"
    path.write_text(ARTICLE + "\n\n", encoding="utf-8")
    article = only_article(path)
    assert article == Article(
        id="port-strike", text=ARTICLE, title="Port Strike Ends After Pay Deal"
    )


def test_txt_without_headline_layout_has_no_title(tmp_path: Path) -> None:
    path = tmp_path / "note.txt"
    path.write_text("One paragraph only, so its first line is no headline.", encoding="utf-8")
    assert only_article(path).title is None


def test_crlf_and_control_characters_are_cleaned(tmp_path: Path) -> None:
    path = tmp_path / "dos.txt"
    path.write_bytes(b'Headline\r\n\r\nThe mayor\x00 said\x0c "no".\r\nEnd.\tTab kept.')
    assert only_article(path).text == 'Headline\n\nThe mayor said "no".\nEnd.\tTab kept.'


def test_cp1252_curly_quotes_are_decoded(tmp_path: Path) -> None:
    path = tmp_path / "legacy.txt"
    path.write_bytes(b"The mayor said \x93we will act\x94 and it\x92s final. Caf\xe9 talks ended.")
    text = only_article(path).text
    assert text == "The mayor said “we will act” and it’s final. Café talks ended."


def test_latin1_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes("Zoë Müller, the naïve déjà-vu critic, said «non».".encode("latin-1"))
    assert only_article(path).text == "Zoë Müller, the naïve déjà-vu critic, said «non»."


def test_utf8_bom_is_dropped(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf\xe2\x80\x9cYes,\xe2\x80\x9d she said.")
    assert only_article(path).text == "“Yes,” she said."


def test_a_few_bad_bytes_do_not_lose_the_article(tmp_path: Path) -> None:
    path = tmp_path / "mostly-utf8.txt"
    path.write_bytes("“Never,” said Zoë. ".encode() * 20 + b"\xff\xfe broken tail")
    text = only_article(path).text
    assert text.startswith("“Never,” said Zoë. “Never,”")
    assert text.endswith("\ufffd\ufffd broken tail")


# HTML


def test_html_main_text_has_blank_line_paragraphs_and_metadata(tmp_path: Path) -> None:
    path = tmp_path / "strike.html"
    path.write_text(PAGE, encoding="utf-8")
    article = only_article(path)
    assert article.text.split("\n\n") == [
        "Port Strike Ends After Pay Deal",
        "Dock workers voted on Sunday to accept a 6% pay rise, ending a strike that had closed "
        "the harbour for nine days.",
        "“It is a fair deal,” the union leader said, speaking outside the gates.",
    ]
    assert "Copyright" not in article.text and "Home" not in article.text
    assert (article.id, article.date, article.url) == (
        "strike",
        "2024-05-02",
        "https://harbour.example/strike",
    )
    assert article.title is not None and article.title.startswith("Port Strike Ends")


def test_broken_html_still_gives_its_text(tmp_path: Path) -> None:
    path = tmp_path / "broken.htm"
    path.write_text(
        "<html><body><div><p>Unclosed <b>bold and <i>italic: the minister said the port would "
        "reopen on Friday after talks that ran late into the night<p>Second paragraph, also open",
        encoding="utf-8",
    )
    text = only_article(path).text
    assert "the minister said the port would reopen on Friday" in text
    assert "Second paragraph, also open" in text


def test_html_without_main_text_is_a_failure(tmp_path: Path) -> None:
    path = tmp_path / "empty-page.html"
    path.write_text(
        "<html><head><title>Nothing</title></head><body><script>var x = 1;</script></body></html>"
    )
    assert "no main text" in only_failure(path).reason


def test_sample_page_drops_boilerplate() -> None:
    article = only_article(SAMPLES / "nurses-strike.html")
    assert article.text.startswith("Nurses at Riverside Hospital Vote to Strike Over Staffing\n\n")
    for boilerplate in ("cookies", "Most read", "newsletter", "All rights reserved", "Subscribe"):
        assert boilerplate not in article.text
    assert "“Nobody goes into nursing to go on strike,” said Grace Mensah" in article.text
    assert article.date == "2024-03-10"


# JSONL


def test_jsonl_bad_lines_are_failures_and_good_lines_still_come_out(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    lines = [
        json.dumps(
            {
                "id": "a",
                "text": "First.",
                "title": "A",
                "date": "2024-01-01",
                "url": "u",
                "outlet": "O",
                "x": 1,
            }
        ),
        '{"id": "b", "text": "unterminated',
        "",
        json.dumps({"id": "c", "title": "no text"}),
        json.dumps(["not", "an", "object"]),
        json.dumps({"text": "No id; line separator\u2028inside."}, ensure_ascii=False),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = read(path)
    assert items[0] == Article(
        id="a", text="First.", title="A", date="2024-01-01", url="u", outlet="O"
    )
    assert [(f.source, f.reason.split(":")[0]) for f in items[1:4]] == [
        (f"{path}:2", "not JSON"),
        (f"{path}:4", 'no "text"'),
        (f"{path}:5", "not a JSON object but a list"),
    ]
    assert items[4] == Article(id="feed:6", text="No id; line separator\u2028inside.")
    assert len(items) == 5


def test_bbc_articles_read_back_unchanged(tmp_path: Path) -> None:
    if not BBC.exists():
        pytest.skip(f"{BBC} not present: the shared data lives outside the repository")
    with BBC.open(encoding="utf-8") as source:
        head = [next(source) for _ in range(20)]
    path = tmp_path / "bbc-head.jsonl"
    path.write_text("".join(head), encoding="utf-8")
    items = read(path)
    records = [json.loads(line) for line in head]
    assert [(a.id, a.text, a.title, a.outlet) for a in items] == [
        (r["id"], r["text"], r["title"], r["outlet"]) for r in records
    ]


# gzip, directories, standard input


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("story.txt.gz", ARTICLE),
        ("story.html.gz", PAGE),
        ("story.jsonl.gz", json.dumps({"id": "story", "text": ARTICLE})),
    ],
)
def test_gzip_variants(tmp_path: Path, name: str, content: str) -> None:
    path = tmp_path / name
    path.write_bytes(gzip.compress(content.encode("utf-8")))
    article = only_article(path)
    assert article.id == "story"
    assert "6%" in article.text


def test_corrupt_gzip_is_a_failure(tmp_path: Path) -> None:
    path = tmp_path / "bad.txt.gz"
    path.write_bytes(b"\x1f\x8b\x08\x00 not really gzip")
    assert "gzip" in only_failure(path).reason


def test_directory_is_read_sorted_and_recursively(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "b.txt").write_text("Second.")
    (tmp_path / "a.txt").write_text("First.")
    (tmp_path / "sub" / "c.jsonl").write_text(json.dumps({"id": "c", "text": "Third."}))
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4")
    assert [a.id for a in read(tmp_path)] == ["a", "b", "c"]
    assert [a.id for a in read(tmp_path, recursive=False)] == ["a", "b"]


def test_samples_directory_reads_every_sample() -> None:
    items = read(SAMPLES)
    assert all(isinstance(item, Article) for item in items)
    assert len(items) == 6


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (
            b'{"id": "s1", "text": "From a pipe."}\n{"text": "No id."}\n',
            [("s1", "From a pipe."), ("stdin:2", "No id.")],
        ),
        (PAGE.encode(), [("stdin", None)]),
        (b"\n  Just words, said nobody.\n", [("stdin", "Just words, said nobody.")]),
    ],
)
def test_stdin_format_is_sniffed(
    monkeypatch: pytest.MonkeyPatch, data: bytes, expected: list
) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    items = read("-")
    assert [item.id for item in items] == [id_ for id_, _ in expected]
    for item, (_, text) in zip(items, expected, strict=True):
        assert text is None or item.text == text
    if data == PAGE.encode():
        assert items[0].text.startswith("Port Strike Ends After Pay Deal\n\n")


# Failures never raise


def test_random_bytes_are_a_failure_in_every_format(tmp_path: Path) -> None:
    junk = random.Random(7).randbytes(4096)
    names = ["junk.txt", "junk.html", "junk.jsonl", "junk.txt.gz"]
    for name in names:
        (tmp_path / name).write_bytes(gzip.compress(junk) if name.endswith(".gz") else junk)
    failures = read(*(tmp_path / name for name in names))
    assert [f.reason for f in failures] == ["not text: looks like a binary file"] * len(names)


def test_empty_missing_and_unknown_inputs_are_failures(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.jsonl").write_text("\n  \n")
    (tmp_path / "report.pdf").write_bytes(b"%PDF-1.4")
    items = read(
        tmp_path / "empty.txt",
        tmp_path / "blank.jsonl",
        tmp_path / "missing.txt",
        tmp_path / "report.pdf",
    )
    assert all(isinstance(item, ReadFailure) for item in items)
    empty, blank, missing, unknown = (item.reason for item in items)
    assert empty.startswith("empty") and blank.startswith("empty")
    assert "No such file" in missing
    assert "unsupported file type '.pdf'" in unknown and ".jsonl" in unknown


def test_directory_named_like_a_file_is_walked_not_opened(tmp_path: Path) -> None:
    (tmp_path / "odd.txt").mkdir()
    assert read(tmp_path / "odd.txt") == []


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file_is_a_failure(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("Hidden.")
    path.chmod(0)
    assert "Permission denied" in only_failure(path).reason


def test_one_string_instead_of_a_list_is_a_caller_mistake() -> None:
    with pytest.raises(TypeError, match="wrap it in a list"):
        list(iter_articles("story.txt"))


# The sample gold


def gold_lines() -> list[dict]:
    return [json.loads(line) for line in SAMPLES_GOLD.read_text(encoding="utf-8").splitlines()]


def test_gold_spans_point_at_their_recorded_text() -> None:
    for record in gold_lines():
        text = record["text"]
        assert record["annotation"] == {"scheme": "quotegraph", "speaker_names": True}
        for quote in record["quotes"]:
            assert quote["kind"] in {"direct", "mixed", "indirect"}
            for role in ("content", "source", "cue"):
                spans = quote[role]
                if spans is None:
                    assert quote[f"{role}_text"] is None
                    continue
                assert quote[f"{role}_text"] == " ".join(text[s:e] for s, e in spans), (
                    record["id"],
                    role,
                )


def test_gold_text_is_what_the_reader_gives() -> None:
    articles = {item.id: item for item in read(SAMPLES)}
    records = gold_lines()
    assert sorted(r["id"] for r in records) == sorted(articles)
    for record in records:
        assert record["text"] == articles[record["id"]].text, record["id"]


def test_direct_gold_content_excludes_quote_marks() -> None:
    marks = "\"“”‘’«»„'"
    for record in gold_lines():
        for quote in record["quotes"]:
            if quote["kind"] == "direct":
                for s, e in quote["content"]:
                    assert record["text"][s] not in marks and record["text"][e - 1] not in marks
