"""GET /api/articles/{id}: a stored article with its quotes; POST /api/articles adds one (token)."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException

from quotegraph.model import Article
from quotegraph.serve.deps import ExtractorDep, StoreDep, TokenDep
from quotegraph.serve.params import plain_id
from quotegraph.serve.schemas import IngestRequest, IngestResult, StoredArticle

router = APIRouter(prefix="/api/articles", tags=["articles"])


def stored_article(store, article_id: str) -> dict:
    article = store.article(plain_id(article_id, "article"))
    if article is None:
        raise HTTPException(404, f"no article with id {article_id!r}: ids come from /api/quotes")
    return article


@router.get("/{article_id:path}", response_model=StoredArticle,
            responses={404: {"description": "No such article"}})
def get_article(article_id: str, store: StoreDep) -> dict:
    """The article's text and every quote in it, with offsets and attribution evidence."""
    return stored_article(store, article_id)


@router.post("", response_model=IngestResult, status_code=201, dependencies=[TokenDep],
             responses={401: {"description": "Missing or wrong token"},
                        403: {"description": "The server is read-only"}})
def add_article(body: IngestRequest, store: StoreDep, extractor: ExtractorDep) -> IngestResult:
    """Extract one article and add it to the store, linking it with the rest."""
    article = Article(id=body.id, text=body.text, title=body.title, date=body.date, url=body.url,
                      outlet=body.outlet)
    report = store.ingest([article], extract=lambda arts: (extractor(a.text, a.id) for a in arts))
    return IngestResult(id=body.id, added=report.added, skipped=report.skipped,
                        duplicates=report.duplicates, errors=report.errors)
