"""`quotegraph serve`: the HTTP API and web UI over a store, run by uvicorn."""

from __future__ import annotations

import click

from quotegraph.cli import main
from quotegraph.cli.store import db_option


@main.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port.")
@click.option("--token", envvar="QUOTEGRAPH_TOKEN",
              help="Allow POST /api/articles with this bearer token (env QUOTEGRAPH_TOKEN); "
                   "without it the server is read-only.")
def serve(db: str, host: str, port: int, token: str | None) -> None:
    """Serve the web UI and JSON API (OpenAPI schema at /openapi.json) over the store."""
    import uvicorn

    from quotegraph.serve import Settings, create_app
    from quotegraph.store import open_store

    try:
        open_store(db).close()
    except Exception as exc:  # noqa: BLE001 - sqlite3/psycopg errors differ; the user needs the message
        raise click.ClickException(f"cannot open store {db}: {exc}") from exc
    click.echo(f"quotegraph: serving {db} on http://{host}:{port}/ (Ctrl+C to stop)", err=True)
    uvicorn.run(create_app(Settings(db=db, token=token)), host=host, port=port, log_level="warning")
