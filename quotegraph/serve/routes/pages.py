"""The web pages: search, speaker, quote, article and the paste box, rendered on the server.

Every value reaches the page through Jinja with autoescape on; article text goes in as pieces cut
by `render.annotate`, so a quote holding markup is shown as the characters it is.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse

from quotegraph.serve import render
from quotegraph.serve.annotate import article_text, extract_dict
from quotegraph.serve.deps import ExtractorDep, SettingsDep, StoreDep
from quotegraph.serve.params import Day, Outlet, Page, SearchText, SpeakerName
from quotegraph.serve.routes.articles import stored_article
from quotegraph.serve.routes.quotes import find_quotes, get_quote
from quotegraph.serve.routes.speakers import person_detail

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)
PASTE_MAX_CHARS = 200_000


def _page(request: Request, name: str, **context):
    return request.app.state.templates.TemplateResponse(request, name, context)


@router.get("/")
def search_page(request: Request, store: StoreDep, settings: SettingsDep, q: SearchText = None,
                speaker: SpeakerName = None, since: Day = None, until: Day = None, outlet: Outlet = None,
                page: Page = 1):
    results = find_quotes(store, settings, q, speaker, since, until, outlet, page, settings.page_size)
    people = store.find_people("", limit=12)
    return _page(request, "search.html", q=q or "", speaker=speaker or "", since=since or "",
                 until=until or "", outlet=outlet or "", results=results, people=people,
                 stats=store.stats())


@router.get("/speakers")
def speakers_page(request: Request, store: StoreDep, q: SpeakerName = None, page: Page = 1):
    people = store.find_people(q or "", limit=51, offset=(page - 1) * 50)
    return _page(request, "speakers.html", q=q or "", people=people[:50], page=page, has_more=len(people) > 50)


@router.get("/speakers/{person_id:path}")
def speaker_page(request: Request, person_id: str, store: StoreDep, settings: SettingsDep, page: Page = 1):
    person = person_detail(store, person_id)
    quotes = find_quotes(store, settings, None, person.id, None, None, None, page, settings.page_size)
    return _page(request, "speaker.html", person=person, bars=render.timeline_bars(
        [d.model_dump() for d in person.timeline]), quotes=quotes)


@router.get("/quotes/{quote_id:path}")
def quote_page(request: Request, quote_id: str, store: StoreDep):
    cluster = get_quote(quote_id, store)
    variants = {o.quote_id: render.diff_pieces(cluster.text, o.text) for o in cluster.variants}
    return _page(request, "quote.html", cluster=cluster, variants=variants)


@router.get("/articles/{article_id:path}")
def article_page(request: Request, article_id: str, store: StoreDep):
    article = stored_article(store, article_id)
    return _annotated(request, "article.html", article=article, text=article["text"], quotes=article["quotes"])


@router.get("/paste")
def paste_page(request: Request):
    return _page(request, "paste.html", pasted="", pieces=None)


@router.post("/paste")
def paste_annotate(request: Request, extractor: ExtractorDep,
                   text: Annotated[str, Form(max_length=PASTE_MAX_CHARS)] = "",
                   html: Annotated[bool, Form()] = False):
    """Annotate a pasted article at once; nothing is stored."""
    body = article_text(None, text) if html else article_text(text, None)
    result = extract_dict(extractor, body, "pasted")
    return _annotated(request, "paste.html", pasted=text, text=body, quotes=result["quotes"],
                      speakers=result["speakers"])


def _annotated(request: Request, name: str, *, text: str, quotes: list[dict], **context):
    colours = render.speaker_colours(quotes)
    legend = []
    for q in quotes:
        key = render.speaker_key(q)
        label = q.get("person_name") or q["speaker"]["name"]
        if key and label and (label, colours[key]) not in legend:
            legend.append((label, colours[key]))
    return _page(request, name, pieces=render.annotate(text, quotes), quotes=quotes, legend=legend,
                 evidence=[render.evidence(q) for q in quotes], **context)
