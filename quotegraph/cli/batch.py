"""`quotegraph batch`: a crawl or a pile of articles to Parquet quote tables, in parallel."""

from __future__ import annotations

import click

from quotegraph.cli import main
from quotegraph.cli.extract import model_options
from quotegraph.errors import QuotegraphError
from quotegraph.scale import ENGINES, run_batch


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--output", "-o", required=True, type=click.Path(file_okay=False),
              help="Directory of the Parquet tables (articles, quotes, speakers, mentions) and the manifest.")
@click.option("--engine", type=click.Choice(ENGINES), default="local", show_default=True,
              help="local: a process pool on this machine; ray: Ray Data, local or on a cluster.")
@click.option("--address", default=None, help="Ray cluster to run on (ray://HOST:10001 or auto); implies --engine ray.")
@click.option("--workers", "-w", type=click.IntRange(min=1), default=1, show_default=True,
              help="Worker processes (local) or actors (ray); each loads the model once and uses one core.")
@click.option("--progress/--no-progress", default=None, help="Progress bar on stderr [default: when a terminal].")
@model_options
def batch(inputs, output, engine, address, workers, progress, model, scope):
    """Extract quotes from INPUTS into Parquet tables in --output; `quotegraph ingest DIR` loads them.

    INPUTS are WARC/ARC files (.warc, .warc.gz, .arc, .arc.gz), .parquet, .jsonl, .txt and .html
    files, directories of them, or quoted glob patterns ('crawl/**/*.warc.gz'). Re-running with the
    same --output skips the input files already finished. Broken records are skipped and counted.
    """
    if address:
        engine = "ray"
    try:
        report = run_batch(inputs, output, engine=engine, workers=workers, address=address,
                           model=model, scope=scope, progress=progress)
    except (QuotegraphError, RuntimeError, ValueError) as exc:
        raise click.ClickException(str(exc)) from exc
    for name, reason in report.unmatched:
        click.echo(f"error: {name}: {reason}", err=True)
    skipped = ", ".join(f"{n} {reason}" for reason, n in report.skipped.most_common()) or "none"
    click.echo(
        f"{report.articles} articles, {report.quotes} quotes from {len(report.done)} input file(s) in "
        f"{report.seconds:.1f} s ({report.rate:.1f} articles/s); {report.already_done} input file(s) "
        f"already done; {report.errors} extraction errors; skipped records: {skipped}.\n"
        f"tables in {output} (manifest.jsonl lists the skipped records); load them with: quotegraph ingest {output}",
        err=True,
    )
    if report.unmatched:
        raise click.ClickException(f"{len(report.unmatched)} input(s) matched no file (see above)")
