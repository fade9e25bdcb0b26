"""Nothing the web can send makes the engine crash or emit a span outside the text.

Property-based (hypothesis) over random text full of quote marks of every style and over
arbitrary unicode, plus the extremes: empty, white space only, 1 MB, and binary junk as
quotegraph.read decodes it. Every span, cue span and mention span must lie inside the text,
spans of a quote must be ordered and disjoint, and a quote's text must be its spans joined.
"""

from __future__ import annotations

import random
import time
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quotegraph.api import extract_articles
from quotegraph.extract.marks import MARKS, find_quotes
from quotegraph.model import Article, ArticleQuotes
from quotegraph.read import ReadFailure, iter_articles
from quotegraph.read.decode import decode_bytes

SAMPLES = Path(__file__).resolve().parent.parent / "quotegraph" / "samples"

QUOTE_MARKS = sorted(MARKS) + ["``", "''", "`"]
WORDS = [
    "he", "said", "told", "reporters", "Blinken", "Zelensky", "the", "president", "NATO", "that",
    "according", "to", "don't", "Ukraine's", "'90s", "’90s", "Smiths'", "we", "will", "win", ".",
    ",", ":", "?", "—", "Mr", "Antony", "Secretary", "of", "State", "added", "é", "ß", "\u00a0",
]
PIECES = st.one_of(
    st.sampled_from(WORDS),
    st.sampled_from(QUOTE_MARKS),
    st.sampled_from([" ", " ", " ", "\n", "\n\n", "\t", "\r\n"]),
)
QUOTY_TEXT = st.lists(PIECES, max_size=120).map("".join)
# Mostly marks and spaces: the hardest case for pairing.
MARK_SOUP = st.lists(st.one_of(st.sampled_from(QUOTE_MARKS), st.sampled_from(["a", "b", " ", "\n", "\n\n", "1"])), max_size=60).map("".join)
ENGINE = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
MARKS_ONLY = settings(max_examples=1000, deadline=None)


def run(nlp, text: str) -> ArticleQuotes:
    [result] = extract_articles([Article(id="t", text=text)], nlp=nlp)
    return result


def check_inside(text: str, span, what: str) -> None:
    s, e = span
    assert 0 <= s < e <= len(text), f"{what} {span} outside text of length {len(text)}"


def check_result(text: str, result: ArticleQuotes) -> None:
    """The invariants every output must keep, whatever the input."""
    assert result.error is None, result.error
    for q in result.quotes:
        assert q.spans, q
        for span in q.spans:
            check_inside(text, span, "quote span")
        for (_, e1), (s2, _) in zip(q.spans, q.spans[1:]):
            assert e1 <= s2, f"spans overlap or are out of order: {q.spans}"
        assert q.text == " ".join(text[s:e] for s, e in q.spans)
        if q.cue is not None:
            check_inside(text, q.cue.span, "cue span")
            assert text[q.cue.span[0] : q.cue.span[1]] == q.cue.text
        if q.speaker.mention is not None:
            check_inside(text, q.speaker.mention.span, "mention span")
            assert text[q.speaker.mention.span[0] : q.speaker.mention.span[1]] == q.speaker.mention.text
        assert 0.0 <= q.confidence <= 1.0
        assert q.kind in ("direct", "mixed", "indirect")
    for speaker in result.speakers:
        assert speaker.name
        for span in speaker.mentions:
            check_inside(text, span, "speaker mention")


# find_quotes alone: pure Python, so many examples


def check_quoted(text: str) -> None:
    quotes = find_quotes(text)
    previous_end = 0
    for q in quotes:
        assert q.spans
        for s, e in q.spans:
            assert 0 <= s < e <= len(text)
        assert any(c.isalpha() for s, e in q.spans for c in text[s:e]), "a quote with no letters"
        for (_, e1), (s2, _) in zip(q.spans, q.spans[1:]):
            assert e1 <= s2
        assert q.start >= previous_end, "top-level quotes overlap"
        previous_end = q.end
        for m in q.marks:
            assert 0 <= m < len(text) and text[m] in MARKS | {"`"}
            assert not any(s <= m < e for s, e in q.spans), f"mark {m} inside its own content {q.spans}"


@MARKS_ONLY
@given(QUOTY_TEXT)
def test_find_quotes_on_random_quoty_text(text):
    check_quoted(text)


@MARKS_ONLY
@given(MARK_SOUP)
def test_find_quotes_on_mark_soup(text):
    check_quoted(text)


@MARKS_ONLY
@given(st.text(max_size=300))
def test_find_quotes_on_arbitrary_unicode(text):
    check_quoted(text)


@MARKS_ONLY
@given(st.text(alphabet=st.characters(blacklist_characters="".join(MARKS) + "`"), max_size=200))
def test_no_marks_no_quotes(text):
    assert find_quotes(text) == []


# The whole engine


@ENGINE
@given(text=QUOTY_TEXT)
def test_extract_on_random_quoty_text(nlp, text):
    check_result(text, run(nlp, text))


@ENGINE
@given(text=st.text(max_size=400))
def test_extract_on_arbitrary_unicode(nlp, text):
    check_result(text, run(nlp, text))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_extract_on_sample_paragraphs_with_random_marks(nlp, data):
    """Real prose with marks inserted or deleted at random: the realistic kind of damage."""
    paragraphs = _sample_paragraphs()
    chosen = data.draw(st.lists(st.sampled_from(paragraphs), min_size=1, max_size=4))
    text = "\n\n".join(chosen)
    for _ in range(data.draw(st.integers(0, 6))):
        at = data.draw(st.integers(0, len(text)))
        if data.draw(st.booleans()):
            text = text[:at] + data.draw(st.sampled_from(QUOTE_MARKS)) + text[at:]
        elif at < len(text) and text[at] in MARKS:
            text = text[:at] + text[at + 1 :]
    check_result(text, run(nlp, text))


def test_empty_and_white_space_articles(nlp):
    for text in ("", " ", "\n", "\n\n\n", " \t\r\n\u00a0\u2028 ", '"', "'", "“", "„", "«", "''", "``"):
        result = run(nlp, text)
        check_result(text, result)
        assert result.quotes == () or text.strip()


def test_batch_of_odd_articles_keeps_order_and_ids(nlp):
    texts = ["", "\ud800 lone surrogate \udfff", '"' * 500, "'" * 500, "\n" * 500, "x" * 5000]
    results = list(extract_articles([Article(id=f"a{i}", text=t) for i, t in enumerate(texts)], nlp=nlp))
    assert [r.id for r in results] == [f"a{i}" for i in range(len(texts))]
    for text, result in zip(texts, results):
        check_result(text, result)


def _sample_paragraphs() -> list[str]:
    paragraphs = []
    for path in sorted(SAMPLES.glob("*.txt")):
        paragraphs.extend(p.strip() for p in path.read_text(encoding="utf-8").split("\n\n") if p.strip())
    return paragraphs


def _megabyte_article(seed: int = 7) -> tuple[str, int]:
    """About 1 MB of sample paragraphs, one in seven with a stray mark that never closes."""
    rng = random.Random(seed)
    paragraphs = _sample_paragraphs()
    parts, size = [], 0
    while size < 1_000_000:
        p = rng.choice(paragraphs)
        if rng.random() < 0.15:
            at = rng.randrange(len(p))
            p = p[:at] + rng.choice(["\"", "“", "‘", "«", "„"]) + p[at:]
        parts.append(p)
        size += len(p) + 2
    return "\n\n".join(parts), len(parts)


def test_one_megabyte_article_quote_marks():
    text, paragraphs = _megabyte_article()
    assert len(text) >= 1_000_000
    quotes = find_quotes(text)
    check_quoted(text)
    # Stray marks must not swallow the article: quotes stay paragraph-sized.
    assert len(quotes) > paragraphs // 2
    assert max(e - s for q in quotes for s, e in q.spans) < 2_000


def test_one_megabyte_article(nlp):
    """Longer than one Doc may be: processed in parts, offsets shifted back, marks left unbalanced."""
    text, paragraphs = _megabyte_article()
    started = time.perf_counter()
    result = run(nlp, text)
    print(f"\n1 MB article: {len(result.quotes)} quotes in {time.perf_counter() - started:.1f}s")
    check_result(text, result)
    assert len(result.quotes) > paragraphs // 2
    assert max(e - s for q in result.quotes for s, e in q.spans) < 2_000


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(junk=st.binary(min_size=1, max_size=3000))
def test_binary_junk_as_read_decodes_it(nlp, tmp_path, junk):
    path = tmp_path / "junk.txt"
    path.write_bytes(junk)
    for item in iter_articles([str(path)]):
        if isinstance(item, ReadFailure):
            assert item.reason
            continue
        check_result(item.text, run(nlp, item.text))
    text = decode_bytes(junk)
    if text is not None:
        check_result(text, run(nlp, text))


def test_real_binary_files_as_read_decodes_them(nlp, tmp_path):
    rng = random.Random(3)
    blobs = {
        "zeros.txt": bytes(4096),
        "random.txt": bytes(rng.randrange(256) for _ in range(20_000)),
        "png.html": b"\x89PNG\r\n\x1a\n" + bytes(rng.randrange(256) for _ in range(2000)),
        "latin1.txt": "“Ça va”, dit-il. Über «alles» — ’90s".encode("cp1252"),
        "mixed.jsonl": b'{"id": "j", "text": "\\"Hi,\\" he said. \\u00ff\\u0000"}\n\xff\xfe\x00\n',
    }
    for name, data in blobs.items():
        (tmp_path / name).write_bytes(data)
    items = list(iter_articles([str(tmp_path)]))
    assert items
    for item in items:
        if isinstance(item, ReadFailure):
            continue
        check_result(item.text, run(nlp, item.text))
