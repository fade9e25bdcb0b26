"""What a worker does with a batch of records, the same in the process pool and in a Ray actor.

Keeping this one function for both engines is what makes their output identical: a record
becomes an `Article` (HTML pages are parsed here, in the worker), the articles of the batch go
through `extract_articles` in order, and each record comes back as one `Result` whose payload is
JSON, plain enough to cross a process boundary or an Arrow column unchanged.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from spacy.language import Language

from quotegraph.api import extract_articles
from quotegraph.model import Article
from quotegraph.scale.sources import Record, html_to_article


@dataclass(frozen=True, slots=True)
class Settings:
    """What decides the output besides the input; a finished input is redone when it changes."""

    model: str | None = None
    scope: str = "speech"
    nlp_batch_size: int = 16


class Result(NamedTuple):
    """One record's outcome: kind "article" (payload: article fields and `ArticleQuotes.to_dict()`),
    "skipped" (payload: source and reason) or "end" (payload: the input's record count)."""

    input: str
    seq: int
    kind: str
    payload: str


def extract_records(records: Sequence[Record], nlp: Language, settings: Settings) -> list[Result]:
    """Results for `records`, in their order; bad records come back as "skipped", never raise."""
    results: list[Result | None] = [None] * len(records)
    todo: list[tuple[int, Article, dict]] = []
    for i, record in enumerate(records):
        if record.kind == "article":
            todo.append((i, Article(**record.meta), {}))
        elif record.kind == "html":
            try:
                article, reason = html_to_article(record.meta, record.body)
            except Exception as error:  # noqa: BLE001 - one odd page must not stop the batch
                article, reason = None, f"HTML could not be parsed: {type(error).__name__}: {error}"[:500]
            if article is None:
                results[i] = _skipped(record, {"source": record.meta.get("source", record.input), "reason": reason})
            else:
                todo.append((i, article, {"crawl_date": record.meta.get("crawl_date")}))
        elif record.kind == "skipped":
            results[i] = _skipped(record, record.meta)
        else:
            results[i] = Result(record.input, record.seq, record.kind, json.dumps(record.meta))
    extracted = extract_articles((a for _, a, _ in todo), nlp=nlp, batch_size=settings.nlp_batch_size)
    for (i, article, extra), aq in zip(todo, extracted):
        fields = {"id": article.id, "url": article.url, "title": article.title, "date": article.date,
                  "outlet": article.outlet, "text": article.text, "crawl_date": extra.get("crawl_date")}
        payload = {"article": fields, "result": aq.to_dict()}
        results[i] = Result(records[i].input, records[i].seq, "article", json.dumps(payload, ensure_ascii=False))
    return results  # type: ignore[return-value]


def _skipped(record: Record, meta: dict) -> Result:
    return Result(record.input, record.seq, "skipped", json.dumps(meta, ensure_ascii=False))
