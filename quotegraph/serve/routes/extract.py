"""POST /api/extract: an article's quotes and speakers in the extract schema, stored nowhere."""

from __future__ import annotations

from fastapi import APIRouter

from quotegraph.serve.annotate import article_text, extract_dict
from quotegraph.serve.deps import ExtractorDep
from quotegraph.serve.openapi import EXTRACT_SCHEMA_NAME
from quotegraph.serve.schemas import ExtractRequest

router = APIRouter(prefix="/api/extract", tags=["extract"])


@router.post("", response_model=None, responses={200: {"description": "The extract schema (quote.schema.json)", "content": {
    "application/json": {"schema": {"$ref": f"#/components/schemas/{EXTRACT_SCHEMA_NAME}"}}}},
    413: {"description": "Body over the limit"}})
def extract(body: ExtractRequest, extractor: ExtractorDep) -> dict:
    """Quotes and speakers of `text` (or of the main text of `html`); offsets point into that text."""
    return extract_dict(extractor, article_text(body.text, body.html), body.id)
