"""The FastAPI application: settings, store pool, routers, templates and static files joined."""

from __future__ import annotations

from contextlib import asynccontextmanager
from importlib import resources

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from quotegraph import __version__
from quotegraph.serve.deps import Extractor, Settings, StorePool
from quotegraph.serve.errors import add_error_handlers
from quotegraph.serve.limits import BodyLimit, SecurityHeaders
from quotegraph.serve.openapi import install_openapi
from quotegraph.serve.routes import articles, extract, pages, quotes, speakers

HERE = resources.files("quotegraph.serve")


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        yield
        app.state.stores.close()

    # No /docs or /redoc: FastAPI's pages load their scripts from a CDN; the schema is /openapi.json.
    app = FastAPI(title="quotegraph", version=__version__, lifespan=lifespan, docs_url=None, redoc_url=None,
                  description="Who said what: quotes, speakers and articles from a quotegraph store.")
    app.state.settings = settings
    app.state.stores = StorePool(settings.db)
    app.state.extractor = Extractor()
    # Jinja2Templates turns autoescape on for .html templates: article text is always text.
    app.state.templates = Jinja2Templates(directory=str(HERE / "templates"))
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes)
    app.add_middleware(SecurityHeaders)
    add_error_handlers(app)
    for module in (extract, quotes, speakers, articles, pages):
        app.include_router(module.router)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    install_openapi(app)
    return app
