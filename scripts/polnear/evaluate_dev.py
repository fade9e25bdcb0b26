"""Score the PolNeAR attribution model, the rule-based extractor and their combinations on a gold file.

Usage (repo root): .venv/bin/python scripts/polnear/evaluate_dev.py ../shared/data/polnear-dev.jsonl [model-dir]
Parses each article once (quotegraph's attribution-scope pipeline, complementizer on, as
`quotegraph evaluate` does for PolNeAR), takes the rule quotes from that doc and runs the model on it.
Caches rule quotes and parsed docs in /tmp/polnear; prints one report per variant.
"""

from __future__ import annotations

import json
import sys
import time

import spacy
from spacy.tokens import DocBin
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from predict import MODEL_DIR, attribution_spans, load_attribution, model_quotes  # noqa: E402

from quotegraph.api import _clean, _result  # noqa: E402
from quotegraph.evaluate import evaluate, format_report, read_gold  # noqa: E402
from quotegraph.pipeline import MAX_LENGTH, load_nlp  # noqa: E402

RULES, DOCS = Path("/tmp/polnear/dev_rules.json"), Path("/tmp/polnear/dev_docs.spacy")


def parse_all(articles):
    """Rule quotes and base-parsed docs of every article (cached: parsing is the slow part)."""
    if RULES.exists() and DOCS.exists():
        vocab = spacy.blank("en").vocab
        return json.loads(RULES.read_text()), list(DocBin().from_disk(DOCS).get_docs(vocab))
    nlp = load_nlp(scope="attribution", complementizer=True)
    texts = [_clean(a["text"]) for a in articles]
    assert all(len(t) <= MAX_LENGTH for t in texts)
    rules, docs, db = {}, [], DocBin(store_user_data=False)
    start = time.perf_counter()
    for art, doc in zip(articles, nlp.pipe(texts, batch_size=8)):
        rules[art["id"]] = _result(art["id"], doc).to_dict()
        docs.append(doc)
        db.add(doc)
    print(f"parse+rules {time.perf_counter() - start:.1f}s", file=sys.stderr)
    RULES.write_text(json.dumps(rules))
    db.to_disk(DOCS)
    return rules, docs


def predict_all(articles, docs, model_dir):
    attr = load_attribution(model_dir)
    model, start = {}, time.perf_counter()
    for art, doc in zip(articles, docs):
        spans = attribution_spans(attr, doc)
        model[art["id"]] = {"id": art["id"], "quotes": model_quotes(doc, spans, art["id"]), "speakers": []}
    print(f"attribution model {time.perf_counter() - start:.1f}s", file=sys.stderr)
    return model


def _chars(q):
    return {i for s, e in q["spans"] for i in range(s, e)}


def _overlap(a, b):
    ca, cb = _chars(a), _chars(b)
    return len(ca & cb) / max(1, min(len(ca), len(cb)))


def combine(rules, model, mode, threshold=0.5):
    out = {}
    for aid, r in rules.items():
        rq, mq = r["quotes"], model[aid]["quotes"]
        quotes = []
        if mode == "fill":  # rules, plus model quotes that overlap no rule quote
            quotes = list(rq) + [m for m in mq if not any(_overlap(m, q) > 0 for q in rq)]
        elif mode == "model+fill":  # model, plus rule quotes that overlap no model quote
            quotes = list(mq) + [q for q in rq if not any(_overlap(m, q) > 0 for m in mq)]
        elif mode in ("fix", "fix-all", "fix+fill", "fix-all+fill"):
            used = set()
            for q in rq:
                best = max(((_overlap(m, q), i) for i, m in enumerate(mq)), default=(0, None))
                if best[0] >= threshold:
                    m = mq[best[1]]
                    used.add(best[1])
                    q = dict(q, spans=m["spans"], text=m["text"], kind=m["kind"])
                    if mode.startswith("fix-all"):
                        q["cue"] = m["cue"] or q["cue"]
                        q["speaker"] = dict(q["speaker"], mention=m["speaker"]["mention"] or q["speaker"]["mention"])
                quotes.append(q)
            if mode.endswith("+fill"):
                quotes += [m for i, m in enumerate(mq) if i not in used and not any(_overlap(m, q) > 0 for q in rq)]
        out[aid] = dict(r, quotes=quotes)
    return out


def main(gold_path, model_dir=MODEL_DIR):
    articles = read_gold(gold_path)
    rules, docs = parse_all(articles)
    model = predict_all(articles, docs, model_dir)
    variants = {"rules": rules, "model": model}
    for mode in ("fill", "model+fill", "fix", "fix-all", "fix+fill", "fix-all+fill"):
        variants[mode] = combine(rules, model, mode)
    summary = {}
    for name, preds in variants.items():
        report = evaluate(articles, preds)
        print(f"===== {name}\n{format_report(report)}")
        d = report.to_dict()
        summary[name] = {k: d[k]["overall"] for k in ("quotes@0.3", "quotes@0.8", "exact_content", "exact_source", "exact_cue")}
    print(json.dumps(summary))


if __name__ == "__main__":
    main(*[a for a in sys.argv[1:] if not a.startswith("--")])
