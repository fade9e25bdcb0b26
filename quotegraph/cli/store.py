"""Store commands: `ingest`, `search`, `speakers`, `quote`, `export`; each is one call into `Store`."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from quotegraph.cli import main
from quotegraph.errors import QuotegraphError
from quotegraph.store import DEFAULT_PATH, SQLStore, open_store
from quotegraph.store.base import EXPORT_FORMATS

INPUT_SUFFIXES = (".txt", ".html", ".htm", ".jsonl", ".gz")

db_option = click.option(
    "--db", default=DEFAULT_PATH, envvar="QUOTEGRAPH_DB", show_default=True,
    help="SQLite file, or a postgresql:// URL for a shared store (env QUOTEGRAPH_DB).",
)
json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")


@contextmanager
def _store(db: str) -> Iterator[SQLStore]:
    """Open the store, turning any failure to open or query it into a one-line error."""
    try:
        store = open_store(db)
    except Exception as exc:  # noqa: BLE001 - sqlite3/psycopg errors differ; the user needs the message
        raise click.ClickException(f"cannot open store {db}: {exc}") from exc
    try:
        yield store
    except QuotegraphError as exc:
        raise click.ClickException(str(exc)) from exc
    finally:
        store.close()


def count_inputs(inputs: tuple[str, ...]) -> int | None:
    """Articles the inputs hold, counted cheaply for the progress bar's ETA; None if unknown."""
    total = 0
    for name in inputs:
        if name == "-":
            return None
        path = Path(name)
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for f in files:
            if f.suffix.lower() == ".jsonl":
                try:
                    with open(f, "rb") as fh:
                        total += sum(1 for line in fh if line.strip())
                except OSError:
                    total += 1
            elif f.suffix.lower() in INPUT_SUFFIXES or not path.is_dir():
                total += 1
    return total


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@db_option
@click.option("--reprocess", is_flag=True,
              help="Re-extract articles already stored (after an extractor upgrade).")
@click.option("--batch-size", default=32, show_default=True, help="Articles per write transaction.")
@click.option("--progress/--no-progress", default=True, show_default=True,
              help="Progress bar on stderr.")
def ingest(inputs: tuple[str, ...], db: str, reprocess: bool, batch_size: int, progress: bool) -> None:
    """Extract quotes from INPUT files, directories or - and add them to the store.

    Articles already stored (same id, or the same text) are skipped, so an interrupted run can be
    started again. Speakers and quotes are linked across articles at the end.
    """
    from tqdm import tqdm

    from quotegraph.read import iter_articles

    from quotegraph.scale.tables import is_output_dir, stored_extraction

    tables = [name for name in inputs if is_output_dir(name)]
    if tables and len(tables) < len(inputs):
        raise click.ClickException("ingest `quotegraph batch` output directories and other inputs "
                                   "in separate runs")
    if tables:  # already extracted by `quotegraph batch`: load, do not extract again
        items, stored, total = stored_extraction(tables)
    else:
        items, stored, total = iter_articles(list(inputs)), {}, count_inputs(inputs)
    with _store(db) as store, tqdm(
        total=total, unit="article", file=sys.stderr, disable=not progress,
        dynamic_ncols=True, smoothing=0.05,
    ) as bar:
        report = store.ingest(items, reprocess=reprocess,
                              batch_size=batch_size, progress=bar, **stored)
        stats = store.stats()
    for source, reason in report.failures[:20]:
        click.echo(f"unreadable: {source}: {reason}", err=True)
    if len(report.failures) > 20:
        click.echo(f"... and {len(report.failures) - 20} more unreadable inputs", err=True)
    new = report.added + report.reprocessed
    rate = new / report.seconds if report.seconds else 0.0
    size = _size(db)
    click.echo(
        f"{new} articles extracted ({report.reprocessed} reprocessed) in {report.seconds:.1f} s "
        f"({rate:.1f} articles/s); {report.skipped} already stored, {report.duplicates} duplicates, "
        f"{report.errors} extraction errors, {len(report.failures)} unreadable.\n"
        f"store {db}{size}: {stats['articles']} articles, {stats['quotes']} quotes, "
        f"{stats['clusters']} quote clusters, {stats['speakers']} speakers",
        err=True,
    )


@main.command()
@click.argument("text")
@db_option
@click.option("--speaker", help="Only quotes by this person (name, alias or id).")
@click.option("--since", help="Only articles dated on or after this day (YYYY-MM-DD).")
@click.option("--until", help="Only articles dated on or before this day (YYYY-MM-DD).")
@click.option("--outlet", help="Only articles from this outlet.")
@click.option("--limit", default=20, show_default=True)
@json_option
def search(text: str, db: str, speaker: str | None, since: str | None, until: str | None,
           outlet: str | None, limit: int, as_json: bool) -> None:
    """Quotes containing the words of TEXT, best match first, one line per quote cluster."""
    with _store(db) as store:
        hits = store.search(text, speaker=speaker, since=since, until=until, outlet=outlet, limit=limit)
    if as_json:
        for h in hits:
            click.echo(json.dumps(h.to_dict(), ensure_ascii=False))
        return
    if not hits:
        click.echo("no quotes found", err=True)
    for h in hits:
        where = ", ".join(x for x in (h.outlet, h.date, h.article_id) if x)
        more = f"; {h.n_occurrences} occurrences" if h.n_occurrences > 1 else ""
        click.echo(f"{h.cluster_id}  \u201c{h.text}\u201d \u2014 {h.speaker or 'unknown'} ({where}{more})")


@main.command()
@db_option
@click.option("--top", default=20, show_default=True, help="How many; 0 for all.")
@json_option
def speakers(db: str, top: int, as_json: bool) -> None:
    """The most quoted people and organisations, with the names and titles they go by."""
    with _store(db) as store:
        people = store.speakers(top or None)
    for rank, p in enumerate(people, 1):
        if as_json:
            click.echo(json.dumps(p.to_dict(), ensure_ascii=False))
            continue
        aliases = ", ".join(" ".join(a.split()) for a in p.aliases if a != p.name)
        titles = "; ".join(" ".join(t.split()) for t in p.titles[:3])
        click.echo(
            f"{rank:>3}. {p.name} [{p.id}] {p.n_quotes} quotes in {p.n_articles} articles"
            + (f"\n     aka {aliases}" if aliases else "")
            + (f"\n     {titles}" if titles else "")
        )


@main.command()
@click.argument("quote_id")
@db_option
@json_option
def quote(quote_id: str, db: str, as_json: bool) -> None:
    """A quote cluster (by cluster id or quote id): occurrences, first seen, variants, pieces."""
    with _store(db) as store:
        cluster = store.quote(quote_id)
    if cluster is None:
        raise click.ClickException(f"no quote or quote cluster with id {quote_id!r}; "
                                   "`quotegraph search` shows the ids")
    if as_json:
        click.echo(json.dumps(cluster.to_dict(), ensure_ascii=False, indent=2))
        return
    click.echo(f"{cluster.id}  \u201c{cluster.text}\u201d")
    click.echo(f"speaker: {cluster.speaker or 'unknown'}")
    click.echo(f"first seen: {cluster.first_seen or 'undated'} in {cluster.first_article_id}")
    click.echo(f"{len(cluster.occurrences)} occurrences, {len(cluster.variants)} variants:")
    for o in cluster.occurrences:
        where = ", ".join(x for x in (o.outlet, o.date, o.url or o.article_id) if x)
        click.echo(f"  {o.quote_id} [{o.relation}] {where}")
        for d in o.diff or ():
            click.echo(f"      {d['op']}: \u201c{d['canonical']}\u201d -> \u201c{d['variant']}\u201d")
    for f in cluster.fragments:
        click.echo(f"  fragment {f['quote_id']}: \u201c{f['text']}\u201d")
    for p in cluster.part_of:
        click.echo(f"  part of {p['cluster_id']} (quote {p['target_quote_id']})")
    for h in cluster.headlines:
        click.echo(f"  headline of {h['article_id']}: \u201c{h['text']}\u201d in \u201c{h['title']}\u201d")


@main.command()
@db_option
@click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS), default="jsonl", show_default=True)
@click.option("--level", type=click.Choice(["quotes", "clusters"]), default="quotes", show_default=True,
              help="One row per quote occurrence or per quote cluster (quotebank is per cluster).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True),
              help="File to write; standard output by default.")
def export(db: str, fmt: str, level: str, output: str | None) -> None:
    """Write the store's quotes as JSON lines, CSV, Parquet or Quotebank JSON lines."""
    with _store(db) as store:
        if fmt == "parquet":
            with (open(output, "wb") if output else _stdout_binary()) as out:
                n = store.export(fmt, out, level=level)
        else:
            with (open(output, "w", encoding="utf-8", newline="") if output else _stdout_text()) as out:
                n = store.export(fmt, out, level=level)
    click.echo(f"{n} rows written" + (f" to {output}" if output else ""), err=True)


@contextmanager
def _stdout_binary() -> Iterator:
    yield click.get_binary_stream("stdout")


@contextmanager
def _stdout_text() -> Iterator:
    yield click.get_text_stream("stdout")


def _size(db: str) -> str:
    if db.startswith(("postgresql://", "postgres://")):
        return ""
    path = Path(db.removeprefix("sqlite:///"))
    total = sum(os.path.getsize(p) for p in (path, Path(f"{path}-wal")) if p.exists())
    return f" ({total / 1e6:.1f} MB)"
