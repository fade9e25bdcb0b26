"""Score predictions against a gold file: read the gold, sum the metrics, show and save the errors.

No extraction happens here: the caller brings predictions (article id -> a record shaped by
`quote.schema.json`), so the scorer can judge any extractor, or the gold itself.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from quotegraph.errors import InputError
from quotegraph.model import Article
from quotegraph.read import ReadFailure, iter_articles
from quotegraph.evaluate.metrics import (
    KINDS,
    Accuracy,
    Alignment,
    ByKind,
    Tally,
    align_quotes,
    end_to_end,
    exact_content,
    exact_cue,
    exact_source,
    quote_detection,
    same_speaker,
    speaker_accuracy,
)

LOOSE, STRICT = 0.3, 0.8
"""Coverage thresholds of quotes@0.3 and quotes@0.8 (the Gender Gap Tracker's). Speaker, end-to-end
and exact scores pair quotes at LOOSE, so a boundary error does not hide a speaker error."""


@dataclass(frozen=True, slots=True)
class ArticleErrors:
    """What went wrong in one article, with texts, for a person to read."""

    id: str
    missed: tuple[dict, ...]
    false: tuple[dict, ...]
    wrong_speakers: tuple[dict, ...]
    missing_prediction: bool

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "missing_prediction": self.missing_prediction,
            "missed": list(self.missed),
            "false": list(self.false),
            "wrong_speakers": list(self.wrong_speakers),
        }

    def __bool__(self) -> bool:
        return bool(self.missed or self.false or self.wrong_speakers or self.missing_prediction)


@dataclass(frozen=True, slots=True)
class Report:
    """Every score of one gold file, and the errors behind them.

    `speaker_accuracy` and `end_to_end` cover only the articles whose gold resolves speaker names
    (`annotation.speaker_names`); they are None when there are none (PolNeAR marks only source
    spans).
    """

    articles: int
    speaker_articles: int
    quotes_loose: ByKind[Tally]
    quotes_strict: ByKind[Tally]
    speaker_accuracy: ByKind[Accuracy] | None
    end_to_end: ByKind[Tally] | None
    exact_content: ByKind[Tally]
    exact_source: ByKind[Tally]
    exact_cue: ByKind[Tally]
    errors: tuple[ArticleErrors, ...]

    def scores(self) -> dict[str, ByKind | None]:
        """The scores under the names of shared/data/README.md, in reading order."""
        return {
            f"quotes@{LOOSE}": self.quotes_loose,
            f"quotes@{STRICT}": self.quotes_strict,
            "speaker_accuracy": self.speaker_accuracy,
            "end_to_end": self.end_to_end,
            "exact_content": self.exact_content,
            "exact_source": self.exact_source,
            "exact_cue": self.exact_cue,
        }

    def to_dict(self) -> dict:
        """The numbers only; `write_errors` saves the errors, which can be large."""
        return {
            "articles": self.articles,
            "speaker_articles": self.speaker_articles,
            **{name: score.to_dict() if score else None for name, score in self.scores().items()},
        }


class _Corpora:
    """Article texts by id from the corpus files offsets-only gold lines name, each read once."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.files: dict[str, dict[str, str]] = {}

    def text(self, article: dict, where: str) -> str:
        name = article["text_from"]
        if name not in self.files:
            file = self.folder / name
            read = list(iter_articles([file]))  # the reader `extract` and `ingest` use
            self.files[name] = {r.id: r.text for r in read if isinstance(r, Article)}
            failure = next((r for r in read if isinstance(r, ReadFailure)), None)
            if not self.files[name] and failure is not None:
                raise InputError(f"{where}: the corpus {file} for the article text cannot be read ({failure.reason})")
        text = self.files[name].get(article.get("id"))
        if text is None:
            raise InputError(f"{where}: article {article.get('id')!r} not in {self.folder / name}")
        if hashlib.sha1(text.encode("utf-8")).hexdigest() != article.get("text_sha1"):
            raise InputError(f"{where}: the text of {article['id']!r} in {self.folder / name} differs from the annotated one")
        return text


def _parse_gold_line(line: str, where: str, corpora: _Corpora) -> dict:
    try:
        article = json.loads(line)
    except json.JSONDecodeError as error:
        raise InputError(
            f"{where}: not JSON ({error.msg}); each line must be one article object"
        ) from error
    if not isinstance(article, dict):
        raise InputError(f"{where}: expected a JSON object, got {type(article).__name__}")
    if "text" not in article and isinstance(article.get("text_from"), str):
        article["text"] = corpora.text(article, where)
    for key, kind in (("id", str), ("text", str), ("quotes", list)):
        if not isinstance(article.get(key), kind):
            raise InputError(f"{where}: field {key!r} missing or not a {kind.__name__}")
    for number, quote in enumerate(article["quotes"], 1):
        _check_gold_quote(quote, len(article["text"]), f"{where}, quote {number}")
    return article


def _check_gold_quote(quote: object, length: int, where: str) -> None:
    if not isinstance(quote, dict):
        raise InputError(f"{where}: expected a JSON object, got {type(quote).__name__}")
    if quote.get("kind") not in KINDS:
        raise InputError(f"{where}: kind {quote.get('kind')!r} is not one of {', '.join(KINDS)}")
    if not quote.get("content"):
        raise InputError(f"{where}: no content spans")
    for role in ("content", "source", "cue"):
        for span in quote.get(role) or []:
            valid = (
                isinstance(span, list)
                and len(span) == 2
                and all(isinstance(i, int) for i in span)
                and 0 <= span[0] <= span[1] <= length
            )
            if not valid:
                raise InputError(
                    f"{where}: {role} span {span!r} is not [start, end] in the text (0-{length})"
                )
    if not isinstance(quote.get("speaker"), str | None):
        raise InputError(f"{where}: speaker {quote.get('speaker')!r} is neither a name nor null")


def read_gold(path: str | Path, texts: str | Path | None = None) -> list[dict]:
    """Read a gold JSONL file (format of shared/data/README.md), checking what the scorer relies on.

    A bad line stops the run with its line number: a score over a silently shortened gold file
    would look valid and be wrong. Blank lines are skipped; an empty file is refused for the same
    reason. A line may leave its text out when the corpus may not be copied: it names the corpus
    file in `text_from` (looked up in `texts`, by default the gold file's folder) and the text's
    SHA-1 in `text_sha1`, so offsets are never read against another version of the article.
    """
    path = Path(path)
    corpora = _Corpora(Path(texts) if texts is not None else path.parent)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError as error:
        raise InputError(f"gold file {path} not found; give the path of a gold .jsonl") from error
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"gold file {path} cannot be read: {error}") from error
    articles, seen = [], set()
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        article = _parse_gold_line(line, f"{path}, line {number}", corpora)
        if article["id"] in seen:
            raise InputError(f"{path}, line {number}: article id {article['id']!r} appears twice")
        seen.add(article["id"])
        articles.append(article)
    if not articles:
        raise InputError(f"gold file {path} holds no articles")
    return articles


def _quote_text(text: str, spans: Iterable[Sequence[int]]) -> str:
    return " ".join(text[start:end] for start, end in spans)


def _describe_gold(alignment: Alignment, index: int) -> dict:
    quote = alignment.gold[index]
    return {
        "kind": quote["kind"],
        "spans": quote["content"],
        "text": quote.get("content_text") or _quote_text(alignment.text, quote["content"]),
        "speaker": quote.get("speaker"),
    }


def _describe_predicted(alignment: Alignment, index: int) -> dict:
    quote = alignment.predicted[index]
    return {
        "kind": quote["kind"],
        "spans": quote["spans"],
        "text": quote.get("text") or _quote_text(alignment.text, quote["spans"]),
        "speaker": (quote.get("speaker") or {}).get("name"),
    }


def _wrong_speakers(alignment: Alignment) -> tuple[dict, ...]:
    return tuple(
        {**_describe_gold(alignment, g), "predicted_speaker": predicted}
        for g, p in alignment.pairs
        if not same_speaker(
            alignment.gold[g].get("speaker"),
            predicted := (alignment.predicted[p].get("speaker") or {}).get("name"),
        )
    )


def _find_errors(
    article_id: str, alignment: Alignment, has_names: bool, missing: bool
) -> ArticleErrors:
    return ArticleErrors(
        id=article_id,
        missed=tuple(_describe_gold(alignment, g) for g in alignment.unmatched_gold),
        false=tuple(_describe_predicted(alignment, p) for p in alignment.unmatched_predicted),
        wrong_speakers=_wrong_speakers(alignment) if has_names else (),
        missing_prediction=missing,
    )


def _empty_tallies() -> ByKind[Tally]:
    return ByKind(Tally(), Tally(), Tally())


def _empty_accuracies() -> ByKind[Accuracy]:
    return ByKind(Accuracy(), Accuracy(), Accuracy())


def evaluate(gold_articles: list[dict], predictions: dict[str, dict]) -> Report:
    """Score `predictions` (article id -> prediction record) against `gold_articles`.

    A gold article without a prediction scores as one with no quotes, and is flagged in its errors:
    an extractor that fails on an article should lose recall, not be excused. Predictions for
    articles not in the gold are ignored. Errors are listed at the loose (0.3) pairing.
    """
    names = ("loose", "strict", "content", "source", "cue", "e2e")
    totals = {name: _empty_tallies() for name in names}
    speakers = _empty_accuracies()
    speaker_articles = 0
    errors = []
    for article in gold_articles:
        prediction = predictions.get(article["id"])
        predicted = (prediction or {}).get("quotes", [])
        loose = align_quotes(article["text"], article["quotes"], predicted, LOOSE)
        strict = align_quotes(article["text"], article["quotes"], predicted, STRICT)
        has_names = bool((article.get("annotation") or {}).get("speaker_names"))
        totals["loose"] += quote_detection(loose)
        totals["strict"] += quote_detection(strict)
        totals["content"] += exact_content(loose)
        totals["source"] += exact_source(loose)
        totals["cue"] += exact_cue(loose)
        if has_names:
            speaker_articles += 1
            speakers += speaker_accuracy(loose)
            totals["e2e"] += end_to_end(loose)
        article_errors = _find_errors(article["id"], loose, has_names, prediction is None)
        if article_errors:
            errors.append(article_errors)
    return Report(
        articles=len(gold_articles),
        speaker_articles=speaker_articles,
        quotes_loose=totals["loose"],
        quotes_strict=totals["strict"],
        speaker_accuracy=speakers if speaker_articles else None,
        end_to_end=totals["e2e"] if speaker_articles else None,
        exact_content=totals["content"],
        exact_source=totals["source"],
        exact_cue=totals["cue"],
        errors=tuple(errors),
    )


def _percent(value: float | None) -> str:
    return "n/a" if value is None else f"{100 * value:.1f}"


def _tally_row(name: str, score: ByKind[Tally]) -> str:
    overall = score.overall
    by_kind = (_percent(score.get(kind).f1) for kind in KINDS)
    cells = (_percent(overall.precision), _percent(overall.recall), _percent(overall.f1), *by_kind)
    return f"{name:<18}" + "".join(f"{cell:>9}" for cell in cells)


def _accuracy_row(name: str, score: ByKind[Accuracy]) -> str:
    overall = score.overall
    cells = ("", "", _percent(overall.value), *(_percent(score.get(kind).value) for kind in KINDS))
    counts = f"  ({overall.correct}/{overall.total} found quotes)"
    return f"{name:<18}" + "".join(f"{cell:>9}" for cell in cells) + counts


def format_report(report: Report) -> str:
    """A compact table for a terminal: P, R and F1 in percent, then F1 by kind.

    Speaker accuracy is not an F1 but shares the columns, with its counts, to keep one table.
    """
    quotes = report.quotes_loose.overall
    header = f"{'':<18}" + "".join(f"{cell:>9}" for cell in ("P", "R", "F1", *KINDS))
    rows = [
        f"{report.articles} articles ({report.speaker_articles} with speaker names), "
        f"{quotes.gold} gold quotes, {quotes.predicted} predicted",
        header,
    ]
    for name, score in report.scores().items():
        label = name.replace("_", " ")
        if score is None:
            rows.append(f"{label:<18}      n/a: the gold has no speaker names")
        elif isinstance(score.overall, Accuracy):
            rows.append(_accuracy_row(label, score))
        else:
            rows.append(_tally_row(label, score))
    rows.append("speaker accuracy in F1 columns; precision by predicted kind, recall by gold kind")
    return "\n".join(rows)


def write_errors(report: Report, path: str | Path) -> None:
    """Write one JSON line per article with errors, for reading or grepping after a run."""
    with Path(path).open("w", encoding="utf-8") as out:
        for errors in report.errors:
            out.write(json.dumps(errors.to_dict(), ensure_ascii=False) + "\n")
