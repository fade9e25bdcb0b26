"""The public Python API: articles in, quotations with resolved speakers out."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import replace
from itertools import islice

from spacy.language import Language
from spacy.tokens import Doc

from quotegraph import __version__
from quotegraph.extract.marks import split_paragraphs
from quotegraph.model import Article, ArticleQuotes, Quote
from quotegraph.pipeline import MAX_LENGTH, load_nlp

LOGGER = logging.getLogger(__name__)
# Bump the suffix when a rule change alters output, so stores know to re-extract.
EXTRACTOR_VERSION = f"{__version__}+rules.1"
_SURROGATES = re.compile(r"[\ud800-\udfff]")


def extract(text: str, *, article_id: str = "text", nlp: Language | None = None) -> ArticleQuotes:
    """Quotations and speakers of one article's text."""
    return next(extract_articles([Article(id=article_id, text=text)], nlp=nlp))


def extract_articles(
    articles: Iterable[Article], *, nlp: Language | None = None, batch_size: int = 16
) -> Iterator[ArticleQuotes]:
    """Quotations of each article, in input order; an article that fails carries `error`.

    Articles go through `nlp.pipe` in batches for speed; if a batch fails, its articles are
    retried one by one so a single bad article costs only itself.
    """
    nlp = nlp or load_nlp()
    it = iter(articles)
    while batch := list(islice(it, batch_size)):
        texts = [_clean(a.text) for a in batch]
        if all(len(t) <= MAX_LENGTH for t in texts):
            try:
                docs = list(nlp.pipe(texts))
            except Exception:  # noqa: BLE001 - retried one by one below, each error reported
                LOGGER.warning("batch failed; retrying its %d articles one by one", len(batch))
            else:
                yield from (_result(a.id, doc) for a, doc in zip(batch, docs))
                continue
        for article, text in zip(batch, texts):
            yield _extract_one(nlp, article.id, text)


def _clean(text: str) -> str:
    """Lone surrogates (from undecodable bytes) become U+FFFD, which keeps every offset."""
    return _SURROGATES.sub("\ufffd", text) if isinstance(text, str) else ""


def _extract_one(nlp: Language, article_id: str, text: str) -> ArticleQuotes:
    try:
        if len(text) <= MAX_LENGTH:
            return _result(article_id, nlp(text))
        return _extract_long(nlp, article_id, text)
    except Exception as exc:  # noqa: BLE001 - one article's failure must not stop the others
        LOGGER.exception("article %s failed", article_id)
        return ArticleQuotes(id=article_id, error=f"{type(exc).__name__}: {exc}")


def _extract_long(nlp: Language, article_id: str, text: str) -> ArticleQuotes:
    """An article too long for one Doc, in parts cut at paragraph breaks, offsets shifted back."""
    quotes: list[Quote] = []
    speakers = []
    for start, end in _parts(text):
        doc = nlp(text[start:end])
        for q in doc._.quotes:
            quotes.append(_shift(q, start))
        speakers.extend(replace(s, mentions=tuple((a + start, b + start) for a, b in s.mentions)) for s in doc._.speakers)
    return ArticleQuotes(id=article_id, quotes=_numbered(article_id, quotes), speakers=tuple(speakers))


def _parts(text: str) -> Iterator[tuple[int, int]]:
    start = 0
    for _, end in split_paragraphs(text) or [(0, len(text))]:
        while end - start > MAX_LENGTH:  # one paragraph longer than a part: cut it hard
            yield start, start + MAX_LENGTH
            start += MAX_LENGTH
        if end - start > MAX_LENGTH // 2:
            yield start, end
            start = end
    if start < len(text):
        yield start, len(text)


def _shift(q: Quote, by: int) -> Quote:
    move = lambda span: (span[0] + by, span[1] + by)  # noqa: E731
    mention = q.speaker.mention
    return replace(
        q,
        spans=tuple(move(s) for s in q.spans),
        cue=replace(q.cue, span=move(q.cue.span)) if q.cue else None,
        speaker=replace(q.speaker, mention=replace(mention, span=move(mention.span)) if mention else None),
    )


def _numbered(article_id: str, quotes: list[Quote]) -> tuple[Quote, ...]:
    return tuple(replace(q, id=f"{article_id}:q{k}") for k, q in enumerate(quotes, start=1))


def _result(article_id: str, doc: Doc) -> ArticleQuotes:
    return ArticleQuotes(id=article_id, quotes=_numbered(article_id, doc._.quotes), speakers=tuple(doc._.speakers))
