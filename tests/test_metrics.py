"""The evaluation metrics on small hand-made articles whose scores were worked out by hand.

Texts are written for these tests; the only real data read is ../shared/data/seed.jsonl, scored
against itself.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from quotegraph.errors import InputError
from quotegraph.evaluate import evaluate, format_report, read_gold, write_errors
from quotegraph.evaluate.metrics import (
    Tally,
    align_quotes,
    coverage_matrix,
    exact_content,
    exact_cue,
    exact_source,
    normalise_spans,
    quote_detection,
    same_speaker,
)

SEED = Path(__file__).resolve().parents[2] / "shared" / "data" / "seed.jsonl"

TEXT = (
    'The mayor said "We will rebuild the bridge by spring," on Monday. '
    "Her rival, Dr. José Núñez, said the plan was too costly."
)


def span(text: str, part: str, start: int = 0) -> list[int]:
    """Offsets of `part` in `text`, found by hand-readable substring rather than by counting."""
    begin = text.index(part, start)
    return [begin, begin + len(part)]


def gold_quote(kind: str, content: list, speaker: str | None, source=(), cue=()) -> dict:
    return {
        "kind": kind,
        "content": content,
        "content_text": " ".join(TEXT[s:e] for s, e in content),
        "source": list(source),
        "cue": list(cue),
        "speaker": speaker,
    }


def predicted_quote(kind: str, spans: list, name: str | None, mention=None, cue=None) -> dict:
    return {
        "id": "q",
        "kind": kind,
        "text": "",
        "spans": spans,
        "cue": {"text": "", "span": cue} if cue else None,
        "speaker": {"name": name, "mention": {"text": "", "span": mention} if mention else None},
        "confidence": 0.5,
    }


def article(quotes: list[dict], text: str = TEXT, names: bool = True, id: str = "a1") -> dict:
    return {"id": id, "text": text, "quotes": quotes, "annotation": {"speaker_names": names}}


def prediction(quotes: list[dict], id: str = "a1") -> dict:
    return {"id": id, "quotes": quotes, "speakers": []}


MAYOR = gold_quote(
    "direct",
    [span(TEXT, "We will rebuild the bridge by spring,")],
    "Ann Baker",
    source=[span(TEXT, "The mayor")],
    cue=[span(TEXT, "said")],
)
RIVAL = gold_quote(
    "indirect",
    [span(TEXT, "the plan was too costly")],
    "José Núñez",
    source=[span(TEXT, "Dr. José Núñez")],
    cue=[span(TEXT, "said", TEXT.index("Núñez"))],
)


def test_perfect_prediction_scores_one_everywhere():
    predicted = [
        predicted_quote("direct", q["content"], q["speaker"], q["source"][0], q["cue"][0])
        for q in (MAYOR, RIVAL)
    ]
    report = evaluate([article([MAYOR, RIVAL])], {"a1": prediction(predicted)})
    for name, score in report.scores().items():
        overall = score.overall
        if name == "speaker_accuracy":
            assert (overall.total, overall.correct, overall.value) == (2, 2, 1.0)
        else:
            assert overall == Tally(gold=2, predicted=2, found=2, correct=2), name
            assert (overall.precision, overall.recall, overall.f1) == (1.0, 1.0, 1.0), name
    assert report.errors == ()


# Coverage thresholds: "abcdefghij" has 10 counted characters.

TEN = 'She said "abcdefghij" twice.'
TEN_GOLD = {"kind": "direct", "content": [span(TEN, "abcdefghij")], "speaker": None}


@pytest.mark.parametrize(
    ("covered", "at_03", "at_08"),
    [
        ("ab", 0, 0),  # 0.2
        ("abc", 1, 0),  # 0.3: the threshold itself counts
        ("abcdefg", 1, 0),  # 0.7
        ("abcdefgh", 1, 1),  # 0.8
    ],
)
def test_coverage_thresholds(covered, at_03, at_08):
    predicted = [predicted_quote("direct", [span(TEN, covered)], None)]
    for threshold, expected in ((0.3, at_03), (0.8, at_08)):
        tally = quote_detection(align_quotes(TEN, [TEN_GOLD], predicted, threshold)).overall
        assert tally == Tally(gold=1, predicted=1, found=expected, correct=expected)


def test_quote_marks_and_spaces_are_not_counted():
    text = 'He said: “ab cd” then left.'
    gold = [{"kind": "direct", "content": [span(text, "“ab cd”")], "speaker": None}]
    words_only = predicted_quote("direct", [span(text, "ab cd")], None)
    half = predicted_quote("direct", [span(text, "“ab ")], None)
    marks_and_space = predicted_quote("direct", [span(text, ": “")], None)
    assert coverage_matrix(text, gold, [words_only, half, marks_and_space]) == [[1.0, 0.5, 0.0]]
    # By raw characters "ab cd" would cover 5/7 of the gold, below 0.8.
    assert quote_detection(align_quotes(text, gold, [words_only], 0.8)).overall.found == 1


def test_two_predictions_on_one_gold_quote_count_once():
    predicted = [predicted_quote("direct", MAYOR["content"], None)] * 2
    tally = quote_detection(align_quotes(TEXT, [MAYOR], predicted, 0.3)).overall
    assert tally == Tally(gold=1, predicted=2, found=1, correct=1)
    assert (tally.precision, tally.recall) == (0.5, 1.0)
    assert tally.f1 == pytest.approx(2 / 3)


def test_matching_maximises_pairs_rather_than_taking_the_biggest_overlap_first():
    text = "aaaaaaaaaa bbbbbbbbbb"
    gold = [
        {"kind": "indirect", "content": [span(text, "aaaaaaaaaa")], "speaker": None},
        {"kind": "indirect", "content": [span(text, "bbbbbbbbbb")], "speaker": None},
    ]
    # The long prediction covers both gold quotes entirely; the short one only 4/10 of the first.
    predicted = [
        predicted_quote("indirect", [[0, len(text)]], None),
        predicted_quote("indirect", [[0, 4]], None),
    ]
    alignment = align_quotes(text, gold, predicted, 0.3)
    assert alignment.pairs == ((0, 1), (1, 0))


def test_one_prediction_over_two_gold_quotes_goes_to_the_one_it_covers_most():
    text = "aaaaaaaaaa bbbbb"
    gold = [
        {"kind": "indirect", "content": [span(text, "aaaaaaaaaa")], "speaker": None},
        {"kind": "indirect", "content": [span(text, "bbbbb")], "speaker": None},
    ]
    predicted = [predicted_quote("indirect", [span(text, "aaaaa bbbbb")], None)]  # 0.5 and 1.0
    assert align_quotes(text, gold, predicted, 0.3).pairs == ((1, 0),)


def test_matching_a_hundred_quotes_that_all_overlap_one_prediction():
    text = " ".join(f"quote{n:03d} said" for n in range(100))
    gold = [
        {"kind": "direct", "content": [span(text, f"quote{n:03d}")], "speaker": None}
        for n in range(100)
    ]
    everything = predicted_quote("direct", [[0, len(text)]], None)
    predicted = [everything] + [predicted_quote("direct", g["content"], None) for g in gold]
    tally = quote_detection(align_quotes(text, gold, predicted, 0.8)).overall
    assert tally == Tally(gold=100, predicted=101, found=100, correct=100)


@pytest.mark.parametrize(
    ("gold", "predicted", "same"),
    [
        ("Volodymyr Zelensky", "Zelensky", True),
        ("Volodymyr Zelensky", "volodymyr ZELENSKY", True),
        ("José Núñez", "Jose Nunez", True),
        ("José Núñez", "Dr. Núñez", True),
        ("Antony Blinken", "Mr Antony J. Blinken", True),
        ("Lech Wałęsa", "Walesa", True),
        ("Joseph R. Biden Jr.", "Biden", True),
        ("Joseph R. Biden Jr.", "Mr. Biden", True),
        ("Jr.", "Jr.", True),
        (None, None, True),
        ("Volodymyr Zelensky", "Volodymyr", False),
        ("Anthony Blair", "Tony Blair", False),
        ("Antony Blinken", "Jens Stoltenberg", False),
        ("Antony Blinken", None, False),
        (None, "Antony Blinken", False),
        ("President Biden", "Joe Biden", False),
    ],
)
def test_speaker_name_variants(gold, predicted, same):
    assert same_speaker(gold, predicted) is same


def test_speaker_accuracy_and_end_to_end():
    predicted = [
        predicted_quote("direct", MAYOR["content"], "Mrs Baker"),
        predicted_quote("indirect", RIVAL["content"], "Ann Baker"),
        predicted_quote("indirect", [span(TEXT, "on Monday")], "Ann Baker"),
    ]
    report = evaluate([article([MAYOR, RIVAL])], {"a1": prediction(predicted)})
    speakers = report.speaker_accuracy
    assert (speakers.overall.total, speakers.overall.correct) == (2, 1)
    assert speakers.direct.value == 1.0 and speakers.indirect.value == 0.0
    assert report.end_to_end.overall == Tally(gold=2, predicted=3, found=1, correct=1)
    [errors] = report.errors
    assert [w["predicted_speaker"] for w in errors.wrong_speakers] == ["Ann Baker"]
    assert [w["text"] for w in errors.wrong_speakers] == ["the plan was too costly"]
    assert [f["text"] for f in errors.false] == ["on Monday"]


def test_speaker_scores_only_for_gold_with_speaker_names():
    named = article([MAYOR], id="named")
    unnamed = article([RIVAL], names=False, id="unnamed")
    predicted = {
        "named": prediction([predicted_quote("direct", MAYOR["content"], "Baker")], "named"),
        "unnamed": prediction([predicted_quote("indirect", RIVAL["content"], "Ed")], "unnamed"),
    }
    report = evaluate([named, unnamed], predicted)
    assert report.speaker_articles == 1
    assert report.speaker_accuracy.overall.total == 1
    assert report.end_to_end.overall == Tally(gold=1, predicted=1, found=1, correct=1)
    assert report.errors == ()

    only_unnamed = evaluate([unnamed], predicted)
    assert only_unnamed.speaker_accuracy is None and only_unnamed.end_to_end is None
    assert "n/a" in format_report(only_unnamed)


def test_normalise_spans_trims_marks_spaces_and_edge_punctuation():
    text = 'He said: « We won! » — and then, “we left.”'
    assert normalise_spans(text, [span(text, "« We won! » ")]) == (tuple(span(text, "We won")),)
    assert normalise_spans(text, [span(text, " — ")]) == ()
    # Two parts with only marks and spaces between them are one span; with words between, two.
    joined = normalise_spans(text, [span(text, "We won! »"), span(text, "— and")])
    assert joined == ((text.index("We won"), text.index("and") + 3),)
    apart = normalise_spans(text, [span(text, "We won"), span(text, "we left")])
    assert apart == (tuple(span(text, "We won")), tuple(span(text, "we left")))


def test_exact_spans_after_trimming():
    # Gold content includes the quote marks; the prediction leaves them and the comma out.
    gold = dict(MAYOR, content=[span(TEXT, '"We will rebuild the bridge by spring,"')])
    exact = predicted_quote(
        "direct",
        [span(TEXT, "We will rebuild the bridge by spring")],
        "Ann Baker",
        mention=span(TEXT, "The mayor "),
        cue=span(TEXT, "said \""),
    )
    short = predicted_quote(
        "indirect",
        [span(TEXT, "plan was too costly")],
        "José Núñez",
        mention=span(TEXT, "Dr. José Núñez,"),
        cue=span(TEXT, "said the"),
    )
    alignment = align_quotes(TEXT, [gold, RIVAL], [exact, short], 0.3)
    assert len(alignment.pairs) == 2
    assert exact_content(alignment).overall == Tally(gold=2, predicted=2, found=1, correct=1)
    assert exact_source(alignment).overall == Tally(gold=2, predicted=2, found=2, correct=2)
    assert exact_cue(alignment).overall == Tally(gold=2, predicted=2, found=1, correct=1)


def test_exact_role_denominators_count_only_quotes_with_that_role():
    no_roles = predicted_quote("direct", MAYOR["content"], "Ann Baker")
    gold_without_cue = dict(RIVAL, cue=[])
    alignment = align_quotes(TEXT, [MAYOR, gold_without_cue], [no_roles], 0.3)
    assert exact_source(alignment).overall == Tally(gold=2, predicted=0, found=0, correct=0)
    assert exact_cue(alignment).overall == Tally(gold=1, predicted=0, found=0, correct=0)


def test_breakdown_by_kind_splits_recall_by_gold_kind_and_precision_by_predicted_kind():
    predicted = [
        predicted_quote("direct", MAYOR["content"], None),
        predicted_quote("mixed", RIVAL["content"], None),
        predicted_quote("indirect", [span(TEXT, "on Monday")], None),
    ]
    quotes = evaluate([article([MAYOR, RIVAL])], {"a1": prediction(predicted)}).quotes_loose
    assert quotes.direct == Tally(gold=1, predicted=1, found=1, correct=1)
    assert quotes.mixed == Tally(gold=0, predicted=1, found=0, correct=1)
    assert quotes.indirect == Tally(gold=1, predicted=1, found=1, correct=0)
    assert quotes.overall == Tally(gold=2, predicted=3, found=2, correct=2)
    assert (quotes.mixed.precision, quotes.mixed.recall) == (1.0, None)
    assert (quotes.indirect.precision, quotes.indirect.recall) == (0.0, 1.0)


def test_empty_gold_and_empty_predictions_do_not_divide_by_zero():
    nothing = evaluate([], {})
    assert nothing.quotes_loose.overall == Tally()
    assert (nothing.quotes_loose.overall.precision, nothing.quotes_loose.overall.f1) == (None, None)
    assert nothing.speaker_accuracy is None
    assert "n/a" in format_report(nothing)

    no_predictions = evaluate([article([MAYOR])], {"a1": prediction([])}).quotes_loose.overall
    assert (no_predictions.precision, no_predictions.recall, no_predictions.f1) == (None, 0.0, 0.0)

    elsewhere = predicted_quote("direct", [span(TEXT, "on Monday")], None)
    all_wrong = evaluate([article([MAYOR])], {"a1": prediction([elsewhere])}).quotes_loose.overall
    assert (all_wrong.precision, all_wrong.recall, all_wrong.f1) == (0.0, 0.0, 0.0)

    stray = predicted_quote("direct", MAYOR["content"], None)
    false_only = evaluate([article([])], {"a1": prediction([stray])})
    tally = false_only.quotes_loose.overall
    assert (tally.precision, tally.recall, tally.f1) == (0.0, None, 0.0)
    assert false_only.speaker_accuracy.overall.value is None


def test_missing_prediction_counts_as_no_quotes_and_is_flagged(tmp_path):
    report = evaluate([article([MAYOR, RIVAL])], {})
    assert report.quotes_loose.overall == Tally(gold=2)
    [errors] = report.errors
    assert errors.missing_prediction
    assert [m["text"] for m in errors.missed] == [MAYOR["content_text"], RIVAL["content_text"]]

    path = tmp_path / "errors.jsonl"
    write_errors(report, path)
    [line] = path.read_text(encoding="utf-8").splitlines()
    record = json.loads(line)
    assert record["id"] == "a1" and len(record["missed"]) == 2 and record["false"] == []


def test_report_dict_and_table():
    predicted = [predicted_quote("direct", MAYOR["content"], "Ann Baker")]
    report = evaluate([article([MAYOR, RIVAL])], {"a1": prediction(predicted)})
    numbers = json.loads(json.dumps(report.to_dict()))
    assert numbers["quotes@0.3"]["overall"]["recall"] == 0.5
    assert numbers["quotes@0.3"]["indirect"]["found"] == 0
    assert numbers["speaker_accuracy"]["overall"]["accuracy"] == 1.0
    table = format_report(report)
    assert "66.7" in table  # quotes@0.3 F1: P 1/1, R 1/2
    assert "quotes@0.8" in table and "exact cue" in table


def write_lines(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_read_gold_reads_valid_lines(tmp_path):
    lines = [json.dumps(article([MAYOR])), "", json.dumps(article([], id="a2"))]
    path = write_lines(tmp_path / "gold.jsonl", lines)
    assert [a["id"] for a in read_gold(path)] == ["a1", "a2"]


def bad_gold_line(**change) -> str:
    """A second gold line whose one quote is MAYOR with `change` applied."""
    return json.dumps(article([dict(MAYOR, **change)], id="a2"))


@pytest.mark.parametrize(
    ("second_line", "message"),
    [
        ('{"id": "a2", "text": "x", ', "line 2: not JSON"),
        ('["a list"]', "line 2: expected a JSON object"),
        ('{"id": "a2", "quotes": []}', "line 2: field 'text'"),
        (bad_gold_line(kind="reported"), "line 2, quote 1: kind 'reported'"),
        (bad_gold_line(content=[[0, 10_000]]), "line 2, quote 1: content span"),
        (bad_gold_line(content=[]), "line 2, quote 1: no content spans"),
        (bad_gold_line(speaker=3), "line 2, quote 1: speaker 3"),
        (json.dumps(article([])), "line 2: article id 'a1' appears twice"),
    ],
)
def test_read_gold_names_the_bad_line(tmp_path, second_line, message):
    path = write_lines(tmp_path / "gold.jsonl", [json.dumps(article([MAYOR])), second_line])
    with pytest.raises(InputError, match=message):
        read_gold(path)


def offsets_only(text_sha1: str) -> str:
    """MAYOR's article as a gold line without its text, which lives in corpus/news.jsonl."""
    record = {k: v for k, v in article([MAYOR]).items() if k != "text"}
    return json.dumps(dict(record, text_from="news.jsonl", text_sha1=text_sha1))


def test_read_gold_takes_texts_from_the_named_corpus_checked_by_hash(tmp_path):
    import hashlib

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write_lines(corpus / "news.jsonl", [json.dumps({"id": "other", "text": "x"}), json.dumps({"id": "a1", "text": TEXT})])
    right = hashlib.sha1(TEXT.encode("utf-8")).hexdigest()
    path = write_lines(tmp_path / "gold.jsonl", [offsets_only(right)])
    [read] = read_gold(path, corpus)
    assert read["text"] == TEXT and read["quotes"] == [MAYOR]
    with pytest.raises(InputError, match="cannot be read"):
        read_gold(path)  # the corpus is not beside the gold file
    with pytest.raises(InputError, match="differs from the annotated one"):
        read_gold(write_lines(tmp_path / "stale.jsonl", [offsets_only("0" * 40)]), corpus)


def test_read_gold_refuses_missing_and_empty_files(tmp_path):
    with pytest.raises(InputError, match="not found"):
        read_gold(tmp_path / "absent.jsonl")
    with pytest.raises(InputError, match="no articles"):
        read_gold(write_lines(tmp_path / "empty.jsonl", [""]))


def gold_as_prediction(gold: dict) -> dict:
    """The gold's own answer as a prediction; one-span source and cue become mention and cue."""

    def text_span(spans: list, texts: str | None) -> dict | None:
        return {"text": texts or "", "span": spans[0]} if len(spans) == 1 else None

    quotes = [
        {
            "id": f"{gold['id']}-{number}",
            "kind": quote["kind"],
            "text": quote["content_text"],
            "spans": quote["content"],
            "cue": text_span(quote["cue"], quote.get("cue_text")),
            "speaker": {
                "name": quote["speaker"],
                "mention": text_span(quote["source"], quote.get("source_text")),
            },
            "confidence": 1.0,
        }
        for number, quote in enumerate(gold["quotes"])
    ]
    return {"id": gold["id"], "quotes": quotes, "speakers": []}


def test_seed_article_scored_against_itself_is_perfect():
    if not SEED.exists():
        pytest.skip(f"{SEED} not found: the shared data lives outside the repository")
    gold = read_gold(SEED)
    assert all(len(q["source"]) == 1 and len(q["cue"]) == 1 for a in gold for q in a["quotes"])
    report = evaluate(gold, {a["id"]: gold_as_prediction(a) for a in gold})
    assert report.speaker_articles == len(gold)
    for name, score in report.scores().items():
        for kind in ("direct", "mixed", "indirect"):
            count = score.get(kind)
            if name == "speaker_accuracy":
                assert count.value == 1.0, (name, kind)
            else:
                assert (count.precision, count.recall) == (1.0, 1.0), (name, kind)
    assert report.errors == ()
