"""GET /api/quotes (search or browse, paged) and GET /api/quotes/{id} (a cluster)."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException

from quotegraph.serve.deps import SettingsDep, StoreDep
from quotegraph.serve.params import Day, Outlet, Page, PerPage, SearchText, SpeakerName, plain_id
from quotegraph.serve.schemas import Cluster, QuotePage

router = APIRouter(prefix="/api/quotes", tags=["quotes"])


def find_quotes(store, settings, q, speaker, since, until, outlet, page, per_page) -> QuotePage:
    """Search when there are words to match, else browse newest first; one extra row tells
    whether a next page exists."""
    if since and until and since > until:
        raise HTTPException(422, f"since ({since}) is after until ({until})")
    per_page = per_page or settings.page_size
    kw = dict(speaker=speaker, since=since, until=until, outlet=outlet, limit=per_page + 1,
              offset=(page - 1) * per_page)
    hits = store.search(q, **kw) if q and q.strip() else store.browse(**kw)
    where = store.occurrences_of([h.cluster_id for h in hits[:per_page]])
    items = [{**h.to_dict(), "occurrences": where.get(h.cluster_id) or [
        {"article_id": h.article_id, "title": h.title, "outlet": h.outlet, "date": h.date}]}
        for h in hits[:per_page]]
    return QuotePage(items=items, page=page, per_page=per_page, has_more=len(hits) > per_page)


@router.get("", response_model=QuotePage)
def list_quotes(store: StoreDep, settings: SettingsDep, q: SearchText = None, speaker: SpeakerName = None,
                since: Day = None, until: Day = None, outlet: Outlet = None, page: Page = 1,
                per_page: PerPage = 20) -> QuotePage:
    """Quote clusters matching `q` (best first), or all under the filters (newest first)."""
    return find_quotes(store, settings, q, speaker, since, until, outlet, page, per_page)


@router.get("/{quote_id:path}", response_model=Cluster, responses={404: {"description": "No such quote"}})
def get_quote(quote_id: str, store: StoreDep) -> Cluster:
    """A quote cluster by its id (or any member quote's id): occurrences, first seen, variants."""
    cluster = store.quote(plain_id(quote_id, "quote"))
    if cluster is None:
        raise HTTPException(404, f"no quote with id {quote_id!r}: ids come from /api/quotes")
    return Cluster(**cluster.to_dict(), variants=[o.to_dict() for o in cluster.variants])
