"""Errors as JSON with one clear message (and as a small page for a browser's page request)."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from quotegraph.errors import QuotegraphError

LOGGER = logging.getLogger(__name__)


def add_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(QuotegraphError, _quotegraph_error)
    app.add_exception_handler(Exception, _server_error)


def error_response(request: Request, status: int, message: str, *, details: list | None = None,
                   headers: dict | None = None) -> Response:
    """JSON for the API; for a page a browser asked for, the same message on a page."""
    if not request.url.path.startswith("/api") and "text/html" in request.headers.get("accept", ""):
        templates = request.app.state.templates
        return templates.TemplateResponse(request, "error.html", {"status": status, "message": message},
                                          status_code=status, headers=headers)
    body: dict = {"error": message, "status": status}
    if details:
        body["details"] = details
    return JSONResponse(body, status_code=status, headers=headers)


async def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
    return error_response(request, exc.status_code, str(exc.detail), headers=getattr(exc, "headers", None))


async def _validation_error(request: Request, exc: RequestValidationError) -> Response:
    details = [{"where": ".".join(str(p) for p in e.get("loc", ())), "problem": e.get("msg", "")}
               for e in exc.errors()]
    message = "; ".join(f"{d['where']}: {d['problem']}" for d in details) or "invalid request"
    return error_response(request, 422, message, details=details)


async def _quotegraph_error(request: Request, exc: QuotegraphError) -> Response:
    return error_response(request, 422, str(exc))


async def _server_error(request: Request, exc: Exception) -> Response:
    LOGGER.exception("unhandled error on %s", request.url.path)
    return error_response(request, 500, f"internal error ({type(exc).__name__}); the server log has details")
