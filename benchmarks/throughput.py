"""Throughput of `quotegraph extract` against a plain spaCy pass over the same BBC articles.

Both sides run in one process on the same articles, with the same base model and batch size;
model loading is left out and each side gets one warm-up article first. The two passes alternate
for --repeats rounds and the best time of each is kept, so a busy machine hurts both alike.

With --cli, the real command `quotegraph extract FILE.jsonl` is also timed end to end in a
subprocess (start-up, model load, reading, writing JSON) against a subprocess doing the plain
spaCy pass from `spacy.load` to the last Doc.

Data: ../shared/data/bbc.jsonl (BBC News 2004-05, Greene & Cunningham, ICML 2006), read in place.
"""

from __future__ import annotations

import argparse
import inspect
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import spacy

from quotegraph.api import extract_articles
from quotegraph.model import Article
from quotegraph.pipeline import DEFAULT_MODELS, MODEL_ENV, load_nlp

REPO = Path(__file__).resolve().parent.parent
BBC = REPO.parent / "shared" / "data" / "bbc.jsonl"
BATCH_SIZE = inspect.signature(extract_articles).parameters["batch_size"].default

PLAIN_SCRIPT = """
import json, sys
import spacy
nlp = spacy.load(sys.argv[1])
texts = [json.loads(line)["text"] for line in open(sys.argv[2], encoding="utf-8")]
for doc in nlp.pipe(texts, batch_size=int(sys.argv[3])):
    pass
"""


def read_articles(path: Path, count: int) -> list[Article]:
    articles = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if len(articles) == count:
                break
            record = json.loads(line)
            articles.append(Article(id=record["id"], text=record["text"]))
    return articles


def base_model(requested: str | None) -> str:
    """The base pipeline quotegraph builds on, chosen as `load_nlp` chooses it."""
    if requested or os.environ.get(MODEL_ENV):
        return requested or os.environ[MODEL_ENV]
    for name in DEFAULT_MODELS:
        if spacy.util.is_package(name):
            return name
    raise SystemExit(f"none of {DEFAULT_MODELS} is installed")


def time_plain(nlp, texts: list[str]) -> float:
    started = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=BATCH_SIZE):
        pass
    return time.perf_counter() - started


def time_extract(nlp, articles: list[Article]) -> float:
    started = time.perf_counter()
    for result in extract_articles(articles, nlp=nlp, batch_size=BATCH_SIZE):
        if result.error:
            raise SystemExit(f"article {result.id} failed: {result.error}")
    return time.perf_counter() - started


def in_process(articles: list[Article], model: str, repeats: int) -> None:
    plain = spacy.load(model)
    full = load_nlp(model)
    texts = [a.text for a in articles]
    time_plain(plain, texts[:1])  # warm-up
    time_extract(full, articles[:1])
    best = {"plain": float("inf"), "extract": float("inf")}
    for round_ in range(repeats):
        order = ("plain", "extract") if round_ % 2 == 0 else ("extract", "plain")
        for side in order:
            took = time_plain(plain, texts) if side == "plain" else time_extract(full, articles)
            best[side] = min(best[side], took)
            print(f"  round {round_ + 1} {side:<8} {took:6.2f}s")
    report("in process (model load excluded)", len(articles), best["plain"], best["extract"])


def end_to_end(articles: list[Article], model: str, repeats: int) -> None:
    quotegraph = Path(sys.executable).with_name("quotegraph")
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / f"bbc{len(articles)}.jsonl"
        with data.open("w", encoding="utf-8") as out:
            for a in articles:
                out.write(json.dumps({"id": a.id, "text": a.text}, ensure_ascii=False) + "\n")
        commands = {
            "plain": [sys.executable, "-c", PLAIN_SCRIPT, model, str(data), str(BATCH_SIZE)],
            "extract": [str(quotegraph), "extract", str(data), "--model", model, "-o", os.devnull],
        }
        best = {"plain": float("inf"), "extract": float("inf")}
        for round_ in range(repeats):
            order = ("plain", "extract") if round_ % 2 == 0 else ("extract", "plain")
            for side in order:
                started = time.perf_counter()
                subprocess.run(commands[side], check=True, cwd=tmp, stdout=subprocess.DEVNULL)
                took = time.perf_counter() - started
                best[side] = min(best[side], took)
                print(f"  round {round_ + 1} {side:<8} {took:6.2f}s (subprocess)")
    report("end to end (subprocess: start-up, model load, I/O)", len(articles), best["plain"], best["extract"])


def report(title: str, count: int, plain: float, extract: float) -> None:
    print(f"{title}, {count} articles, best of the rounds:")
    print(f"  plain spaCy        {count / plain:8.1f} articles/s  ({plain:.2f}s)")
    print(f"  quotegraph extract {count / extract:8.1f} articles/s  ({extract:.2f}s)")
    print(f"  ratio extract/plain  {extract / plain:.2f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("count", nargs="?", type=int, default=150, help="first N articles of bbc.jsonl (default 150)")
    parser.add_argument("--data", type=Path, default=BBC, help=f"JSONL articles (default {BBC})")
    parser.add_argument("--model", default=None, help="base spaCy pipeline (default: the one quotegraph picks)")
    parser.add_argument("--repeats", type=int, default=3, help="alternating rounds; the best of each side is kept")
    parser.add_argument("--cli", action="store_true", help="also time the real CLI end to end in subprocesses")
    args = parser.parse_args()
    if not args.data.exists():
        raise SystemExit(f"{args.data} not found (see ../shared/data/README.md)")
    articles = read_articles(args.data, args.count)
    model = base_model(args.model)
    print(f"{len(articles)} articles from {args.data.name}, base model {model}, batch size {BATCH_SIZE}")
    in_process(articles, model, args.repeats)
    if args.cli:
        end_to_end(articles, model, args.repeats)


if __name__ == "__main__":
    main()
