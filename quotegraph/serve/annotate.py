"""Text or HTML in, extract-schema dict and the text its offsets point into out; nothing stored."""

from __future__ import annotations

from fastapi import HTTPException

from quotegraph.model import Article
from quotegraph.read import parse_html  # the reader `quotegraph ingest` uses for .html
from quotegraph.serve.deps import Extractor


def article_text(text: str | None, html: str | None) -> str:
    """The text to extract from: `text` as given, or the main text of `html`; 422 if neither."""
    if (text is None) == (html is None):
        raise HTTPException(422, "give exactly one of 'text' (plain text) or 'html' (a web page)")
    if text is not None:
        if not text.strip():
            raise HTTPException(422, "'text' is empty: paste an article")
        return text
    found = next(parse_html(html, "request", "html"), None)
    if not isinstance(found, Article):
        raise HTTPException(422, "no article text found in the HTML: send the page's text as 'text'")
    return found.text


def extract_dict(extractor: Extractor, text: str, article_id: str) -> dict:
    """The extract output for `text`; a failed extraction is a 422 naming the cause."""
    result = extractor(text, article_id)
    if result.error:
        raise HTTPException(422, f"extraction failed: {result.error}")
    return result.to_dict()
