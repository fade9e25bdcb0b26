"""The OpenAPI document, with the extract output described by `quote.schema.json` itself.

The schema file keeps its definitions under `$defs`; inside OpenAPI they become components, and
their references are rewritten to match, so the document stays valid and self-contained.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

EXTRACT_SCHEMA_NAME = "ArticleQuotes"
PREFIX = "Extract_"  # keeps the schema file's names apart from the API's models


@cache
def extract_schema() -> dict:
    """The one output schema, as shipped in the package."""
    return json.loads(resources.files("quotegraph").joinpath("quote.schema.json").read_text("utf-8"))


def _rewrite_refs(node: Any) -> Any:
    if isinstance(node, dict):
        return {k: (v.replace("#/$defs/", "#/components/schemas/" + PREFIX) if k == "$ref" else _rewrite_refs(v))
                for k, v in node.items()}
    if isinstance(node, list):
        return [_rewrite_refs(v) for v in node]
    return node


def install_openapi(app: FastAPI) -> None:
    def openapi() -> dict:
        if app.openapi_schema:
            return app.openapi_schema
        doc = get_openapi(title=app.title, version=app.version, description=app.description,
                          routes=app.routes)
        schema = extract_schema()
        components = doc.setdefault("components", {}).setdefault("schemas", {})
        for name, sub in schema["$defs"].items():
            components[PREFIX + name] = _rewrite_refs(sub)
        main = {k: v for k, v in schema.items() if k not in ("$defs", "$schema", "$id")}
        components[EXTRACT_SCHEMA_NAME] = _rewrite_refs(main)
        app.openapi_schema = doc
        return doc

    app.openapi = openapi
